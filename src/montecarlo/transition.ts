/**
 * When is there no percolation transition to locate? The rule every Monte Carlo threshold estimator applies
 * before it reports a number: an estimator returns `q_c: null` with a `reason` (see docs/DESIGN.md, "Thresholds
 * that can say none") instead of a peak or a jump that only reflects the end of the grid.
 *
 * @module
 */

/**
 * The smallest mean giant fraction at full occupation (q = 1) that counts as a giant component. Below it the
 * graph falls apart into pieces that never merge (er k < 1, a forest of small trees, a graph without edges) and
 * there is no transition to locate. 5 %: a mean-field random graph at n → ∞ has S(1) = 5 % at mean degree ≈ 1.026,
 * i.e. only graphs within 3 % of their own critical point are called "no giant".
 *
 * @category Threshold estimation
 */
export const GIANT_MIN_FRACTION = 0.05;

/**
 * Why a sample of percolation curves has no transition, or undefined when it may have one.
 *
 * @param n - nodes of the graph (of replicate 0).
 * @param giantAtFull - mean giant fraction (of all nodes) at full occupation q = 1, or undefined when unknown
 *   (the q grid stops below 1).
 * @param largestAtFull - mean largest-cluster size in nodes at q = 1, when known (1 means: no edge at all).
 * @returns a one-line reason, or undefined.
 *
 * @complexity O(1).
 *
 * @model none when n = 0, when no cluster exceeds one node, or when S(1) < {@link GIANT_MIN_FRACTION}.
 *
 * @references M. E. J. Newman, Networks (2nd ed., 2018), §15.2 (giant component at full occupation).
 *
 * @example
 * ```ts
 * noTransitionReason(2000, 0.009); // a sentence: no giant component even at full occupation, 0.9 % of the nodes
 * ```
 *
 * @category Threshold estimation
 */
export function noTransitionReason(
  n: number,
  giantAtFull: number | undefined,
  largestAtFull?: number,
): string | undefined {
  if (n === 0) return 'the graph is empty (n = 0): there is nothing to percolate';
  if (largestAtFull !== undefined && largestAtFull <= 1 + 1e-9)
    return 'the graph has no edges: no cluster ever grows beyond one node';
  if (giantAtFull !== undefined && Number.isFinite(giantAtFull) && giantAtFull < GIANT_MIN_FRACTION) {
    return (
      `no giant component even at full occupation: the largest cluster holds ${(100 * giantAtFull).toPrecision(2)} % of the nodes ` +
      `(< ${100 * GIANT_MIN_FRACTION} %; pieces that never merge)`
    );
  }
  return undefined;
}
