/**
 * Geometric skips, for sampling Bernoulli(p) events by jumping over the failures (Batagelj–Brandes).
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { Rng } from './stream.ts';

/**
 * The number of failures before the next success in Bernoulli(p) trials, given ln(1 − p) (precompute it once).
 *
 * @param rng - the random stream.
 * @param logOneMinusP - ln(1 − p), a number <= 0 (use `Math.log1p(-p)`); 0 (p = 0) gives Infinity, −Infinity (p = 1)
 *   gives 0.
 * @returns an integer >= 0, or Infinity when p = 0.
 * @throws FragilityInputError (`logOneMinusP`) for a positive or NaN value.
 *
 * @complexity O(1).
 *
 * @model P(X = j) = (1 − p)^j p; X = ⌊ln U / ln(1 − p)⌋, U uniform on (0, 1].
 *
 * @references V. Batagelj, U. Brandes, "Efficient generation of large random networks", Phys. Rev. E 71,
 * 036113 (2005), doi:10.1103/PhysRevE.71.036113; Devroye (1986), §X.2.
 *
 * @example
 * ```ts
 * const lq = Math.log1p(-0.01);
 * const skip = geometricSkip(stream(1), lq); // mean 99
 * ```
 *
 * @category Samplers
 */
export function geometricSkip(rng: Rng, logOneMinusP: number): number {
  if (!(logOneMinusP <= 0)) throw new FragilityInputError('logOneMinusP', logOneMinusP, 'a number <= 0 (ln(1 - p))');
  if (logOneMinusP === 0) return Infinity;
  if (logOneMinusP === -Infinity) return 0;
  return Math.floor(Math.log(rng.nextOpen()) / logOneMinusP);
}
