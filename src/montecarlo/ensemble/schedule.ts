/**
 * Scheduling of an ensemble's replicates: in this thread, on a remote executor (a queue), or on this thread plus a
 * kept piscina pool of worker threads pulling replicate indices from one queue. Whoever computes replicate r, it
 * draws from `stream(seed, r)` only, so the results are the same bits; the reduction orders them by r.
 *
 * @module
 */
import type { CompactGraph } from '../../graph/compact-graph.ts';
import { acquireKeptPool, createWorkerPool, KEEP_POOL_MS, releaseKeptPool } from '../../parallel/pool.ts';
import { shareArray } from '../../parallel/shared-array.ts';
import { fnv1aWords } from '../../numerics/hash.ts';
import { experimentFingerprint, type ExperimentIdentity } from '../checkpoint.ts';
import { graphFingerprint, graphFromLightSpec, graphFromSpecLazy } from '../graph-source.ts';
import { type ReplicateResult, replicateStreams, runReplicateOnGraph } from '../replicate.ts';
import type { ReplicateTask, ReplicateWorkerData } from '../replicate-worker.ts';
import type { EnsembleSettings, GraphSource, ResolvedOrder } from './resolve.ts';
import type { EnsembleOptions, RemoteEnsembleJob } from './types.ts';

/** Replicate tasks queued per pool thread. */
const TASKS_IN_FLIGHT = 2;

/** What the schedulers need: the resolved run and how to record a finished replicate. */
export interface ScheduleJob {
  opts: EnsembleOptions;
  settings: EnsembleSettings;
  order: ResolvedOrder;
  source: GraphSource;
  experiment: ExperimentIdentity;
  spec: (r: number) => import('../replicate.ts').ReplicateSpec;
  /** Record a finished replicate (checkpoint, progress). */
  finish: (res: ReplicateResult) => void;
}

/** One replicate in this thread (same functions as the worker: bit-identical results). */
async function computeHere(job: ScheduleJob, r: number): Promise<ReplicateResult> {
  const { fixed, lightSpec, randomSpec, factory } = job.source;
  const { rng, graphSeed } = replicateStreams(job.settings.seed, r);
  let g: CompactGraph;
  if (fixed) g = fixed;
  else if (lightSpec) g = await graphFromLightSpec(lightSpec, graphSeed);
  else if (randomSpec !== undefined) g = await graphFromSpecLazy(randomSpec, graphSeed);
  else g = await factory!(graphSeed, r);
  return runReplicateOnGraph(g, job.spec(r), rng, job.order.strategy ? job.order.strategy(g, rng) : job.order.custom);
}

/** The replicates `todo` on the remote executor; throws if it finishes without some of them. */
async function runRemote(job: ScheduleJob, todo: number[]): Promise<void> {
  if (todo.length === 0) return;
  const { r: _r, ...spec } = job.spec(0);
  const { fixed, lightSpec, label } = job.source;
  const nodes = fixed ? fixed.n : lightSpec?.n;
  const remoteJob: RemoteEnsembleJob = {
    fingerprint: experimentFingerprint(job.experiment),
    experiment: job.experiment,
    graph: label,
    graphPerReplicate: !fixed,
    spec,
    runs: job.settings.runs,
    ...(nodes === undefined ? {} : { nodes }),
  };
  const wanted = new Set(todo);
  await job.opts.remote!.run(remoteJob, todo, (res) => {
    if (!wanted.delete(res.r)) return; // not asked for, or a duplicate delivery: the first one counts
    job.finish(res);
  });
  if (wanted.size > 0)
    throw new Error(
      `the remote executor finished without replicates ${[...wanted].slice(0, 10).join(', ')}${wanted.size > 10 ? ', …' : ''}`,
    );
}

/**
 * The pool's worker module. Compiled (dist/), the compiled replicate-worker.js sits in the folder above this one:
 * threads load plain JavaScript. From the TypeScript sources (vitest, tsx, Deno), the entry worker-entry.mjs
 * registers tsx's loader in the thread and then imports replicate-worker.ts — nothing is bundled or written at run
 * time.
 */
function replicateWorkerUrl(): string {
  const source = import.meta.url.endsWith('.ts');
  return new URL(source ? '../worker-entry.mjs' : '../replicate-worker.js', import.meta.url).href;
}

/** The data every pool thread holds: the spec to redraw, or the fixed graph and custom order as shared arrays. */
function poolWorkerData(source: GraphSource, order: ResolvedOrder): ReplicateWorkerData {
  const workerData: ReplicateWorkerData = {};
  if (source.lightSpec) workerData.lightSpec = source.lightSpec;
  else if (source.randomSpec !== undefined) workerData.graphSpec = source.randomSpec;
  const g = source.fixed;
  if (g) {
    workerData.fixed = { n: g.n, edgeSource: shareArray(g.edgeSource), edgeTarget: shareArray(g.edgeTarget) };
    if (g.roles) workerData.fixed.roles = shareArray(g.roles);
  }
  if (order.custom) workerData.customOrder = shareArray(order.custom);
  return workerData;
}

/**
 * W compute threads: this thread plus a piscina pool of W − 1 worker threads, all pulling replicate indices from one
 * queue. This thread starts at once, so the pool's start-up (~0.1 s of worker time; none when the pool of the
 * previous ensemble is reused, see src/parallel/pool.ts) overlaps useful work; results are reduced by replicate
 * index at the end, so the split does not change a single bit of the output. Returns the retries after crashes.
 */
async function runPooled(job: ScheduleJob, todo: number[]): Promise<number> {
  const { source, order, opts } = job;
  const threads = Math.max(1, Math.min(job.settings.workers - 1, todo.length - 1));
  // What the pool's workers hold, by content (a kept pool must never serve a graph or order that changed since).
  const poolKey = JSON.stringify({
    threads,
    lightSpec: source.lightSpec,
    graphSpec: source.lightSpec ? undefined : source.randomSpec,
    fixed: source.fixed ? graphFingerprint(source.fixed) : undefined,
    order: order.custom ? `${order.custom.length}:${fnv1aWords(order.custom).toString(16)}` : undefined,
  });
  const entry = await acquireKeptPool(poolKey, () =>
    createWorkerPool({
      filename: replicateWorkerUrl(),
      threads,
      idleTimeout: KEEP_POOL_MS,
      // Two tasks in flight per worker: the second is already in the worker's message queue when the first ends, so
      // the worker never waits for this thread (busy with its own replicate) to hand it the next one.
      concurrentTasksPerWorker: TASKS_IN_FLIGHT,
      workerData: poolWorkerData(source, order),
      feature: 'runEnsemble with workers > 1',
    }),
  );
  const pool = entry.pool;
  let next = 0;
  const take = () => (next < todo.length ? todo[next++] : -1);
  let failed = false;
  let retries = 0;
  const poolLoop = async () => {
    for (let r = take(); r >= 0 && !failed; r = take()) {
      const task: ReplicateTask = { spec: job.spec(r), ...(opts.crashMarker ? { crashMarker: opts.crashMarker } : {}) };
      for (let attempt = 0; ; attempt++) {
        try {
          job.finish((await pool.run(task)) as ReplicateResult);
          break;
        } catch (err) {
          if (attempt >= job.settings.maxRetries) {
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
      job.finish(await computeHere(job, r));
    }
  };
  try {
    await Promise.all([hereLoop(), ...Array.from({ length: threads * TASKS_IN_FLIGHT }, poolLoop)]);
    releaseKeptPool(entry, true);
  } catch (err) {
    failed = true;
    releaseKeptPool(entry, false);
    throw err;
  } finally {
    failed = true;
  }
  return retries;
}

/**
 * Compute the replicates `todo` (remotely, in this thread, or on this thread and a pool) and record each with
 * `job.finish`. Returns the number of retries after worker crashes.
 */
export async function scheduleReplicates(job: ScheduleJob, todo: number[]): Promise<number> {
  if (job.opts.remote) {
    await runRemote(job, todo);
    return 0;
  }
  if (job.settings.workers === 1) {
    for (const r of todo) job.finish(await computeHere(job, r));
    return 0;
  }
  return todo.length > 0 ? runPooled(job, todo) : 0;
}
