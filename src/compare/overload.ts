/**
 * The overload threshold, analytic vs simulated: the equal-load-sharing mean-field critical supernode loss against
 * the loss at which half of the simulated overload runs collapse (with its Wilson-based interval).
 *
 * @module
 */
import { overloadCriticalLossFromParams } from '../analytic/overload-mean-field.ts';
import {
  collapseProbability,
  type OverloadCollapsePoint,
  type OverloadSimulator,
} from '../cascade/overload-collapse.ts';
import {
  type OverloadParams,
  type OverloadParamsInput,
  skype2010OverloadParams,
  withOverloadParams,
} from '../models/overload-params.ts';
import { uniformCapacity } from '../distributions/uniform-capacity.ts';
import { FragilityInputError, checkInteger } from '../errors.ts';
import { type AnalyticPoint, type LineUp, type MonteCarloPoint, lineUp } from './line-up.ts';

/**
 * Options of {@link compareOverload}.
 *
 * @category Overload model
 */
export interface CompareOverloadOptions {
  /** Forced supernode losses f (default 0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5). */
  losses?: readonly number[];
  /** Simulated runs per loss (default 20). */
  runs?: number;
  /** Seed (default 1). */
  seed?: number;
  /** Simulated hours per run (default 3: a collapse comes within the first hour). */
  durationHours?: number;
  /** Half-width of the window around the mean-field f_c left out of the agreement count (default 0.02). */
  window?: number;
  /** Who runs a simulation (default simulateOverload; see collapseProbability). */
  simulate?: OverloadSimulator;
}

/**
 * Result of {@link compareOverload}.
 *
 * @category Overload model
 */
export interface OverloadComparison {
  runs: number;
  seed: number;
  /**
   * Per loss: mean-field collapse indicator (1 past f_c, 0 below; null when f_c is undefined) against the simulated
   * collapse fraction with its Wilson interval (x = f).
   */
  lineUp: LineUp;
  /** The simulated points as returned by collapseProbability (collapse fraction, CI, mean minimum online fraction). */
  points: OverloadCollapsePoint[];
  /**
   * Critical supernode loss: `analytic` = mean-field f_c (self-consistent surge, forced-loss mode), `montecarlo` =
   * loss at which half of the runs collapse, `ci` = where the Wilson bounds cross 1/2 (null ends when they do not).
   */
  threshold: {
    analytic: number | null;
    analyticReason?: string;
    montecarlo: number | null;
    montecarloReason?: string;
    ci: [number | null, number | null];
    /** σ_c of the mean-field threshold law (of α under the default 'admission' model, of 1 + α under 'rehome-all') and the surge at f_c. */
    sigmaC: number;
    surge: number;
  };
}

/**
 * Default losses of {@link compareOverload}.
 *
 * @category Overload model
 */
export const DEFAULT_OVERLOAD_LOSSES: readonly number[] = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5];

/**
 * Compare the overload mean field with the simulated collapse probability.
 *
 * @param params - overload-model parameters (full set or a partial override of the 2010 defaults).
 * @param opts - {@link CompareOverloadOptions}.
 * @returns the line-up per loss and the critical supernode loss both ways.
 * @throws FragilityInputError naming `losses`, `runs` and every model field.
 *
 * @complexity |losses| × runs simulations of `durationHours` each, plus an O(1) mean-field bisection.
 *
 * @model mean field — equal load sharing over the supernodes with thresholds 1 + α: collapse iff
 * s(f) > (1 − f)σ_c, σ_c = max_x x[1 − F(x)], with the restart surge s(f) of the forced-loss storm
 * (overloadCriticalLossFromParams). Simulation — collapseProbability: a run collapses when its minimum online
 * fraction falls below params.collapseThreshold; half-collapse loss by linear interpolation, interval where the
 * upper and lower Wilson bounds cross 1/2.
 *
 * @references S. Pradhan, A. Hansen, B. K. Chakrabarti, Rev. Mod. Phys. 82, 499 (2010),
 * doi:10.1103/RevModPhys.82.499; E. B. Wilson, JASA 22, 209 (1927).
 *
 * @example
 * ```ts
 * const c = compareOverload({ scale: 0.005 }, { runs: 10, seed: 1 });
 * c.threshold; // { analytic: ≈0.063, montecarlo: ≈0.14, ci: [..] }
 * ```
 *
 * @category Overload model
 */
export function compareOverload(
  params: OverloadParams | OverloadParamsInput = {},
  opts: CompareOverloadOptions = {},
): OverloadComparison {
  const p = withOverloadParams(skype2010OverloadParams, params as OverloadParamsInput);
  const runs = checkInteger('runs', opts.runs ?? 20, 1, 1e6);
  const seed = opts.seed ?? 1;
  const losses = [...(opts.losses ?? DEFAULT_OVERLOAD_LOSSES)].sort((a, b) => a - b);
  if (losses.length < 2) throw new FragilityInputError('losses', losses, 'at least 2 supernode losses in [0, 1]');
  const window = opts.window ?? 0.02;
  const mf = overloadCriticalLossFromParams(p);
  const sim = collapseProbability(p, losses, {
    runs,
    seed,
    ...(opts.durationHours !== undefined ? { durationHours: opts.durationHours } : {}),
    ...(opts.simulate ? { simulate: opts.simulate } : {}),
  });
  const fC = mf.fC;
  // Mean-field indicator: below f_c the ELS fixed point survives (0), past it the bundle collapses (1);
  // 'collapse-without-loss' collapses everywhere, 'no-load' nowhere.
  const indicator = (f: number): number | null => {
    if (fC !== null) return f > fC ? 1 : 0;
    if (mf.reason === 'collapse-without-loss') return 1;
    if (mf.reason === 'no-load') return 0;
    return null;
  };
  const analytic: AnalyticPoint[] = sim.points.map((q) => ({ x: q.loss, value: indicator(q.loss) }));
  const mc: MonteCarloPoint[] = sim.points.map((q) => ({
    x: q.loss,
    mean: q.fraction,
    sd: Math.sqrt(q.fraction * (1 - q.fraction)),
    ci: q.ci,
  }));
  return {
    runs,
    seed,
    lineUp: lineUp(analytic, mc, { threshold: fC, window }),
    points: sim.points,
    threshold: {
      analytic: fC,
      ...(mf.reason ? { analyticReason: mf.reason } : {}),
      montecarlo: sim.halfCollapseLoss,
      ...(sim.reason ? { montecarloReason: sim.reason } : {}),
      ci: sim.halfCollapseCi,
      sigmaC: mf.sigmaC,
      surge: mf.surge,
    },
  };
}

/**
 * Options of {@link compareOverloadPhase}.
 *
 * @category Overload model
 */
export interface CompareOverloadPhaseOptions {
  /** Forced supernode losses (x axis). */
  losses: readonly number[];
  /** Mean headrooms α (y axis): the headroom law is uniform(α/2, 3α/2) (the 2010 law uniform(0.25, 0.75) is α = 0.5). */
  headrooms: readonly number[];
  /** Runs per cell (default 2). */
  runs?: number;
  /** Seed (default 1). */
  seed?: number;
  /** Simulated hours per run (default 3). */
  durationHours?: number;
  /** Called after each headroom row. */
  onProgress?: (done: number, total: number) => void;
  /** Who runs a simulation (default simulateOverload; see collapseProbability). */
  simulate?: OverloadSimulator;
}

/**
 * The rows of {@link compareOverloadPhase}: per headroom α (in order), the parameters (headroom law uniform(α/2,
 * 3α/2)) and the seed its collapseProbability runs with.
 *
 * @param params - overload-model parameters.
 * @param opts - headrooms and seed.
 * @returns one entry per headroom.
 *
 * @complexity O(|headrooms|).
 *
 * @model row j: seed + 7919·(j + 1).
 *
 * @references —
 *
 * @example
 * ```ts
 * phaseRows({}, { losses: [0.1], headrooms: [0.5, 1], seed: 1 }).map((r) => r.seed); // [7920, 15839]
 * ```
 */
export function phaseRows(
  params: OverloadParams | OverloadParamsInput,
  opts: Pick<CompareOverloadPhaseOptions, 'headrooms' | 'seed'>,
): { headroom: number; params: OverloadParams; seed: number }[] {
  const base = withOverloadParams(skype2010OverloadParams, params as OverloadParamsInput);
  const seed = opts.seed ?? 1;
  return opts.headrooms.map((alpha, j) => ({
    headroom: alpha,
    params: withOverloadParams(base, { headroom: uniformCapacity(alpha / 2, (3 * alpha) / 2) }),
    seed: seed + 7919 * (j + 1),
  }));
}

/**
 * Result of {@link compareOverloadPhase}.
 *
 * @category Overload model
 */
export interface OverloadPhaseComparison {
  /** One cell per (loss, headroom): mean minimum online fraction and collapse fraction of the simulated runs. */
  cells: { loss: number; headroom: number; minOnline: number; collapseFraction: number }[];
  /** Mean-field boundary f_c(α) per headroom (null with reason where undefined). */
  boundary: { headroom: number; fC: number | null; reason?: string }[];
}

/**
 * Phase diagram of the overload model: supernode loss against capacity headroom, simulated minimum online fraction
 * per cell with the mean-field boundary f_c(α) over it.
 *
 * @param params - overload-model parameters (the headroom law is replaced per row).
 * @param opts - {@link CompareOverloadPhaseOptions}.
 * @returns the cells and the boundary.
 * @throws FragilityInputError naming `headrooms`, `losses`, `runs` and every model field.
 *
 * @complexity |headrooms| × |losses| × runs simulations of `durationHours`.
 *
 * @model headroom α_i ~ uniform(α/2, 3α/2); mean field f_c(α) = the self-consistent ELS critical loss
 * (overloadCriticalLossFromParams); simulation as collapseProbability.
 *
 * @references A. E. Motter, Y.-C. Lai, PRE 66, 065102 (2002) (tolerance α); Pradhan, Hansen & Chakrabarti,
 * Rev. Mod. Phys. 82, 499 (2010).
 *
 * @example
 * ```ts
 * const ph = compareOverloadPhase({ scale: 0.005 }, { losses: [0, 0.1, 0.3], headrooms: [0.5, 1, 2] });
 * ph.boundary; // f_c(α) rising with α
 * ```
 *
 * @category Overload model
 */
export function compareOverloadPhase(
  params: OverloadParams | OverloadParamsInput,
  opts: CompareOverloadPhaseOptions,
): OverloadPhaseComparison {
  const base = withOverloadParams(skype2010OverloadParams, params as OverloadParamsInput);
  const runs = checkInteger('runs', opts.runs ?? 2, 1, 1e6);
  const seed = opts.seed ?? 1;
  if (!Array.isArray(opts.headrooms) || opts.headrooms.length === 0)
    throw new FragilityInputError('headrooms', opts.headrooms, 'a non-empty array of headrooms >= 0');
  opts.headrooms.forEach((a, i) => {
    if (!(typeof a === 'number' && a >= 0 && Number.isFinite(a)))
      throw new FragilityInputError(`headrooms[${i}]`, a, 'a number >= 0');
  });
  const cells: OverloadPhaseComparison['cells'] = [];
  const boundary: OverloadPhaseComparison['boundary'] = [];
  phaseRows(base, { headrooms: opts.headrooms, seed }).forEach(({ headroom: alpha, params: p, seed: rowSeed }, j) => {
    const mf = overloadCriticalLossFromParams(p);
    boundary.push({ headroom: alpha, fC: mf.fC, ...(mf.reason ? { reason: mf.reason } : {}) });
    const sim = collapseProbability(p, [...opts.losses], {
      runs,
      seed: rowSeed,
      ...(opts.durationHours !== undefined ? { durationHours: opts.durationHours } : {}),
      ...(opts.simulate ? { simulate: opts.simulate } : {}),
    });
    for (const q of sim.points)
      cells.push({ loss: q.loss, headroom: alpha, minOnline: q.meanMinOnline, collapseFraction: q.fraction });
    opts.onProgress?.(j + 1, opts.headrooms.length);
  });
  return { cells, boundary };
}
