/**
 * Collapse probability of the overload model against a forced initial supernode loss, and the loss at which half of
 * the runs collapse — the simulation side of the overload threshold (the mean-field side is
 * `overloadCriticalLoss` in src/analytic).
 *
 * @module
 */
import { FragilityInputError, checkInteger } from '../errors.ts';
import { standardNormalQuantile } from '../numerics/normal.ts';
import { wilsonScore } from '../numerics/statistics.ts';
import type { OverloadResult } from './overload-model.ts';
import { simulateOverloadMinimum } from './overload/simulate.ts';
import {
  type OverloadParams,
  type OverloadParamsInput,
  skype2010OverloadParams,
  withOverloadParams,
} from '../models/overload-params.ts';

/**
 * Options of {@link collapseProbability}.
 *
 * @category Overload model
 */
export interface CollapseProbabilityOptions {
  /** Runs per loss value (default 20). */
  runs?: number;
  /** Seed (default 1); run r at loss index i uses stream(seed, i·runs + r). */
  seed?: number;
  /** Simulated hours per run (default 3: the collapse, when it comes, comes within the first hour). */
  durationHours?: number;
  /** Confidence level of the Wilson intervals (default 0.95). */
  confidence?: number;
  /**
   * Who runs a simulation (default simulateOverload): a replacement must return what simulateOverload returns for
   * the same (params, seed, index) — e.g. the merged runs of a sharded scenario (src/scenarios/run.ts).
   */
  simulate?: OverloadSimulator;
}

/**
 * A function with simulateOverload's contract for (params, { seed, index }).
 *
 * @category Overload model
 */
export type OverloadSimulator = (params: OverloadParams, o: { seed: number; index: number }) => OverloadResult;

/**
 * The run families of {@link collapseProbability}: per loss (ascending), its parameters and the stream indices
 * `first … first + runs − 1` (seed, index) of its runs. collapseProbability runs exactly these.
 *
 * @param input - model parameters.
 * @param losses - forced losses (sorted here).
 * @param options - runs, seed, duration.
 * @returns one entry per loss, ascending.
 *
 * @complexity O(|losses|).
 *
 * @model run r at loss index i: simulateOverload({ ...params, forcedLoss: f_i, durationHours, sampleEvery: 1e6 },
 * { seed, index: i·runs + r }).
 *
 * @references —
 *
 * @example
 * ```ts
 * collapseRunFamilies({ scale: 0.004 }, [0.1, 0], { runs: 5 }); // [{ loss: 0, first: 0, … }, { loss: 0.1, first: 5, … }]
 * ```
 *
 * @category Overload model
 */
export function collapseRunFamilies(
  input: OverloadParamsInput | OverloadParams,
  losses: readonly number[],
  options: CollapseProbabilityOptions = {},
): { loss: number; params: OverloadParams; seed: number; first: number; runs: number }[] {
  const runs = options.runs ?? 20;
  const seed = options.seed ?? 1;
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  const duration = options.durationHours ?? Math.min(3, base.durationHours);
  return [...losses]
    .sort((a, b) => a - b)
    .map((f, i) => ({
      loss: f,
      params: withOverloadParams(base, { forcedLoss: f, durationHours: duration, sampleEvery: 1_000_000 }),
      seed,
      first: i * runs,
      runs,
    }));
}

/**
 * One loss value of {@link collapseProbability}.
 *
 * @category Overload model
 */
export interface OverloadCollapsePoint {
  /** Forced initial supernode loss f. */
  loss: number;
  /** Runs and collapsed runs. */
  runs: number;
  collapsed: number;
  /** Collapse fraction and its Wilson interval. */
  fraction: number;
  ci: [number, number];
  /** Mean of the minimum online fraction over the runs. */
  meanMinOnline: number;
}

/**
 * Result of {@link collapseProbability}.
 *
 * @category Overload model
 */
export interface CollapseProbabilityResult {
  seed: number;
  runs: number;
  points: OverloadCollapsePoint[];
  /** Loss at which half of the runs collapse (linear interpolation between the bracketing points), or null. */
  halfCollapseLoss: number | null;
  /** Interval for it: where the upper and lower Wilson bounds cross 1/2 (null ends when they do not). */
  halfCollapseCi: [number | null, number | null];
  /** Why halfCollapseLoss is null (no bracketing pair), if it is. */
  reason?: string;
}

/** Where the piecewise-linear curve (xs, ys) first crosses 1/2 upward; null if it does not. */
function crossHalf(xs: number[], ys: number[]): number | null {
  if (ys.length === 0) return null;
  if (ys[0] >= 0.5) return null; // already at or above 1/2 at the smallest loss
  for (let i = 1; i < xs.length; i++) {
    if (ys[i] >= 0.5) {
      const t = (0.5 - ys[i - 1]) / (ys[i] - ys[i - 1]);
      return xs[i - 1] + t * (xs[i] - xs[i - 1]);
    }
  }
  return null;
}

/**
 * Run the overload model R times at each forced initial supernode loss f and estimate the collapse probability.
 *
 * @param input - model parameters (full or a partial override of the 2010 defaults).
 * @param losses - forced losses f in [0, 1] (sorted ascending internally).
 * @param options - runs per point, seed, duration, confidence.
 * @returns the collapse fraction with a Wilson interval per f, and the half-collapse loss with its interval.
 * @throws FragilityInputError (`losses[i]` outside [0, 1], `runs` < 1, and every model field).
 *
 * @complexity O(|losses|·R) model runs of O(T·(S + …)) each.
 *
 * @model the trigger is replaced by an instantaneous crash at T of round(f·S) supernodes chosen at random, plus a
 * crash of a fraction min(1, f·forcedClientCrashRatio) of the online clients (2010 ratio 0.20/0.275: the clients that
 * crash along with the supernodes), whose users restart as usual; the clients of the lost supernodes search after
 * the detection delay. A run collapses when its minimum online fraction falls below `collapseThreshold` (0.5).
 * Collapse fraction k/R with the Wilson score interval; the half-collapse loss interpolates linearly between the two
 * losses that bracket 1/2, and its interval is where the upper and the lower Wilson curves cross 1/2.
 *
 * @references E. B. Wilson, J. Am. Stat. Assoc. 22, 209 (1927), doi:10.1080/01621459.1927.10502953.
 *
 * @example
 * ```ts
 * const r = collapseProbability({ scale: 0.004 }, [0, 0.05, 0.1, 0.3], { runs: 10, seed: 1 });
 * r.halfCollapseLoss; // the simulated critical supernode loss
 * ```
 *
 * @category Overload model
 */
export function collapseProbability(
  input: OverloadParamsInput | OverloadParams,
  losses: number[],
  options: CollapseProbabilityOptions = {},
): CollapseProbabilityResult {
  const runs = options.runs ?? 20;
  checkInteger('runs', runs, 1, 1_000_000);
  const seed = options.seed ?? 1;
  checkInteger('seed', seed);
  const conf = options.confidence ?? 0.95;
  if (!(conf > 0 && conf < 1)) throw new FragilityInputError('confidence', conf, 'a number in (0, 1)');
  if (!Array.isArray(losses) || losses.length === 0)
    throw new FragilityInputError('losses', losses, 'a non-empty array of fractions in [0, 1]');
  losses.forEach((f, i) => {
    if (typeof f !== 'number' || !(f >= 0 && f <= 1))
      throw new FragilityInputError(`losses[${i}]`, f, 'a fraction in [0, 1]');
  });
  const z = standardNormalQuantile(0.5 + conf / 2);
  // only `collapsed` and `minOnlineFraction` of each run are kept: by default the run stops once both are decided
  const sim: (
    p: OverloadParams,
    o: { seed: number; index: number },
  ) => Pick<OverloadResult, 'collapsed' | 'minOnlineFraction'> = options.simulate ?? simulateOverloadMinimum;
  const points: OverloadCollapsePoint[] = [];
  for (const fam of collapseRunFamilies(input, losses, {
    runs,
    seed,
    ...(options.durationHours !== undefined ? { durationHours: options.durationHours } : {}),
  })) {
    let k = 0;
    let minSum = 0;
    for (let r = 0; r < runs; r++) {
      const res = sim(fam.params, { seed, index: fam.first + r });
      if (res.collapsed) k++;
      minSum += res.minOnlineFraction;
    }
    points.push({
      loss: fam.loss,
      runs,
      collapsed: k,
      fraction: k / runs,
      ci: wilsonScore(k, runs, z),
      meanMinOnline: minSum / runs,
    });
  }
  const xs = points.map((q) => q.loss);
  const half = crossHalf(
    xs,
    points.map((q) => q.fraction),
  );
  const lo = crossHalf(
    xs,
    points.map((q) => q.ci[1]),
  );
  const hi = crossHalf(
    xs,
    points.map((q) => q.ci[0]),
  );
  const out: CollapseProbabilityResult = { seed, runs, points, halfCollapseLoss: half, halfCollapseCi: [lo, hi] };
  if (half === null) {
    out.reason =
      points[0].fraction >= 0.5
        ? 'at least half of the runs collapse at the smallest loss'
        : 'fewer than half of the runs collapse at every loss';
  }
  return out;
}

/**
 * Alias of {@link OverloadCollapsePoint} for direct importers of this file (not re-exported by the barrel: the name
 * `CollapsePoint` belongs to src/report).
 */
export type CollapsePoint = OverloadCollapsePoint;
