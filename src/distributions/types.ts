/**
 * The shapes shared by every degree law and capacity law. A law is plain data plus pure functions: the analytic side
 * reads its pmf and generating functions, the Monte Carlo side samples from it.
 *
 * @module
 */
import type { Rng } from '../random/stream.ts';
import type { PowerLawMoments } from './hurwitz-zeta.ts';

/**
 * A discrete degree distribution p_k on k = 0..kmax, with its generating functions.
 *
 * Model: G0(x) = Σ_k p_k x^k, G1(x) = G0'(x) / G0'(1) = Σ_k k p_k x^(k-1) / <k> (the excess-degree law of the node
 * at the end of a random edge). Laws with unbounded support are truncated at `kmax`, where the dropped tail mass is at
 * most `truncationError`; the kept probabilities are renormalised to sum to 1.
 *
 * @category Degree laws
 */
export interface DegreeLaw {
  /** A canonical spec string that parses back into this law, e.g. `poisson(4)`. */
  readonly spec: string;
  /** Smallest k with p_k > 0. */
  readonly kmin: number;
  /** Largest k kept (the truncation point for unbounded laws). */
  readonly kmax: number;
  /** p_k for k = 0..kmax (index = k), summing to 1. */
  readonly pk: Float64Array;
  /** Tail mass dropped by truncation before renormalisation (0 for bounded laws). */
  readonly truncationError: number;
  /**
   * Moments of the untruncated law in closed form with error bounds, when known (pure power laws, through Hurwitz
   * zeta sums); `mean` and `secondMoment` above are those of the truncated table. Absent for other laws.
   */
  readonly exactMoments?: PowerLawMoments;
  /** <k>. */
  readonly mean: number;
  /** <k^2>. */
  readonly secondMoment: number;
  /** p_k (0 outside the support). */
  pmf(k: number): number;
  /** G0(x) and its first two derivatives; x in [0, 1]. */
  G0(x: number): number;
  /** G0′(x). */
  G0p(x: number): number;
  /** G0″(x). */
  G0pp(x: number): number;
  /** G1(x) and its first two derivatives; x in [0, 1]. */
  G1(x: number): number;
  /** G1′(x). */
  G1p(x: number): number;
  /** G1″(x). */
  G1pp(x: number): number;
  /** One degree drawn from the law. */
  sample(rng: Rng): number;
  /** n degrees drawn from the law. */
  sampleMany(rng: Rng, n: number): Int32Array;
}

/**
 * A continuous capacity (threshold) law on [lo, hi] (hi may be Infinity): the fiber-bundle threshold distribution,
 * or the headroom alpha of a supernode.
 *
 * @category Degree laws
 */
export interface CapacityLaw {
  /** A canonical spec string that parses back into this law, e.g. `uniform(0,1)`. */
  readonly spec: string;
  /** Lower end of the support (>= 0 for capacities). */
  readonly lo: number;
  /** Upper end of the support (Infinity when unbounded). */
  readonly hi: number;
  /** Mean of the law. */
  readonly mean: number;
  /** P(X <= x). */
  cdf(x: number): number;
  /** Density at x (0 outside the support). */
  pdf(x: number): number;
  /** The u-quantile, u in [0, 1]. */
  quantile(u: number): number;
  /** One draw. */
  sample(rng: Rng): number;
}
