/**
 * The Weibull capacity (threshold) law.
 *
 * @module
 */
import { logGamma } from '../random/log-gamma.ts';
import type { Rng } from '../random/stream.ts';
import type { CapacityLaw } from './types.ts';
import { checkAbove, formatSpecNumber } from './degree-law.ts';

/**
 * Capacities with a Weibull law of shape ρ and scale λ.
 *
 * @param rho - the shape ρ (Weibull index), a number > 0.
 * @param scale - the scale λ, a number > 0 (default 1).
 * @returns the law, spec `weibull(rho,scale=lambda)`, support [0, ∞).
 * @throws FragilityInputError (`capacity.rho`, `capacity.scale`).
 *
 * @complexity O(1) per call.
 *
 * @model F(x) = 1 − exp(−(x/λ)^ρ), f(x) = (ρ/λ)(x/λ)^(ρ−1) e^(−(x/λ)^ρ), mean λΓ(1 + 1/ρ).
 *
 * @references W. Weibull, J. Appl. Mech. 18 (1951) 293; Pradhan, Hansen & Chakrabarti, Rev. Mod. Phys. 82, 499
 * (2010), doi:10.1103/RevModPhys.82.499.
 *
 * @example
 * ```ts
 * weibullCapacity(2, 1).mean; // 0.88622692545276 (= Γ(1.5))
 * ```
 *
 * @category Capacity laws
 */
export function weibullCapacity(rho: number, scale = 1): CapacityLaw {
  checkAbove('capacity.rho', rho, 0);
  checkAbove('capacity.scale', scale, 0);
  const invRho = 1 / rho;
  return {
    spec: `weibull(${formatSpecNumber(rho)},scale=${formatSpecNumber(scale)})`,
    lo: 0,
    hi: Infinity,
    mean: scale * Math.exp(logGamma(1 + invRho)),
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-Math.pow(x / scale, rho))),
    pdf: (x) => {
      if (x < 0) return 0;
      const y = x / scale;
      if (x === 0) return rho < 1 ? Infinity : rho === 1 ? 1 / scale : 0;
      return (rho / scale) * Math.pow(y, rho - 1) * Math.exp(-Math.pow(y, rho));
    },
    quantile: (u) => (u <= 0 ? 0 : u >= 1 ? Infinity : scale * Math.pow(-Math.log1p(-u), invRho)),
    sample: (rng: Rng) => scale * Math.pow(-Math.log(rng.nextOpen()), invRho),
  };
}
