/**
 * Weibull variates.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { Rng } from './stream.ts';

/**
 * One Weibull draw with shape ρ and scale λ, by inversion.
 *
 * @param rng - the random stream.
 * @param rho - the shape ρ, a finite number > 0.
 * @param scale - the scale λ, a finite number > 0 (default 1).
 * @returns a number >= 0.
 * @throws FragilityInputError (`rho`, `scale`).
 *
 * @complexity O(1).
 *
 * @model P(X <= x) = 1 − exp(−(x/λ)^ρ); X = λ(−ln U)^(1/ρ), U uniform on (0, 1].
 *
 * @references W. Weibull, J. Appl. Mech. 18 (1951) 293; Devroye (1986), §II.2.
 *
 * @example
 * ```ts
 * const x = weibull(stream(1), 2, 1); // mean Γ(1.5) ≈ 0.8862
 * ```
 *
 * @category Samplers
 */
export function weibull(rng: Rng, rho: number, scale = 1): number {
  if (!(rho > 0 && rho < Infinity)) throw new FragilityInputError('rho', rho, 'a finite number > 0');
  if (!(scale > 0 && scale < Infinity)) throw new FragilityInputError('scale', scale, 'a finite number > 0');
  return scale * Math.pow(-Math.log(rng.nextOpen()), 1 / rho);
}
