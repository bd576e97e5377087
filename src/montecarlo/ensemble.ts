/**
 * Ensembles of Newman–Ziff sweeps: R replicates, canonical averages with confidence intervals, a threshold
 * estimate, optionally in parallel worker threads and resumable from an NDJSON checkpoint.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import { checkMemory, clampWorkers } from '../resources.ts';
import { CompactGraph } from '../graph/compact-graph.ts';
import type { Rng } from '../random/stream.ts';
import {
  type ExperimentIdentity,
  type GraphIdentity,
  type OpenCheckpoint,
  appendCheckpoint,
  experimentFingerprint,
  fileSha256,
  graphContentIdentity,
  int32Sha256,
  openCheckpoint,
} from './checkpoint.ts';
import {
  type EnsembleGraphInput,
  type LightGraphSpec,
  checkGraphSpecLazy,
  graphFingerprint,
  graphFromLightSpec,
  graphFromSpecLazy,
  isRandomGraphSpec,
  lightGraphSpecLazy,
} from './graph-source.ts';
import { peakThreshold } from './peak-threshold.ts';
import { noTransitionReason } from './transition.ts';
import { type LatticeGeometry, type WrappingLattice, WRAPPING_LATTICES, checkLatticeGeometry } from './sweep-wrapping.ts';
import {
  type WrappingKind,
  type WrappingSamples,
  type WrappingThreshold,
  packWrappingSweeps,
  universalWrappingProbability,
  wrappingThreshold,
} from './wrapping-threshold.ts';
import {
  REMOVAL_ORDER_NAMES,
  type RemovalOrderName,
  type SweepMode,
  type ReplicateResult,
  type ReplicateSpec,
  replicateStreams,
  runReplicateOnGraph,
} from './replicate.ts';
import type { ReplicateTask, ReplicateWorkerData } from './replicate-worker.ts';
import { meanWithCI } from './statistics.ts';
import { validateOrder } from './validate-order.ts';
import { nodeRequire } from '../node-only.ts';

/** The file a file spec (`edges:`, `gexf:`, `graphml:`, `fgb:`) reads, else undefined. */
async function graphFilePathLazy(spec: string): Promise<string | undefined> {
  if (!/^\s*(edges|gexf|graphml|fgb)\s*:/i.test(spec)) return undefined;
  const mod = (await import('../generators/spec.ts')) as { parseGraphSpec: (spec: string) => { path?: string } };
  return mod.parseGraphSpec(spec).path;
}

/** Bytes a kept replicate result costs besides its curves (object, typed-array headers). */
const REPLICATE_OVERHEAD_BYTES = 400;

/**
 * Refuse, before any replicate runs, an ensemble whose kept replicate curves exceed the memory budget: each of the
 * R replicates keeps 3 curves (giant, second, susceptibility) of |qs| doubles until the in-order reduction and the
 * bootstrap of the threshold at the end.
 *
 * @param field - the input named in the error (`runs`, or `--runs` from the CLI).
 * @param runs - replicates R.
 * @param qCount - q values per curve (grid points plus `at` values).
 * @throws FragilityInputError (exit 2) with the estimate, the budget and the remedies.
 *
 * **Complexity** O(1).
 *
 * **Model** bytes = R · (3 · |qs| · 8 + 400).
 *
 * **References** —
 *
 * @example
 * ```ts
 * checkEnsembleMemory('--runs', 1e7, 201); // throws under a 12 GB budget (52.2 GB needed)
 * ```
 */
export function checkEnsembleMemory(field: string, runs: number, qCount: number): void {
  checkMemory(
    field,
    runs,
    runs * (3 * qCount * 8 + REPLICATE_OVERHEAD_BYTES),
    `${runs} replicates × ${qCount} q values (3 curves each, kept for the reduction and the bootstrap)`,
    'use fewer runs or grid points',
  );
}

/** Replicate tasks queued per pool thread (see the pool set-up in {@link runEnsemble}). */
const TASKS_IN_FLIGHT = 2;

/** Options of {@link runEnsemble}. */
export interface EnsembleOptions {
  /**
   * The graph: a CompactGraph (fixed), a `--graph` spec (random specs are redrawn for every replicate with seed
   * `drawReplicateGraphSeed(stream(seed, r))`, fixed specs are loaded once), or a factory (graphSeed, r) → graph
   * (in process only: a function cannot be sent to a worker).
   */
  graph: EnsembleGraphInput;
  /** `'site'` (default) or `'bond'`. */
  mode?: SweepMode;
  /**
   * A built-in removal order (default `'random'`), a custom removal order (node order for site, edge order for bond;
   * fixed graphs only), or a strategy (g, rng) → order called for every replicate with its stream (in process only).
   */
  order?: RemovalOrderName | ArrayLike<number> | ((g: CompactGraph, rng: Rng) => ArrayLike<number>);
  /** Number of replicates R, an integer >= 1. */
  runs: number;
  /** Seed (default 1): replicate r uses `stream(seed, r)`. */
  seed?: number;
  /** Grid of q for the curves and the threshold (default 201 points 0, 0.005, …, 1; sorted ascending). */
  grid?: ArrayLike<number>;
  /** Extra q values reported individually in `at`. */
  at?: ArrayLike<number>;
  /**
   * Compute threads W (default 1 = in process only). W ≥ 2: this thread plus a piscina pool of W − 1 worker threads.
   * Results are bit-identical for any W. W above the cores available (`availableCores()`) is reduced to that.
   */
  workers?: number;
  /** Confidence level of every interval (default 0.95). */
  level?: number;
  /** Bootstrap resamples for the threshold interval (default 200). */
  bootstrap?: number;
  /** Curve whose peak locates the threshold (default `'susceptibility'`). */
  thresholdObservable?: 'susceptibility' | 'second';
  /** Also return per-k means and variances of the largest-cluster fraction (default false). */
  microcanonical?: boolean;
  /** Betweenness orders: pivots (omitted = exact). */
  betweennessSamples?: number;
  /**
   * Also estimate the threshold from the wrapping probability (Newman & Ziff 2001): each replicate runs the wrapping
   * kernel too (about twice the cost). `true` takes the lattice from a periodic lattice spec (`square:L=…`,
   * `triangular:…`, `honeycomb:…`, `cubic:…`); a {@link LatticeGeometry} names it for a CompactGraph input.
   */
  wrapping?: boolean | LatticeGeometry;
  /** The wrapping event of the estimator (default `axis`). */
  wrappingKind?: WrappingKind;
  /** NDJSON checkpoint file: each finished replicate is appended. */
  checkpoint?: string;
  /** Skip replicates already in the checkpoint (its header must match this run). */
  resume?: boolean;
  /** Called with (done, total) after each finished replicate (and once at the start). */
  onProgress?: (done: number, total: number) => void;
  /** Retries of a task whose worker crashed (default 2). */
  maxRetries?: number;
  /** Testing hook: replicate 0's first attempt kills its worker unless this file exists (it is created). */
  crashMarker?: string;
  /**
   * Compute the replicates elsewhere (a job queue on other processes or machines: `fragility sweep --queue`, see
   * src/queue). Checkpoint, resume, selection and the reduction stay here; `workers` is then unused. Needs a graph
   * spec string and a built-in order (what a remote process can rebuild from plain data).
   */
  remote?: EnsembleRemote;
}

/** Everything a remote process needs to compute replicates of an ensemble (plain data, JSON-safe). */
export interface RemoteEnsembleJob {
  /** The experiment's fingerprint (results are checksummed lines bound to it, as in a checkpoint). */
  fingerprint: string;
  experiment: ExperimentIdentity;
  /** The `--graph` spec (a file spec's bytes are pinned by `experiment.graph.sha256`). */
  graph: string;
  /** Whether each replicate draws its own graph (random spec). */
  graphPerReplicate: boolean;
  /** Replicate r is `runReplicateOnGraph(graph, { ...spec, r }, stream(seed, r))`. */
  spec: Omit<ReplicateSpec, 'r'>;
  /** Replicates R of the experiment (fixes the last chunk of a queue). */
  runs: number;
  /** Nodes of the graph when known before any replicate (a fixed graph, an er/rr/ba/ws spec): sizes the chunks. */
  nodes?: number;
}

/** A remote executor of replicates ({@link EnsembleOptions.remote}). */
export interface EnsembleRemote {
  /**
   * Compute the replicates `todo` of `job` and call `done` with each (any order) as it arrives; resolve when all are
   * done. Results must be exactly what this thread computes (replicate r draws stream(seed, r) only).
   */
  run(job: RemoteEnsembleJob, todo: number[], done: (res: ReplicateResult) => void): Promise<void>;
}

/** Replicate mean, sd and interval of a curve on the grid. */
export interface SweepCurveSummary {
  mean: Float64Array;
  sd: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/** A canonical estimate at one q. */
export interface SweepPointEstimate {
  /** Occupation probability. */
  q: number;
  /** Canonical-ensemble mean giant fraction of all original nodes. */
  S: number;
  /** Per-replicate standard deviation (NaN for one run). */
  sd: number;
  /** Confidence interval of the mean (Student t). */
  ci: [number, number];
}

/** The result of {@link runEnsemble}. */
export interface EnsembleResult {
  runs: number;
  seed: number;
  mode: SweepMode;
  /** Name of the order (`'custom'` for a user-given array). */
  order: string;
  /** Spec, fingerprint or `'factory'`. */
  graph: string;
  /** Whether each replicate drew its own graph. */
  graphPerReplicate: boolean;
  /** n of replicate 0's graph. */
  n: number;
  /** Sweep length of replicate 0 (n site, m bond). */
  steps: number;
  level: number;
  grid: Float64Array;
  giant: SweepCurveSummary;
  second: SweepCurveSummary;
  susceptibility: SweepCurveSummary;
  /** One estimate per requested `at` q. */
  at: SweepPointEstimate[];
  /**
   * Threshold by the largest-gap estimator: mean over replicates of the occupation of the largest single jump of
   * the largest cluster, with its Student-t interval (the estimator to extrapolate in n; see largestGapOccupation).
   */
  gapThreshold: { q_c: number | null; sd: number; ci: [number, number]; reason?: string };
  /**
   * Threshold: the peak of the mean curve with a bootstrap interval. `q_c` is null with a `reason` when there is
   * no transition (empty graph, no edges, no giant component at q = 1, no interior peak): see noTransitionReason.
   */
  threshold: { q_c: number | null; ci: [number, number]; observable: string; method: 'peak'; bootstrap: number; reason?: string };
  /** Per-k mean and variance of largest/n (only with `microcanonical`; same-size graphs only). */
  microcanonical?: { mean: Float64Array; variance: Float64Array };
  /**
   * Threshold from the wrapping probability (only with `wrapping`): R(q) = the universal R_c where tabulated (square
   * torus τ = i; triangular and honeycomb: hexagonal torus τ = e^(2πi/3), Pinson's formula), else (cubic) R = 1/2
   * (median wrapping occupation; stated in `method`).
   */
  wrappingThreshold?: WrappingThreshold;
  /** The first-wrapping samples behind `wrappingThreshold` (for crossings and finite-size studies). */
  wrappingSamples?: WrappingSamples;
  /** Replicates taken from the checkpoint. */
  resumed: number;
  /** Worker crashes recovered by retrying. */
  retries: number;
}

/**
 * The default occupation grid of the ensembles: `points` equally spaced values 0 … 1 (default 201, step 0.005).
 *
 * @param points - number of grid points (>= 2).
 * @returns the grid.
 *
 * **Complexity** O(points).
 *
 * **Model** q_i = i/(points − 1).
 *
 * **References** Newman & Ziff 2001, doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * defaultOccupationGrid(5); // Float64Array [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function defaultOccupationGrid(points = 201): Float64Array {
  const g = new Float64Array(points);
  for (let i = 0; i < points; i++) g[i] = i / (points - 1);
  return g;
}

function summarize(curves: Float64Array[], from: number, count: number, level: number): SweepCurveSummary {
  const R = curves.length;
  const mean = new Float64Array(count);
  const sd = new Float64Array(count);
  const lo = new Float64Array(count);
  const hi = new Float64Array(count);
  const col = new Float64Array(R);
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < R; r++) col[r] = curves[r][from + i];
    const e = meanWithCI(col, level);
    mean[i] = e.mean;
    sd[i] = e.sd;
    lo[i] = e.ci[0];
    hi[i] = e.ci[1];
  }
  return { mean, sd, lo, hi };
}

/**
 * Run R Newman–Ziff replicates and return canonical averages with confidence intervals and a threshold estimate.
 *
 * Replicate r draws everything from `stream(seed, r)`: first its graph seed (used when the graph is random), then
 * its removal order. Each replicate is reduced to canonical averages on `grid ∪ at`; the ensemble statistics are
 * computed at the end in replicate order, so the result is bit-identical for any number of workers, and a resumed
 * run equals an uninterrupted one. For each q: S = mean over replicates of the replicate's canonical giant fraction
 * (of all original nodes), sd = their standard deviation, ci = mean ± t·sd/√R.
 *
 * Parallelism: with `workers` W > 1, the calling thread and a piscina pool of W − 1 worker threads pull replicate
 * indices from one queue (the calling thread hides the pool's start-up). Random specs are redrawn inside the worker
 * (only the spec and (seed, r) travel; er/rr/ba/ws travel parsed so that a worker loads only its generator), fixed
 * graphs are shared once as SharedArrayBuffers. A task whose worker crashes is resubmitted up to `maxRetries` times.
 *
 * @param opts - {@link EnsembleOptions}.
 * @returns {@link EnsembleResult}.
 * @throws FragilityInputError naming `runs` (< 1), `q`/`at`/`grid` (outside [0, 1]), `order` (unknown name or not a
 *   permutation), `mode`, `workers`, `checkpoint` (header mismatch).
 *
 * **Complexity** R × (order + O(n + m·α(n)) sweep + O(G·√N) convolution), divided among W workers; memory O(n + m)
 * per worker plus O(R·G) for the replicate curves.
 *
 * **Model** S(q) = E_r[Σ_k B(N, k, q) L_{r,k}/n]; threshold = argmax_q E_r[χ_r(q)].
 *
 * **References** Newman & Ziff, PRL 85, 4104 (2000), doi:10.1103/PhysRevLett.85.4104; PRE 64, 016706 (2001),
 * doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const res = await runEnsemble({ graph: 'er:n=10000,k=4', runs: 20, seed: 1, at: [0.5] });
 * res.at[0]; // { q: 0.5, S: ≈0.398, sd, ci }
 * ```
 */
export async function runEnsemble(opts: EnsembleOptions): Promise<EnsembleResult> {
  const c = await computeEnsemble(opts);
  return reduceEnsemble(c.results as ReplicateResult[], c.experiment, c.reduction, { runs: c.runs, resumed: c.resumed, retries: c.retries });
}

/** Which replicates of an R-replicate experiment to compute: shard `index` of `count` holds r with r mod count = index. */
export interface ReplicateSelection {
  /** Shard index i, 0 ≤ i < count. */
  index: number;
  /** Number of shards N ≥ 1. */
  count: number;
}

/**
 * What the reduction of an ensemble needs besides the replicates and the experiment identity: recorded in shard
 * headers so that `fragility merge` reproduces the unsharded result without re-reading the graph.
 */
export interface EnsembleReduction {
  /** Grid points G: the first G values of the identity's `qs` are the grid, the rest the `at` values. */
  gridPoints: number;
  /** Confidence level. */
  level: number;
  /** Bootstrap resamples of the threshold interval. */
  bootstrap: number;
  /** Curve whose peak locates the threshold. */
  thresholdObservable: 'susceptibility' | 'second';
  /** The order's name as reported (`'custom'` for arrays and functions). */
  order: string;
  /** The graph label (spec, fingerprint or `'factory'`). */
  graph: string;
  /** Whether each replicate drew its own graph. */
  graphPerReplicate: boolean;
  /** The lattice of the wrapping estimator (absent without it). */
  wrapping?: LatticeGeometry;
  /** The wrapping event (with `wrapping`). */
  wrappingKind?: WrappingKind;
}

/** The replicates of an ensemble before its reduction (see {@link runEnsemble}, {@link runEnsembleShard}). */
export interface ComputedEnsemble {
  runs: number;
  /** By replicate index; undefined outside the selection. */
  results: (ReplicateResult | undefined)[];
  experiment: ExperimentIdentity;
  reduction: EnsembleReduction;
  resumed: number;
  retries: number;
}

/** How many of replicates 0 … runs−1 a selection holds. */
function selectionSize(runs: number, sel: ReplicateSelection | undefined): number {
  if (!sel) return runs;
  return sel.index < runs ? Math.floor((runs - 1 - sel.index) / sel.count) + 1 : 0;
}

/**
 * The replicates of an ensemble (all of them, or a shard's share), before the reduction: what {@link runEnsemble}
 * and `runEnsembleShard` share. Validation, checkpoint and workers as in {@link runEnsemble}.
 *
 * @param opts - {@link EnsembleOptions}.
 * @param select - compute only replicates r with r mod count = index (default all).
 * @returns the replicates by index, the experiment identity (graph content hashed only with a checkpoint or a
 *   selection) and the reduction parameters.
 * @throws FragilityInputError as {@link runEnsemble}, and naming `shard.count` / `shard.index` out of range.
 *
 * **Complexity** as {@link runEnsemble}, for the selected replicates.
 *
 * **Model** replicate r draws from `stream(seed, r)` only, so any subset is computed anywhere with the same bits.
 *
 * **References** Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const c = await computeEnsemble({ graph: 'er:n=1000,k=4', runs: 10 }, { index: 1, count: 3 }); // replicates r = 1, 4, 7
 * ```
 * @internal
 */
export async function computeEnsemble(opts: EnsembleOptions, select?: ReplicateSelection): Promise<ComputedEnsemble> {
  const runs = checkInteger('runs', opts.runs, 1, 1e9);
  const seed = opts.seed ?? 1;
  checkInteger('seed', seed, -(2 ** 53 - 1), 2 ** 53 - 1);
  const mode = opts.mode ?? 'site';
  if (mode !== 'site' && mode !== 'bond') throw new FragilityInputError('mode', mode, "'site' or 'bond'");
  // More compute threads than cores only cost start-up and one graph copy each (measured by the fault pass: 256 on
  // 2 cores, 20× the time and 30× the memory); results do not depend on W, so W is clamped to the cores.
  const workers = clampWorkers(checkInteger('workers', opts.workers ?? 1, 1, 256)).workers;
  const level = checkNumber('level', opts.level ?? 0.95, 0.5, 0.9999);
  const maxRetries = checkInteger('maxRetries', opts.maxRetries ?? 2, 0, 100);
  const grid = Float64Array.from(opts.grid ?? defaultOccupationGrid());
  for (let i = 0; i < grid.length; i++) {
    checkProbability('grid', grid[i]);
    if (i > 0 && !(grid[i] > grid[i - 1])) throw new FragilityInputError('grid', Array.from(grid), 'strictly increasing values in [0, 1]');
  }
  const at = Array.from(opts.at ?? [], (q) => checkProbability('at', q));
  const qs = [...grid, ...at];
  // The replicates' canonical curves (3 × |qs| doubles each) are kept for the in-order reduction and the bootstrap
  // of the threshold: refuse up front a run whose curves alone exceed the memory budget.
  if (select) {
    checkInteger('shard.count', select.count, 1, 1e9);
    checkInteger('shard.index', select.index, 0, select.count - 1);
  }
  checkEnsembleMemory('runs', selectionSize(runs, select), qs.length);
  const thresholdObservable = opts.thresholdObservable ?? 'susceptibility';
  if (thresholdObservable !== 'susceptibility' && thresholdObservable !== 'second') {
    throw new FragilityInputError('thresholdObservable', thresholdObservable, "'susceptibility' or 'second'");
  }

  // Order.
  const rawOrder = opts.order ?? 'random';
  let orderName: RemovalOrderName | 'custom';
  let customOrder: Int32Array | undefined;
  let orderStrategy: ((g: CompactGraph, rng: Rng) => ArrayLike<number>) | undefined;
  if (typeof rawOrder === 'string') {
    if (!(REMOVAL_ORDER_NAMES as readonly string[]).includes(rawOrder)) {
      throw new FragilityInputError('order', rawOrder, `one of ${REMOVAL_ORDER_NAMES.join(', ')} or a custom order array`);
    }
    if (mode === 'bond' && rawOrder !== 'random') {
      throw new FragilityInputError('order', rawOrder, "'random' or a custom edge order for bond percolation");
    }
    orderName = rawOrder;
  } else if (typeof rawOrder === 'function') {
    orderName = 'custom';
    orderStrategy = rawOrder;
    if (workers > 1) throw new FragilityInputError('workers', workers, '1 when the order is a function (functions cannot be sent to worker threads)');
  } else {
    orderName = 'custom';
    customOrder = Int32Array.from(rawOrder as ArrayLike<number>);
  }

  // Graph source.
  const input = opts.graph;
  let fixed: CompactGraph | undefined;
  let randomSpec: string | undefined;
  let lightSpec: LightGraphSpec | undefined;
  let factory: ((graphSeed: number, r: number) => CompactGraph | Promise<CompactGraph>) | undefined;
  let label: string;
  if (input instanceof CompactGraph) {
    fixed = input;
    label = graphFingerprint(input);
  } else if (typeof input === 'string') {
    label = input;
    if (isRandomGraphSpec(input)) {
      await checkGraphSpecLazy(input, workers); // one graph per compute thread, checked before any is drawn
      randomSpec = input;
      lightSpec = await lightGraphSpecLazy(input);
    } else fixed = await graphFromSpecLazy(input, seed);
  } else if (typeof input === 'function') {
    factory = input;
    label = 'factory';
    if (workers > 1) throw new FragilityInputError('workers', workers, '1 when the graph is a factory function (functions cannot be sent to worker threads; pass a spec string instead)');
  } else {
    throw new FragilityInputError('graph', input, 'a CompactGraph, a graph spec string or a factory function');
  }
  let wrapping: LatticeGeometry | undefined;
  if (opts.wrapping) {
    if (typeof opts.wrapping === 'object') wrapping = checkLatticeGeometry(opts.wrapping, fixed);
    else {
      const { parseGraphSpec } = await import('../generators/spec.ts');
      const spec = typeof input === 'string' ? parseGraphSpec(input) : undefined;
      if (!spec || !('periodic' in spec) || !spec.periodic || !(WRAPPING_LATTICES as readonly string[]).includes(spec.model)) {
        throw new FragilityInputError('estimator', 'wrapping', 'a periodic lattice graph (square, triangular, honeycomb or cubic spec without ,open)');
      }
      wrapping = checkLatticeGeometry({ lattice: spec.model as WrappingLattice, L: spec.L }, fixed);
    }
  }
  if (customOrder) {
    if (!fixed) throw new FragilityInputError('order', 'a custom array', 'a built-in order name when each replicate draws its own graph');
    customOrder = validateOrder(customOrder, mode === 'site' ? fixed.n : fixed.m, mode === 'site' ? 'order' : 'edgeOrder');
  }
  if (orderName === 'supernodes-first') {
    const hasRoles = fixed ? fixed.roles !== undefined : randomSpec !== undefined ? /^\s*(two-tier|ultrapeer)\s*:/i.test(randomSpec) : true;
    if (!hasRoles) throw new FragilityInputError('order', orderName, 'an order other than supernodes-first for a graph without roles (two-tier: or ultrapeer: specs have them)');
  }

  const baseSpec = (r: number): ReplicateSpec => ({
    r,
    seed,
    mode,
    order: orderName,
    qs,
    microcanonical: opts.microcanonical ?? false,
    ...(opts.betweennessSamples === undefined ? {} : { betweennessSamples: opts.betweennessSamples }),
    ...(wrapping ? { wrapping } : {}),
  });

  // Checkpoint: bound to the experiment's content (graph bytes or spec, seed, every option that changes a replicate).
  const results: (ReplicateResult | undefined)[] = new Array(runs);
  let resumed = 0;
  let ck: OpenCheckpoint | undefined;
  // The graph's content is hashed only when the identity is written (a checkpoint or a shard): O(n + m) or O(file).
  let graphId: GraphIdentity = { kind: 'factory' };
  if (opts.remote) {
    if (typeof input !== 'string') throw new FragilityInputError('graph', typeof input === 'function' ? 'a factory function' : 'a CompactGraph', 'a graph spec string when the replicates are computed remotely (a queue)');
    if (orderName === 'custom') throw new FragilityInputError('order', 'a custom order', 'a built-in order name when the replicates are computed remotely (a queue)');
  }
  if (opts.checkpoint || select || opts.remote) {
    if (input instanceof CompactGraph) graphId = graphContentIdentity(input);
    else if (typeof input === 'string') {
      const file = await graphFilePathLazy(input);
      graphId = file === undefined ? { kind: 'spec', spec: input } : { kind: 'file', spec: input, ...fileSha256(file) };
    }
  }
  const experiment: ExperimentIdentity = {
    graph: graphId,
    seed,
    mode,
    order: orderStrategy ? 'custom-function' : orderName,
    ...(customOrder ? { customOrderSha256: int32Sha256(customOrder) } : {}),
    qs,
    microcanonical: opts.microcanonical ?? false,
    betweennessSamples: opts.betweennessSamples ?? null,
    ...(wrapping ? { wrapping: `${wrapping.lattice}:L=${wrapping.L}` } : {}),
  };
  if (opts.checkpoint) {
    ck = openCheckpoint(opts.checkpoint, experiment, runs, opts.resume ?? false);
    for (const [r, res] of ck.done) {
      results[r] = res;
      resumed++;
    }
  }
  const inSelection = (r: number) => !select || r % select.count === select.index;
  const total = selectionSize(runs, select);
  let done = 0;
  for (let r = 0; r < runs; r++) if (results[r] && inSelection(r)) done++;
  opts.onProgress?.(done, total);
  const finish = (res: ReplicateResult) => {
    results[res.r] = res;
    if (ck) appendCheckpoint(ck, res);
    done++;
    opts.onProgress?.(done, total);
  };
  const todo: number[] = [];
  for (let r = 0; r < runs; r++) if (!results[r] && inSelection(r)) todo.push(r);

  // One replicate in this thread (same functions as the worker: bit-identical results).
  const computeHere = async (r: number): Promise<ReplicateResult> => {
    const { rng, graphSeed } = replicateStreams(seed, r);
    let g: CompactGraph;
    if (fixed) g = fixed;
    else if (lightSpec) g = await graphFromLightSpec(lightSpec, graphSeed);
    else if (randomSpec !== undefined) g = await graphFromSpecLazy(randomSpec, graphSeed);
    else g = await factory!(graphSeed, r);
    return runReplicateOnGraph(g, baseSpec(r), rng, orderStrategy ? orderStrategy(g, rng) : customOrder);
  };

  let retries = 0;
  if (opts.remote) {
    if (todo.length > 0) {
      const { r: _r, ...spec } = baseSpec(0);
      const nodes = fixed ? fixed.n : lightSpec?.n;
      const job: RemoteEnsembleJob = { fingerprint: experimentFingerprint(experiment), experiment, graph: label, graphPerReplicate: !fixed, spec, runs, ...(nodes === undefined ? {} : { nodes }) };
      const wanted = new Set(todo);
      await opts.remote.run(job, todo, (res) => {
        if (!wanted.delete(res.r)) return; // not asked for, or a duplicate delivery: the first one counts
        finish(res);
      });
      if (wanted.size > 0) throw new Error(`the remote executor finished without replicates ${[...wanted].slice(0, 10).join(', ')}${wanted.size > 10 ? ', …' : ''}`);
    }
  } else if (workers === 1) {
    for (const r of todo) finish(await computeHere(r));
  } else if (todo.length > 0) {
    // W compute threads: this thread plus a piscina pool of W − 1 worker threads, all pulling replicate indices
    // from one queue. This thread starts at once, so the pool's start-up (~0.1 s of worker time; none when the pool
    // of the previous ensemble is reused, see KeptPool) overlaps useful work; results are reduced by replicate index
    // at the end, so the split does not change a single bit of the output.
    const threads = Math.max(1, Math.min(workers - 1, todo.length - 1));
    // What the pool's workers hold, by content (a kept pool must never serve a graph or order that changed since).
    const poolKey = JSON.stringify({
      threads,
      lightSpec,
      graphSpec: lightSpec ? undefined : randomSpec,
      fixed: fixed ? graphFingerprint(fixed) : undefined,
      order: customOrder ? arrayFingerprint(customOrder) : undefined,
    });
    const entry = await acquirePool(poolKey, threads, () => {
      const workerData: ReplicateWorkerData = {};
      if (lightSpec) workerData.lightSpec = lightSpec;
      else if (randomSpec !== undefined) workerData.graphSpec = randomSpec;
      if (fixed) workerData.fixed = shareGraph(fixed);
      if (customOrder) workerData.customOrder = shareArray(customOrder);
      return workerData;
    });
    const pool = entry.pool;
    let next = 0;
    const take = () => (next < todo.length ? todo[next++] : -1);
    let failed = false;
    const poolLoop = async () => {
      for (let r = take(); r >= 0 && !failed; r = take()) {
        const task: ReplicateTask = { spec: baseSpec(r), ...(opts.crashMarker ? { crashMarker: opts.crashMarker } : {}) };
        for (let attempt = 0; ; attempt++) {
          try {
            finish((await pool.run(task)) as ReplicateResult);
            break;
          } catch (err) {
            if (attempt >= maxRetries) {
              failed = true;
              throw err;
            }
            retries++;
          }
        }
      }
    };
    const hereLoop = async () => {
      for (;;) {
        await new Promise<void>((resolve) => setImmediate(resolve)); // let finished pool tasks be recorded
        if (failed) return;
        const r = take();
        if (r < 0) return;
        finish(await computeHere(r));
      }
    };
    try {
      await Promise.all([hereLoop(), ...Array.from({ length: threads * TASKS_IN_FLIGHT }, poolLoop)]);
      releasePool(entry, true);
    } catch (err) {
      failed = true;
      releasePool(entry, false);
      throw err;
    } finally {
      failed = true;
    }
  }

  const reduction: EnsembleReduction = {
    gridPoints: grid.length,
    level,
    bootstrap: opts.bootstrap ?? 200,
    thresholdObservable,
    order: orderName,
    graph: label,
    graphPerReplicate: !fixed,
    ...(wrapping ? { wrapping, wrappingKind: opts.wrappingKind ?? 'axis' } : {}),
  };
  return { runs, results, experiment, reduction, resumed, retries };
}

/**
 * Reduce the replicates of an ensemble to its result: canonical means, intervals and thresholds, in replicate order
 * (the same doubles whichever process or thread computed each replicate). {@link runEnsemble} ends with it;
 * `mergeShardFiles` applies it to the replicates of shard files.
 *
 * @param all - replicates 0 … R−1, each at its index.
 * @param experiment - the experiment identity (seed, mode, qs, microcanonical are read).
 * @param reduction - the reduction parameters ({@link EnsembleReduction}).
 * @param counts - runs R, replicates resumed from a checkpoint, worker retries (reported as given).
 * @returns {@link EnsembleResult}.
 * @throws FragilityInputError naming `microcanonical` when replicates differ in size.
 *
 * **Complexity** O(R·|qs|) plus the bootstrap O(B·R·G) and, with microcanonical, O(R·steps).
 *
 * **Model** as {@link runEnsemble}.
 *
 * **References** Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const { results, header } = mergeShardFiles(['s0.ndjson', 's1.ndjson', 's2.ndjson']);
 * reduceEnsemble(results, header.experiment, header.reduction, { runs: header.runs, resumed: 0, retries: 0 });
 * ```
 */
export function reduceEnsemble(
  all: ReplicateResult[],
  experiment: Pick<ExperimentIdentity, 'seed' | 'mode' | 'qs' | 'microcanonical'>,
  reduction: EnsembleReduction,
  counts: { runs: number; resumed: number; retries: number },
): EnsembleResult {
  const { runs, resumed, retries } = counts;
  const { seed, microcanonical } = experiment;
  const mode = experiment.mode as SweepMode;
  const { level, thresholdObservable, wrapping } = reduction;
  const G = reduction.gridPoints;
  const grid = Float64Array.from(experiment.qs.slice(0, G));
  const at = experiment.qs.slice(G);
  const orderName = reduction.order;
  const label = reduction.graph;
  const giantCurves = all.map((x) => x.giant);
  const giant = summarize(giantCurves, 0, G, level);
  const second = summarize(all.map((x) => x.second), 0, G, level);
  const susceptibility = summarize(all.map((x) => x.susceptibility), 0, G, level);
  const atSummary = summarize(giantCurves, G, at.length, level);
  const atOut: SweepPointEstimate[] = at.map((q, i) => ({ q, S: atSummary.mean[i], sd: atSummary.sd[i], ci: [atSummary.lo[i], atSummary.hi[i]] }));
  const thrCurves = all.map((x) => (thresholdObservable === 'second' ? x.second : x.susceptibility).subarray(0, G));
  const thr = peakThreshold(grid, thrCurves, { bootstrap: reduction.bootstrap, seed, level });
  const gap = meanWithCI(Float64Array.from(all, (x) => x.gapQ), level);
  // No transition to locate (issue 14): both estimators say so with the same reason rather than report q_c = 1 or
  // the position of a meaningless jump. The giant at full occupation is read at q = 1 when the grid reaches it.
  const n0 = all[0].n;
  const top = G > 0 && grid[G - 1] === 1 ? giant.mean[G - 1] : undefined;
  const none = noTransitionReason(n0, top, top === undefined ? undefined : top * n0) ?? thr.reason;
  const gapNone = noTransitionReason(n0, top, top === undefined ? undefined : top * n0);

  const out: EnsembleResult = {
    runs,
    seed,
    mode,
    order: orderName,
    graph: label,
    graphPerReplicate: reduction.graphPerReplicate,
    n: all[0].n,
    steps: all[0].steps,
    level,
    grid,
    giant,
    second,
    susceptibility,
    at: atOut,
    threshold: none
      ? { q_c: null, ci: [NaN, NaN], observable: thresholdObservable, method: 'peak', bootstrap: 0, reason: none }
      : { q_c: thr.q_c, ci: thr.ci, observable: thresholdObservable, method: 'peak', bootstrap: thr.bootstrap },
    gapThreshold: gapNone ? { q_c: null, sd: NaN, ci: [NaN, NaN], reason: gapNone } : { q_c: gap.mean, sd: gap.sd, ci: gap.ci },
    resumed,
    retries,
  };
  if (wrapping) {
    const samples = packWrappingSweeps(all.map((x) => ({ steps: x.steps, dim: x.firstWrap!.length, firstWrap: x.firstWrap!, wrapMass: x.wrapMass! })));
    const kind = reduction.wrappingKind ?? 'axis';
    const uc = universalWrappingProbability(wrapping.lattice, kind);
    out.wrappingThreshold = wrappingThreshold(samples, uc ?? 0.5, {
      kind,
      level,
      targetSource: uc !== null ? `universal value on the ${wrapping.lattice === 'square' ? 'square (τ = i)' : 'hexagonal (τ = e^(2πi/3))'} torus, Pinson 1994` : `median wrapping occupation: no universal R_c tabulated for the ${wrapping.lattice} torus, bias O(L^(−1/ν))`,
    });
    out.wrappingSamples = samples;
  }
  if (microcanonical) {
    const steps = all[0].steps;
    const n = all[0].n;
    if (all.some((x) => x.steps !== steps || x.n !== n || !x.largest)) {
      throw new FragilityInputError('microcanonical', true, 'replicates of one size (fixed n and m) for per-k averages');
    }
    // Integer sums are exact in doubles (L ≤ 2^31, R·L² < 2^53 for R·n² < 9e15), hence order-independent.
    const s1 = new Float64Array(steps + 1);
    const s2 = new Float64Array(steps + 1);
    for (const x of all) {
      const L = x.largest!;
      for (let k = 0; k <= steps; k++) {
        s1[k] += L[k];
        s2[k] += L[k] * L[k];
      }
    }
    const mean = new Float64Array(steps + 1);
    const variance = new Float64Array(steps + 1);
    const R = all.length;
    for (let k = 0; k <= steps; k++) {
      mean[k] = s1[k] / R / n;
      variance[k] = R > 1 ? Math.max(0, (s2[k] - (s1[k] * s1[k]) / R) / (R - 1)) / (n * n) : NaN;
    }
    out.microcanonical = { mean, variance };
  }
  return out;
}

/**
 * A worker pool kept after an ensemble for the next one with the same thread count and graph: a notebook or a
 * finite-size study runs many ensembles in a row, and a new pool costs each of them ~0.1 s of worker time (thread
 * start, module import, JIT warm-up: measured 20 + 25 + 70 ms at n = 10^5), about 5 % of a 100-replicate run on two
 * threads. Idle pool threads do not keep the process alive (piscina unrefs them), and the pool is destroyed after
 * {@link KEEP_POOL_MS} without use, when a different pool is needed, or when an ensemble using it fails.
 */
interface KeptPool {
  /** Thread count, and the graph spec, fixed graph and custom order by content. */
  key: string;
  pool: import('piscina').Piscina;
  users: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** How long an idle pool is kept for the next ensemble. */
const KEEP_POOL_MS = 2000;
let keptPool: KeptPool | undefined;

/**
 * The pool's worker module. Compiled (dist/), this file is ensemble.js and the compiled replicate-worker.js sits
 * beside it: threads load plain JavaScript. From the TypeScript sources (vitest, tsx, Deno), the entry
 * worker-entry.mjs registers tsx's loader in the thread and then imports replicate-worker.ts — nothing is bundled or
 * written at run time.
 */
function replicateWorkerUrl(): string {
  const source = import.meta.url.endsWith('.ts');
  return new URL(source ? './worker-entry.mjs' : './replicate-worker.js', import.meta.url).href;
}

async function acquirePool(key: string, threads: number, workerData: () => ReplicateWorkerData): Promise<KeptPool> {
  const k = keptPool;
  if (k && k.key === key) {
    if (k.timer) clearTimeout(k.timer);
    k.timer = undefined;
    k.users++;
    return k;
  }
  if (k && k.users === 0) {
    if (k.timer) clearTimeout(k.timer);
    keptPool = undefined;
    void k.pool.destroy();
  }
  // Loaded through require so that a browser bundle of the core does not pull in the worker pool (workers: 1 there).
  const { Piscina } = nodeRequire(import.meta.url, 'runEnsemble with workers > 1')('piscina') as typeof import('piscina');
  const pool = new Piscina({
    filename: replicateWorkerUrl(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: KEEP_POOL_MS,
    // Two tasks in flight per worker: the second is already in the worker's message queue when the first ends, so
    // the worker never waits for this thread (busy with its own replicate) to hand it the next one.
    concurrentTasksPerWorker: TASKS_IN_FLIGHT,
    // Do not inherit this process's --import/--require flags: under tsx they would register the TypeScript loader
    // in every worker (worker-entry.mjs registers it itself when the sources run).
    execArgv: [],
    workerData: workerData(),
  });
  const entry: KeptPool = { key, pool, users: 1, timer: undefined };
  if (!keptPool) keptPool = entry;
  return entry;
}

/**
 * The pool kept for the next ensemble, if any: its identity (for tests: two ensembles in a row share one) and users.
 * @internal
 */
export function keptPoolInfo(): { pool: object; users: number } | undefined {
  return keptPool ? { pool: keptPool.pool, users: keptPool.users } : undefined;
}

/** Ends one ensemble's use of a pool: keep it for the next (when `ok`), else destroy it. */
function releasePool(entry: KeptPool, ok: boolean): void {
  entry.users--;
  if (entry.users > 0) return;
  if (ok && keptPool === entry) {
    entry.timer = setTimeout(() => {
      if (keptPool === entry && entry.users === 0) {
        keptPool = undefined;
        void entry.pool.destroy();
      }
    }, KEEP_POOL_MS);
    entry.timer.unref();
    return;
  }
  if (keptPool === entry) keptPool = undefined;
  void entry.pool.destroy();
}

/** FNV-1a over the 32-bit values of an array (the custom order's part of a pool key). */
function arrayFingerprint(a: ArrayLike<number>): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ (a[i] | 0), 0x01000193);
  return `${a.length}:${(h >>> 0).toString(16)}`;
}

function shareArray<T extends Int32Array | Uint8Array>(a: T): T {
  const sab = new SharedArrayBuffer(a.byteLength);
  const view = (a instanceof Int32Array ? new Int32Array(sab) : new Uint8Array(sab)) as T;
  view.set(a);
  return view;
}

function shareGraph(g: CompactGraph): NonNullable<ReplicateWorkerData['fixed']> {
  const f: NonNullable<ReplicateWorkerData['fixed']> = { n: g.n, edgeSource: shareArray(g.edgeSource), edgeTarget: shareArray(g.edgeTarget) };
  if (g.roles) f.roles = shareArray(g.roles);
  return f;
}
