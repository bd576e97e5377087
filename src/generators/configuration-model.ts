/**
 * The configuration model: a random graph with a given degree sequence (or degrees drawn from a law), by uniform
 * random matching of half-edges ("stubs").
 *
 * @module
 */
import { checkCount, checkGraphMemory } from './check-count.ts';
import { checkInteger, FragilityInputError } from '../errors.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { CompactGraph } from '../graph/compact-graph.ts';
import { simplifyEdgeArrays } from '../graph/simplify.ts';
import type { Rng } from '../random/stream.ts';

/**
 * How the configuration model treats self-loops and parallel edges.
 *
 * @category Random graphs
 */
export type ConfigurationModelMode = 'multigraph' | 'erased' | 'simple';

/**
 * Options for {@link configurationModel} and {@link configurationModelFromLaw}.
 *
 * @category Random graphs
 */
export interface ConfigurationModelOptions {
  /**
   * - `'multigraph'`: keep every matched pair, self-loops and parallel edges included (degrees exact).
   * - `'erased'` (**default**): erase self-loops and surplus parallel copies (degrees may drop slightly).
   * - `'simple'`: redraw the whole matching until it is simple (degrees exact, uniform over simple graphs with that
   *   sequence), at most `maxAttempts` times, then throw.
   *
   * Why `'erased'` is the default: it always finishes in O(n + m); for laws with a finite second moment the number of
   * erased edges is O(1) as n → ∞, so the degree law is preserved up to O(1/n) (Britton et al. 2006), which is what
   * the percolation theory the library compares with assumes; and it gives the simple, locally tree-like graphs that
   * the Monte Carlo side expects. `'simple'` succeeds with probability ≈ exp(−ν/2 − ν²/4), ν = <k(k−1)>/<k>, which is
   * vanishingly small for heavy tails; `'multigraph'` leaves self-loops that change what "a node's degree" means.
   */
  mode?: ConfigurationModelMode;
  /** Attempts for `mode: 'simple'` before giving up (default 1000). */
  maxAttempts?: number;
}

/**
 * A configuration-model graph with a given degree sequence.
 *
 * @param degrees - degree of each node (length n), integers >= 0 with an even sum.
 * @param rng - the random stream.
 * @param opts - `{ mode = 'erased', maxAttempts = 1000 }`; see {@link ConfigurationModelOptions}.
 * @returns the graph; for `'multigraph'` and `'simple'`, node u has degree exactly `degrees[u]` (a self-loop counts 2).
 * @throws FragilityInputError for a negative degree, an odd sum, a non-graphical sequence in `'simple'` mode
 *   (Erdős–Gallai), or when `'simple'` finds no simple matching in `maxAttempts` attempts.
 *
 * @complexity O(n + m) per attempt (one random perfect matching of the 2m stubs, then an O(n + m) erasure or
 * simplicity check); `'simple'` needs ≈ exp(ν/2 + ν²/4) attempts on average.
 *
 * @model list node u `degrees[u]` times (the stubs) and pair them by a uniformly random perfect matching; each
 * pair is an edge. Conditioned on being simple, the result is uniform over simple graphs with that sequence.
 *
 * @references B. Bollobás, Eur. J. Combin. 1, 311 (1980), doi:10.1016/S0195-6698(80)80030-8. M. Molloy,
 * B. Reed, Random Struct. Algorithms 6, 161 (1995), doi:10.1002/rsa.3240060204. M. E. J. Newman, S. H. Strogatz,
 * D. J. Watts, Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118. T. Britton, M. Deijfen,
 * A. Martin-Löf, J. Stat. Phys. 124, 1377 (2006), doi:10.1007/s10955-006-9168-x.
 *
 * @example
 * ```ts
 * const g = configurationModel(Int32Array.of(3, 3, 2, 2, 2, 1, 1), stream(3), { mode: 'multigraph' });
 * g.m; // 7
 * ```
 *
 * @category Random graphs
 */
export function configurationModel(degrees: Int32Array, rng: Rng, opts: ConfigurationModelOptions = {}): CompactGraph {
  const mode = opts.mode ?? 'erased';
  if (mode !== 'multigraph' && mode !== 'erased' && mode !== 'simple') {
    throw new FragilityInputError('mode', mode, "'multigraph', 'erased' or 'simple'");
  }
  const maxAttempts = checkInteger('maxAttempts', opts.maxAttempts ?? 1000, 1);
  const n = degrees.length;
  let total = 0;
  for (let u = 0; u < n; u++) {
    const d = degrees[u];
    if (!(d >= 0)) throw new FragilityInputError(`degrees[${u}]`, d, 'an integer >= 0');
    total += d;
  }
  if (total % 2 !== 0)
    throw new FragilityInputError('sum of degrees', total, 'an even number (every edge has two ends)');
  if (total / 2 > 0x3fffffff)
    throw new FragilityInputError('sum of degrees', total, 'at most 2^31 - 2 (2^30 - 1 edges)');
  if (mode === 'simple') {
    const bad = erdosGallaiViolation(degrees);
    if (bad >= 0) {
      throw new FragilityInputError(
        'degrees',
        `sequence (max ${maxOf(degrees)}, n ${n})`,
        'a graphical sequence for mode simple',
        `Erdős–Gallai inequality fails at k = ${bad}; use mode 'erased' or 'multigraph'`,
      );
    }
  }
  const stubs = new Int32Array(total);
  const m = total / 2;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let p = 0;
    for (let u = 0; u < n; u++) for (let d = degrees[u]; d > 0; d--) stubs[p++] = u;
    // Uniform random perfect matching: pair position 2e with a uniformly chosen later stub.
    for (let e = 0; e < m; e++) {
      const i = 2 * e;
      const j = i + 1 + rng.int(total - i - 1);
      const t = stubs[i + 1];
      stubs[i + 1] = stubs[j];
      stubs[j] = t;
      src[e] = stubs[i];
      dst[e] = stubs[i + 1];
    }
    if (mode === 'multigraph') return CompactGraph.fromEdges(n, src, dst);
    const simplified = simplifyEdgeArrays(n, src, dst);
    if (mode === 'erased') return CompactGraph.fromEdges(n, simplified.source, simplified.target);
    if (simplified.selfLoops === 0 && simplified.multiEdges === 0) return CompactGraph.fromEdges(n, src, dst);
  }
  throw new FragilityInputError(
    'mode',
    'simple',
    "'erased' or 'multigraph' for this degree sequence",
    `no simple matching found in ${maxAttempts} attempts (maxAttempts); heavy-tailed sequences are rarely simple`,
  );
}

function maxOf(a: Int32Array): number {
  let mx = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > mx) mx = a[i];
  return mx;
}

/**
 * The first k at which the Erdős–Gallai inequality fails for the sequence, or −1 if it is graphical.
 * O(n log n).
 */
function erdosGallaiViolation(degrees: Int32Array): number {
  const n = degrees.length;
  const d = Int32Array.from(degrees).sort().reverse();
  const suf = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) suf[i] = suf[i + 1] + d[i];
  let pre = 0;
  for (let k = 1; k <= n; k++) {
    pre += d[k - 1];
    // q = first index >= k with d[q] < k (d is non-increasing).
    let lo = k;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d[mid] < k) hi = mid;
      else lo = mid + 1;
    }
    const rhs = k * (k - 1) + k * (lo - k) + suf[lo];
    if (pre > rhs) return k;
  }
  return -1;
}

/**
 * Options for {@link configurationModelFromLaw}.
 *
 * @category Random graphs
 */
export interface ConfigurationModelFromLawOptions extends ConfigurationModelOptions {
  /** Attempts at fixing an odd degree sum (default 10000). */
  maxParityAttempts?: number;
}

/**
 * A configuration-model graph on n nodes whose degrees are drawn i.i.d. from a degree law.
 *
 * Odd degree sum: one node is picked uniformly at random and its degree redrawn from the law until the sum is even
 * (a fresh node each try, at most `maxParityAttempts` tries). This keeps the degrees i.i.d. conditioned on an even
 * sum. A law whose support has one parity only (e.g. `regular(3)`) with n odd cannot be fixed: that throws.
 *
 * @param n - number of nodes, an integer >= 0.
 * @param law - the degree law.
 * @param rng - the random stream.
 * @param opts - as {@link configurationModel} (default mode `'erased'`), plus `maxParityAttempts`.
 * @returns the graph.
 *
 * @complexity O(n + m) (plus the law's sampling cost per node).
 *
 * @model d_u ~ p_k i.i.d., conditioned on Σ d_u even, then stub matching (see {@link configurationModel}).
 *
 * @references M. Molloy, B. Reed, Random Struct. Algorithms 6, 161 (1995), doi:10.1002/rsa.3240060204.
 * M. E. J. Newman, S. H. Strogatz, D. J. Watts, Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * const g = configurationModelFromLaw(10_000, parseDegreeLaw('poisson(4)'), stream(1));
 * g.meanDegree; // ≈ 4
 * ```
 *
 * @category Random graphs
 */
export function configurationModelFromLaw(
  n: number,
  law: DegreeLaw,
  rng: Rng,
  opts: ConfigurationModelFromLawOptions = {},
): CompactGraph {
  checkCount('n', n, 0);
  checkGraphMemory('n', n, n, (n * (Number.isFinite(law.mean) ? law.mean : 0)) / 2 + n, 'a configuration-model graph'); // + n: stubs
  const maxParity = checkInteger('maxParityAttempts', opts.maxParityAttempts ?? 10000, 1);
  const degrees = n === 0 ? new Int32Array(0) : law.sampleMany(rng, n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += degrees[i];
  if (sum % 2 !== 0) {
    let fixed = false;
    for (let a = 0; a < maxParity && !fixed; a++) {
      const i = rng.int(n);
      const d = law.sample(rng);
      if ((d - degrees[i]) % 2 !== 0) {
        degrees[i] = d;
        fixed = true;
      }
    }
    if (!fixed) {
      throw new FragilityInputError(
        'n',
        n,
        `an even number for law ${law.spec}`,
        `the degree sum stayed odd after ${maxParity} redraws: the law's support seems to have one parity only`,
      );
    }
  }
  return configurationModel(degrees, rng, opts);
}
