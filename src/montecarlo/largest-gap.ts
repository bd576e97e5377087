/**
 * The largest-gap threshold estimator of a single sweep.
 *
 * @module
 */
import type { SweepResult } from './sweep-result.ts';

/**
 * The occupation at which the largest cluster makes its biggest single jump in one sweep: q* = k* / N with
 * k* = argmax_k (largest_k − largest_{k−1}) (the first such k). Averaged over replicates, q*(n) approaches the
 * threshold as q_c + a·n^(−1/ν̄) with small replicate scatter, which makes it the estimator of choice for
 * finite-size extrapolation (see {@link finiteSizeExtrapolation}); the susceptibility peak
 * ({@link peakThreshold}) has larger corrections to scaling on small lattices.
 *
 * @param sweep - a sweep result.
 * @returns q* in [0, 1] (0 when steps = 0).
 *
 * @complexity O(N).
 *
 * @model Δ_k = L_k − L_{k−1}; q* = argmax_k Δ_k / N.
 *
 * @references J. Fan, J. Meng, Y. Liu, A. A. Saberi, J. Kurths, J. Nagler, "Universal gap scaling in
 * percolation", Nature Physics 16, 455 (2020), doi:10.1038/s41567-019-0783-2.
 *
 * @example
 * ```ts
 * largestGapOccupation(sweepSite(squareLattice(64), randomOrder(4096, stream(1, 0)))); // ≈ 0.52 (one replicate; the site threshold is 0.5927)
 * ```
 *
 * @category Threshold estimation
 */
export function largestGapOccupation(sweep: SweepResult): number {
  const L = sweep.largest;
  const N = sweep.steps;
  if (N === 0) return 0;
  let best = 1;
  let jump = -1;
  for (let k = 1; k <= N; k++) {
    const d = L[k] - L[k - 1];
    if (d > jump) {
      jump = d;
      best = k;
    }
  }
  return best / N;
}
