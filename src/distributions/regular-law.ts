/**
 * The regular degree law: every node has degree k.
 *
 * @module
 */
import { checkInteger } from '../errors.ts';
import type { DegreeLaw } from './types.ts';
import { degreeLawFromPmf, MAX_DEGREE_SUPPORT } from './degree-law.ts';

/**
 * The law p_k = 1 for a single k.
 *
 * @param k - the degree, an integer in [0, 1e7].
 * @returns the law, spec `regular(k)`.
 * @throws FragilityInputError (`law.k`) for a negative or non-integer k.
 *
 * @complexity O(k) (the pmf table is dense from 0).
 *
 * @model G0(x) = x^k, G1(x) = x^(k−1).
 *
 * @references Newman, Strogatz & Watts, Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * regularLaw(3).G1(0.5); // 0.25
 * ```
 *
 * @category Degree laws
 */
export function regularLaw(k: number): DegreeLaw {
  checkInteger('law.k', k, 0, MAX_DEGREE_SUPPORT);
  const pk = new Float64Array(k + 1);
  pk[k] = 1;
  return degreeLawFromPmf(`regular(${k})`, pk, 0);
}
