/**
 * The bimodal degree law: two degrees in given proportions.
 *
 * @module
 */
import { checkInteger, checkProbability } from '../errors.ts';
import type { DegreeLaw } from './types.ts';
import { degreeLawFromPmf, formatSpecNumber, MAX_DEGREE_SUPPORT } from './degree-law.ts';

/**
 * The law with p_(k1) = 1 − frac2 and p_(k2) = frac2 (the two add up when k1 = k2).
 *
 * @param k1 - the first degree, an integer in [0, 1e7].
 * @param k2 - the second degree, an integer in [0, 1e7].
 * @param frac2 - the fraction of nodes with degree k2, in [0, 1].
 * @returns the law, spec `bimodal(k1,k2,frac2)`.
 * @throws FragilityInputError (`law.k1`, `law.k2`, `law.frac2`).
 *
 * @complexity O(max(k1, k2)).
 *
 * @model G0(x) = (1 − f) x^(k1) + f x^(k2).
 *
 * @references A. X. C. N. Valente, A. Sarkar, H. A. Stone, "Two-peak and three-peak optimal complex networks",
 * Phys. Rev. Lett. 92, 118702 (2004), doi:10.1103/PhysRevLett.92.118702.
 *
 * @example
 * ```ts
 * bimodalLaw(3, 10, 0.2).mean; // 4.4 (= 0.8·3 + 0.2·10)
 * ```
 *
 * @category Degree laws
 */
export function bimodalLaw(k1: number, k2: number, frac2: number): DegreeLaw {
  checkInteger('law.k1', k1, 0, MAX_DEGREE_SUPPORT);
  checkInteger('law.k2', k2, 0, MAX_DEGREE_SUPPORT);
  checkProbability('law.frac2', frac2);
  const pk = new Float64Array(Math.max(k1, k2) + 1);
  pk[k1] += 1 - frac2;
  pk[k2] += frac2;
  return degreeLawFromPmf(`bimodal(${k1},${k2},${formatSpecNumber(frac2)})`, pk, 0);
}
