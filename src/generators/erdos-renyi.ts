/**
 * Erdős–Rényi random graphs: G(n, p) by geometric skipping and G(n, m) by pair sampling.
 *
 * @module
 */
import { checkCount, checkGraphMemory } from './check-count.ts';
import { checkInteger, checkProbability, FragilityInputError } from '../errors.ts';
import { CompactGraph } from '../graph/compact-graph.ts';
import type { Rng } from '../random/stream.ts';
import { EdgeBuffer } from './edge-buffer.ts';
import { PairSet } from './pair-set.ts';

const MAX_EDGES = 0x3fffffff; // CompactGraph holds at most 2^30 - 1 edges

/**
 * An Erdős–Rényi random graph G(n, p): each of the n(n−1)/2 pairs is an edge independently with probability p.
 *
 * @param n - number of nodes, an integer >= 0.
 * @param p - edge probability in [0, 1]. For mean degree c use p = c / (n − 1).
 * @param rng - the random stream.
 * @returns a simple graph; edges are listed in increasing order of (larger endpoint, smaller endpoint).
 *
 * @complexity O(n + m) expected time: one logarithm per edge (Batagelj–Brandes geometric skipping over the
 * lower triangle), no per-edge objects; the edge buffer is preallocated at mean + 6 standard deviations and doubles
 * if ever exceeded.
 *
 * @model P(G) = p^m (1−p)^(N−m), N = n(n−1)/2. Gaps between successive edges in the row-major enumeration of the
 * lower triangle are geometric: skip = ⌊ln U / ln(1−p)⌋, U ~ Uniform(0, 1].
 *
 * @references V. Batagelj, U. Brandes, "Efficient generation of large random networks", Phys. Rev. E 71, 036113
 * (2005), doi:10.1103/PhysRevE.71.036113. P. Erdős, A. Rényi, Publ. Math. Debrecen 6, 290 (1959).
 *
 * @example
 * ```ts
 * const g = erdosRenyi(1000, 4 / 999, stream(1));
 * g.meanDegree; // ≈ 4
 * ```
 *
 * @category Random graphs
 */
export function erdosRenyi(n: number, p: number, rng: Rng): CompactGraph {
  checkCount('n', n, 0);
  checkProbability('p', p);
  const pairs = (n * (n - 1)) / 2;
  const mean = p * pairs;
  if (mean - 6 * Math.sqrt(mean) > MAX_EDGES) {
    throw new FragilityInputError(
      'p',
      p,
      `at most about ${(MAX_EDGES / Math.max(pairs, 1)).toPrecision(3)} for n = ${n}`,
      'the graph would exceed 2^30 edges',
    );
  }
  checkGraphMemory('n', n, n, mean, 'an Erdős–Rényi graph');
  if (p === 0 || n < 2) return CompactGraph.empty(n);
  if (p === 1) return completeGraph(n);
  const buf = new EdgeBuffer(Math.min(MAX_EDGES, mean + 6 * Math.sqrt(mean) + 16));
  const lq = Math.log1p(-p);
  let v = 1;
  let w = -1;
  while (v < n) {
    w += 1 + Math.floor(Math.log(rng.nextOpen()) / lq);
    while (w >= v && v < n) {
      w -= v;
      v++;
    }
    if (v < n) buf.push(v, w);
  }
  return buf.toGraph(n);
}

/** K_n with edges (v, w), w < v, in row-major order. */
function completeGraph(n: number): CompactGraph {
  const m = (n * (n - 1)) / 2;
  if (m > MAX_EDGES) throw new FragilityInputError('n', n, 'small enough that the complete graph has < 2^30 edges');
  const s = new Int32Array(m);
  const t = new Int32Array(m);
  let e = 0;
  for (let v = 1; v < n; v++) {
    for (let w = 0; w < v; w++) {
      s[e] = v;
      t[e] = w;
      e++;
    }
  }
  return CompactGraph.fromEdges(n, s, t);
}

/**
 * An Erdős–Rényi random graph G(n, m): a uniformly random simple graph with exactly m edges.
 *
 * @param n - number of nodes, an integer >= 0.
 * @param m - number of edges, an integer in [0, n(n−1)/2].
 * @param rng - the random stream.
 * @returns a simple graph with exactly m edges, listed in the order they were drawn.
 *
 * @complexity O(n + m) expected time. For m <= N/2 (N = n(n−1)/2) pairs are drawn uniformly and duplicates
 * rejected against an open-addressing pair set (expected < 2 draws per edge); for m > N/2 the N − m non-edges are
 * drawn that way and the complement is enumerated (O(N) = O(m) since m > N/2).
 *
 * @model every simple graph on n labelled nodes with m edges has probability 1 / C(N, m).
 *
 * @references P. Erdős, A. Rényi, "On random graphs I", Publ. Math. Debrecen 6, 290 (1959). V. Batagelj,
 * U. Brandes, Phys. Rev. E 71, 036113 (2005), doi:10.1103/PhysRevE.71.036113.
 *
 * @example
 * ```ts
 * erdosRenyiM(100, 250, stream(7)).m; // 250
 * ```
 *
 * @category Random graphs
 */
export function erdosRenyiM(n: number, m: number, rng: Rng): CompactGraph {
  checkCount('n', n, 0);
  const pairs = (n * (n - 1)) / 2;
  checkInteger('m', m, 0, Math.min(pairs, MAX_EDGES));
  checkGraphMemory('m', m, n, m * 1.5, 'an Erdős–Rényi G(n, m) graph'); // 1.5: the pair set while drawing
  if (m === 0) return CompactGraph.empty(n);
  if (m <= pairs / 2) {
    const set = new PairSet(m);
    const s = new Int32Array(m);
    const t = new Int32Array(m);
    let e = 0;
    while (e < m) {
      const u = rng.int(n);
      const v = rng.int(n);
      if (u === v || !set.add(u, v)) continue;
      s[e] = u;
      t[e] = v;
      e++;
    }
    return CompactGraph.fromEdges(n, s, t);
  }
  // Dense case: draw the complement, then list every pair not in it.
  const k = pairs - m;
  const set = new PairSet(k);
  while (set.size < k) {
    const u = rng.int(n);
    const v = rng.int(n);
    if (u !== v) set.add(u, v);
  }
  const s = new Int32Array(m);
  const t = new Int32Array(m);
  let e = 0;
  for (let v = 1; v < n; v++) {
    for (let w = 0; w < v; w++) {
      if (!set.has(w, v)) {
        s[e] = v;
        t[e] = w;
        e++;
      }
    }
  }
  return CompactGraph.fromEdges(n, s, t);
}
