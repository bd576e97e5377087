/**
 * The onset of the giant component on a real (heterogeneous, possibly disconnected) graph: the peak of the mean
 * size of the non-largest clusters, measured on the largest connected component only, with a stated reason instead
 * of a number when there is no sharp transition inside the grid.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import { CompactGraph } from '../graph/compact-graph.ts';
import { componentSummary } from '../graph/components.ts';
import { stream } from '../random/stream.ts';
import { canonicalAverage } from './canonical.ts';
import { randomEdgeOrder, randomOrder } from './random-order.ts';
import { sweepBond } from './sweep-bond.ts';
import { sweepSite } from './sweep-site.ts';
import { meanClusterSizeExcludingLargest } from './sweep-result.ts';

/**
 * Stream index of the onset bootstrap (far above replicate indices and the peak estimator's 2^45).
 *
 * @category Threshold estimation
 */
export const ONSET_BOOTSTRAP_STREAM_INDEX = 2 ** 45 + 1;

/**
 * Options of {@link onsetThreshold}.
 *
 * @category Threshold estimation
 */
export interface OnsetThresholdOptions {
  /** `'site'` (default) or `'bond'`. */
  mode?: 'site' | 'bond';
  /** Replicates (random orders) R >= 1, default 50. */
  runs?: number;
  /** Seed (default 1): replicate r uses `stream(seed, r)`. */
  seed?: number;
  /** Occupation grid, sorted ascending, at least 5 points (default 201 points 0 … 1). */
  grid?: ArrayLike<number>;
  /** Bootstrap resamples of the replicates for the interval (default 200; 0 = no interval). */
  bootstrap?: number;
  /** Confidence level of the interval (default 0.95). */
  level?: number;
  /**
   * Sharpness test: the peak of χ must be at least `prominence` times max(χ at both ends of the grid, 1) (default 2;
   * 1 is the size of an isolated node, the smallest non-empty cluster).
   * A lower peak is reported as "no sharp transition".
   */
  prominence?: number;
}

/**
 * Result of {@link onsetThreshold}.
 *
 * @category Threshold estimation
 */
export interface OnsetThresholdResult {
  /** The onset q_c (parabolic refinement of the χ peak), or null when there is no sharp onset inside the grid. */
  q_c: number | null;
  /** Bootstrap percentile interval of q_c over replicates (null with q_c null or without bootstrap). */
  ci: [number, number] | null;
  /** Why q_c is null (absent when q_c is a number). */
  reason?: string;
  /** Always `'onset-lcc-chi'`: peak of the mean non-largest cluster size on the largest connected component. */
  method: 'onset-lcc-chi';
  mode: 'site' | 'bond';
  runs: number;
  seed: number;
  /** The largest connected component the sweeps ran on. */
  component: { nodes: number; edges: number; fraction: number; components: number };
  /** The χ peak whether or not it passed the sharpness test. */
  peak: { q: number; chi: number; chiAtEnds: [number, number]; prominence: number; atEnd: 'start' | 'end' | null };
  /** The grid and the replicate means of χ and of the largest-cluster fraction of the component. */
  grid: Float64Array;
  chi: Float64Array;
  giant: Float64Array;
}

/** Largest connected component as its own graph (ties: the one holding the smallest node id). */
function largestComponentGraph(g: CompactGraph): { h: CompactGraph; components: number } {
  const n = g.n;
  const { labels: label, largestLabel: best, count: c } = componentSummary(g);
  const id = new Int32Array(n).fill(-1);
  let k = 0;
  for (let i = 0; i < n; i++) if (label[i] === best) id[i] = k++;
  const s: number[] = [];
  const t: number[] = [];
  for (let e = 0; e < g.m; e++) {
    const a = g.edgeSource[e];
    if (label[a] !== best) continue;
    s.push(id[a]);
    t.push(id[g.edgeTarget[e]]);
  }
  return { h: CompactGraph.fromEdges(k, Int32Array.from(s), Int32Array.from(t)), components: c };
}

/** Index of the maximum and its parabolic refinement on a (possibly non-uniform) grid. */
function peakOf(grid: Float64Array, y: Float64Array): { i: number; q: number } {
  let i = 0;
  for (let k = 1; k < y.length; k++) if (y[k] > y[i]) i = k;
  if (i === 0 || i === y.length - 1) return { i, q: grid[i] };
  const [x0, x1, x2] = [grid[i - 1], grid[i], grid[i + 1]];
  const [y0, y1, y2] = [y[i - 1], y[i], y[i + 1]];
  const d0 = (y1 - y0) / (x1 - x0);
  const d1 = (y2 - y1) / (x2 - x1);
  const curv = (d1 - d0) / (x2 - x0);
  if (!(curv < 0)) return { i, q: x1 };
  return { i, q: Math.min(x2, Math.max(x0, 0.5 * (x0 + x1) - d0 / (2 * curv))) };
}

/**
 * Onset of the giant component of a given graph by simulation: the peak of the mean size of the clusters other than
 * the largest, on the graph's largest connected component, or null with a reason.
 *
 * @param g - the graph (self-loops and parallel edges as the sweeps treat them)
 * @param opts - {@link OnsetThresholdOptions}
 * @returns {@link OnsetThresholdResult}: q_c (or null and `reason`), its bootstrap interval, the peak and the curves
 * @throws FragilityInputError for an empty graph, runs < 1, a grid that is not sorted in [0, 1] or has < 5 points,
 *   bootstrap < 0, level outside (0, 1), prominence < 1
 *
 * @complexity R Newman–Ziff sweeps of the largest component, O(R·(n + m·α(n))), plus O(R·G·√N) for the canonical
 * averages and O(B·R·G) for the bootstrap; memory O(R·G).
 *
 * @model why the component. On a disconnected graph the small components are whole clusters at q = 1, so the
 * mean non-largest cluster size (and the susceptibility Σ s² − L²) of the whole graph rises to q = 1 and its peak
 * sits at the grid's end; restricted to the largest component, every cluster merges into one at q = 1 and the curve
 * falls to 0 there, so an interior peak marks where the largest cluster takes over (Stauffer & Aharony's χ = Σ' s²
 * n_s / Σ' s n_s; the finite-size pseudo-threshold). χ is averaged per replicate in the canonical ensemble
 * (χ_k = (Σ s² − L²)/(present − L) after k additions, binomially weighted). The onset is accepted only if the peak is
 * interior and at least `prominence` × max(χ at the grid's ends, 1); otherwise q_c is null and `reason` says which test
 * failed: a peak at the grid's end (no onset inside the grid, e.g. a chain or tree with q_c = 1), at the grid's start
 * (onset at or below the first grid point: heterogeneous graphs whose hubs give q_c → 0), or too flat (no sharp
 * transition). The interval is the bootstrap percentile interval of the peak over resampled replicates, from
 * `stream(seed, ONSET_BOOTSTRAP_STREAM_INDEX)`.
 *
 * @references M. E. J. Newman & R. M. Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706;
 * D. Stauffer & A. Aharony, Introduction to Percolation Theory (1994), mean cluster size; F. Radicchi, PRE 91,
 * 010801 (2015), doi:10.1103/PhysRevE.91.010801 (percolation thresholds of real networks from the susceptibility
 * peak).
 *
 * @example
 * ```ts
 * const res = onsetThreshold(await readEdgeList('data/power.edges'), { mode: 'bond', runs: 50 });
 * res.q_c ?? res.reason;
 * ```
 *
 * @category Threshold estimation
 */
export function onsetThreshold(g: CompactGraph, opts: OnsetThresholdOptions = {}): OnsetThresholdResult {
  const mode = opts.mode ?? 'site';
  if (mode !== 'site' && mode !== 'bond') throw new FragilityInputError('mode', mode, '"site" or "bond"');
  const runs = checkInteger('runs', opts.runs ?? 50, 1, 1e7);
  const seed = checkInteger('seed', opts.seed ?? 1, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const B = checkInteger('bootstrap', opts.bootstrap ?? 200, 0, 1e6);
  const level = checkNumber('level', opts.level ?? 0.95, 1e-9, 1 - 1e-9);
  const prominence = checkNumber('prominence', opts.prominence ?? 2, 1);
  let grid: Float64Array;
  if (opts.grid) {
    grid = Float64Array.from(opts.grid, (q) => checkProbability('grid', q));
    if (grid.length < 5) throw new FragilityInputError('grid', `${grid.length} points`, 'at least 5 points');
    for (let i = 1; i < grid.length; i++)
      if (!(grid[i] > grid[i - 1]))
        throw new FragilityInputError('grid', opts.grid, 'strictly increasing values in [0, 1]');
  } else {
    grid = new Float64Array(201);
    for (let i = 0; i < 201; i++) grid[i] = i / 200;
  }
  if (g.n === 0) throw new FragilityInputError('graph.n', 0, 'a graph with at least one node');

  const { h, components } = largestComponentGraph(g);
  const component = { nodes: h.n, edges: h.m, fraction: h.n / g.n, components };
  const G = grid.length;
  const chiCurves: Float64Array[] = [];
  const giant = new Float64Array(G);
  const N = mode === 'site' ? h.n : h.m;
  const chiK = new Float64Array(N + 1);
  const largestK = new Float64Array(N + 1);
  for (let r = 0; r < runs; r++) {
    const rng = stream(seed, r);
    const sweep = mode === 'site' ? sweepSite(h, randomOrder(h.n, rng)) : sweepBond(h, randomEdgeOrder(h.m, rng));
    for (let k = 0; k <= N; k++) {
      chiK[k] = meanClusterSizeExcludingLargest(sweep, k);
      largestK[k] = sweep.largest[k];
    }
    chiCurves.push(canonicalAverage(chiK, grid));
    const L = canonicalAverage(largestK, grid, h.n > 0 ? 1 / h.n : 0);
    for (let i = 0; i < G; i++) giant[i] += L[i] / runs;
  }
  const chi = new Float64Array(G);
  for (const c of chiCurves) for (let i = 0; i < G; i++) chi[i] += c[i] / runs;

  const pk = peakOf(grid, chi);
  const ends: [number, number] = [chi[0], chi[G - 1]];
  // Baseline: the larger end value, and at least 1 (an isolated node is a cluster of size 1; in site mode both
  // ends are 0 on a connected component, which would make any bump "prominent").
  const endMax = Math.max(ends[0], ends[1], 1);
  const prom = endMax > 0 ? chi[pk.i] / endMax : chi[pk.i] > 0 ? Infinity : 0;
  // A refined peak that lands on a grid end counts as "at the end" too: never return the grid's end as q_c.
  const atEnd = pk.i === G - 1 || pk.q >= grid[G - 1] ? 'end' : pk.i === 0 || pk.q <= grid[0] ? 'start' : null;
  const peak = { q: pk.q, chi: chi[pk.i], chiAtEnds: ends, prominence: prom, atEnd } as OnsetThresholdResult['peak'];
  const base = { method: 'onset-lcc-chi' as const, mode, runs, seed, component, peak, grid, chi, giant };
  const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : String(x));
  if (h.m === 0) {
    return {
      ...base,
      q_c: null,
      ci: null,
      reason: 'the largest connected component has no edge: no giant component can form',
    };
  }
  if (atEnd === 'end') {
    return {
      ...base,
      q_c: null,
      ci: null,
      reason: `the mean non-largest cluster size on the largest component peaks at the grid's end (q = ${fmt(grid[G - 1])}): no onset inside the grid`,
    };
  }
  if (atEnd === 'start') {
    return {
      ...base,
      q_c: null,
      ci: null,
      reason: `the mean non-largest cluster size on the largest component peaks at the grid's first point (q = ${fmt(grid[0])}): the onset is at or below it (hub-dominated graph, q_c -> 0)`,
    };
  }
  if (prom < prominence) {
    return {
      ...base,
      q_c: null,
      ci: null,
      reason: `no sharp transition: the peak of the mean non-largest cluster size (q = ${fmt(pk.q)}) is only ${fmt(prom)} times max(its value at the grid's ends, 1) (at least ${prominence} required)`,
    };
  }
  let ci: [number, number] | null = null;
  if (B > 0 && runs >= 2) {
    const rng = stream(seed, ONSET_BOOTSTRAP_STREAM_INDEX);
    const qs = new Float64Array(B);
    const acc = new Float64Array(G);
    for (let b = 0; b < B; b++) {
      acc.fill(0);
      for (let j = 0; j < runs; j++) {
        const c = chiCurves[rng.int(runs)];
        for (let i = 0; i < G; i++) acc[i] += c[i];
      }
      qs[b] = peakOf(grid, acc).q;
    }
    qs.sort();
    const a = (1 - level) / 2;
    ci = [quantile(qs, a), quantile(qs, 1 - a)];
  }
  return { ...base, q_c: pk.q, ci };
}

function quantile(a: Float64Array, p: number): number {
  const h = (a.length - 1) * p;
  const i = Math.floor(h);
  const f = h - i;
  // a[i] + f·(a[i+1] − a[i]), capped at a[i+1]: exact when the two are equal, never outside [a[i], a[i+1]]. The
  // weighted mean a[i]·(1 − f) + a[i+1]·f is not: 0.999·0.7 + 0.999·0.3 = 0.9989999999999999.
  return i + 1 < a.length ? Math.min(a[i + 1], a[i] + f * (a[i + 1] - a[i])) : a[i];
}
