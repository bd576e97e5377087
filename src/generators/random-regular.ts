/**
 * Random k-regular simple graphs by stub matching with local repair (Steger–Wormald style), with bounded restarts.
 *
 * @module
 */
import { checkCount, checkGraphMemory } from './check-count.ts';
import { checkInteger, FragilityInputError } from '../errors.ts';
import { CompactGraph } from '../graph/compact-graph.ts';
import type { Rng } from '../random/stream.ts';
import { PairSet } from './pair-set.ts';

/**
 * Options for {@link randomRegular}.
 *
 * @category Random graphs
 */
export interface RandomRegularOptions {
  /** Restarts before giving up (default 100). A failure needs about as many restarts as a 1-in-100 chance. */
  maxAttempts?: number;
}

/**
 * A random simple k-regular graph on n nodes.
 *
 * @param n - number of nodes, an integer >= 0.
 * @param k - degree, an integer in [0, n − 1], with n·k even.
 * @param rng - the random stream.
 * @param opts - `{ maxAttempts = 100 }`.
 * @returns a simple graph in which every node has degree exactly k.
 * @throws FragilityInputError when k >= n, n·k is odd, or no graph was found in `maxAttempts` restarts.
 *
 * @complexity O(n·k) expected for k = o(n^(1/3)) (each round matches the remaining stubs at random, keeps the
 * pairs that are neither loops nor repeats and re-matches the rest; a dead end restarts). For k > (n−1)/2 the
 * complement, an (n−1−k)-regular graph, is drawn instead and complemented, O(n²) = O(m).
 *
 * @model asymptotically uniform over simple k-regular graphs on n labelled nodes for k = o(n^(1/28))
 * (Steger & Wormald); the same procedure as networkx's `random_regular_graph`.
 *
 * @references A. Steger, N. C. Wormald, "Generating random regular graphs quickly", Combin. Probab. Comput. 8,
 * 377 (1999), doi:10.1017/S0963548399003867. J. H. Kim, V. H. Vu, Adv. Math. 188, 444 (2004),
 * doi:10.1016/j.aim.2003.10.007.
 *
 * @example
 * ```ts
 * const g = randomRegular(1000, 3, stream(5));
 * g.maxDegree; // 3
 * ```
 *
 * @category Random graphs
 */
export function randomRegular(n: number, k: number, rng: Rng, opts: RandomRegularOptions = {}): CompactGraph {
  checkCount('n', n, 0);
  if (n === 0) {
    checkInteger('k', k, 0, 0);
    return CompactGraph.empty(0);
  }
  checkInteger('k', k, 0, n - 1);
  if ((n * k) % 2 !== 0) throw new FragilityInputError('k', k, `an even k when n (${n}) is odd: n·k must be even`);
  if ((n * k) / 2 > 0x3fffffff)
    throw new FragilityInputError('k', k, `at most ${Math.floor((2 * 0x3fffffff) / n)} for n = ${n}`);
  const maxAttempts = checkInteger('maxAttempts', opts.maxAttempts ?? 100, 1);
  checkGraphMemory('n', n, n, n * k, 'a random regular graph'); // n·k: the edges (n·k/2) and the stub pairing
  if (k === 0) return CompactGraph.empty(n);
  if (2 * k > n - 1) {
    const kc = n - 1 - k;
    const comp = kc === 0 ? CompactGraph.empty(n) : drawRegular(n, kc, rng, maxAttempts);
    return complement(comp);
  }
  return drawRegular(n, k, rng, maxAttempts);
}

function drawRegular(n: number, k: number, rng: Rng, maxAttempts: number): CompactGraph {
  const m = (n * k) / 2;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const stubs = new Int32Array(n * k);
  const leftover = new Int32Array(n * k);
  const mark = new Int32Array(n).fill(-1);
  const nodes = new Int32Array(n);
  let stamp = 0;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const set = new PairSet(m);
    let e = 0;
    let len = n * k;
    let p = 0;
    for (let u = 0; u < n; u++) for (let d = 0; d < k; d++) stubs[p++] = u;
    let ok = true;
    for (let round = 0; len > 0; round++) {
      if (round > 100 + 10 * k) {
        ok = false;
        break;
      }
      let left = 0;
      for (let i = 0; i < len; i += 2) {
        const j = i + 1 + rng.int(len - i - 1);
        const b = stubs[j];
        stubs[j] = stubs[i + 1];
        stubs[i + 1] = b;
        const a = stubs[i];
        if (a !== b && set.add(a, b)) {
          src[e] = a;
          dst[e] = b;
          e++;
        } else {
          leftover[left++] = a;
          leftover[left++] = b;
        }
      }
      if (left === 0) break;
      // Is there any pair of distinct leftover nodes that is not yet an edge?
      stamp++;
      let distinct = 0;
      for (let i = 0; i < left; i++) {
        const u = leftover[i];
        if (mark[u] !== stamp) {
          mark[u] = stamp;
          nodes[distinct++] = u;
        }
      }
      let suitable = false;
      search: for (let i = 0; i < distinct; i++) {
        for (let j = i + 1; j < distinct; j++) {
          if (!set.has(nodes[i], nodes[j])) {
            suitable = true;
            break search;
          }
        }
      }
      if (!suitable) {
        ok = false;
        break;
      }
      stubs.set(leftover.subarray(0, left));
      len = left;
    }
    if (ok && e === m) return CompactGraph.fromEdges(n, src, dst);
  }
  throw new FragilityInputError(
    'k',
    k,
    `a smaller degree for n = ${n}`,
    `no simple ${k}-regular graph found in ${maxAttempts} attempts (maxAttempts)`,
  );
}

/** The complement of a simple graph (O(n²)). */
function complement(g: CompactGraph): CompactGraph {
  const n = g.n;
  const m = (n * (n - 1)) / 2 - g.m;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const mark = new Int32Array(n).fill(-1);
  let e = 0;
  for (let u = 0; u < n; u++) {
    for (let p = g.offsets[u]; p < g.offsets[u + 1]; p++) mark[g.targets[p]] = u;
    for (let v = u + 1; v < n; v++) {
      if (mark[v] !== u) {
        src[e] = u;
        dst[e] = v;
        e++;
      }
    }
  }
  return CompactGraph.fromEdges(n, src, dst);
}
