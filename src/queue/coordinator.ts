/**
 * The coordinator side of the job queue (issue 19): a command given `--queue URL` adds its tasks to the BullMQ queue
 * {@link QUEUE_NAME}, gathers their results as workers (`fragility worker --redis URL`) finish them, and reduces them
 * exactly as a local run does.
 *
 * - **Idempotent tasks.** A task's BullMQ `jobId` is its key (experiment fingerprint and replicate indices, see
 *   tasks.ts): adding it again is a no-op. A restarted coordinator re-adds its tasks, collects those already
 *   completed (their results stay in Redis until the coordinator that needs them has them), and waits for the rest;
 *   with `--checkpoint` the results it had already gathered come from the file instead.
 * - **Killed workers.** A worker holds a lock on its task and renews it; when a worker dies (SIGKILL, a lost
 *   machine) the lock expires after `lockDuration` and another worker's stalled-job check moves the task back to the
 *   queue (BullMQ stalled jobs). The result is the same whoever computes it.
 * - **Failures.** A task a worker refuses (another release, a graph file that differs) fails at once (one attempt):
 *   the coordinator stops with exit 2 and the worker's message. A task that stalled more than `maxStalledCount`
 *   times fails the run (exit 1).
 * - **No lost completion.** Completions arrive as events, read from the stream's last entry at the moment the
 *   coordinator connects (never from '$', which drops events written between two reads), and every
 *   5 s (RECONCILE_EVERY_MS) the pending tasks' jobs are read back from Redis: a job another coordinator removed is
 *   added again, a completion whose event was trimmed from the stream is delivered.
 * - **A lost server.** The coordinator pings Redis every 2 s; unreachable for 15 s in a row: exit 1, with the
 *   checkpoint (if any) intact for a resume.
 *
 * Node-only, not reachable from `fragility/core`.
 *
 * @module
 */
import type { Queue, QueueEvents } from 'bullmq';
import { FragilityInputError } from '../errors.ts';
import type { EnsembleRemote, RemoteEnsembleJob } from '../montecarlo/ensemble.ts';
import type { ExperimentIdentity } from '../montecarlo/checkpoint.ts';
import type { ReplicateResult } from '../montecarlo/replicate.ts';
import type { OverloadRunBatch } from '../cascade/overload-threshold.ts';
import { type BullMQ, QUEUE_NAME, type RedisConnectionOptions, openRedis, redactedUrl } from './redis.ts';
import {
  type EnsembleTask,
  type EnsembleTaskResult,
  type OverloadTaskResult,
  type QueueTask,
  type RunsTask,
  type RunsTaskResult,
  TASK_VERSION,
  ensembleTaskId,
  overloadTasks,
  runsTaskId,
} from './tasks.ts';
import { type StudyRuns, runsFingerprint } from '../montecarlo/study-shard.ts';

/** Prefix of a worker's refusal message (a task that cannot be computed by design, not by accident). */
export const REFUSED_PREFIX = 'refused: ';

/** Milliseconds between health pings, and how long the server may stay unreachable. */
const PING_EVERY_MS = 2000;
const LOST_AFTER_MS = 15000;
/** Milliseconds between checks of the pending tasks' jobs in Redis (see runTasks). */
const RECONCILE_EVERY_MS = 5000;

/** Options of {@link QueueCoordinator.open}. */
export interface QueueCoordinatorOptions {
  /** One line of news for the user (stderr): no worker connected yet, a lost connection. */
  note?: (message: string) => void;
}

/**
 * A connection to the queue that adds tasks and gathers their results.
 *
 * @example
 * ```ts
 * const q = await QueueCoordinator.open('--queue', 'redis://127.0.0.1:6379');
 * try { await runEnsemble({ graph: 'er:n=100000,k=4', runs: 20, remote: q.ensembleRemote() }); } finally { await q.close(); }
 * ```
 */
export class QueueCoordinator {
  private constructor(
    private readonly bullmq: BullMQ,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly url: string,
    private readonly note: (m: string) => void,
  ) {}

  /**
   * Connect (URL checked, server pinged within 5 s) and subscribe to the queue's events.
   *
   * @param field - the option named in errors (`--queue`).
   * @param url - the Redis URL.
   * @param options - {@link QueueCoordinatorOptions}.
   * @returns the coordinator.
   * @throws FragilityInputError (exit 2): bad URL, bullmq/ioredis missing, server unreachable.
   *
   * @complexity a few round trips.
   *
   * @model —
   *
   * @references BullMQ Queue and QueueEvents, https://docs.bullmq.io/guide/events.
   *
   * @example
   * ```ts
   * const q = await QueueCoordinator.open('--queue', 'redis://127.0.0.1:6379');
   * ```
   */
  static async open(field: string, url: string, options: QueueCoordinatorOptions = {}): Promise<QueueCoordinator> {
    const { bullmq, connection } = await openRedis(field, url);
    const conn: RedisConnectionOptions = connection;
    const queue = new bullmq.Queue(QUEUE_NAME, { connection: conn });
    queue.on('error', () => {}); // connection errors: the health ping reports a lost server
    await queue.waitUntilReady();
    // Read the event stream from its last entry now, not from '$' (BullMQ's default): '$' means "after whatever is
    // newest when XREAD is sent", and QueueEvents sends its first XREAD a round trip after it reports ready, and each
    // later one only after the previous returns: an event written in between (a task completed in that gap) was
    // never seen, and runTasks waited for it forever (seen under load in test/queue/queue.test.ts).
    const client = (await queue.getBackend().client) as unknown as {
      xrevrange(key: string, end: '+', start: '-', count: 'COUNT', n: number): Promise<[string, string[]][]>;
    };
    const last = (await client.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
    const events = new bullmq.QueueEvents(QUEUE_NAME, { connection: conn, lastEventId: last });
    events.on('error', () => {});
    await events.waitUntilReady();
    return new QueueCoordinator(bullmq, queue, events, url, options.note ?? (() => {}));
  }

  /**
   * Run tasks on the workers: add those not yet in the queue, collect those already completed, wait for the rest.
   * Each result is handed to `onResult` once (the first delivery), in completion order.
   *
   * @param tasks - id (the BullMQ jobId: its key) and payload of each task.
   * @param onResult - called with each task's id and result.
   * @param options - `keep`: leave the completed jobs in Redis until {@link QueueCoordinator.cleanup} (a design whose
   *   later rounds depend on them: a restarted coordinator then replays the finished rounds from Redis).
   * @returns when every task has delivered its result.
   * @throws FragilityInputError (exit 2) when a worker refuses a task (its message); Error when a task fails
   *   otherwise or the server is lost.
   *
   * @complexity O(tasks) round trips to Redis (pipelined by BullMQ's addBulk) plus the workers' time.
   *
   * @model at-least-once execution of idempotent tasks; the first result of a task is kept.
   *
   * @references BullMQ, "Stalled jobs", https://docs.bullmq.io/guide/workers/stalled-jobs.
   *
   * @example
   * ```ts
   * await q.runTasks([{ id: 'o-…', task }], (id, res) => {});
   * ```
   */
  async runTasks<R>(
    tasks: { id: string; task: QueueTask }[],
    onResult: (id: string, result: R) => void,
    options: { keep?: boolean } = {},
  ): Promise<void> {
    if (tasks.length === 0) return;
    const pending = new Map(tasks.map((t) => [t.id, t.task]));
    let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
    const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    let failure: Error | undefined;
    const fail = (e: Error) => {
      if (failure) return;
      failure = e;
      settle!.reject(e);
    };
    const deliver = (id: string, value: unknown) => {
      if (!pending.has(id) || failure) return;
      pending.delete(id);
      try {
        onResult(id, (typeof value === 'string' ? JSON.parse(value) : value) as R);
      } catch (err) {
        fail(err as Error);
        return;
      }
      if (pending.size === 0) settle!.resolve();
    };
    const failed = (id: string, reason: string) => {
      if (!pending.has(id)) return;
      if (reason.startsWith(REFUSED_PREFIX))
        fail(
          new FragilityInputError(
            '--queue',
            redactedUrl(this.url),
            'tasks the workers can compute',
            `a worker refused task ${id.slice(0, 24)}…: ${reason.slice(REFUSED_PREFIX.length)}`,
          ),
        );
      else fail(new Error(`task ${id.slice(0, 24)}… failed on a worker: ${reason}`));
    };
    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) =>
      deliver(jobId, returnvalue);
    const onFailed = ({ jobId, failedReason }: { jobId: string; failedReason: string }) => failed(jobId, failedReason);
    this.events.on('completed', onCompleted as never);
    this.events.on('failed', onFailed as never);
    // health: ping the server; unreachable for LOST_AFTER_MS in a row ends the run
    let lastOk = Date.now();
    const health = setInterval(() => {
      void (async () => {
        try {
          const client = await this.queue.getBackend().client;
          await Promise.race([
            (client as unknown as { ping(): Promise<string> }).ping(),
            new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), PING_EVERY_MS)),
          ]);
          lastOk = Date.now();
        } catch {
          if (Date.now() - lastOk > LOST_AFTER_MS)
            fail(
              new Error(
                `lost the Redis server at ${redactedUrl(this.url)} (unreachable for ${LOST_AFTER_MS / 1000} s); rerun the same command to resume`,
              ),
            );
        }
      })();
    }, PING_EVERY_MS);
    health.unref();
    // Jobs of these tasks as Redis holds them now: completed ones deliver; failed ones are removed and added again at
    // the start (an earlier attempt), reported during the run; missing ones are added (again: removed by another
    // coordinator of the same experiment once it had them); waiting or active ones are left to finish.
    const CHUNK = 200;
    const addTasks = async (list: { id: string; task: QueueTask }[]) => {
      for (let i = 0; i < list.length && !failure; i += CHUNK) {
        await this.queue.addBulk(
          list.slice(i, i + CHUNK).map((t) => ({
            name: t.task.kind,
            data: t.task,
            opts: { jobId: t.id, attempts: 1, removeOnComplete: false, removeOnFail: false },
          })),
        );
      }
    };
    const inspect = async (ids: string[], atStart: boolean) => {
      const toAdd: { id: string; task: QueueTask }[] = [];
      for (let i = 0; i < ids.length && !failure; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        const jobs = await Promise.all(part.map((id) => this.queue.getJob(id)));
        for (let j = 0; j < part.length; j++) {
          const job = jobs[j];
          const id = part[j];
          if (!pending.has(id)) continue;
          if (!job) toAdd.push({ id, task: pending.get(id)! });
          else if (job.finishedOn && job.failedReason === undefined && job.returnvalue != null)
            deliver(id, job.returnvalue);
          else if (job.failedReason !== undefined && job.finishedOn) {
            if (!atStart) failed(id, job.failedReason);
            else {
              await job.remove();
              toAdd.push({ id, task: pending.get(id)! });
            }
          }
        }
      }
      await addTasks(toAdd);
    };
    // The events deliver each completion once; this check, every RECONCILE_EVERY_MS, catches what no event can tell:
    // a pending job that another coordinator removed, or an event trimmed from the stream before it was read.
    let checking = false;
    let reconcile: ReturnType<typeof setInterval> | undefined;
    try {
      await inspect(
        tasks.map((t) => t.id),
        true,
      );
      reconcile = setInterval(() => {
        if (checking || failure || pending.size === 0) return;
        checking = true;
        inspect([...pending.keys()], false)
          .catch(() => {}) // a lost server is the health check's to report
          .finally(() => (checking = false));
      }, RECONCILE_EVERY_MS);
      reconcile.unref();
      // completions that happened between the subscription and the add are delivered by the events; those that
      // happened before the subscription were delivered above
      // (CLIENT LIST may be forbidden by the server's ACL: then no note)
      if (pending.size > 0 && !failure && (await this.queue.getWorkersCount().catch(() => -1)) === 0) {
        this.note(
          `no worker is connected to ${redactedUrl(this.url)} yet; start some: fragility worker --redis ${redactedUrl(this.url)}`,
        );
      }
      if (pending.size > 0) await finished;
      else if (failure) throw failure;
    } finally {
      clearInterval(health);
      clearInterval(reconcile);
      this.events.off('completed', onCompleted as never);
      this.events.off('failed', onFailed as never);
    }
    // Every result is with the caller (and in its checkpoint): drop the jobs from Redis.
    if (options.keep) for (const t of tasks) this.kept.push(t.id);
    else await this.removeJobs(tasks.map((t) => t.id));
  }

  private kept: string[] = [];

  private async removeJobs(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 200) {
      await Promise.all(ids.slice(i, i + 200).map((id) => this.queue.remove(id).catch(() => 0)));
    }
  }

  /** Remove the jobs kept by `runTasks(…, { keep: true })` (call when the whole command has its result). */
  async cleanup(): Promise<void> {
    const ids = this.kept;
    this.kept = [];
    await this.removeJobs(ids);
  }

  /**
   * An {@link EnsembleRemote} for `runEnsemble({ remote })`: replicates in chunks of consecutive indices.
   *
   * @param chunk - replicates per task (default {@link defaultEnsembleChunk} of the graph's size).
   * @returns the executor.
   *
   * @complexity one task per chunk.
   *
   * @model chunk c holds replicates c·K … min((c+1)·K, R) − 1 (fixed by K alone, so task ids survive a restart).
   *
   * @references —
   *
   * @example
   * ```ts
   * await runEnsemble({ graph: 'er:n=100000,k=4', runs: 20, remote: q.ensembleRemote() });
   * ```
   */
  ensembleRemote(chunk?: number): EnsembleRemote {
    return {
      run: async (job: RemoteEnsembleJob, todo: number[], done: (res: ReplicateResult) => void) => {
        const { replicateLineParser } = await import('../montecarlo/checkpoint.ts');
        const K = chunk ?? defaultEnsembleChunk(job.nodes);
        const chunks = [...new Set(todo.map((r) => Math.floor(r / K)))].sort((a, b) => a - b);
        const tasks = chunks.map((c) => {
          const first = c * K;
          const count = Math.min(K, job.runs - first);
          const rs = Array.from({ length: count }, (_, i) => first + i);
          const task: EnsembleTask = { kind: 'ensemble', v: TASK_VERSION, job, rs };
          return { id: ensembleTaskId(job.fingerprint, first, count), task };
        });
        const parse = replicateLineParser(
          job.experiment as ExperimentIdentity,
          job.fingerprint,
          (what) => new Error(`a worker's result: ${what}`),
        );
        await this.runTasks<EnsembleTaskResult>(tasks, (id, res) => {
          if (!res || !Array.isArray(res.lines))
            throw new Error(`task ${id.slice(0, 24)}…: a worker's result is not a list of replicate lines`);
          res.lines.forEach((line, i) => done(parse(line, `line ${i + 1} of task ${id.slice(0, 24)}…`).result));
        });
      },
    };
  }

  /**
   * A batch runner for the overload threshold design (`compareOverloadThresholdAsync`): one task per run. The
   * completed runs stay in Redis until {@link QueueCoordinator.cleanup}: a coordinator killed and restarted replays
   * the finished rounds from them (same tasks, same ids) instead of recomputing them.
   *
   * @returns the runner.
   *
   * @complexity one task per run of the round.
   *
   * @model run r of the design at loss f: task `o-<fingerprint>-<r>-<f>`.
   *
   * @references —
   *
   * @example
   * ```ts
   * await compareOverloadThresholdAsync(params, { scales: [0.01] }, q.overloadRunner());
   * ```
   */
  overloadRunner(): (batch: OverloadRunBatch) => Promise<boolean[]> {
    return async (batch) => {
      const tasks = overloadTasks(batch);
      const index = new Map(tasks.map((t, i) => [t.id, i]));
      const out: (boolean | undefined)[] = new Array(tasks.length);
      await this.runTasks<OverloadTaskResult>(
        tasks,
        (id, res) => {
          if (typeof res?.collapsed !== 'boolean')
            throw new Error(`task ${id.slice(0, 24)}…: a worker's result has no collapsed flag`);
          out[index.get(id)!] = res.collapsed;
        },
        { keep: true },
      );
      return out as boolean[];
    };
  }

  /**
   * The values of every run of a run family ({@link StudyRuns}), computed by the workers: one task per run.
   *
   * @param family - the family.
   * @param onRun - called after each run's value arrives (progress): runs done, total.
   * @returns the values of runs 0 … R−1, in order.
   * @throws as {@link QueueCoordinator.runTasks}.
   *
   * @complexity one task per run.
   *
   * @model run r of the family: task `r-<fingerprint>-<r>`; the value is what computeRunFamily gives here.
   *
   * @references —
   *
   * @example
   * ```ts
   * const values = await q.runFamily(overloadTimelineFamily('simulation', params, 0.02, 1, 4));
   * ```
   */
  async runFamily(family: StudyRuns, onRun?: (done: number, total: number) => void): Promise<unknown[]> {
    const fingerprint = runsFingerprint(family.family, family.identity);
    const tasks = Array.from({ length: family.runs }, (_, r) => {
      const task: RunsTask = {
        kind: 'runs',
        v: TASK_VERSION,
        family: family.family,
        identity: family.identity,
        fingerprint,
        rs: [r],
      };
      return { id: runsTaskId(fingerprint, r), task };
    });
    const index = new Map(tasks.map((t, r) => [t.id, r]));
    const out: unknown[] = new Array(family.runs);
    let done = 0;
    await this.runTasks<RunsTaskResult>(tasks, (id, res) => {
      if (!res || !Array.isArray(res.values) || res.values.length !== 1)
        throw new Error(`task ${id.slice(0, 24)}…: a worker's result is not one run's value`);
      out[index.get(id)!] = res.values[0];
      onRun?.(++done, family.runs);
    });
    return out;
  }

  /**
   * Compute every run of several run families on the workers at once (one task per run, all enqueued together, so
   * the workers are never idle between families).
   *
   * @param families - the families.
   * @param onRun - called after each run's value arrives (progress): runs done, total.
   * @returns per family the values of its runs 0 … R−1, in order.
   * @throws as {@link QueueCoordinator.runTasks}.
   *
   * @complexity one task per run.
   *
   * @model as {@link QueueCoordinator.runFamily}.
   *
   * @references —
   *
   * @example
   * ```ts
   * const [a, b] = await q.runFamilies([famA, famB]);
   * ```
   */
  async runFamilies(families: StudyRuns[], onRun?: (done: number, total: number) => void): Promise<unknown[][]> {
    const out = families.map((f) => new Array<unknown>(f.runs));
    const index = new Map<string, [number, number]>();
    const tasks: { id: string; task: RunsTask }[] = [];
    families.forEach((family, b) => {
      const fingerprint = runsFingerprint(family.family, family.identity);
      for (let r = 0; r < family.runs; r++) {
        const id = runsTaskId(fingerprint, r);
        if (index.has(id)) continue; // the same family twice: computed once
        index.set(id, [b, r]);
        tasks.push({
          id,
          task: {
            kind: 'runs',
            v: TASK_VERSION,
            family: family.family,
            identity: family.identity,
            fingerprint,
            rs: [r],
          },
        });
      }
    });
    let done = 0;
    await this.runTasks<RunsTaskResult>(tasks, (id, res) => {
      if (!res || !Array.isArray(res.values) || res.values.length !== 1)
        throw new Error(`task ${id.slice(0, 24)}…: a worker's result is not one run's value`);
      const [b, r] = index.get(id)!;
      out[b][r] = res.values[0];
      onRun?.(++done, tasks.length);
    });
    // a family given twice shares its twin's values
    families.forEach((family, b) => {
      const fingerprint = runsFingerprint(family.family, family.identity);
      for (let r = 0; r < family.runs; r++) {
        const [b0, r0] = index.get(runsTaskId(fingerprint, r))!;
        if (b0 !== b) out[b][r] = out[b0][r0];
      }
    });
    return out;
  }

  /** Close the connections. */
  async close(): Promise<void> {
    // a lost server must not hold the process: closing waits for the connections at most 2 s
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([this.events.close(), this.queue.close()]),
      new Promise((r) => (timer = setTimeout(r, 2000))),
    ]);
    clearTimeout(timer);
  }

  /** The BullMQ module in use (tests). @internal */
  get library(): BullMQ {
    return this.bullmq;
  }
}

/**
 * Replicates per task for a graph of `nodes` nodes: K = clamp(round(100 000 / n), 1, 100), so that a task holds at
 * least about 10⁵ node-sweeps of work (≈ 0.1 s) against a per-task cost of about 5 ms (add, fetch, lock, complete,
 * result event, removal: 5.0 ms measured under load by bench/workloads/queue.ts, the `queue-overhead` row), and
 * 1e5-node replicates go one per task for the best balance across workers. Unknown size: 1.
 *
 * @param nodes - nodes of the graph, if known.
 * @returns K.
 *
 * @complexity O(1).
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * defaultEnsembleChunk(2000); // 50
 * defaultEnsembleChunk(100000); // 1
 * ```
 */
export function defaultEnsembleChunk(nodes: number | undefined): number {
  if (nodes === undefined || !(nodes > 0)) return 1;
  return Math.max(1, Math.min(100, Math.round(100_000 / nodes)));
}
