/**
 * The worker side of the job queue (issue 19): `fragility worker --redis URL` takes tasks from the BullMQ queue
 * {@link QUEUE_NAME} one at a time and computes them ({@link computeTask}).
 *
 * Locks and stalled tasks: BullMQ renews a worker's lock on its task every `lockDuration / 2` from the event loop;
 * the worker yields between the replicates of a chunk so that the renewal runs. A worker that dies stops renewing;
 * after `lockDuration` the stalled-job check of another worker (every `stalledInterval`) puts the task back in the
 * queue, up to `maxStalledCount` times. A single replicate (or overload run) must therefore take less than
 * `lockDuration` (default 60 s: a replicate of a 10^7-node graph takes a few seconds); a longer one is taken for a
 * dead worker and computed again elsewhere (harmless — same result — but wasted).
 *
 * Node-only, not reachable from `fragility/core`.
 *
 * @module
 */
import type { Worker } from 'bullmq';
import { QUEUE_NAME, openRedis } from './redis.ts';
import { REFUSED_PREFIX } from './coordinator.ts';
import { type QueueTask, TaskRefused, computeTask } from './tasks.ts';
import { FragilityInputError } from '../errors.ts';

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  /** Milliseconds a task stays locked without renewal before it counts as stalled (default 60 000). */
  lockDuration?: number;
  /** Milliseconds between stalled-task checks (default 30 000). */
  stalledInterval?: number;
  /** Times a task may stall before it fails (default 5). */
  maxStalledCount?: number;
  /** Called when a task starts, with its id and kind. */
  onStart?: (id: string, kind: string) => void;
  /** Testing hook: wait this many milliseconds (lock renewed) before computing each task. */
  delayMs?: number;
  /** Testing hook: awaited (lock renewed) before computing each task, after `delayMs` (see {@link tokenGate}). */
  gate?: () => Promise<void>;
  /** Called after each task with its id, kind and milliseconds. */
  onTask?: (id: string, kind: string, ms: number) => void;
  /** One line of news (stderr). */
  note?: (message: string) => void;
}

/** A running worker. */
export interface RunningWorker {
  /** Finish the current task, then stop. */
  close(): Promise<void>;
  /** Resolves when the worker has stopped. */
  closed: Promise<void>;
  /** Tasks completed so far. */
  completed(): number;
}

/**
 * Connect to Redis and process tasks until closed.
 *
 * @param field - the option named in errors (`--redis`).
 * @param url - the Redis URL.
 * @param options - {@link WorkerOptions}.
 * @returns the running worker.
 * @throws FragilityInputError (exit 2): bad URL, bullmq/ioredis missing, server unreachable, bad options.
 *
 * @complexity one task at a time (run several workers for several cores).
 *
 * @model at-least-once execution of idempotent tasks (BullMQ locks and stalled-job checks).
 *
 * @references BullMQ workers, https://docs.bullmq.io/guide/workers.
 *
 * @example
 * ```ts
 * const w = await startWorker('--redis', 'redis://127.0.0.1:6379');
 * process.on('SIGTERM', () => void w.close());
 * await w.closed;
 * ```
 */
export async function startWorker(field: string, url: string, options: WorkerOptions = {}): Promise<RunningWorker> {
  const lockDuration = options.lockDuration ?? 60_000;
  const stalledInterval = options.stalledInterval ?? 30_000;
  const maxStalledCount = options.maxStalledCount ?? 5;
  if (!(Number.isInteger(lockDuration) && lockDuration >= 500))
    throw new FragilityInputError('lockDuration', lockDuration, 'an integer number of milliseconds >= 500');
  if (!(Number.isInteger(stalledInterval) && stalledInterval >= 100))
    throw new FragilityInputError('stalledInterval', stalledInterval, 'an integer number of milliseconds >= 100');
  const { bullmq, connection } = await openRedis(field, url);
  let done = 0;
  const yieldBetween = () => new Promise<void>((resolve) => setImmediate(resolve));
  const worker: Worker = new bullmq.Worker(
    QUEUE_NAME,
    async (job) => {
      const t0 = performance.now();
      options.onStart?.(job.id ?? '?', (job.data as QueueTask)?.kind);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (options.gate) await options.gate();
      try {
        const out = await computeTask(job.data as QueueTask, yieldBetween);
        options.onTask?.(job.id ?? '?', (job.data as QueueTask).kind, performance.now() - t0);
        return out;
      } catch (err) {
        if (err instanceof TaskRefused || err instanceof FragilityInputError)
          throw new Error(REFUSED_PREFIX + (err as Error).message);
        throw err;
      }
    },
    { connection, concurrency: 1, lockDuration, stalledInterval, maxStalledCount, autorun: true },
  );
  worker.on('completed', () => done++);
  worker.on('failed', (job, err) => options.note?.(`task ${job?.id?.slice(0, 24) ?? '?'}… failed: ${err.message}`));
  let lastError = '';
  worker.on('error', (err) => {
    const m = err.message.split('\n')[0];
    if (m !== lastError) options.note?.(`redis: ${m}`);
    lastError = m;
  });
  await worker.waitUntilReady();
  let resolveClosed: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  let closing: Promise<void> | undefined;
  return {
    close: () => (closing ??= worker.close().then(() => resolveClosed())),
    closed,
    completed: () => done,
  };
}

/**
 * Testing hook (test/queue): a gate that lets a task through when the folder holds a file `open`, or when this
 * process claims one of its `token*` files (deleting it: exactly one process wins each token); otherwise it polls
 * every 20 ms. With tokens a test lets exactly k tasks run, whatever the timing of the machine.
 *
 * @param dir - the folder.
 * @returns the gate for {@link WorkerOptions.gate}.
 *
 * @complexity O(files in the folder) per poll.
 *
 * @model unlink(2) is atomic: one claimant per token.
 *
 * @references POSIX unlink(2).
 *
 * @example
 * ```ts
 * import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
 * mkdirSync('gate');
 * writeFileSync('gate/token-1', '');
 * const gate = tokenGate('gate'); // in a test: startWorker('--redis', url, { gate })
 * await gate(); // passes: this process claimed token-1
 * readdirSync('gate').length; // 0
 * ```
 */
export function tokenGate(dir: string): () => Promise<void> {
  return async () => {
    const { existsSync, readdirSync, unlinkSync } = await import('node:fs');
    const { join } = await import('node:path');
    for (;;) {
      if (existsSync(join(dir, 'open'))) return;
      for (const f of readdirSync(dir)) {
        if (!f.startsWith('token')) continue;
        try {
          unlinkSync(join(dir, f));
          return;
        } catch {
          // another worker took it
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
}
