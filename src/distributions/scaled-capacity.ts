/**
 * A capacity law stretched by a constant factor.
 *
 * @module
 */
import type { Rng } from '../random/stream.ts';
import type { CapacityLaw } from './types.ts';

/**
 * The law of k·X for X drawn from `law` (k > 0): used to scale supernode headroom, α → k·α.
 *
 * @param law - the capacity law of X.
 * @param k - the factor, k > 0 (k = 1 returns `law` itself).
 * @returns the law of k·X; its spec reads `k*<spec of law>`.
 *
 * @complexity O(1); each call of the result costs one call of `law`.
 *
 * @model F_kX(x) = F_X(x/k), f_kX(x) = f_X(x/k)/k, Q_kX(u) = k·Q_X(u), E[kX] = k·E[X].
 *
 * @references any probability text, change of variables for a scale transformation.
 *
 * @example
 * ```ts
 * scaledCapacity(uniformCapacity(0, 1), 2).quantile(0.5); // 1
 * ```
 *
 * @category Capacity laws
 */
export function scaledCapacity(law: CapacityLaw, k: number): CapacityLaw {
  if (k === 1) return law;
  return {
    spec: `${k}*${law.spec}`,
    lo: k * law.lo,
    hi: k * law.hi,
    mean: k * law.mean,
    cdf: (x: number) => law.cdf(x / k),
    pdf: (x: number) => law.pdf(x / k) / k,
    quantile: (u: number) => k * law.quantile(u),
    sample: (rng: Rng) => k * law.sample(rng),
  };
}
