/**
 * Adaptive degree attack order: the node of highest CURRENT degree is removed, then degrees are recomputed.
 *
 * @module
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { Rng } from '../random/stream.ts';
import { randomOrder } from './random-order.ts';

/**
 * The adaptive (recalculated) degree removal order: repeatedly remove a node of highest degree in the REMAINING
 * graph. Implemented with a bucket queue (one doubly linked list per current degree) so the whole order costs
 * O(n + m).
 *
 * Ties: nodes enter their initial buckets in a uniformly random order drawn from `rng`; a node whose degree drops
 * moves to the front of its new bucket (last-in first-out). Current degrees count half-edges to remaining nodes,
 * so a parallel edge counts once per copy; a self-loop keeps counting 2 until its node is removed.
 *
 * @param g - the graph.
 * @param rng - the seeded stream (tie-breaking).
 * @returns a permutation of 0..n-1, first removed first.
 *
 * @complexity O(n + m) time, O(n + maxDegree) memory (the maximum pointer only moves down, because removals
 * never raise a degree).
 *
 * @model u_t = argmax_{u ∈ V_t} deg_{G[V_t]}(u), V_{t+1} = V_t \ {u_t}.
 *
 * @references P. Holme, B. J. Kim, C. N. Yoon, S. K. Han, PRE 65, 056109 (2002), doi:10.1103/PhysRevE.65.056109
 * (recalculated degree attack).
 *
 * @example
 * ```ts
 * const order = adaptiveDegreeOrder(g, stream(1, 0));
 * ```
 *
 * @category Removal orders
 */
export function adaptiveDegreeOrder(g: CompactGraph, rng: Rng): Int32Array {
  const n = g.n;
  const off = g.offsets;
  const tgt = g.targets;
  const maxDeg = g.maxDegree;
  const deg = g.degrees();
  const head = new Int32Array(maxDeg + 1).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const removed = new Uint8Array(n);
  const perm = randomOrder(n, rng);
  for (let i = n - 1; i >= 0; i--) {
    // Pushing in reverse perm order leaves each bucket listed in perm order.
    const u = perm[i];
    const d = deg[u];
    const h = head[d];
    next[u] = h;
    prev[u] = -1;
    if (h !== -1) prev[h] = u;
    head[d] = u;
  }
  const order = new Int32Array(n);
  let top = maxDeg;
  for (let i = 0; i < n; i++) {
    while (head[top] === -1) top--;
    const u = head[top];
    // unlink u (it is the head)
    const nu = next[u];
    head[top] = nu;
    if (nu !== -1) prev[nu] = -1;
    removed[u] = 1;
    order[i] = u;
    for (let p = off[u], end = off[u + 1]; p < end; p++) {
      const v = tgt[p];
      if (removed[v]) continue;
      const d = deg[v];
      // unlink v from bucket d
      const pv = prev[v];
      const nv = next[v];
      if (pv === -1) head[d] = nv;
      else next[pv] = nv;
      if (nv !== -1) prev[nv] = pv;
      // push v to the front of bucket d-1
      const d1 = d - 1;
      deg[v] = d1;
      const h = head[d1];
      next[v] = h;
      prev[v] = -1;
      if (h !== -1) prev[h] = v;
      head[d1] = v;
    }
  }
  return order;
}
