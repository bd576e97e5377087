/**
 * Resolution of an ensemble's options before any replicate runs: every scalar validated, the removal order and the
 * graph source resolved (fixed graph, random spec redrawn per replicate, or factory), the wrapping lattice, and the
 * experiment identity that binds checkpoints and shards to the run's content.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../../errors.ts';
import { clampWorkers, checkMemory } from '../../resources.ts';
import { CompactGraph } from '../../graph/compact-graph.ts';
import type { Rng } from '../../random/stream.ts';
import {
  type ExperimentIdentity,
  type GraphIdentity,
  fileSha256,
  graphContentIdentity,
  int32Sha256,
} from '../checkpoint.ts';
import {
  type LightGraphSpec,
  checkGraphSpecLazy,
  graphFingerprint,
  graphFromSpecLazy,
  isRandomGraphSpec,
  lightGraphSpecLazy,
} from '../graph-source.ts';
import {
  type LatticeGeometry,
  type WrappingLattice,
  WRAPPING_LATTICES,
  checkLatticeGeometry,
} from '../sweep-wrapping.ts';
import { REMOVAL_ORDER_NAMES, type RemovalOrderName, type ReplicateSpec, type SweepMode } from '../replicate.ts';
import { validateOrder } from '../validate-order.ts';
import type { EnsembleOptions, ReplicateSelection } from './types.ts';

/** The file a file spec (`edges:`, `gexf:`, `graphml:`, `fgb:`) reads, else undefined. */
async function graphFilePathLazy(spec: string): Promise<string | undefined> {
  if (!/^\s*(edges|gexf|graphml|fgb)\s*:/i.test(spec)) return undefined;
  const mod = (await import('../../generators/spec.ts')) as { parseGraphSpec: (spec: string) => { path?: string } };
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
 * @complexity O(1).
 *
 * @model bytes = R · (3 · |qs| · 8 + 400).
 *
 * @references —
 *
 * @example
 * ```ts
 * checkEnsembleMemory('--runs', 1e7, 201); // throws under a 12 GB budget (52.2 GB needed)
 * ```
 *
 * @category Ensembles
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

/**
 * The default occupation grid of the ensembles: `points` equally spaced values 0 … 1 (default 201, step 0.005).
 *
 * @param points - number of grid points (>= 2).
 * @returns the grid.
 *
 * @complexity O(points).
 *
 * @model q_i = i/(points − 1).
 *
 * @references Newman & Ziff 2001, doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * defaultOccupationGrid(5); // Float64Array [0, 0.25, 0.5, 0.75, 1]
 * ```
 *
 * @category Ensembles
 */
export function defaultOccupationGrid(points = 201): Float64Array {
  const g = new Float64Array(points);
  for (let i = 0; i < points; i++) g[i] = i / (points - 1);
  return g;
}

/** How many of replicates 0 … runs−1 a selection holds. */
export function selectionSize(runs: number, sel: ReplicateSelection | undefined): number {
  if (!sel) return runs;
  return sel.index < runs ? Math.floor((runs - 1 - sel.index) / sel.count) + 1 : 0;
}

/** The validated scalar options of an ensemble. */
export interface EnsembleSettings {
  runs: number;
  seed: number;
  mode: SweepMode;
  /** Compute threads, clamped to the cores. */
  workers: number;
  level: number;
  maxRetries: number;
  grid: Float64Array;
  at: number[];
  /** grid ∪ at, in that order. */
  qs: number[];
  thresholdObservable: 'susceptibility' | 'second';
}

/** Validate the scalar options (and the selection), refusing up front a run whose curves exceed the memory budget. */
export function resolveSettings(opts: EnsembleOptions, select?: ReplicateSelection): EnsembleSettings {
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
    if (i > 0 && !(grid[i] > grid[i - 1]))
      throw new FragilityInputError('grid', Array.from(grid), 'strictly increasing values in [0, 1]');
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
  return { runs, seed, mode, workers, level, maxRetries, grid, at, qs, thresholdObservable };
}

/** The removal order of an ensemble: a built-in name, a custom array, or a strategy function. */
export interface ResolvedOrder {
  name: RemovalOrderName | 'custom';
  custom?: Int32Array;
  strategy?: (g: CompactGraph, rng: Rng) => ArrayLike<number>;
}

/** Resolve the `order` option (the custom array is checked against the graph in {@link resolveSource}). */
export function resolveOrder(opts: EnsembleOptions, mode: SweepMode, workers: number): ResolvedOrder {
  const rawOrder = opts.order ?? 'random';
  if (typeof rawOrder === 'string') {
    if (!(REMOVAL_ORDER_NAMES as readonly string[]).includes(rawOrder)) {
      throw new FragilityInputError(
        'order',
        rawOrder,
        `one of ${REMOVAL_ORDER_NAMES.join(', ')} or a custom order array`,
      );
    }
    if (mode === 'bond' && rawOrder !== 'random') {
      throw new FragilityInputError('order', rawOrder, "'random' or a custom edge order for bond percolation");
    }
    return { name: rawOrder };
  }
  if (typeof rawOrder === 'function') {
    if (workers > 1)
      throw new FragilityInputError(
        'workers',
        workers,
        '1 when the order is a function (functions cannot be sent to worker threads)',
      );
    return { name: 'custom', strategy: rawOrder };
  }
  return { name: 'custom', custom: Int32Array.from(rawOrder as ArrayLike<number>) };
}

/** Where the replicates' graphs come from. */
export interface GraphSource {
  fixed?: CompactGraph;
  randomSpec?: string;
  lightSpec?: LightGraphSpec;
  factory?: (graphSeed: number, r: number) => CompactGraph | Promise<CompactGraph>;
  /** Spec, fingerprint or `'factory'`. */
  label: string;
  wrapping?: LatticeGeometry;
}

/** The wrapping lattice: given, or read from a periodic lattice spec. */
async function resolveWrapping(
  opts: EnsembleOptions,
  fixed: CompactGraph | undefined,
): Promise<LatticeGeometry | undefined> {
  if (!opts.wrapping) return undefined;
  if (typeof opts.wrapping === 'object') return checkLatticeGeometry(opts.wrapping, fixed);
  const { parseGraphSpec } = await import('../../generators/spec.ts');
  const spec = typeof opts.graph === 'string' ? parseGraphSpec(opts.graph) : undefined;
  if (
    !spec ||
    !('periodic' in spec) ||
    !spec.periodic ||
    !(WRAPPING_LATTICES as readonly string[]).includes(spec.model)
  ) {
    throw new FragilityInputError(
      'estimator',
      'wrapping',
      'a periodic lattice graph (square, triangular, honeycomb or cubic spec without ,open)',
    );
  }
  return checkLatticeGeometry({ lattice: spec.model as WrappingLattice, L: spec.L }, fixed);
}

/**
 * Resolve the graph (a fixed graph is loaded once, a random spec checked and kept for per-replicate draws), the
 * wrapping lattice, and check the order against them (a custom array is validated and replaced in `order`).
 */
export async function resolveSource(
  opts: EnsembleOptions,
  s: EnsembleSettings,
  order: ResolvedOrder,
): Promise<GraphSource> {
  const input = opts.graph;
  const { workers, seed, mode } = s;
  let src: GraphSource;
  if (input instanceof CompactGraph) src = { fixed: input, label: graphFingerprint(input) };
  else if (typeof input === 'string') {
    if (isRandomGraphSpec(input)) {
      await checkGraphSpecLazy(input, workers); // one graph per compute thread, checked before any is drawn
      src = { randomSpec: input, lightSpec: await lightGraphSpecLazy(input), label: input };
    } else src = { fixed: await graphFromSpecLazy(input, seed), label: input };
  } else if (typeof input === 'function') {
    if (workers > 1)
      throw new FragilityInputError(
        'workers',
        workers,
        '1 when the graph is a factory function (functions cannot be sent to worker threads; pass a spec string instead)',
      );
    src = { factory: input, label: 'factory' };
  } else {
    throw new FragilityInputError('graph', input, 'a CompactGraph, a graph spec string or a factory function');
  }
  const { fixed, randomSpec } = src;
  const wrapping = await resolveWrapping(opts, fixed);
  if (wrapping) src.wrapping = wrapping;
  if (order.custom) {
    if (!fixed)
      throw new FragilityInputError(
        'order',
        'a custom array',
        'a built-in order name when each replicate draws its own graph',
      );
    order.custom = validateOrder(
      order.custom,
      mode === 'site' ? fixed.n : fixed.m,
      mode === 'site' ? 'order' : 'edgeOrder',
    );
  }
  if (order.name === 'supernodes-first') {
    const hasRoles = fixed
      ? fixed.roles !== undefined
      : randomSpec !== undefined
        ? /^\s*(two-tier|ultrapeer)\s*:/i.test(randomSpec)
        : true;
    if (!hasRoles)
      throw new FragilityInputError(
        'order',
        order.name,
        'an order other than supernodes-first for a graph without roles (two-tier: or ultrapeer: specs have them)',
      );
  }
  if (opts.remote) {
    if (typeof input !== 'string')
      throw new FragilityInputError(
        'graph',
        typeof input === 'function' ? 'a factory function' : 'a CompactGraph',
        'a graph spec string when the replicates are computed remotely (a queue)',
      );
    if (order.name === 'custom')
      throw new FragilityInputError(
        'order',
        'a custom order',
        'a built-in order name when the replicates are computed remotely (a queue)',
      );
  }
  return src;
}

/** The spec of replicate r (what a worker needs besides the graph). */
export function replicateSpecOf(
  opts: EnsembleOptions,
  s: EnsembleSettings,
  order: ResolvedOrder,
  src: GraphSource,
  r: number,
): ReplicateSpec {
  return {
    r,
    seed: s.seed,
    mode: s.mode,
    order: order.name,
    qs: s.qs,
    microcanonical: opts.microcanonical ?? false,
    ...(opts.betweennessSamples === undefined ? {} : { betweennessSamples: opts.betweennessSamples }),
    ...(src.wrapping ? { wrapping: src.wrapping } : {}),
  };
}

/**
 * The experiment's identity: the graph's content (hashed only when `hashGraph`, for a checkpoint, a shard or a
 * queue: O(n + m) or O(file)), seed, mode, order and every option that changes a replicate.
 */
export async function experimentIdentity(
  opts: EnsembleOptions,
  s: EnsembleSettings,
  order: ResolvedOrder,
  src: GraphSource,
  hashGraph: boolean,
): Promise<ExperimentIdentity> {
  const input = opts.graph;
  let graphId: GraphIdentity = { kind: 'factory' };
  if (hashGraph) {
    if (input instanceof CompactGraph) graphId = graphContentIdentity(input);
    else if (typeof input === 'string') {
      const file = await graphFilePathLazy(input);
      graphId = file === undefined ? { kind: 'spec', spec: input } : { kind: 'file', spec: input, ...fileSha256(file) };
    }
  }
  return {
    graph: graphId,
    seed: s.seed,
    mode: s.mode,
    order: order.strategy ? 'custom-function' : order.name,
    ...(order.custom ? { customOrderSha256: int32Sha256(order.custom) } : {}),
    qs: s.qs,
    microcanonical: opts.microcanonical ?? false,
    betweennessSamples: opts.betweennessSamples ?? null,
    ...(src.wrapping ? { wrapping: `${src.wrapping.lattice}:L=${src.wrapping.L}` } : {}),
  };
}
