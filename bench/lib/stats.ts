/**
 * Pure helpers of the benchmark harness: summaries of repeated timings and ratio formatting.
 *
 * @module
 */

/** Median, minimum and maximum of repeated timings (milliseconds). */
export interface TimingSummary {
  median: number;
  min: number;
  max: number;
  /** Number of measured repetitions (warm-up excluded). */
  reps: number;
}

/**
 * Median of a sample (mean of the two middle values for an even count).
 *
 * @param xs - the values (not modified); at least one.
 * @returns the median.
 * @throws Error for an empty sample.
 */
export function median(xs: ArrayLike<number>): number {
  if (xs.length === 0) throw new Error('median of an empty sample');
  const s = Array.from(xs).sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/**
 * Summarise measured repetitions.
 *
 * @param times - measured durations in milliseconds (warm-up excluded), at least one.
 * @returns median, min, max and the count.
 */
export function summarize(times: ArrayLike<number>): TimingSummary {
  if (times.length === 0) throw new Error('no timings');
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < times.length; i++) {
    min = Math.min(min, times[i]);
    max = Math.max(max, times[i]);
  }
  return { median: median(times), min, max, reps: times.length };
}

/**
 * Speed ratio of a peer to fragility: peer median / fragility median (> 1 means fragility is faster).
 *
 * @param peerMedian - the peer's median time.
 * @param fragilityMedian - fragility's median time.
 * @returns the ratio, NaN when either is missing or fragility's is 0.
 */
export function speedRatio(peerMedian: number | undefined, fragilityMedian: number | undefined): number {
  if (peerMedian === undefined || fragilityMedian === undefined || !(fragilityMedian > 0)) return NaN;
  return peerMedian / fragilityMedian;
}

/**
 * Format a ratio as e.g. `3.2×`, `0.71×`, `120×`; `–` for NaN.
 *
 * @param r - the ratio.
 * @returns the text.
 */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '–';
  if (r >= 100) return `${r.toFixed(0)}×`;
  if (r >= 10) return `${r.toFixed(1)}×`;
  return `${r.toFixed(2)}×`;
}

/**
 * Format a duration in milliseconds with a unit that keeps 2–4 significant digits: `0.84 ms`, `312 ms`, `4.21 s`.
 *
 * @param ms - milliseconds.
 * @returns the text; `–` for a missing value.
 */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Format a timing summary as `median [min–max]`.
 *
 * @param s - the summary.
 * @returns the text; `–` when missing.
 */
export function formatSummary(s: TimingSummary | undefined): string {
  if (!s) return '–';
  return s.reps === 1
    ? `${formatMs(s.median)} (1 run)`
    : `${formatMs(s.median)} [${formatMs(s.min)}–${formatMs(s.max)}]`;
}
