/**
 * Exponential variates.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { Rng } from './stream.ts';

/**
 * One exponential draw with the given rate (mean 1/rate), by inversion.
 *
 * @param rng - the random stream.
 * @param rate - the rate λ, a finite number > 0 (default 1).
 * @returns a number >= 0.
 * @throws FragilityInputError (`rate`) for a rate that is not a finite number > 0.
 *
 * @complexity O(1).
 *
 * @model X = −ln(U)/λ with U uniform on (0, 1].
 *
 * @references L. Devroye, *Non-Uniform Random Variate Generation* (Springer, 1986), §II.2.
 *
 * @example
 * ```ts
 * const t = exponential(stream(1), 2); // mean 0.5
 * ```
 *
 * @category Samplers
 */
export function exponential(rng: Rng, rate = 1): number {
  if (!(rate > 0 && rate < Infinity)) throw new FragilityInputError('rate', rate, 'a finite number > 0');
  return -Math.log(rng.nextOpen()) / rate;
}
