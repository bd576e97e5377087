/**
 * Piscina worker pools, set up one way for every parallel engine (ensembles of Newman–Ziff sweeps, betweenness),
 * and one pool kept between runs for engines that run many times in a row (ensembles).
 *
 * Piscina is loaded through `nodeRequire`, so that a browser bundle of the core does not pull in the worker pool
 * (every engine runs with one thread there).
 *
 * @module
 */
import { nodeRequire } from '../node-only.ts';

/** A piscina pool. */
export type WorkerPool = import('piscina').Piscina;

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** URL (href) of the worker module. */
  filename: string;
  /** Worker threads (min = max). */
  threads: number;
  /** Sent to every thread once (SharedArrayBuffer-backed arrays are shared, not copied). */
  workerData: unknown;
  /** What needs the pool, named in the error when Node is missing (`'runEnsemble with workers > 1'`). */
  feature: string;
  /** Tasks queued in each worker (default 1). */
  concurrentTasksPerWorker?: number;
  /** Milliseconds an idle thread lives (piscina's default when omitted). */
  idleTimeout?: number;
}

/**
 * A piscina pool of `threads` threads. The workers do not inherit this process's `--import`/`--require` flags: under
 * tsx they would register the TypeScript loader in every thread (~60–200 ms each); a worker written in TypeScript
 * registers it itself (see src/montecarlo/worker-entry.mjs).
 *
 * @param opts - {@link WorkerPoolOptions}.
 * @returns the pool (destroy it when done, or keep it with {@link acquireKeptPool}).
 * @throws NodeOnlyError where Node's built-ins are missing.
 *
 * @complexity O(threads) thread starts.
 *
 * @model —
 *
 * @references Piscina, https://github.com/piscinajs/piscina.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { pathToFileURL } from 'node:url';
 * writeFileSync('square.mjs', 'export default (x) => x * x;\n');
 * const pool = createWorkerPool({ filename: pathToFileURL('square.mjs').href, threads: 1, workerData: {}, feature: 'demo' });
 * await pool.run(7); // 49
 * await pool.destroy();
 * ```
 */
export function createWorkerPool(opts: WorkerPoolOptions): WorkerPool {
  const { Piscina } = nodeRequire(import.meta.url, opts.feature)('piscina') as typeof import('piscina');
  return new Piscina({
    filename: opts.filename,
    minThreads: opts.threads,
    maxThreads: opts.threads,
    ...(opts.idleTimeout === undefined ? {} : { idleTimeout: opts.idleTimeout }),
    ...(opts.concurrentTasksPerWorker === undefined ? {} : { concurrentTasksPerWorker: opts.concurrentTasksPerWorker }),
    execArgv: [],
    workerData: opts.workerData,
  });
}

/**
 * A worker pool kept after a run for the next one with the same key: a notebook or a finite-size study runs many
 * ensembles in a row, and a new pool costs each of them ~0.1 s of worker time (thread start, module import, JIT
 * warm-up: measured 20 + 25 + 70 ms at n = 10^5), about 5 % of a 100-replicate run on two threads. Idle pool threads
 * do not keep the process alive (piscina unrefs them), and the pool is destroyed after {@link KEEP_POOL_MS} without
 * use, when a different pool is needed, or when a run using it fails.
 */
export interface KeptPool {
  /** What the pool's workers hold, by content (a kept pool must never serve data that changed since). */
  key: string;
  pool: WorkerPool;
  users: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** How long an idle pool is kept for the next run (also the threads' idle timeout). */
export const KEEP_POOL_MS = 2000;
let keptPool: KeptPool | undefined;

/**
 * The kept pool if its key is `key`, else a new pool from `make` (kept when no other is). The previous kept pool
 * is destroyed when nobody uses it.
 *
 * @param key - the content key of what the workers hold.
 * @param make - builds the pool (called only when the kept one does not fit).
 * @returns the entry; give it back with {@link releaseKeptPool}.
 *
 * @complexity O(1) plus the pool's set-up when a new one is made.
 *
 * @model one kept pool per process.
 *
 * @references —
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { pathToFileURL } from 'node:url';
 * writeFileSync('w.mjs', 'export default (x) => 2 * x;\n');
 * const make = () => createWorkerPool({ filename: pathToFileURL('w.mjs').href, threads: 1, workerData: {}, feature: 'demo' });
 * const entry = await acquireKeptPool('demo', make);
 * await entry.pool.run(21); // 42
 * releaseKeptPool(entry, true); // kept for the next run with the key 'demo'
 * const again = await acquireKeptPool('demo', make);
 * again === entry; // true
 * releaseKeptPool(again, false); // destroyed
 * ```
 */
export async function acquireKeptPool(key: string, make: () => WorkerPool): Promise<KeptPool> {
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
  const entry: KeptPool = { key, pool: make(), users: 1, timer: undefined };
  if (!keptPool) keptPool = entry;
  return entry;
}

/**
 * Ends one run's use of a pool: keep it for the next (when `ok`, for {@link KEEP_POOL_MS}), else destroy it.
 *
 * @param entry - from {@link acquireKeptPool}.
 * @param ok - whether the run succeeded (a failed run's pool is destroyed).
 *
 * @complexity O(1).
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { pathToFileURL } from 'node:url';
 * writeFileSync('w.mjs', 'export default (x) => x + 1;\n');
 * const entry = await acquireKeptPool('demo-release', () => createWorkerPool({ filename: pathToFileURL('w.mjs').href, threads: 1, workerData: {}, feature: 'demo' }));
 * releaseKeptPool(entry, false); // the run failed: the pool is destroyed, not kept
 * keptPoolInfo(); // undefined
 * ```
 */
export function releaseKeptPool(entry: KeptPool, ok: boolean): void {
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

/**
 * The pool kept for the next run, if any: its identity (for tests: two ensembles in a row share one) and users.
 * @internal
 */
export function keptPoolInfo(): { pool: object; users: number } | undefined {
  return keptPool ? { pool: keptPool.pool, users: keptPool.users } : undefined;
}
