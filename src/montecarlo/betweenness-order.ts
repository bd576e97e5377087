/**
 * Betweenness attack orders: highest (shortest-path) betweenness removed first, static or adaptive.
 *
 * @module
 */
import { betweenness } from '../metrics/betweenness.ts';
import { checkInteger } from '../errors.ts';
import { CompactGraph } from '../graph/compact-graph.ts';
import { stream } from '../random/stream.ts';
import { randomOrder } from './random-order.ts';

/**
 * Options of {@link betweennessOrder}.
 *
 * @category Removal orders
 */
export interface BetweennessOrderOptions {
  /** Recompute betweenness on the remaining graph after each removal (default false: static order). */
  adaptive?: boolean;
  /** Pivots for sampled betweenness (Brandes–Pich); omitted = exact. */
  samples?: number;
  /** Seed for pivots and tie-breaking (default 1). */
  seed?: number;
  /** Adaptive only: nodes removed per recomputation (default 1; larger batches trade fidelity for speed). */
  batch?: number;
}

/** Stable sort of `perm` by `key` descending (ties keep the random order of `perm`). */
function sortByKeyDescending(perm: Int32Array, key: Float64Array): Int32Array {
  const idx = Array.from(perm);
  idx.sort((a, b) => key[b] - key[a]);
  return Int32Array.from(idx);
}

/**
 * The betweenness removal order. Static: nodes sorted by their betweenness in the intact graph, highest first.
 * Adaptive: the node(s) of highest betweenness in the REMAINING graph are removed, then betweenness is recomputed on
 * the graph induced by the remaining nodes. Ties (including the many zeros once the graph has fallen apart) are
 * broken uniformly at random from `stream(seed, 0)`. Betweenness is src/metrics/betweenness.ts (pairs counted once;
 * exact, or sampled with `samples` pivots and seed `seed`).
 *
 * Cost: the static order is one betweenness computation, O(n·m) exact or O(K·m) sampled, plus O(n log n). The
 * adaptive order recomputes after every `batch` removals: O((n/batch)·n·m) exact, O((n/batch)·K·m) sampled — use it
 * only on small graphs (n ≲ 2000 exact), or with `samples` and a larger `batch`. Once no edges remain, the rest of
 * the order is the random tie-break order.
 *
 * @param g - the graph.
 * @param opts - {@link BetweennessOrderOptions}.
 * @returns a permutation of 0..n-1, first removed first.
 *
 * @complexity see above.
 *
 * @model u_t = argmax_{u ∈ V_t} B_{G[V_t]}(u) (adaptive) or argmax over the intact-graph values (static).
 *
 * @references P. Holme, B. J. Kim, C. N. Yoon, S. K. Han, PRE 65, 056109 (2002), doi:10.1103/PhysRevE.65.056109;
 * U. Brandes, J. Math. Sociol. 25, 163 (2001), doi:10.1080/0022250X.2001.9732438.
 *
 * @example
 * ```ts
 * const order = betweennessOrder(g, { adaptive: true, seed: 3 });
 * ```
 *
 * @category Removal orders
 */
export function betweennessOrder(g: CompactGraph, opts: BetweennessOrderOptions = {}): Int32Array {
  const seed = opts.seed ?? 1;
  const n = g.n;
  const rng = stream(seed, 0);
  const perm = randomOrder(n, rng);
  const bopts = opts.samples === undefined ? { seed } : { samples: opts.samples, seed };
  if (!opts.adaptive) return sortByKeyDescending(perm, betweenness(g, bopts).values);
  const batch = checkInteger('batch', opts.batch ?? 1, 1);
  const removed = new Uint8Array(n);
  const order = new Int32Array(n);
  let pos = 0;
  const local = new Int32Array(n); // original id → id in the remaining graph
  while (pos < n) {
    // Build the graph induced by the remaining nodes.
    const alive: number[] = [];
    for (let i = 0; i < n; i++) {
      const u = perm[i];
      if (!removed[u]) {
        local[u] = alive.length;
        alive.push(u);
      }
    }
    const src: number[] = [];
    const dst: number[] = [];
    for (let e = 0; e < g.m; e++) {
      const u = g.edgeSource[e];
      const v = g.edgeTarget[e];
      if (!removed[u] && !removed[v]) {
        src.push(local[u]);
        dst.push(local[v]);
      }
    }
    if (src.length === 0) {
      for (const u of alive) order[pos++] = u; // no edges left: random tie-break order
      break;
    }
    const sub = CompactGraph.fromEdges(alive.length, Int32Array.from(src), Int32Array.from(dst));
    const b = betweenness(sub, bopts).values;
    const idx = Array.from({ length: alive.length }, (_, i) => i);
    // alive is in perm order, so a stable sort keeps the random tie-break.
    idx.sort((x, y) => b[y] - b[x]);
    for (let j = 0; j < batch && j < idx.length; j++) {
      const u = alive[idx[j]];
      removed[u] = 1;
      order[pos++] = u;
    }
  }
  return order;
}
