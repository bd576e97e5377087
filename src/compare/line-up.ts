/**
 * Line up an analytic curve against a Monte Carlo estimate on the same grid: per point the analytic value, the
 * simulated mean with its confidence interval, the difference, and whether the analytic value falls inside the CI.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';

/** One Monte Carlo estimate at a grid point. */
export interface MonteCarloPoint {
  /** Grid coordinate (occupation q, removed fraction f, supernode loss, ...). */
  x: number;
  /** Mean over replicates. */
  mean: number;
  /** Per-replicate standard deviation (null when unknown). */
  sd: number | null;
  /** Confidence interval of the mean. */
  ci: [number, number];
}

/** One analytic value at a grid point (null when the theory has no value there, with a reason). */
export interface AnalyticPoint {
  x: number;
  value: number | null;
  reason?: string;
}

/** One lined-up row. */
export interface LineUpRow {
  x: number;
  analytic: number | null;
  mean: number;
  sd: number | null;
  ci: [number, number];
  /** mean − analytic (null when the analytic value is null). */
  difference: number | null;
  /** Whether the analytic value lies inside the CI (null when the analytic value is null). */
  insideCi: boolean | null;
  /** Whether the point lies within `window` of a stated threshold (where finite-size effects dominate). */
  nearThreshold: boolean;
  /** Whether |difference| <= the stated tolerance (null when the analytic value is null; false when no tolerance). */
  withinTolerance: boolean | null;
}

/** Summary of a line-up. */
export interface LineUp {
  rows: LineUpRow[];
  /** Rows away from the threshold whose analytic value falls inside the CI (or within the tolerance) / all such rows. */
  agreement: { inside: number; total: number };
  /** Largest |difference| away from the threshold. */
  maxAbsDifference: number;
}

/**
 * Line up analytic values and Monte Carlo estimates by grid coordinate.
 *
 * @param analytic - analytic values; every Monte Carlo x must have an analytic x within 1e-12.
 * @param montecarlo - Monte Carlo estimates.
 * @param opts.threshold - a threshold location; rows with |x − threshold| < window are flagged `nearThreshold`
 *   and left out of the agreement count (the critical window of mean-field percolation shrinks like n^(−1/3)).
 * @param opts.window - half-width of the excluded window (default 0.05).
 * @param opts.tolerance - an absolute allowance (default 0): a row also agrees when |mean − analytic| <= tolerance
 *   (e.g. the finite-size floor of the largest cluster below a threshold, where the n → ∞ theory says 0). The CI
 *   test itself allows a rounding slack of 1e-9·max(1, |value|), so that a zero-width interval (identical
 *   replicates) still contains an analytic value that equals it up to floating-point error.
 * @returns the rows and the agreement summary.
 *
 * Complexity: O(k log k) for k grid points.
 *
 * @example
 * ```ts
 * const l = lineUp([{ x: 0.5, value: 0.4 }], [{ x: 0.5, mean: 0.401, sd: 0.003, ci: [0.399, 0.403] }]);
 * // l.rows[0].insideCi === true
 * ```
 */
export function lineUp(
  analytic: readonly AnalyticPoint[],
  montecarlo: readonly MonteCarloPoint[],
  opts: { threshold?: number | null; window?: number; tolerance?: number } = {},
): LineUp {
  const window = opts.window ?? 0.05;
  const tolerance = opts.tolerance ?? 0;
  const sorted = [...analytic].sort((a, b) => a.x - b.x);
  const rows: LineUpRow[] = montecarlo.map((p) => {
    const a = findNearest(sorted, p.x);
    if (!a || Math.abs(a.x - p.x) > 1e-12) {
      throw new FragilityInputError('analytic', p.x, 'an analytic value at every Monte Carlo grid point');
    }
    const value = a.value;
    const near = opts.threshold != null && Math.abs(p.x - opts.threshold) < window;
    return {
      x: p.x,
      analytic: value,
      mean: p.mean,
      sd: p.sd,
      ci: p.ci,
      difference: value === null ? null : p.mean - value,
      insideCi: value === null ? null : insideWithSlack(value, p.ci),
      nearThreshold: near,
      withinTolerance: value === null ? null : tolerance > 0 && Math.abs(p.mean - value) <= tolerance,
    };
  });
  let inside = 0;
  let total = 0;
  let maxAbs = 0;
  for (const r of rows) {
    if (r.nearThreshold || r.insideCi === null) continue;
    total++;
    if (r.insideCi || r.withinTolerance) inside++;
    maxAbs = Math.max(maxAbs, Math.abs(r.difference!));
  }
  return { rows, agreement: { inside, total }, maxAbsDifference: maxAbs };
}

function insideWithSlack(value: number, ci: [number, number]): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(value));
  return value >= ci[0] - eps && value <= ci[1] + eps;
}

function findNearest(sorted: readonly AnalyticPoint[], x: number): AnalyticPoint | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].x < x) lo = mid + 1;
    else hi = mid;
  }
  const cands = [sorted[lo], sorted[lo - 1]].filter(Boolean) as AnalyticPoint[];
  return cands.reduce((best, c) => (Math.abs(c.x - x) < Math.abs(best.x - x) ? c : best));
}
