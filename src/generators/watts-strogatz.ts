/**
 * Watts–Strogatz small-world graphs: a ring lattice with each edge rewired with probability beta.
 *
 * @module
 */
import { checkCount, checkGraphMemory } from './check-count.ts';
import { checkInteger, checkProbability, FragilityInputError } from '../errors.ts';
import { CompactGraph } from '../graph/compact-graph.ts';
import type { Rng } from '../random/stream.ts';
import { PairSet } from './pair-set.ts';

/**
 * A Watts–Strogatz graph: n nodes on a ring, each joined to its k/2 nearest neighbours on either side; then the far
 * end of each lattice edge (u, u + j), visited in order j = 1..k/2, u = 0..n−1, is moved with probability beta to a
 * uniformly chosen node w ≠ u not already adjacent to u (the edge is left alone when u is already adjacent to every
 * other node).
 *
 * @param n - number of nodes, an integer >= 0.
 * @param k - ring degree, an even integer in [0, n − 1].
 * @param beta - rewiring probability in [0, 1].
 * @param rng - the random stream.
 * @returns a simple graph with exactly n·k/2 edges (edge i is lattice edge i, possibly rewired).
 *
 * @complexity O(n·k) expected (a pair hash set with deletions checks adjacency in O(1); a rewiring draw is
 * rejected with probability < deg(u)/(n−1)).
 *
 * @model Watts & Strogatz 1998, as in networkx's `watts_strogatz_graph`; beta = 0 is the ring lattice, beta = 1
 * is close to a random graph with minimum degree k/2.
 *
 * @references D. J. Watts, S. H. Strogatz, "Collective dynamics of 'small-world' networks", Nature 393, 440
 * (1998), doi:10.1038/30918.
 *
 * @example
 * ```ts
 * const g = wattsStrogatz(1000, 6, 0.1, stream(2));
 * g.m; // 3000
 * ```
 *
 * @category Random graphs
 */
export function wattsStrogatz(n: number, k: number, beta: number, rng: Rng): CompactGraph {
  checkCount('n', n, 0);
  checkInteger('k', k, 0, Math.max(0, n - 1));
  if (k % 2 !== 0) throw new FragilityInputError('k', k, `an even integer in [0, ${Math.max(0, n - 1)}]`);
  checkProbability('beta', beta);
  const half = k / 2;
  const m = n * half;
  if (m > 0x3fffffff) throw new FragilityInputError('k', k, `small enough that n·k/2 < 2^30 (n = ${n})`);
  checkGraphMemory('n', n, n, 2 * m, 'a Watts–Strogatz graph'); // 2m: the edges and the pair set
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const set = new PairSet(2 * m);
  const deg = new Int32Array(n);
  let e = 0;
  for (let j = 1; j <= half; j++) {
    for (let u = 0; u < n; u++) {
      const v = (u + j) % n;
      src[e] = u;
      dst[e] = v;
      set.add(u, v);
      e++;
    }
  }
  deg.fill(k);
  if (beta > 0) {
    for (let e2 = 0; e2 < m; e2++) {
      if (rng.next() >= beta) continue;
      const u = src[e2];
      if (deg[u] >= n - 1) continue;
      let w = rng.int(n);
      while (w === u || set.has(u, w)) w = rng.int(n);
      const v = dst[e2];
      set.delete(u, v);
      set.add(u, w);
      deg[v]--;
      deg[w]++;
      dst[e2] = w;
    }
  }
  return CompactGraph.fromEdges(n, src, dst);
}
