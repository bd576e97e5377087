/**
 * The result shape shared by the Newman–Ziff sweeps, and derived observables.
 *
 * @module
 */

/**
 * Microcanonical observables of one sweep, indexed by the number k of elements present (0..steps).
 *
 * @category Sweeps
 */
export interface SweepResult {
  /** `'site'` (nodes added) or `'bond'` (edges added; all nodes present throughout). */
  readonly mode: 'site' | 'bond';
  /** Number of nodes n of the graph (fractions are of all n original nodes). */
  readonly n: number;
  /** Number of additions: n for site, m for bond. Arrays have length steps + 1. */
  readonly steps: number;
  /** Size of the largest cluster after k additions. */
  readonly largest: Int32Array;
  /** Size of the second-largest cluster (exact; equals `largest[k]` when two clusters tie). */
  readonly second: Int32Array;
  /** Σ over clusters of size² after k additions (exact integers stored in doubles). */
  readonly sumSquares: Float64Array;
  /** Number of clusters after k additions (site: of present nodes; bond: including isolated nodes). */
  readonly clusters: Int32Array;
}

/**
 * Mean size of the cluster of a randomly chosen present node outside the largest cluster, after k additions:
 * (Σ s² − L²) / (N_k − L), where N_k is the number of present nodes (k for site, n for bond). Defined as 0 when
 * every present node is in the largest cluster.
 *
 * @param sweep - a sweep result.
 * @param k - the number of additions, 0..steps.
 * @returns the mean cluster size excluding the largest cluster.
 *
 * @complexity O(1).
 *
 * @model χ_k = Σ'_s s² n_s / Σ'_s s n_s, the prime excluding the largest cluster (Stauffer & Aharony).
 *
 * @references D. Stauffer, A. Aharony, Introduction to Percolation Theory (1994); Newman & Ziff 2001,
 * doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const order = randomOrder(g.n, stream(1, 0));
 * const chi = meanClusterSizeExcludingLargest(sweepSite(g, order), g.n >> 1);
 * ```
 *
 * @category Sweeps
 */
export function meanClusterSizeExcludingLargest(sweep: SweepResult, k: number): number {
  const present = sweep.mode === 'site' ? k : sweep.n;
  const L = sweep.largest[k];
  const rest = present - L;
  return rest > 0 ? (sweep.sumSquares[k] - L * L) / rest : 0;
}
