/**
 * The log-normal capacity (threshold) law.
 *
 * @module
 */
import { checkNumber } from '../errors.ts';
import { normal } from '../random/normal.ts';
import type { Rng } from '../random/stream.ts';
import type { CapacityLaw } from './types.ts';
import { checkAbove, formatSpecNumber } from './degree-law.ts';
import { standardNormalCdf, standardNormalQuantile } from './normal-functions.ts';

const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Capacities whose logarithm is normal with mean μ and standard deviation σ.
 *
 * @param mu - μ, a finite number.
 * @param sigma - σ, a number > 0.
 * @returns the law, spec `lognormal(mu,sigma)`, support (0, ∞).
 * @throws FragilityInputError (`capacity.mu`, `capacity.sigma`).
 *
 * @complexity O(1) per call.
 *
 * @model F(x) = Φ((ln x − μ)/σ), mean exp(μ + σ²/2).
 *
 * @references Aitchison & Brown, *The Lognormal Distribution* (1957); for heterogeneous node capacities see
 * A. E. Motter, Y.-C. Lai, Phys. Rev. E 66, 065102 (2002), doi:10.1103/PhysRevE.66.065102.
 *
 * @example
 * ```ts
 * lognormalCapacity(0, 0.5).quantile(0.5); // 1
 * ```
 *
 * @category Capacity laws
 */
export function lognormalCapacity(mu: number, sigma: number): CapacityLaw {
  checkNumber('capacity.mu', mu);
  checkAbove('capacity.sigma', sigma, 0);
  return {
    spec: `lognormal(${formatSpecNumber(mu)},${formatSpecNumber(sigma)})`,
    lo: 0,
    hi: Infinity,
    mean: Math.exp(mu + (sigma * sigma) / 2),
    cdf: (x) => (x <= 0 ? 0 : standardNormalCdf((Math.log(x) - mu) / sigma)),
    pdf: (x) => {
      if (x <= 0) return 0;
      const z = (Math.log(x) - mu) / sigma;
      return (INV_SQRT_2PI * Math.exp(-0.5 * z * z)) / (x * sigma);
    },
    quantile: (u) => (u <= 0 ? 0 : u >= 1 ? Infinity : Math.exp(mu + sigma * standardNormalQuantile(u))),
    sample: (rng: Rng) => Math.exp(mu + sigma * normal(rng)),
  };
}
