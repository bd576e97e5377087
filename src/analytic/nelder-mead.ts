/**
 * Derivative-free minimisation by the Nelder–Mead simplex method, bounded in evaluations so that it cannot hang.
 * Hand-written (about 100 lines): mathjs, the numeric library the project already depends on, has no minimiser, and
 * no other installed package has one.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';

/**
 * Options of {@link nelderMead}.
 *
 * @category Numerics
 */
export interface NelderMeadOptions {
  /** Initial simplex: x0 plus x0 + step_i·e_i for each coordinate i (default 0.1 each, or a number for all). */
  step?: number | number[];
  /** Stop after this many evaluations of f (default 200·dimension). */
  maxEvaluations?: number;
  /** Stop when max |f(vertex) − f(best)| <= fTol (default 1e-8) … */
  fTol?: number;
  /** … and max |vertex − best| (every coordinate) <= xTol (default 1e-6). */
  xTol?: number;
}

/**
 * Result of {@link nelderMead}.
 *
 * @category Numerics
 */
export interface NelderMeadResult {
  /** Best point found. */
  x: number[];
  /** f(x). */
  f: number;
  /** Evaluations of f used. */
  evaluations: number;
  /** True when both tolerances were met before the evaluation bound. */
  converged: boolean;
  /** Iterations (reflection steps) made. */
  iterations: number;
}

/**
 * Minimise f over R^d by the Nelder–Mead simplex method (standard coefficients: reflection 1, expansion 2,
 * contraction ½, shrink ½; inside and outside contractions as in Lagarias et al.).
 *
 * @param f - the objective (NaN is treated as +Infinity).
 * @param x0 - the starting point (d >= 1 coordinates).
 * @param options - initial step, evaluation bound, tolerances.
 * @returns the best point, its value, the evaluations used and whether the tolerances were met.
 * @throws FragilityInputError for an empty or non-finite x0, a bad step or bound.
 *
 * @complexity at most `maxEvaluations` calls of f; O(d) arithmetic per call besides f, O(d log d) per sort.
 *
 * @model deterministic (no random restarts): the same f and x0 give the same path.
 *
 * @references J. A. Nelder, R. Mead, Comput. J. 7, 308 (1965); J. C. Lagarias, J. A. Reeds, M. H. Wright,
 * P. E. Wright, SIAM J. Optim. 9, 112 (1998).
 *
 * @example
 * ```ts
 * const r = nelderMead(([x, y]) => (x - 1) ** 2 + 10 * (y + 2) ** 2, [0, 0]);
 * r.x; // ≈ [1, -2]
 * ```
 *
 * @category Numerics
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  if (!Array.isArray(x0) || x0.length === 0)
    throw new FragilityInputError('x0', x0, 'a non-empty array of finite numbers');
  x0.forEach((v, i) => checkNumber(`x0[${i}]`, v));
  const d = x0.length;
  const steps = Array.isArray(options.step)
    ? options.step
    : Array.from({ length: d }, () => (options.step as number | undefined) ?? 0.1);
  if (steps.length !== d) throw new FragilityInputError('step', steps, `a number or an array of ${d} non-zero numbers`);
  steps.forEach((s, i) => {
    checkNumber(`step[${i}]`, s);
    if (s === 0) throw new FragilityInputError(`step[${i}]`, s, 'a non-zero number');
  });
  const maxEval = options.maxEvaluations ?? 200 * d;
  checkInteger('maxEvaluations', maxEval, d + 1, 1e7);
  const fTol = options.fTol ?? 1e-8;
  const xTol = options.xTol ?? 1e-6;
  checkNumber('fTol', fTol, 0);
  checkNumber('xTol', xTol, 0);

  let evaluations = 0;
  const F = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  let simplex: { x: number[]; f: number }[] = [{ x: x0.slice(), f: F(x0) }];
  for (let i = 0; i < d; i++) {
    const x = x0.slice();
    x[i] += steps[i];
    simplex.push({ x, f: F(x) });
  }
  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i] - ai)); // a + t(b − a)
  let iterations = 0;
  let converged = false;
  for (;;) {
    simplex.sort((a, b) => a.f - b.f);
    const best = simplex[0];
    let fSpread = 0;
    let xSpread = 0;
    for (let j = 1; j <= d; j++) {
      fSpread = Math.max(fSpread, Math.abs(simplex[j].f - best.f));
      for (let i = 0; i < d; i++) xSpread = Math.max(xSpread, Math.abs(simplex[j].x[i] - best.x[i]));
    }
    if (fSpread <= fTol && xSpread <= xTol) {
      converged = true;
      break;
    }
    if (evaluations >= maxEval) break;
    iterations++;
    const worst = simplex[d];
    const centroid = new Array<number>(d).fill(0);
    for (let j = 0; j < d; j++) for (let i = 0; i < d; i++) centroid[i] += simplex[j].x[i] / d;
    const xr = combine(centroid, worst.x, -1);
    const fr = F(xr);
    if (fr < best.f) {
      if (evaluations >= maxEval) {
        simplex[d] = { x: xr, f: fr };
        continue;
      }
      const xe = combine(centroid, worst.x, -2);
      const fe = F(xe);
      simplex[d] = fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
      continue;
    }
    if (fr < simplex[d - 1].f) {
      simplex[d] = { x: xr, f: fr };
      continue;
    }
    if (evaluations >= maxEval) continue;
    // contraction: outside if the reflected point beats the worst, else inside
    const outside = fr < worst.f;
    const xc = outside ? combine(centroid, worst.x, -0.5) : combine(centroid, worst.x, 0.5);
    const fc = F(xc);
    if (fc < (outside ? fr : worst.f)) {
      simplex[d] = { x: xc, f: fc };
      continue;
    }
    // shrink toward the best vertex
    simplex = simplex.map((v, j) =>
      j === 0 || evaluations >= maxEval
        ? v
        : (() => {
            const x = combine(best.x, v.x, 0.5);
            return { x, f: F(x) };
          })(),
    );
  }
  simplex.sort((a, b) => a.f - b.f);
  return { x: simplex[0].x, f: simplex[0].f, evaluations, converged, iterations };
}
