/**
 * Repetition timing used inside the fragility child process.
 *
 * @module
 */

/** Repetitions of one measurement: `warmup` untimed calls, then at least `reps` timed ones. */
export interface RepPlan {
  warmup: number;
  reps: number;
}

/** Fast operations are repeated beyond `reps` until the measured total reaches this many milliseconds... */
export const MIN_TOTAL_MS = 500;
/** ...or this many repetitions. */
export const MAX_REPS = 25;
/** Calls slower than this get a forced full GC before the next call. */
export const GC_ABOVE_MS = 100;

/**
 * Time `fn` over warm-up + measured repetitions. When the previous call took longer than {@link GC_ABOVE_MS}, a full
 * garbage collection (when the process runs with --expose-gc) precedes the next call, untimed, so one large
 * repetition's garbage does not bill the next nor add to the peak RSS; fast calls get no forced GC (it makes them
 * slower and noisier: the heap shrinks and the next call page-faults it back).
 *
 * @param fn - the operation (sync or async); the result of the last call is returned.
 * @param plan - warm-up and measured repetitions.
 * Operations faster than {@link MIN_TOTAL_MS} in total are repeated further (up to {@link MAX_REPS}) for a stable
 * median; plans with fewer than 3 repetitions are taken as they are.
 *
 * @returns measured wall-clock durations and CPU times (user + system of the whole process, all threads) in
 *   milliseconds, and the last result.
 */
export async function timeReps<T>(
  fn: () => T | Promise<T>,
  plan: RepPlan,
): Promise<{ times: number[]; cpuTimes: number[]; last: T }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let last!: T;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let total = 0;
  let prev = Infinity;
  for (
    let i = 0;
    i < plan.warmup + plan.reps || (plan.reps >= 3 && total < MIN_TOTAL_MS && times.length < MAX_REPS);
    i++
  ) {
    last = undefined as T; // drop the previous result before the next call allocates its own
    if (prev > GC_ABOVE_MS) gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await fn();
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    prev = dt;
    if (i >= plan.warmup) {
      times.push(dt);
      cpuTimes.push((c.user + c.system) / 1000);
      total += dt;
    }
  }
  return { times, cpuTimes, last };
}
