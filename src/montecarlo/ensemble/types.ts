/**
 * The types of the ensembles of Newman–Ziff sweeps (options, results, the reduction record, selections).
 *
 * @module
 */
import type { CompactGraph } from '../../graph/compact-graph.ts';
import type { Rng } from '../../random/stream.ts';
import type { ExperimentIdentity } from '../checkpoint.ts';
import type { EnsembleGraphInput } from '../graph-source.ts';
import type { LatticeGeometry } from '../sweep-wrapping.ts';
import type { WrappingKind, WrappingSamples, WrappingThreshold } from '../wrapping-threshold.ts';
import type { RemovalOrderName, ReplicateResult, ReplicateSpec, SweepMode } from '../replicate.ts';

/**
 * Options of `runEnsemble`.
 *
 * @category Ensembles
 */
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

/**
 * Everything a remote process needs to compute replicates of an ensemble (plain data, JSON-safe).
 *
 * @category Ensembles
 */
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

/**
 * A remote executor of replicates ({@link EnsembleOptions.remote}).
 *
 * @category Ensembles
 */
export interface EnsembleRemote {
  /**
   * Compute the replicates `todo` of `job` and call `done` with each (any order) as it arrives; resolve when all are
   * done. Results must be exactly what this thread computes (replicate r draws stream(seed, r) only).
   */
  run(job: RemoteEnsembleJob, todo: number[], done: (res: ReplicateResult) => void): Promise<void>;
}

/**
 * Replicate mean, sd and interval of a curve on the grid.
 *
 * @category Ensembles
 */
export interface SweepCurveSummary {
  mean: Float64Array;
  sd: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * A canonical estimate at one q.
 *
 * @category Ensembles
 */
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

/**
 * The result of `runEnsemble`.
 *
 * @category Ensembles
 */
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
  threshold: {
    q_c: number | null;
    ci: [number, number];
    observable: string;
    method: 'peak';
    bootstrap: number;
    reason?: string;
  };
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
 * Which replicates of an R-replicate experiment to compute: shard `index` of `count` holds r with r mod count = index.
 *
 * @category Ensembles
 */
export interface ReplicateSelection {
  /** Shard index i, 0 ≤ i < count. */
  index: number;
  /** Number of shards N ≥ 1. */
  count: number;
}

/**
 * What the reduction of an ensemble needs besides the replicates and the experiment identity: recorded in shard
 * headers so that `fragility merge` reproduces the unsharded result without re-reading the graph.
 *
 * @category Ensembles
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

/** The replicates of an ensemble before its reduction (see `runEnsemble`, `runEnsembleShard`). */
export interface ComputedEnsemble {
  runs: number;
  /** By replicate index; undefined outside the selection. */
  results: (ReplicateResult | undefined)[];
  experiment: ExperimentIdentity;
  reduction: EnsembleReduction;
  resumed: number;
  retries: number;
}
