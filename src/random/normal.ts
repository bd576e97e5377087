/**
 * Standard normal variates.
 *
 * @module
 */
import type { Rng } from './stream.ts';

/**
 * One standard normal draw (mean 0, variance 1) by Marsaglia's polar method (the second variate of each pair is
 * discarded, so that a draw depends on the stream alone).
 *
 * @param rng - the random stream.
 * @returns a standard normal number.
 *
 * @complexity O(1) expected (4/π ≈ 1.27 pairs of uniforms per draw).
 *
 * @model (u, v) uniform in the unit disc, s = u² + v²: u·√(−2 ln s / s) ~ N(0, 1).
 *
 * @references G. Marsaglia, T. A. Bray, "A convenient method for generating normal variables", SIAM Review 6
 * (1964) 260, doi:10.1137/1006063.
 *
 * @example
 * ```ts
 * const z = normal(stream(1));
 * ```
 *
 * @category Samplers
 */
export function normal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}
