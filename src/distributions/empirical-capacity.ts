/**
 * The empirical capacity law of a sample (a step CDF).
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { Rng } from '../random/stream.ts';
import type { CapacityLaw } from './types.ts';
import { formatSpecNumber } from './degree-law.ts';

/**
 * The empirical law of observed capacities: F(x) = #{i : x_i <= x} / n.
 *
 * The law is purely atomic: `pdf` is 0 everywhere (use `cdf`), `quantile(u)` is the smallest sample x with F(x) >= u,
 * and a draw is a uniformly chosen sample.
 *
 * @param samples - a non-empty list of finite numbers >= 0.
 * @returns the law, spec `empirical(x1,x2,…)` listing the samples in increasing order.
 * @throws FragilityInputError (`capacity.samples`, `capacity.samples[i]`).
 *
 * @complexity O(n log n) to build; cdf and quantile O(log n) / O(1); sampling O(1).
 *
 * @model F_n(x) = (1/n) Σ_i 1[x_i <= x].
 *
 * @references A. W. van der Vaart, *Asymptotic Statistics* (Cambridge, 1998), ch. 19.
 *
 * @example
 * ```ts
 * empiricalCapacity([0.2, 0.4, 0.9]).cdf(0.5); // 0.6666666667 (2/3)
 * ```
 *
 * @category Capacity laws
 */
export function empiricalCapacity(samples: ArrayLike<number>): CapacityLaw {
  const n = samples.length;
  if (n === 0) throw new FragilityInputError('capacity.samples', 0, 'a non-empty list of capacities');
  const xs = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[i];
    if (!(x >= 0 && x < Infinity)) throw new FragilityInputError(`capacity.samples[${i}]`, x, 'a finite number >= 0');
    xs[i] = x;
    sum += x;
  }
  xs.sort();
  /** Number of samples <= x. */
  const countAtMost = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    spec: `empirical(${Array.from(xs, formatSpecNumber).join(',')})`,
    lo: xs[0],
    hi: xs[n - 1],
    mean: sum / n,
    cdf: (x) => countAtMost(x) / n,
    pdf: () => 0,
    quantile: (u) => xs[Math.min(n - 1, Math.max(0, Math.ceil(u * n) - 1))],
    sample: (rng: Rng) => xs[rng.int(n)],
  };
}
