/**
 * The worker-thread side of {@link runEnsemble}: runs one replicate per task. The published package's pool loads
 * the compiled replicate-worker.js directly; from the TypeScript sources it is loaded through worker-entry.mjs, which
 * registers tsx in the thread first.
 *
 * Graphs: a random spec is regenerated inside the worker from (spec, seed, r) — nothing large crosses the thread
 * boundary (er/rr/ba/ws specs travel parsed, so the worker loads only their generator); a fixed graph is shared once per pool through `workerData` as SharedArrayBuffer-backed edge arrays (no
 * copy) and rebuilt as CSR once per worker.
 *
 * @module
 */
import { existsSync, writeFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { CompactGraph } from '../graph/compact-graph.ts';
import { type LightGraphSpec, graphFromLightSpec, graphFromSpecLazy } from './graph-source.ts';
import { type ReplicateResult, type ReplicateSpec, replicateStreams, runReplicateOnGraph } from './replicate.ts';

/** Pool-wide data (`workerData`). */
export interface ReplicateWorkerData {
  /** A fixed graph as shared arrays. */
  fixed?: { n: number; edgeSource: Int32Array; edgeTarget: Int32Array; roles?: Uint8Array };
  /** A random spec regenerated per replicate (loads the spec parser). */
  graphSpec?: string;
  /** A parsed er/rr/ba/ws spec regenerated per replicate (loads only its generator). */
  lightSpec?: LightGraphSpec;
  /** A custom removal order (shared). */
  customOrder?: Int32Array;
}

/** One task. */
export interface ReplicateTask {
  spec: ReplicateSpec;
  /** Testing hook: when set and the file does not exist, create it and kill this worker (crash-retry test). */
  crashMarker?: string;
}

let fixedGraph: CompactGraph | undefined;

/**
 * Run one replicate inside a worker.
 *
 * @param task - {@link ReplicateTask}.
 * @returns the replicate's compact result.
 *
 * @complexity that of {@link runReplicateOnGraph} (+ graph generation for random specs).
 *
 * @model replicate r uses stream(seed, r) whatever thread runs it.
 *
 * @references Piscina worker pool, https://github.com/piscinajs/piscina.
 *
 * @example
 * ```ts
 * // used by runEnsemble({ workers: 2, ... }) only
 * ```
 */
export default async function runReplicateTask(task: ReplicateTask): Promise<ReplicateResult> {
  // Yield once before computing. Piscina hands a worker its queued tasks in one synchronous batch and posts each
  // result only after an `await`; without this, the result of task A would wait until task B (already queued) had
  // finished, and the calling thread would learn of A — and send the next task — one replicate late, leaving the
  // worker idle. With it, each task's compute runs in its own macrotask and A's result leaves as soon as A ends.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (task.crashMarker && !existsSync(task.crashMarker)) {
    writeFileSync(task.crashMarker, 'crashed once\n');
    process.exit(70);
  }
  const data = (workerData ?? {}) as ReplicateWorkerData;
  const { rng, graphSeed } = replicateStreams(task.spec.seed, task.spec.r);
  let g: CompactGraph;
  if (data.lightSpec !== undefined) g = await graphFromLightSpec(data.lightSpec, graphSeed);
  else if (data.graphSpec !== undefined) g = await graphFromSpecLazy(data.graphSpec, graphSeed);
  else {
    if (!fixedGraph) {
      const f = data.fixed!;
      fixedGraph = CompactGraph.fromEdges(f.n, f.edgeSource, f.edgeTarget, f.roles ? { roles: f.roles } : {});
    }
    g = fixedGraph;
  }
  return runReplicateOnGraph(g, task.spec, rng, data.customOrder);
}
