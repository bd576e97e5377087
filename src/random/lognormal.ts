/**
 * Log-normal variates.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import { normal } from './normal.ts';
import type { Rng } from './stream.ts';

/**
 * One log-normal draw: exp(μ + σZ), Z standard normal.
 *
 * @param rng - the random stream.
 * @param mu - μ, the mean of ln X, a finite number.
 * @param sigma - σ, the standard deviation of ln X, a finite number >= 0.
 * @returns a number > 0.
 * @throws FragilityInputError (`mu`, `sigma`).
 *
 * @complexity O(1) expected.
 *
 * @model ln X ~ N(μ, σ²); E[X] = exp(μ + σ²/2).
 *
 * @references J. Aitchison, J. A. C. Brown, *The Lognormal Distribution* (Cambridge, 1957); Devroye (1986), §IX.
 *
 * @example
 * ```ts
 * const x = lognormal(stream(1), 0, 0.5); // mean e^0.125 ≈ 1.1331
 * ```
 *
 * @category Samplers
 */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  if (!Number.isFinite(mu)) throw new FragilityInputError('mu', mu, 'a finite number');
  if (!(sigma >= 0 && sigma < Infinity)) throw new FragilityInputError('sigma', sigma, 'a finite number >= 0');
  return Math.exp(mu + sigma * normal(rng));
}
