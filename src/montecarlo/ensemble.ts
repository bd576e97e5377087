/**
 * Ensembles of Newman–Ziff sweeps: R replicates, canonical averages with confidence intervals, a threshold
 * estimate, optionally in parallel worker threads and resumable from an NDJSON checkpoint.
 *
 * The parts live in ./ensemble/: resolve.ts (validation, order and graph resolution, experiment identity),
 * schedule.ts (in this thread, on a pool, or remote), reduce.ts (the in-order reduction), types.ts. Worker pools
 * and shared arrays are src/parallel/.
 *
 * @module
 */
import { type OpenCheckpoint, appendCheckpoint, openCheckpoint } from './checkpoint.ts';
import type { ReplicateResult } from './replicate.ts';
import {
  experimentIdentity,
  replicateSpecOf,
  resolveOrder,
  resolveSettings,
  resolveSource,
  selectionSize,
} from './ensemble/resolve.ts';
import { reduceEnsemble } from './ensemble/reduce.ts';
import { scheduleReplicates } from './ensemble/schedule.ts';
import type {
  ComputedEnsemble,
  EnsembleOptions,
  EnsembleReduction,
  EnsembleResult,
  ReplicateSelection,
} from './ensemble/types.ts';

export type {
  ComputedEnsemble,
  EnsembleOptions,
  EnsembleReduction,
  EnsembleRemote,
  EnsembleResult,
  RemoteEnsembleJob,
  ReplicateSelection,
  SweepCurveSummary,
  SweepPointEstimate,
} from './ensemble/types.ts';
export { checkEnsembleMemory, defaultOccupationGrid } from './ensemble/resolve.ts';
export { reduceEnsemble } from './ensemble/reduce.ts';

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
 * @complexity R × (order + O(n + m·α(n)) sweep + O(G·√N) convolution), divided among W workers; memory O(n + m)
 * per worker plus O(R·G) for the replicate curves.
 *
 * @model S(q) = E_r[Σ_k B(N, k, q) L_{r,k}/n]; threshold = argmax_q E_r[χ_r(q)].
 *
 * @references Newman & Ziff, PRL 85, 4104 (2000), doi:10.1103/PhysRevLett.85.4104; PRE 64, 016706 (2001),
 * doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const res = await runEnsemble({ graph: 'er:n=10000,k=4', runs: 20, seed: 1, at: [0.5] });
 * res.at[0]; // { q: 0.5, S: ≈0.398, sd, ci }
 * ```
 *
 * @category Ensembles
 */
export async function runEnsemble(opts: EnsembleOptions): Promise<EnsembleResult> {
  const c = await computeEnsemble(opts);
  return reduceEnsemble(c.results as ReplicateResult[], c.experiment, c.reduction, {
    runs: c.runs,
    resumed: c.resumed,
    retries: c.retries,
  });
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
 * @complexity as {@link runEnsemble}, for the selected replicates.
 *
 * @model replicate r draws from `stream(seed, r)` only, so any subset is computed anywhere with the same bits.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const c = await computeEnsemble({ graph: 'er:n=1000,k=4', runs: 10 }, { index: 1, count: 3 }); // replicates r = 1, 4, 7
 * ```
 * @internal
 */
export async function computeEnsemble(opts: EnsembleOptions, select?: ReplicateSelection): Promise<ComputedEnsemble> {
  const settings = resolveSettings(opts, select);
  const { runs } = settings;
  const order = resolveOrder(opts, settings.mode, settings.workers);
  const source = await resolveSource(opts, settings, order);
  const spec = (r: number) => replicateSpecOf(opts, settings, order, source, r);
  // Checkpoint: bound to the experiment's content (graph bytes or spec, seed, every option that changes a replicate).
  const experiment = await experimentIdentity(
    opts,
    settings,
    order,
    source,
    Boolean(opts.checkpoint || select || opts.remote),
  );
  const results: (ReplicateResult | undefined)[] = new Array(runs);
  let resumed = 0;
  let ck: OpenCheckpoint | undefined;
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
  const retries = await scheduleReplicates({ opts, settings, order, source, experiment, spec, finish }, todo);

  const reduction: EnsembleReduction = {
    gridPoints: settings.grid.length,
    level: settings.level,
    bootstrap: opts.bootstrap ?? 200,
    thresholdObservable: settings.thresholdObservable,
    order: order.name,
    graph: source.label,
    graphPerReplicate: !source.fixed,
    ...(source.wrapping ? { wrapping: source.wrapping, wrappingKind: opts.wrappingKind ?? 'axis' } : {}),
  };
  return { runs, results, experiment, reduction, resumed, retries };
}
