/**
 * Degree laws given by a formula in k (the sandboxed mathjs subset of expression-sandbox.ts), tabulated on kmin..kmax
 * and normalised.
 *
 * @module
 */
import { checkInteger, FragilityInputError } from '../errors.ts';
import type { DegreeLaw } from './types.ts';
import { degreeLawFromPmf, MAX_DEGREE_SUPPORT } from './degree-law.ts';
import { checkEvaluationBudget, compileExpression } from './expression-sandbox.ts';

/**
 * Options of {@link expressionDegreeLaw}.
 *
 * @category Degree laws
 */
export interface ExpressionLawOptions {
  /** Smallest degree (default 1, so that k^-tau is finite). */
  kmin?: number;
  /** Largest degree (required), at most 1e7. */
  kmax: number;
}

/**
 * The law p_k ∝ f(k) for kmin <= k <= kmax, f a mathjs expression in k.
 *
 * @param expression - e.g. `"k^-2.5*exp(-k/100)"`; it must give a finite number >= 0 at every k, not all zero.
 * @param options - `kmin` (default 1) and `kmax` (required), integers with 0 <= kmin <= kmax <= 1e7.
 * @returns the law, spec `expr("…",kmin=…,kmax=…)`.
 * @throws FragilityInputError: `law.expr` (does not parse, uses anything outside the sandboxed language, is longer
 *   than 1000 characters or 256 nodes, or a value is negative, non-finite, or not a real number, with the k in the
 *   message), `law.expr` (all zero), `law.kmin`, `law.kmax` (out of range, or (kmax − kmin + 1) × nodes above the
 *   evaluation budget of 1.5e8).
 *
 * @complexity O((kmax − kmin) × nodes), checked against the budget before the first evaluation.
 *
 * @model p_k = f(k) / Σ_(j=kmin)^(kmax) f(j).
 *
 * @references mathjs expression syntax, https://mathjs.org/docs/expressions/syntax.html.
 *
 * @example
 * ```ts
 * expressionDegreeLaw('k^-2.5*exp(-k/100)', { kmin: 1, kmax: 10000 }).kmax; // 10000
 * ```
 *
 * @category Degree laws
 */
export function expressionDegreeLaw(expression: string, options: ExpressionLawOptions): DegreeLaw {
  const kmin = options.kmin ?? 1;
  const kmax = options.kmax;
  checkInteger('law.kmin', kmin, 0, MAX_DEGREE_SUPPORT);
  checkInteger('law.kmax', kmax, 0, MAX_DEGREE_SUPPORT);
  if (kmax < kmin) throw new FragilityInputError('law.kmax', kmax, `an integer >= kmin (${kmin})`);
  const code = compileExpression(expression, 'k', 'law.expr');
  checkEvaluationBudget('law.kmax', kmax, kmax - kmin + 1, code.cost);
  const f = code.evaluate;
  const pk = new Float64Array(kmax + 1);
  let total = 0;
  for (let k = kmin; k <= kmax; k++) {
    const v = f(k);
    if (!(v >= 0 && v < Infinity)) {
      throw new FragilityInputError(
        'law.expr',
        expression,
        'an expression giving a finite value >= 0 for every k',
        `it gives ${v} at k = ${k}`,
      );
    }
    pk[k] = v;
    total += v;
  }
  if (!(total > 0)) {
    throw new FragilityInputError('law.expr', expression, 'an expression with a positive sum over kmin..kmax');
  }
  if (!(total < Infinity)) {
    throw new FragilityInputError('law.expr', expression, 'an expression with a finite sum over kmin..kmax');
  }
  return degreeLawFromPmf(`expr(${JSON.stringify(expression)},kmin=${kmin},kmax=${kmax})`, pk, 0, {
    field: 'law.expr',
  });
}
