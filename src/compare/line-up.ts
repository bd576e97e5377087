/**
 * Line up an analytic curve against a Monte Carlo estimate on the same grid: per point the analytic value, the
 * simulated mean with its confidence interval, the difference, and whether the analytic value falls inside the CI.
 *
 * @module
 */
import { FragilityInputError, checkNumber } from '../errors.ts';

/**
 * One Monte Carlo estimate at a grid point.
 *
 * @category Line-ups
 */
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

/**
 * One analytic value at a grid point (null when the theory has no value there, with a reason).
 *
 * @category Line-ups
 */
export interface AnalyticPoint {
  x: number;
  value: number | null;
  reason?: string;
}

/**
 * One lined-up row.
 *
 * @category Line-ups
 */
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
  /**
   * The agreement verdict: inside the CI, or |difference| <= `allowedDifference` (null when the analytic value is
   * null). Unlike `insideCi` it does not say "no" when a zero-width interval and the analytic value differ by less
   * than the floor.
   */
  agrees: boolean | null;
  /** The allowance used for `agrees`: max(floor, tolerance), and the finite-size allowance below the threshold or where the analytic value is 0. */
  allowedDifference: number;
  /** Where the row lies relative to the stated threshold (`no-threshold` when none was given). */
  region: LineUpRegion;
}

/**
 * Region of a row relative to the threshold: below (x < threshold − window), near, above, or no threshold given.
 *
 * @category Line-ups
 */
export type LineUpRegion = 'below' | 'near' | 'above' | 'no-threshold';

/**
 * Agreement count of one region.
 *
 * @category Line-ups
 */
export interface RegionCoverage {
  /** Rows whose verdict `agrees` is true. */
  agree: number;
  /** Rows with an analytic value. */
  total: number;
}

/**
 * Summary of a line-up.
 *
 * @category Line-ups
 */
export interface LineUp {
  rows: LineUpRow[];
  /** Rows away from the threshold that agree (inside the CI, or within max(floor, tolerance, finite-size)) / all such rows. */
  agreement: { inside: number; total: number };
  /** Largest |difference| away from the threshold. */
  maxAbsDifference: number;
  /** `agrees` counted per region (the near-threshold rows are reported here, not in `agreement`). */
  coverage: Record<LineUpRegion, RegionCoverage>;
  /** The allowances used, stated. */
  allowance: { floor: number; tolerance: number; finiteSize: number; finiteSizeReason?: string };
}

/**
 * Default agreement floor: half a unit of the 4th decimal, the precision the line-up tables print.
 *
 * @category Line-ups
 */
export const LINE_UP_FLOOR = 5e-5;

/**
 * Line up analytic values and Monte Carlo estimates by grid coordinate.
 *
 * @param analytic - analytic values; every Monte Carlo x must have an analytic x within 1e-12.
 * @param montecarlo - Monte Carlo estimates.
 * @param opts.threshold - a threshold location; rows with |x − threshold| < window are flagged `nearThreshold`
 *   and left out of the agreement count (the critical window of mean-field percolation shrinks like n^(−1/3)).
 * @param opts.window - half-width of the excluded window (default 0.05).
 * @param opts.floor - agreement floor (default {@link LINE_UP_FLOOR} = 5e-5, half a unit of the printed 4th decimal):
 *   a row `agrees` when |mean − analytic| <= floor even if the interval has zero width and misses the value.
 * @param opts.finiteSize - a finite-size allowance of the verdict `agrees` (default 0) on the rows below the threshold
 *   or with analytic value 0 (where the n → ∞ theory says there is no giant component), with
 *   `finiteSizeReason` saying where it comes from (e.g. (ln n)²/n, the O(ln n) largest cluster of a finite graph
 *   below the threshold that the n → ∞ theory calls 0).
 * @param opts.tolerance - an absolute allowance (default 0): a row also agrees when |mean − analytic| <= tolerance
 *   (e.g. the finite-size floor of the largest cluster below a threshold, where the n → ∞ theory says 0). The CI
 *   test itself allows a rounding slack of 1e-9·max(1, |value|), so that a zero-width interval (identical
 *   replicates) still contains an analytic value that equals it up to floating-point error.
 * @returns the rows, the agreement summary away from the threshold, and `coverage` per region (below, near, above
 *   the threshold) of the verdict `agrees` = inside the CI or |difference| <= max(floor, tolerance[, finiteSize]).
 *
 * Complexity: O(k log k) for k grid points.
 *
 * @example
 * ```ts
 * const l = lineUp([{ x: 0.5, value: 0.4 }], [{ x: 0.5, mean: 0.401, sd: 0.003, ci: [0.399, 0.403] }]);
 * // l.rows[0].insideCi === true
 * ```
 *
 * @category Line-ups
 */
export function lineUp(
  analytic: readonly AnalyticPoint[],
  montecarlo: readonly MonteCarloPoint[],
  opts: {
    threshold?: number | null;
    window?: number;
    tolerance?: number;
    floor?: number;
    finiteSize?: number;
    finiteSizeReason?: string;
  } = {},
): LineUp {
  const window = opts.window ?? 0.05;
  const tolerance = opts.tolerance ?? 0;
  const floor = checkNumber('floor', opts.floor ?? LINE_UP_FLOOR, 0, 1);
  const finiteSize = checkNumber('finiteSize', opts.finiteSize ?? 0, 0, 1);
  const base = Math.max(floor, tolerance);
  const sorted = [...analytic].sort((a, b) => a.x - b.x);
  const rows: LineUpRow[] = montecarlo.map((p) => {
    const a = findNearest(sorted, p.x);
    if (!a || Math.abs(a.x - p.x) > 1e-12) {
      throw new FragilityInputError('analytic', p.x, 'an analytic value at every Monte Carlo grid point');
    }
    const value = a.value;
    const near = opts.threshold != null && Math.abs(p.x - opts.threshold) < window;
    const region: LineUpRegion =
      opts.threshold == null ? 'no-threshold' : near ? 'near' : p.x < opts.threshold ? 'below' : 'above';
    const inside = value === null ? null : insideWithSlack(value, p.ci);
    // The finite-size allowance is for rows where the n → ∞ theory says "no giant": below the threshold, or value 0.
    const allowed = region === 'below' || value === 0 ? Math.max(base, finiteSize) : base;
    return {
      x: p.x,
      analytic: value,
      mean: p.mean,
      sd: p.sd,
      ci: p.ci,
      difference: value === null ? null : p.mean - value,
      insideCi: inside,
      nearThreshold: near,
      withinTolerance: value === null ? null : tolerance > 0 && Math.abs(p.mean - value) <= tolerance,
      agrees: value === null ? null : inside || Math.abs(p.mean - value) <= allowed,
      allowedDifference: allowed,
      region,
    };
  });
  return lineUpSummary(rows, {
    floor,
    tolerance,
    finiteSize,
    ...(opts.finiteSizeReason ? { finiteSizeReason: opts.finiteSizeReason } : {}),
  });
}

/**
 * The summary of line-up rows: `agreement` over the rows away from the threshold, the largest |difference| there,
 * and `coverage` of the verdict `agrees` per region. {@link lineUp} calls it; a comparison that marks more rows as
 * near a threshold (e.g. both edges of a cascade window) recounts with it.
 *
 * @param rows - line-up rows (their `region`, `nearThreshold`, `insideCi` and `agrees` fields are read).
 * @param allowance - the allowances the verdicts used, echoed in the result.
 * @returns the {@link LineUp} of these rows.
 *
 * @complexity O(rows).
 *
 * @example
 * ```ts
 * const l = lineUp([{ x: 0.5, value: 0.2 }], [{ x: 0.5, mean: 0.2, sd: 0, ci: [0.2, 0.2] }]);
 * lineUpSummary(l.rows, l.allowance).agreement; // { inside: 1, total: 1 }
 * ```
 *
 * @category Line-ups
 */
export function lineUpSummary(rows: LineUpRow[], allowance: LineUp['allowance']): LineUp {
  const coverage: Record<LineUpRegion, RegionCoverage> = {
    below: { agree: 0, total: 0 },
    near: { agree: 0, total: 0 },
    above: { agree: 0, total: 0 },
    'no-threshold': { agree: 0, total: 0 },
  };
  for (const r of rows) {
    if (r.agrees === null) continue;
    coverage[r.region].total++;
    if (r.agrees) coverage[r.region].agree++;
  }
  let inside = 0;
  let total = 0;
  let maxAbs = 0;
  for (const r of rows) {
    if (r.nearThreshold || r.insideCi === null) continue;
    total++;
    if (r.agrees) inside++;
    maxAbs = Math.max(maxAbs, Math.abs(r.difference!));
  }
  return { rows, agreement: { inside, total }, maxAbsDifference: maxAbs, coverage, allowance };
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
