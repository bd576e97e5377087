/**
 * Finite mixtures of degree laws.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { DegreeLaw } from './types.ts';
import { degreeLawFromPmf, formatSpecNumber } from './degree-law.ts';

/**
 * One component of a {@link mixtureLaw}.
 *
 * @category Degree laws
 */
export interface MixtureComponent {
  /** The component's weight, >= 0; the weights sum to 1. */
  weight: number;
  /** The component law. */
  law: DegreeLaw;
}

/**
 * The mixture p_k = Σ_i w_i p_k^(i).
 *
 * @param components - at least one component; weights >= 0 summing to 1 within 1e-9 (they are then renormalised).
 * @returns the law, spec `mixture(w1*law1,w2*law2,…)`; its truncation error is Σ w_i·err_i.
 * @throws FragilityInputError (`law.components`, `law.weights`, `law.weights[i]`).
 *
 * @complexity O(Σ_i kmax_i).
 *
 * @model G0(x) = Σ_i w_i G0^(i)(x).
 *
 * @references Newman, Strogatz & Watts, Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * mixtureLaw([{ weight: 0.3, law: poissonLaw(2) }, { weight: 0.7, law: regularLaw(5) }]).mean; // 4.1
 * ```
 *
 * @category Degree laws
 */
export function mixtureLaw(components: readonly MixtureComponent[]): DegreeLaw {
  if (!Array.isArray(components) || components.length === 0) {
    throw new FragilityInputError('law.components', components?.length ?? 0, 'at least one weighted law');
  }
  let total = 0;
  let kmax = 0;
  components.forEach((c, i) => {
    if (!(c.weight >= 0 && c.weight < Infinity)) {
      throw new FragilityInputError(`law.weights[${i}]`, c.weight, 'a finite number >= 0');
    }
    total += c.weight;
    kmax = Math.max(kmax, c.law.kmax);
  });
  if (!(Math.abs(total - 1) <= 1e-9)) throw new FragilityInputError('law.weights', total, 'weights summing to 1');
  const pk = new Float64Array(kmax + 1);
  let error = 0;
  for (const c of components) {
    const w = c.weight / total;
    const src = c.law.pk;
    for (let k = c.law.kmin; k <= c.law.kmax; k++) pk[k] += w * src[k];
    error += w * c.law.truncationError;
  }
  const spec = `mixture(${components.map((c) => `${formatSpecNumber(c.weight)}*${c.law.spec}`).join(',')})`;
  return degreeLawFromPmf(spec, pk, error);
}
