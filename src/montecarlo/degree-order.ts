/**
 * Static degree attack order: highest degree removed first, degrees NOT recomputed.
 *
 * @module
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { Rng } from '../random/stream.ts';
import { randomOrder } from './random-order.ts';

/**
 * The static degree removal order: nodes sorted by their degree in the intact graph, highest first; ties are
 * broken uniformly at random by the seeded stream (a random permutation, then a stable counting sort).
 *
 * Degrees are those of the CompactGraph (a self-loop counts 2, each parallel copy counts). Removing the first
 * ⌈f·n⌉ nodes of this order is the "attack" of Cohen et al. 2001 / Callaway et al. 2000 with random tie-breaking at
 * the boundary degree (reference row G5).
 *
 * @param g - the graph.
 * @param rng - the seeded stream used for tie-breaking.
 * @returns a permutation of 0..n-1, first removed (highest degree) first.
 *
 * @complexity O(n + maxDegree) time and memory.
 *
 * @model order by k_i descending (static attack), uniform among equal degrees.
 *
 * @references R. Albert, H. Jeong, A.-L. Barabási, Nature 406, 378 (2000), doi:10.1038/35019019;
 * R. Cohen, K. Erez, D. ben-Avraham, S. Havlin, PRL 86, 3682 (2001), doi:10.1103/PhysRevLett.86.3682.
 *
 * @example
 * ```ts
 * const order = degreeOrder(g, stream(1, 0));
 * const s = sweepSite(g, order); // s.largest[k]: giant with the k lowest-degree nodes present
 * ```
 *
 * @category Removal orders
 */
export function degreeOrder(g: CompactGraph, rng: Rng): Int32Array {
  const n = g.n;
  const perm = randomOrder(n, rng);
  const off = g.offsets;
  const maxDeg = g.maxDegree;
  const start = new Int32Array(maxDeg + 2);
  for (let u = 0; u < n; u++) start[maxDeg - (off[u + 1] - off[u]) + 1]++;
  for (let d = 0; d <= maxDeg; d++) start[d + 1] += start[d];
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = perm[i];
    order[start[maxDeg - (off[u + 1] - off[u])]++] = u;
  }
  return order;
}
