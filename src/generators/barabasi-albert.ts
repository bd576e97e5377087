/**
 * Barabási–Albert preferential attachment, optionally grown from a given initial graph.
 *
 * @module
 */
import { checkCount, checkGraphMemory } from './check-count.ts';
import { FragilityInputError } from '../errors.ts';
import { CompactGraph } from '../graph/compact-graph.ts';
import type { Rng } from '../random/stream.ts';

/**
 * Options for {@link barabasiAlbert}.
 *
 * @category Random graphs
 */
export interface BarabasiAlbertOptions {
  /**
   * The seed graph the network grows from (its nodes keep their ids 0..n0−1 and its edges come first). Default: the
   * complete graph K_(m+1), so that every node starts with degree m (the support k >= m of the BA law) and the graph
   * is connected. Nodes of degree 0 in a given seed graph are never chosen and stay isolated. It must have at least
   * m nodes of positive degree.
   */
  initial?: CompactGraph;
}

/**
 * A Barabási–Albert graph: nodes arrive one at a time and attach m edges to distinct existing nodes chosen with
 * probability proportional to their degree.
 *
 * @param n - final number of nodes, an integer >= m + 1 (>= the seed graph's n when one is given).
 * @param m - edges per new node, an integer >= 1.
 * @param rng - the random stream.
 * @param opts - `{ initial }`, see {@link BarabasiAlbertOptions}.
 * @returns a graph with no parallel edges (self-loops only if the seed graph had them); m·(n − n0) + m0 edges.
 *
 * @complexity O(n·m) = O(n + edges) expected: a target is a uniformly chosen entry of the list of all edge
 * endpoints so far (the "repeated nodes" list), and repeats within one new node are rejected against a mark array.
 *
 * @model P(attach to i) ∝ k_i (linear preferential attachment, conditioned on m distinct targets). Degree law
 * for large n: p_k = 2m(m+1) / [k(k+1)(k+2)], k >= m.
 *
 * @references A.-L. Barabási, R. Albert, Science 286, 509 (1999), doi:10.1126/science.286.5439.509.
 * B. Bollobás, O. Riordan, J. Spencer, G. Tusnády, Random Struct. Algorithms 18, 279 (2001),
 * doi:10.1002/rsa.1009. V. Batagelj, U. Brandes, Phys. Rev. E 71, 036113 (2005).
 *
 * @example
 * ```ts
 * const g = barabasiAlbert(10_000, 2, stream(1));
 * g.m; // 19997 (= 3 + 2 · (10000 − 3))
 * ```
 *
 * @category Random graphs
 */
export function barabasiAlbert(n: number, m: number, rng: Rng, opts: BarabasiAlbertOptions = {}): CompactGraph {
  checkCount('m', m, 1);
  const initial = opts.initial ?? null;
  const n0 = initial ? initial.n : m + 1;
  checkCount('n', n, n0);
  checkGraphMemory('n', n, n, n * m * 1.5, 'a Barabási–Albert graph'); // 1.5: the attachment list
  if (initial) {
    let positive = 0;
    for (let u = 0; u < initial.n; u++) if (initial.offsets[u + 1] > initial.offsets[u]) positive++;
    if (positive < m) {
      throw new FragilityInputError(
        'initial',
        `a graph with ${positive} nodes of positive degree`,
        `at least m = ${m} nodes of positive degree`,
      );
    }
  }
  const m0 = initial ? initial.m : (m * (m + 1)) / 2;
  const total = m0 + m * (n - n0);
  if (total > 0x3fffffff)
    throw new FragilityInputError('n', n, `small enough that the graph has < 2^30 edges (m = ${m})`);
  const src = new Int32Array(total);
  const dst = new Int32Array(total);
  // endpoints[0 .. 2e) lists both ends of every edge so far: a uniform entry is a degree-proportional node.
  const endpoints = new Int32Array(2 * total);
  let e = 0;
  const addEdge = (u: number, v: number): void => {
    src[e] = u;
    dst[e] = v;
    endpoints[2 * e] = u;
    endpoints[2 * e + 1] = v;
    e++;
  };
  if (initial) {
    for (let i = 0; i < initial.m; i++) addEdge(initial.edgeSource[i], initial.edgeTarget[i]);
  } else {
    for (let v = 1; v <= m; v++) for (let u = 0; u < v; u++) addEdge(v, u);
  }
  const mark = new Int32Array(n).fill(-1);
  for (let v = n0; v < n; v++) {
    const pool = 2 * e; // endpoints before v's own edges: targets are chosen among existing nodes only
    let chosen = 0;
    let draws = 0;
    while (chosen < m) {
      if (++draws > 1000 * m + 1000) {
        throw new FragilityInputError(
          'initial',
          'the seed graph',
          `a seed graph whose degree is spread over at least m = ${m} nodes`,
          'preferential attachment kept drawing the same few nodes',
        );
      }
      const t = endpoints[rng.int(pool)];
      if (mark[t] === v) continue;
      mark[t] = v;
      src[e] = v;
      dst[e] = t;
      e++;
      chosen++;
    }
    // Register v's m edges in the endpoint list only after all are chosen.
    for (let i = e - m; i < e; i++) {
      endpoints[2 * i] = src[i];
      endpoints[2 * i + 1] = dst[i];
    }
  }
  return CompactGraph.fromEdges(n, src, dst);
}
