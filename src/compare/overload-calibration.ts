/**
 * The 2010 Skype timeline as a reproducible fit (issue 16): weighted least squares of the fluid overload model
 * (src/analytic) against the observed online fractions, minimised by Nelder–Mead inside the source ranges, with
 * Hessian-based intervals, the residual at every point, leave-one-out predictions, a confirmation by the simulation
 * (src/cascade), and the out-of-sample prediction of the 2007 outage. Reads both sides, so it lives in src/compare.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import { fluidCriticalLoss, fluidOverload } from '../analytic/overload-fluid.ts';
import { timelinePlot } from '../report/timeline-plot.ts';
import { nelderMead } from '../analytic/nelder-mead.ts';
import { simulateOverload } from '../cascade/overload-model.ts';
import {
  type OverloadParams,
  withOverloadParams,
  skype2010CalibratedParams,
  skype2007PredictedParams,
} from '../models/overload-params.ts';
import {
  type OverloadObservation,
  type OverloadFitParameter,
  type OverloadFitParameterName,
  SKYPE_2010_OBSERVATIONS,
  SKYPE_2010_FIT_PARAMETERS,
  SKYPE_2007_OBSERVATIONS,
  getFitParameter,
  setFitParameters,
} from '../models/overload-observations.ts';
import type { OverloadTimelinePoint } from '../models/overload-timeline.ts';
import { mathjs } from '../mathjs-lazy.ts';

/**
 * The model's value for an observation: the online fraction interpolated linearly between timeline samples at `t`,
 * or its mean over the samples in [t, tEnd] (trapezoids) for a window.
 *
 * @param timeline - a timeline (fluid or simulated), sorted by t.
 * @param obs - the observation.
 * @returns the model value (NaN when the timeline does not reach the observation).
 *
 * @category Overload model
 */
export function modelValueAt(
  timeline: readonly Pick<OverloadTimelinePoint, 't' | 'online'>[],
  obs: Pick<OverloadObservation, 't' | 'tEnd'>,
): number {
  const at = (t: number): number => {
    if (timeline.length === 0 || t > timeline[timeline.length - 1].t + 1e-9 || t < timeline[0].t - 1e-9) return NaN;
    let lo = 0;
    let hi = timeline.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (timeline[mid].t <= t) lo = mid;
      else hi = mid;
    }
    const a = timeline[lo];
    const b = timeline[hi];
    if (b.t === a.t) return a.online;
    const w = Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t)));
    return a.online + w * (b.online - a.online);
  };
  if (obs.tEnd === undefined || obs.tEnd <= obs.t) return at(obs.t);
  // mean over the window: trapezoids on the samples inside plus the interpolated ends
  const pts: { t: number; v: number }[] = [{ t: obs.t, v: at(obs.t) }];
  for (const p of timeline) if (p.t > obs.t && p.t < obs.tEnd) pts.push({ t: p.t, v: p.online });
  pts.push({ t: obs.tEnd, v: at(obs.tEnd) });
  let area = 0;
  for (let i = 1; i < pts.length; i++) area += ((pts[i].v + pts[i - 1].v) / 2) * (pts[i].t - pts[i - 1].t);
  return area / (obs.tEnd - obs.t);
}

/**
 * One row of a residual table.
 *
 * @category Overload model
 */
export interface CalibrationResidual {
  label: string;
  t: number;
  tEnd?: number;
  observed: number;
  sigma: number;
  model: number;
  /** (model − observed)/sigma. */
  standardized: number;
}

/**
 * Residuals of a timeline against observations.
 *
 * @param timeline - the model's timeline.
 * @param observations - the observations.
 * @returns one row per observation and χ² = Σ standardized².
 *
 * @category Overload model
 */
export function calibrationResiduals(
  timeline: readonly Pick<OverloadTimelinePoint, 't' | 'online'>[],
  observations: readonly OverloadObservation[],
): { rows: CalibrationResidual[]; chi2: number } {
  const rows = observations.map((o) => {
    const model = modelValueAt(timeline, o);
    return {
      label: o.label,
      t: o.t,
      ...(o.tEnd !== undefined ? { tEnd: o.tEnd } : {}),
      observed: o.online,
      sigma: o.sigma,
      model,
      standardized: (model - o.online) / o.sigma,
    };
  });
  const chi2 = rows.reduce((s, r) => s + (Number.isFinite(r.standardized) ? r.standardized ** 2 : Infinity), 0);
  return { rows, chi2 };
}

/**
 * Options of {@link calibrateOverload}.
 *
 * @category Overload model
 */
export interface CalibrateOverloadOptions {
  /** Starting parameters (default the calibrated 2010 preset, `skype2010OverloadParams`). */
  base?: OverloadParams;
  /** Observations (default {@link SKYPE_2010_OBSERVATIONS}). */
  observations?: readonly OverloadObservation[];
  /** Free parameters with their ranges (default {@link SKYPE_2010_FIT_PARAMETERS}). */
  parameters?: readonly OverloadFitParameter[];
  /** Headroom quantiles of the fluid during the fit (default 20; the confirmation uses 100). */
  fitQuantiles?: number;
  /** Evaluation bound of the main Nelder–Mead run (default 120). */
  maxEvaluations?: number;
  /** Evaluation bound of each leave-one-out refit, warm-started at the fit (default 30; 0 = no leave-one-out). */
  looEvaluations?: number;
  /** Compute Hessian-based intervals (default true; 2·d² fluid runs). */
  intervals?: boolean;
  /** Simulation confirmation: scale (default 0.02), runs (default 4; 0 = none), seed (default 1). */
  simScale?: number;
  simRuns?: number;
  seed?: number;
  /**
   * Profile of every parameter that ends at a bound of its source range: evaluations of the refit of the other
   * parameters at each profiled value (warm start; default 15; 0 = a slice, the others held at the fit).
   */
  profileEvaluations?: number;
  /** Called after each fluid evaluation of the main fit (progress). */
  onEvaluation?: (n: number, chi2: number) => void;
}

/**
 * A fitted parameter.
 *
 * @category Overload model
 */
export interface FittedParameter extends OverloadFitParameter {
  start: number;
  value: number;
  /** ±1 standard error from the Hessian of χ² (covariance 2·H⁻¹), or null when H is not positive definite. */
  stdError: number | null;
  /** value ± 1.96·stdError clipped to [lo, hi], or null. */
  interval: [number, number] | null;
  /** The fit ended within 1 % of the range from a bound. */
  atBound: boolean;
}

/**
 * The χ² profile of a parameter the fit pushed to a bound of its source range: χ² at values stepped inward from
 * the bound, the other parameters refitted at each (or held, for a slice), and the one-sided 95 % limit where the
 * profile rises by 3.84 above its minimum (χ²₁ 95 % quantile, the convention of the Hessian intervals).
 *
 * @category Overload model
 */
export interface BoundProfile {
  name: OverloadFitParameterName;
  /** Which end of the source range the fit reached. */
  bound: 'lo' | 'hi';
  /** The bound's value. */
  at: number;
  /** 'profile' (others refitted with `evaluations` each) or 'slice' (others held at the fit). */
  kind: 'profile' | 'slice';
  evaluations: number;
  /** Profiled values from the bound inward, χ² and Δχ² (against the smaller of the fit and the profile minimum). */
  points: { value: number; chi2: number; deltaChi2: number }[];
  /** Where Δχ² first reaches 3.84 (linear interpolation between profiled values), or null if it stays below over the range. */
  limit: number | null;
  /** The 95 % interval read off the profile: [limit, bound] (or the whole range when limit is null). */
  interval: [number, number];
}

/**
 * A leave-one-out prediction.
 *
 * @category Overload model
 */
export interface LeaveOneOut {
  label: string;
  observed: number;
  sigma: number;
  /** The point's model value when the fit leaves it out. */
  predicted: number;
  standardized: number;
  /** The refit's parameters. */
  values: Record<string, number>;
}

/**
 * Result of {@link calibrateOverload}.
 *
 * @category Overload model
 */
export interface OverloadCalibration {
  objective: string;
  optimiser: { method: string; evaluations: number; converged: boolean; chi2Start: number; chi2: number };
  parameters: FittedParameter[];
  /** The fitted parameter set (the base with the fitted values). */
  params: OverloadParams;
  /** Residuals of the fluid at the fit resolution, and at 100 quantiles (the reported curve). */
  fluid: { quantiles: number; rows: CalibrationResidual[]; chi2: number };
  fluidFine: {
    quantiles: number;
    rows: CalibrationResidual[];
    chi2: number;
    timeline: { t: number; online: number }[];
  };
  /** Simulated mean (and min/max over runs) at each observation, or null without runs. */
  simulation: {
    scale: number;
    runs: number;
    seed: number;
    rows: (CalibrationResidual & { min: number; max: number })[];
    chi2: number;
    band: { t: number; mean: number; min: number; max: number }[];
  } | null;
  leaveOneOut: LeaveOneOut[];
  /** Hessian-based intervals: null with a reason when they could not be computed. */
  intervalsNote: string;
  /** χ² profiles of the parameters that ended at a bound (see {@link BoundProfile}); empty when none did. */
  profiles: BoundProfile[];
}

/**
 * The simulated side of a calibration: `runs` simulations at `scale` (seed, replicate index 0..runs−1), their mean
 * (and min/max) at every observation and over the timeline.
 *
 * @param params - the parameters.
 * @param observations - the observations.
 * @param runs - number of simulations (>= 1).
 * @param scale - population scale.
 * @param seed - seed.
 * @returns rows, χ² of the mean, and the band (mean, min, max at every sample).
 *
 * @category Overload model
 */
export function simulatedResiduals(
  params: OverloadParams,
  observations: readonly OverloadObservation[],
  runs: number,
  scale: number,
  seed: number,
): NonNullable<OverloadCalibration['simulation']> {
  checkInteger('runs', runs, 1, 1000);
  checkNumber('scale', scale, 1e-6, 1);
  checkInteger('seed', seed);
  const sims = overloadTimelines(
    params,
    scale,
    seed,
    Array.from({ length: runs }, (_, r) => r),
  );
  return simulatedResidualsFrom(sims, observations, scale, seed);
}

/** The timeline (t, online) of one simulation: what the calibration reads of a run (a shard's value). */
export type SimulatedTimeline = readonly Pick<OverloadTimelinePoint, 't' | 'online'>[];

/**
 * The timelines of the simulations `rs` of a calibration (seed, replicate index r, at `scale`): run r depends on
 * (params, scale, seed, r) only, so any subset can be computed anywhere (shards, queue workers).
 *
 * @param params - the parameters.
 * @param scale - population scale.
 * @param seed - seed.
 * @param rs - replicate indices.
 * @returns each run's timeline (t, online), in the order of `rs`.
 */
export function overloadTimelines(
  params: OverloadParams,
  scale: number,
  seed: number,
  rs: readonly number[],
): SimulatedTimeline[] {
  const p = withOverloadParams(params, { scale });
  return rs.map((r) => simulateOverload(p, { seed, index: r }).timeline.map((pt) => ({ t: pt.t, online: pt.online })));
}

/**
 * The simulated side of a calibration from its runs' timelines ({@link simulatedResiduals} after the simulations).
 *
 * @param sims - the timelines of runs 0 … R−1, in order.
 * @param observations - the observations.
 * @param scale - population scale (reported).
 * @param seed - seed (reported).
 * @returns rows, χ² of the mean, and the band (mean, min, max at every sample).
 */
export function simulatedResidualsFrom(
  sims: readonly SimulatedTimeline[],
  observations: readonly OverloadObservation[],
  scale: number,
  seed: number,
): NonNullable<OverloadCalibration['simulation']> {
  const runs = sims.length;
  const rows = observations.map((o) => {
    const v = sims.map((tl) => modelValueAt(tl, o));
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return {
      label: o.label,
      t: o.t,
      ...(o.tEnd !== undefined ? { tEnd: o.tEnd } : {}),
      observed: o.online,
      sigma: o.sigma,
      model: mean,
      standardized: (mean - o.online) / o.sigma,
      min: Math.min(...v),
      max: Math.max(...v),
    };
  });
  const band = sims[0].map((pt, k) => {
    const v = sims.map((tl) => tl[k]?.online ?? NaN);
    return { t: pt.t, mean: v.reduce((s, x) => s + x, 0) / v.length, min: Math.min(...v), max: Math.max(...v) };
  });
  return { scale, runs, seed, rows, chi2: rows.reduce((s, r) => s + r.standardized ** 2, 0), band };
}

/**
 * The fitted model against the record without refitting: the fluid curve (100 quantiles) and `runs` simulations,
 * with their residuals — what {@link calibrationPlot} draws. For notebooks and reports (seconds, not minutes).
 *
 * @param params - parameters (default {@link skype2010CalibratedParams}).
 * @param options - simulations: runs (default 3), scale (default 0.01), seed (default 1); observations.
 * @returns the parts of an {@link OverloadCalibration} that describe the fit's quality.
 *
 * @category Overload model
 */
export function evaluateCalibration(
  params: OverloadParams = skype2010CalibratedParams,
  options: { runs?: number; scale?: number; seed?: number; observations?: readonly OverloadObservation[] } = {},
): Pick<OverloadCalibration, 'params' | 'fluidFine' | 'simulation'> {
  const obs = options.observations ?? SKYPE_2010_OBSERVATIONS;
  const runs = options.runs ?? 3;
  checkInteger('runs', runs, 0, 1000);
  const fine = fluidOverload(params, { quantiles: 100 });
  return {
    params,
    fluidFine: {
      quantiles: 100,
      ...calibrationResiduals(fine.timeline, obs),
      timeline: fine.timeline.map((p) => ({ t: p.t, online: p.online })),
    },
    simulation: runs > 0 ? simulatedResiduals(params, obs, runs, options.scale ?? 0.01, options.seed ?? 1) : null,
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (u: number) => Math.log(u / (1 - u));

/**
 * Fit the overload model's free parameters to the observed timeline (weighted least squares on the fluid limit) and
 * confirm the fit by simulation.
 *
 * @param options - base parameters, observations, free parameters, budgets, confirmation settings.
 * @returns the fit: parameters with intervals, residuals (fluid and simulated), leave-one-out predictions.
 * @throws FragilityInputError naming the offending option.
 *
 * @complexity maxEvaluations + 2·d² (intervals) + n·looEvaluations + ≤ 9·profileEvaluations per bound parameter
 * fluid runs of `durationHours` at
 * `fitQuantiles`, one at 100 quantiles, and `simRuns` simulations at `simScale`.
 *
 * @model objective χ²(θ) = Σ_i ((m_i(θ) − y_i)/σ_i)², m_i the fluid online fraction at t_i (or its mean over a
 * window), y_i ± σ_i the observation. Each free parameter is mapped from its source range [lo, hi] to the real line
 * by a logit, so the optimiser cannot leave the range. Intervals: H = finite-difference Hessian of χ² in the natural
 * parameters at the optimum (central differences, steps 2 % of the range), covariance 2·H⁻¹ (the χ² of Gaussian
 * errors is −2 log L), 95 % interval ±1.96 s.e. clipped to the range. A parameter that ends at a bound of its range
 * (where the finite-difference Hessian is one-sided) is profiled instead: χ² at values stepped inward from the bound
 * (0, 2.5, 5, 10, 20, 35, 50, 75, 100 % of the range, stopping once Δχ² ≥ 3.84), the other parameters refitted at
 * each (`profileEvaluations`, warm start), the 95 % limit where Δχ² = 3.84. Leave-one-out: for each point, refit
 * without it from the full fit (warm start, `looEvaluations` evaluations) and predict it.
 *
 * @references J. A. Nelder, R. Mead, Comput. J. 7, 308 (1965); W. H. Press et al., *Numerical Recipes*, 3rd ed.,
 * §15.5–15.6 (χ² fitting, confidence limits from the curvature); the observations: docs/reference/skype-calibration.md.
 *
 * @example
 * ```ts
 * const fit = calibrateOverload({ maxEvaluations: 60, looEvaluations: 0, simRuns: 0 });
 * fit.parameters.map((p) => [p.name, p.value]);
 * ```
 *
 * @category Overload model
 */
export function calibrateOverload(options: CalibrateOverloadOptions = {}): OverloadCalibration {
  const base = options.base ?? skype2010CalibratedParams;
  const obs = options.observations ?? SKYPE_2010_OBSERVATIONS;
  const pars = options.parameters ?? SKYPE_2010_FIT_PARAMETERS;
  const Q = options.fitQuantiles ?? 20;
  checkInteger('fitQuantiles', Q, 2, 10_000);
  const maxEval = options.maxEvaluations ?? 120;
  checkInteger('maxEvaluations', maxEval, pars.length + 1, 100_000);
  const looEval = options.looEvaluations ?? 30;
  checkInteger('looEvaluations', looEval, 0, 100_000);
  const simScale = options.simScale ?? 0.02;
  checkNumber('simScale', simScale, 1e-6, 1);
  const simRuns = options.simRuns ?? 4;
  checkInteger('simRuns', simRuns, 0, 1000);
  const seed = options.seed ?? 1;
  checkInteger('seed', seed);
  const profEval = options.profileEvaluations ?? 15;
  if (profEval !== 0) checkInteger('profileEvaluations', profEval, Math.max(1, pars.length), 100_000);
  if (obs.length === 0) throw new FragilityInputError('observations', obs.length, 'at least 1 observation');
  obs.forEach((o, i) => {
    checkNumber(`observations[${i}].t`, o.t, 0, base.durationHours);
    if (o.tEnd !== undefined) checkNumber(`observations[${i}].tEnd`, o.tEnd, o.t, base.durationHours);
    if (!(o.sigma > 0)) throw new FragilityInputError(`observations[${i}].sigma`, o.sigma, 'a number > 0');
  });
  pars.forEach((p, i) => {
    if (!(p.hi > p.lo)) throw new FragilityInputError(`parameters[${i}]`, `[${p.lo}, ${p.hi}]`, 'a range with hi > lo');
  });

  const toValues = (theta: number[]) =>
    Object.fromEntries(pars.map((p, i) => [p.name, theta[i]])) as Partial<Record<OverloadFitParameterName, number>>;
  const paramsAt = (theta: number[]) => setFitParameters(base, toValues(theta));
  const chi2At = (theta: number[], which: readonly OverloadObservation[] = obs): number => {
    const r = fluidOverload(paramsAt(theta), { quantiles: Q });
    return calibrationResiduals(r.timeline, which).chi2;
  };
  const toTheta = (z: number[]) => z.map((zi, i) => pars[i].lo + (pars[i].hi - pars[i].lo) * sigmoid(zi));
  const toZ = (theta: number[]) =>
    theta.map((t, i) => {
      const u = Math.min(1 - 1e-6, Math.max(1e-6, (t - pars[i].lo) / (pars[i].hi - pars[i].lo)));
      return logit(u);
    });

  const start = pars.map((p) => {
    const v = getFitParameter(base, p.name);
    return Number.isFinite(v) ? Math.min(p.hi, Math.max(p.lo, v)) : (p.lo + p.hi) / 2;
  });
  let nEval = 0;
  const chi2Start = chi2At(start);
  const nm = nelderMead(
    (z) => {
      const c = chi2At(toTheta(z));
      nEval++;
      options.onEvaluation?.(nEval, c);
      return c;
    },
    toZ(start),
    { step: 0.6, maxEvaluations: maxEval, fTol: 1e-4, xTol: 1e-3 },
  );
  const best = toTheta(nm.x);
  const params = paramsAt(best);

  const { stdErrors, intervalsNote } =
    (options.intervals ?? true)
      ? hessianIntervals(pars, best, nm.f, chi2At)
      : { stdErrors: pars.map(() => null), intervalsNote: 'not computed' };
  const parameters: FittedParameter[] = pars.map((p, i) => {
    const se = stdErrors[i];
    return {
      ...p,
      start: start[i],
      value: best[i],
      stdError: se,
      interval: se === null ? null : [Math.max(p.lo, best[i] - 1.96 * se), Math.min(p.hi, best[i] + 1.96 * se)],
      atBound: Math.min(best[i] - p.lo, p.hi - best[i]) < 0.01 * (p.hi - p.lo),
    };
  });

  const profiles = boundProfiles(parameters, pars, nm.x, nm.f, toTheta, chi2At, profEval);

  // residuals: fit resolution, then the reported 100-quantile curve
  const coarse = fluidOverload(params, { quantiles: Q });
  const fineRun = fluidOverload(params, { quantiles: 100 });
  const fluidRes = calibrationResiduals(coarse.timeline, obs);
  const fineRes = calibrationResiduals(fineRun.timeline, obs);

  const leaveOneOut =
    looEval > 0 && obs.length > 1
      ? leaveOneOutPredictions(
          obs,
          pars,
          nm.x,
          toTheta,
          chi2At,
          (th) => fluidOverload(paramsAt(th), { quantiles: Q }).timeline,
          toValues,
          looEval,
        )
      : [];

  // confirmation by simulation: mean over runs at every observation, and the band of the timeline
  const simulation = simRuns > 0 ? simulatedResiduals(params, obs, simRuns, simScale, seed) : null;

  return {
    objective:
      'χ² = Σ ((fluid online − observed)/σ)² over the observations (weighted least squares), parameters bounded by their source ranges (logit map)',
    optimiser: {
      method: 'Nelder–Mead (src/analytic/nelder-mead.ts)',
      evaluations: nm.evaluations,
      converged: nm.converged,
      chi2Start,
      chi2: nm.f,
    },
    parameters,
    params,
    fluid: { quantiles: Q, ...fluidRes },
    fluidFine: { quantiles: 100, ...fineRes, timeline: fineRun.timeline.map((p) => ({ t: p.t, online: p.online })) },
    simulation,
    leaveOneOut,
    intervalsNote,
    profiles,
  };
}

/** χ² of the fit as a function of the natural parameters θ (and of the observations it is taken over). */
type Chi2At = (theta: number[], which?: readonly OverloadObservation[]) => number;

/**
 * Standard errors of the fitted parameters from the Hessian of χ² at the optimum (central differences, steps 2 % of
 * each range, clipped inside the range), covariance 2·H⁻¹; null with a note when the Hessian is not usable.
 */
function hessianIntervals(
  pars: readonly OverloadFitParameter[],
  best: number[],
  f0: number,
  chi2At: Chi2At,
): { stdErrors: (number | null)[]; intervalsNote: string } {
  let stdErrors: (number | null)[] = pars.map(() => null);
  let intervalsNote: string;
  const d = pars.length;
  const h = pars.map((p) => 0.02 * (p.hi - p.lo));
  const shifted = (i: number, si: number, j = -1, sj = 0) => {
    const t = best.slice();
    t[i] = Math.min(pars[i].hi, Math.max(pars[i].lo, t[i] + si * h[i]));
    if (j >= 0) t[j] = Math.min(pars[j].hi, Math.max(pars[j].lo, t[j] + sj * h[j]));
    return t;
  };
  const H: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const hEff = (i: number, s: number) => shifted(i, s)[i] - best[i];
  for (let i = 0; i < d; i++) {
    const hp = hEff(i, 1);
    const hm = -hEff(i, -1);
    const fp = chi2At(shifted(i, 1));
    const fm = chi2At(shifted(i, -1));
    H[i][i] = hp > 0 && hm > 0 ? (2 * (hm * fp + hp * fm - (hp + hm) * f0)) / (hp * hm * (hp + hm)) : NaN;
    for (let j = 0; j < i; j++) {
      const fpp = chi2At(shifted(i, 1, j, 1));
      const fpm = chi2At(shifted(i, 1, j, -1));
      const fmp = chi2At(shifted(i, -1, j, 1));
      const fmm = chi2At(shifted(i, -1, j, -1));
      const di = shifted(i, 1)[i] - shifted(i, -1)[i];
      const dj = shifted(j, 1)[j] - shifted(j, -1)[j];
      H[i][j] = H[j][i] = (fpp - fpm - fmp + fmm) / (di * dj);
    }
  }
  if (H.flat().every(Number.isFinite)) {
    try {
      const inv = mathjs().inv(H) as number[][];
      const diag = inv.map((row, i) => 2 * row[i]);
      if (diag.every((v) => v > 0)) {
        stdErrors = diag.map((v) => Math.sqrt(v));
        intervalsNote = 'Hessian of χ² at the optimum (central differences, steps 2 % of each range), covariance 2·H⁻¹';
      } else intervalsNote = 'Hessian not positive definite at the optimum (a flat or bounded direction): no intervals';
    } catch {
      intervalsNote = 'Hessian singular at the optimum: no intervals';
    }
  } else intervalsNote = 'a parameter sits on its bound: one-sided differences undefined, no intervals';
  return { stdErrors, intervalsNote };
}

/** The parameters fitted to a bound of their range, profiled: χ² stepped inward from the bound, the others refitted (warm start). */
function boundProfiles(
  parameters: FittedParameter[],
  pars: readonly OverloadFitParameter[],
  zBest: number[],
  chi2Best: number,
  toTheta: (z: number[]) => number[],
  chi2At: Chi2At,
  profEval: number,
): BoundProfile[] {
  const profiles: BoundProfile[] = [];
  const DELTA = 3.84; // χ²₁ 95 % quantile
  parameters.forEach((p, i) => {
    if (!p.atBound) return;
    const bound: 'lo' | 'hi' = p.hi - p.value <= p.value - p.lo ? 'hi' : 'lo';
    const at = bound === 'hi' ? p.hi : p.lo;
    const dir = bound === 'hi' ? -1 : 1;
    const others = pars.map((_, j) => j).filter((j) => j !== i);
    let warm = others.map((j) => zBest[j]);
    const pts: { value: number; chi2: number }[] = [];
    let minChi2 = chi2Best;
    for (const frac of [0, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1]) {
      const v = at + dir * frac * (p.hi - p.lo);
      const full = (zo: number[]) => {
        const theta = toTheta(zBest.map((z, j) => (j === i ? 0 : (zo[others.indexOf(j)] ?? z))));
        theta[i] = v;
        return theta;
      };
      let c: number;
      if (profEval > 0 && others.length > 0) {
        const r = nelderMead((zo) => chi2At(full(zo)), warm, {
          step: 0.3,
          maxEvaluations: Math.max(profEval, others.length + 1),
          fTol: 1e-4,
          xTol: 1e-3,
        });
        warm = r.x;
        c = r.f;
      } else c = chi2At(full(warm));
      pts.push({ value: v, chi2: c });
      minChi2 = Math.min(minChi2, c);
      if (c - minChi2 >= DELTA) break;
    }
    const points = pts.map((q) => ({ ...q, deltaChi2: q.chi2 - minChi2 }));
    let limit: number | null = null;
    for (let k = 1; k < points.length && limit === null; k++) {
      const a = points[k - 1];
      const b = points[k];
      if (a.deltaChi2 < DELTA && b.deltaChi2 >= DELTA)
        limit = a.value + ((DELTA - a.deltaChi2) / (b.deltaChi2 - a.deltaChi2)) * (b.value - a.value);
    }
    const far = bound === 'hi' ? p.lo : p.hi;
    const end = limit ?? far;
    profiles.push({
      name: p.name,
      bound,
      at,
      kind: profEval > 0 && others.length > 0 ? 'profile' : 'slice',
      evaluations: profEval,
      points,
      limit,
      interval: bound === 'hi' ? [end, at] : [at, end],
    });
  });
  return profiles;
}

/** Leave-one-out: refit without each point (warm start from the fit), predict that point. */
function leaveOneOutPredictions(
  obs: readonly OverloadObservation[],
  pars: readonly OverloadFitParameter[],
  zBest: number[],
  toTheta: (z: number[]) => number[],
  chi2At: Chi2At,
  timelineAt: (theta: number[]) => { t: number; online: number }[],
  toValues: (theta: number[]) => Partial<Record<OverloadFitParameterName, number>>,
  looEval: number,
): LeaveOneOut[] {
  const leaveOneOut: LeaveOneOut[] = [];
  obs.forEach((o, i) => {
    const rest = obs.filter((_, j) => j !== i);
    const r = nelderMead((z) => chi2At(toTheta(z), rest), zBest, {
      step: 0.3,
      maxEvaluations: Math.max(looEval, pars.length + 1),
      fTol: 1e-4,
      xTol: 1e-3,
    });
    const th = toTheta(r.x);
    const predicted = modelValueAt(timelineAt(th), o);
    leaveOneOut.push({
      label: o.label,
      observed: o.online,
      sigma: o.sigma,
      predicted,
      standardized: (predicted - o.online) / o.sigma,
      values: toValues(th) as Record<string, number>,
    });
  });
  return leaveOneOut;
}

/**
 * Result of {@link predictOverload2007}.
 *
 * @category Overload model
 */
export interface Overload2007Prediction {
  /** The parameters used: the 2007 preset (2010 fit + what is specific to 2007). */
  params: OverloadParams;
  fluid: {
    rows: CalibrationResidual[];
    chi2: number;
    minOnline: number;
    minOnlineAtHours: number;
    outageHours: number;
    timeline: { t: number; online: number }[];
  };
  simulation: {
    scale: number;
    runs: number;
    seed: number;
    rows: (CalibrationResidual & { min: number; max: number })[];
    minOnline: number;
    outageHours: number;
  } | null;
}

/**
 * Hours with online below `threshold`: from the first sample below to the last sample below (the outage), 0 if
 * none.
 *
 * @category Overload model
 */
export function outageHours(timeline: readonly Pick<OverloadTimelinePoint, 't' | 'online'>[], threshold = 0.5): number {
  let first = -1;
  let last = -1;
  timeline.forEach((p, i) => {
    if (p.online < threshold) {
      if (first < 0) first = i;
      last = i;
    }
  });
  if (first < 0) return 0;
  const end = last + 1 < timeline.length ? timeline[last + 1].t : timeline[last].t;
  return end - timeline[first].t;
}

/**
 * The 2007 prediction's simulation summary from its runs' timelines (what {@link predictOverload2007} computes after
 * the simulations; `fragility merge` calls it on merged shards).
 *
 * @param runs - the timelines of runs 0 … R−1, in order.
 * @param simScale - population scale (reported).
 * @param seed - seed (reported).
 * @returns rows against the 2007 observations, the mean's minimum and its outage hours.
 */
export function prediction2007SimulationFrom(
  runs: readonly SimulatedTimeline[],
  simScale: number,
  seed: number,
): NonNullable<Overload2007Prediction['simulation']> {
  const rows = SKYPE_2007_OBSERVATIONS.map((o) => {
    const v = runs.map((tl) => modelValueAt(tl, o));
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return {
      label: o.label,
      t: o.t,
      observed: o.online,
      sigma: o.sigma,
      model: mean,
      standardized: (mean - o.online) / o.sigma,
      min: Math.min(...v),
      max: Math.max(...v),
    };
  });
  const meanTl = runs[0].map((pt, k) => ({
    t: pt.t,
    online: runs.reduce((s, tl) => s + (tl[k]?.online ?? NaN), 0) / runs.length,
  }));
  return {
    scale: simScale,
    runs: runs.length,
    seed,
    rows,
    minOnline: Math.min(...meanTl.map((p) => p.online)),
    outageHours: outageHours(meanTl),
  };
}

/**
 * The 2007 outage predicted without refitting: the 2007 preset (`skype2007PredictedParams`, which takes every shared
 * parameter from the 2010 fit) run by the fluid limit and the simulation, against the 2007 observations.
 *
 * @param options - parameters (default the 2007 preset), simulation scale (default 0.05), runs (default 4), seed.
 * @returns residuals, the minimum online fraction and the outage length (online < 50 %) on both sides.
 * @throws FragilityInputError naming the offending option.
 *
 * @complexity one fluid run (100 quantiles) and `runs` simulations.
 *
 * @model see {@link calibrateOverload}; no parameter is adjusted to 2007.
 *
 * @category Overload model
 */
export function predictOverload2007(
  options: { params?: OverloadParams; simScale?: number; simRuns?: number; seed?: number } = {},
): Overload2007Prediction {
  const params = options.params ?? skype2007PredictedParams;
  const simScale = options.simScale ?? 0.05;
  checkNumber('simScale', simScale, 1e-6, 1);
  const simRuns = options.simRuns ?? 4;
  checkInteger('simRuns', simRuns, 0, 1000);
  const seed = options.seed ?? 1;
  checkInteger('seed', seed);
  const f = fluidOverload(params);
  const fr = calibrationResiduals(f.timeline, SKYPE_2007_OBSERVATIONS);
  const simulation =
    simRuns > 0
      ? prediction2007SimulationFrom(
          overloadTimelines(
            params,
            simScale,
            seed,
            Array.from({ length: simRuns }, (_, r) => r),
          ),
          simScale,
          seed,
        )
      : null;
  return {
    params,
    fluid: {
      ...fr,
      minOnline: f.minOnlineFraction,
      minOnlineAtHours: f.minOnlineAtHours,
      outageHours: outageHours(f.timeline),
      timeline: f.timeline.map((p) => ({ t: p.t, online: p.online })),
    },
    simulation,
  };
}

/**
 * One what-if of {@link calibrationWhatIfs}.
 *
 * @category Overload model
 */
export interface CalibrationWhatIf {
  name: string;
  /** Fluid minimum online fraction, outage length (online < 50 %, hours) and time back above 80 % for good. */
  minOnline: number;
  outageHours: number;
  recoveredAtHours: number | null;
  online: { t20: number; t24_5: number; t48: number };
}

/**
 * The overload critical loss and the what-if conclusions recomputed on a fitted parameter set (fluid limit).
 *
 * @param params - the fitted parameters (default {@link skype2010CalibratedParams}).
 * @param quantiles - fluid headroom quantiles (default 20).
 * @returns the fluid critical supernode loss (forced loss within 3 h) and one row per what-if.
 *
 * @complexity ≈ 20 short fluid runs (critical loss) plus one 48-h run per what-if (7).
 *
 * @model the what-ifs of the skype-2010 scenario that do not need a graph: auto-update 50/90/100 %, no
 * mega-supernodes, all of them at T+1 h, twice as many, and gRPC backoff with 12 tries.
 *
 * @category Overload model
 */
export function calibrationWhatIfs(
  params: OverloadParams = skype2010CalibratedParams,
  quantiles = 20,
): { criticalLoss: number | null; whatIfs: CalibrationWhatIf[] } {
  checkInteger('quantiles', quantiles, 2, 10_000);
  const crit = fluidCriticalLoss(params, { fluid: { quantiles } });
  const total = params.mega.waves.reduce((s, w) => s + w.count, 0);
  const cases: [string, OverloadParams][] = [
    ['as fitted', params],
    ['auto-update 50 %', withOverloadParams(params, { trigger: { autoUpdateCoverage: 0.5 } })],
    ['auto-update 90 %', withOverloadParams(params, { trigger: { autoUpdateCoverage: 0.9 } })],
    ['auto-update 100 %', withOverloadParams(params, { trigger: { autoUpdateCoverage: 1 } })],
    ['no mega-supernodes', withOverloadParams(params, { mega: { waves: [] } })],
    [
      `all ${total} mega-supernodes at T+1 h`,
      withOverloadParams(params, { mega: { waves: [{ atHours: 1, count: total }] } }),
    ],
    [
      'mega-supernodes ×2',
      withOverloadParams(params, { mega: { waves: params.mega.waves.map((w) => ({ ...w, count: 2 * w.count })) } }),
    ],
    [
      'gRPC backoff, 12 tries',
      withOverloadParams(params, {
        retry: { kind: 'grpc', initialSeconds: 1, multiplier: 1.6, jitter: 0.2, maxSeconds: 120 },
        maxAttempts: 12,
      }),
    ],
  ];
  const whatIfs = cases.map(([name, p]) => {
    const r = fluidOverload(p, { quantiles });
    return {
      name,
      minOnline: r.minOnlineFraction,
      outageHours: outageHours(r.timeline),
      recoveredAtHours: r.recoveredAtHours,
      online: {
        t20: modelValueAt(r.timeline, { t: 20 }),
        t24_5: modelValueAt(r.timeline, { t: 24.5 }),
        t48: modelValueAt(r.timeline, { t: 48 }),
      },
    };
  });
  return { criticalLoss: crit.criticalLoss, whatIfs };
}

/**
 * One plot of the fit: the simulated band (min–max over runs) and mean, the fluid curve (100 quantiles) and the
 * observed points with ±σ.
 *
 * @param cal - a calibration result with a simulation (else the band is left out).
 * @param title - plot title.
 * @returns a standalone SVG string.
 *
 * @category Overload model
 */
export function calibrationPlot(
  cal: Pick<OverloadCalibration, 'params' | 'fluidFine' | 'simulation'>,
  title = 'Skype, December 2010: the fitted overload model against the record',
): string {
  const obs = cal.fluidFine.rows.map((r) => ({
    t: r.tEnd !== undefined ? (r.t + r.tEnd) / 2 : r.t,
    online: r.observed,
    lo: r.observed - r.sigma,
    hi: r.observed + r.sigma,
    label: `${(100 * r.observed).toFixed(0)} %`,
  }));
  const sim = cal.simulation;
  return timelinePlot({
    title,
    subtitle: `χ² ${cal.fluidFine.chi2.toFixed(2)} (fluid, ${cal.fluidFine.rows.length} points)${sim ? `; simulation: ${sim.runs} runs at scale ${sim.scale}, seed ${sim.seed}` : ''}`,
    series: [
      { name: 'fluid limit (100 quantiles)', points: cal.fluidFine.timeline, stroke: '#d62728' },
      ...(sim
        ? [
            {
              name: 'simulated mean',
              points: sim.band.map((b) => ({ t: b.t, online: b.mean })),
              stroke: '#1f77b4',
              dash: '4,3',
            },
          ]
        : []),
    ],
    bands: sim ? [{ name: 'simulated min–max', points: sim.band.map((b) => ({ t: b.t, lo: b.min, hi: b.max })) }] : [],
    observed: obs,
    observedName: 'observed ± σ (rows 2–3, 25)',
    injections: cal.params.mega.waves.map((w) => ({
      t: w.atHours,
      label: `${w.count} mega-supernodes${w.overHours ? ` over ${w.overHours} h` : ''}`,
    })),
    xDomain: [0, cal.params.durationHours],
  });
}
