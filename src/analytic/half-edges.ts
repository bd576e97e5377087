/**
 * Half-edge bookkeeping for message passing and non-backtracking operators on a {@link CompactGraph}.
 *
 * A half-edge is a position p in the CSR `targets` array: it sits at node i (the owner of the CSR row) and points to
 * j = targets[p]. Its reverse is the position of the same edge in j's row, pointing back to i.
 *
 * @module
 */
import type { CompactGraph } from '../graph/compact-graph.ts';

/**
 * The reverse of every half-edge: `rev[p]` is the half-edge of the same edge at the other end.
 *
 * @param g - the graph
 * @returns an Int32Array of length 2m with rev[rev[p]] = p. For a self-loop u–u the two half-edges (both in u's row)
 *   are each other's reverse; parallel edges are paired copy by copy (via their edge ids), never crossed.
 *
 * @complexity O(n + m) time, one Int32Array of length m scratch.
 *
 * @model rev(i→j) = (j→i) for the same edge id (`halfEdgeEdge`).
 *
 * @references B. Karrer, M. E. J. Newman & L. Zdeborová, Percolation on sparse networks, PRL 113, 208702 (2014),
 * doi:10.1103/PhysRevLett.113.208702 (messages live on directed edges).
 *
 * @example
 * ```ts
 * const g = CompactGraph.fromPairs(3, [[0, 1], [1, 2]]);
 * const rev = reverseHalfEdge(g); // targets[rev[p]] is the owner of half-edge p
 * ```
 *
 * @category Message passing
 */
export function reverseHalfEdge(g: CompactGraph): Int32Array {
  const he = g.halfEdgeEdge;
  const total = 2 * g.m;
  const first = new Int32Array(g.m).fill(-1);
  const rev = new Int32Array(total);
  for (let p = 0; p < total; p++) {
    const e = he[p];
    const q = first[e];
    if (q < 0) first[e] = p;
    else {
      rev[p] = q;
      rev[q] = p;
    }
  }
  return rev;
}
