/**
 * Mean-field counterpart of the two-tier supernode-overload model: supernodes as an equal-load-sharing fiber bundle
 * whose thresholds are the capacities 1 + alpha_i (in units of the nominal load), loaded by the restart surge.
 *
 * This file reads a plain-data description of the model (a structural subset of the cascade layer's
 * `OverloadParams`); it does not import src/cascade.
 *
 * @module
 */
import { FragilityInputError, checkNumber, checkProbability } from '../errors.ts';
import type { CapacityLaw } from '../distributions/types.ts';
import type { Rng } from '../random/stream.ts';
import { fiberBundleCritical, fiberBundleFixedPoint } from './fiber-bundle.ts';

/**
 * The threshold law x = 1 + alpha of a headroom law alpha (a shifted CapacityLaw).
 *
 * @category Overload model
 */
export function overloadThresholdLaw(headroom: CapacityLaw): CapacityLaw {
  checkHeadroom(headroom);
  return {
    spec: `1+${headroom.spec}`,
    lo: 1 + headroom.lo,
    hi: 1 + headroom.hi,
    mean: 1 + headroom.mean,
    cdf: (x: number) => headroom.cdf(x - 1),
    pdf: (x: number) => headroom.pdf(x - 1),
    quantile: (u: number) => 1 + headroom.quantile(u),
    sample: (rng: Rng) => 1 + headroom.sample(rng),
  };
}

/** σ_c of the thresholds 1 + alpha; a constant headroom (lo = hi) is handled exactly here (σ_c = 1 + alpha). */
function thresholdCritical(headroom: CapacityLaw): { sigmaC: number; xC: number; UC: number } {
  if (headroom.hi === headroom.lo) return { sigmaC: 1 + headroom.lo, xC: 1 + headroom.lo, UC: 1 };
  return fiberBundleCritical(overloadThresholdLaw(headroom));
}

function checkHeadroom(h: CapacityLaw): void {
  if (!h || typeof h.cdf !== 'function' || typeof h.quantile !== 'function')
    throw new FragilityInputError('headroom', h, 'a CapacityLaw');
  if (!(h.lo >= 0))
    throw new FragilityInputError('headroom', h.spec, 'a headroom law with alpha >= 0 (support lo >= 0)');
}

/**
 * Result of {@link overloadCriticalLoss}.
 *
 * @category Overload model
 */
export interface OverloadCriticalLossResult {
  /** Critical supernode loss f_c = 1 − s/σ_c in [0, 1], or null (see `reason`). */
  fC: number | null;
  /** σ_c = max_x x[1 − F(x)] of the thresholds x = 1 + alpha (load per original supernode, nominal units). */
  sigmaC: number;
  /** The maximiser x_c. */
  xC: number;
  /** The surge s used. */
  surge: number;
  /** Why fC is null: 'collapse-without-loss' (s >= σ_c) or 'no-load' (s = 0: no loss short of all suffices). */
  reason?: 'collapse-without-loss' | 'no-load';
}

/**
 * Critical supernode loss of the overload mean field: the network collapses iff s > (1 − f0)·σ_c.
 *
 * @param args.headroom - law of the headroom alpha (thresholds 1 + alpha).
 * @param args.surge - load per ORIGINAL supernode during the restart storm, in nominal units (>= 0).
 * @returns f_c with σ_c and x_c; fC is null with a reason when no loss is needed or none suffices.
 * @throws FragilityInputError (`headroom` with alpha < 0, `surge` < 0 or not finite).
 *
 * @complexity one maximisation of x[1 − F(x)] (a few hundred cdf evaluations plus a golden-section polish).
 *
 * @model equal load sharing (Daniels 1945; Pradhan, Hansen & Chakrabarti 2010): with a fraction U of the
 * supernodes intact the load per survivor is s/U and the fixed point U = (1 − f0)[1 − F(s/U)] exists iff
 * s <= (1 − f0)·σ_c, σ_c = max_x x[1 − F(x)]. Hence f_c = 1 − s/σ_c. Uniform thresholds on [0, 1] give σ_c = 1/4;
 * a constant headroom alpha gives σ_c = 1 + alpha and f_c = 1 − s/(1 + alpha).
 *
 * @references S. Pradhan, A. Hansen, B. K. Chakrabarti, Rev. Mod. Phys. 82, 499 (2010),
 * doi:10.1103/RevModPhys.82.499; H. E. Daniels, Proc. R. Soc. A 183, 405 (1945).
 *
 * @example
 * ```ts
 * overloadCriticalLoss({ headroom: uniformCapacity(0.25, 0.75), surge: 1.1 }).fC; // 0.12 (= 1 − 1.1/1.25)
 * ```
 *
 * @category Overload model
 */
export function overloadCriticalLoss(args: { headroom: CapacityLaw; surge: number }): OverloadCriticalLossResult {
  checkHeadroom(args.headroom);
  checkNumber('surge', args.surge, 0);
  const crit = thresholdCritical(args.headroom);
  const s = args.surge;
  const base = { sigmaC: crit.sigmaC, xC: crit.xC, surge: s };
  if (s === 0) return { ...base, fC: null, reason: 'no-load' };
  if (s >= crit.sigmaC) return { ...base, fC: null, reason: 'collapse-without-loss' };
  return { ...base, fC: Math.min(1, Math.max(0, 1 - s / crit.sigmaC)) };
}

/**
 * Result of {@link overloadMeanFieldFixedPoint}.
 *
 * @category Overload model
 */
export interface OverloadMeanFieldFixedPointResult {
  /** Fraction of all original supernodes up at the fixed point (0 on collapse). */
  U: number;
  /** True iff s > (1 − loss)·σ_c. */
  collapse: boolean;
  /** Load per surviving supernode at the fixed point (nominal units), Infinity on collapse. */
  loadPerSurvivor: number;
  /** σ_c of the thresholds, and the collapse surge (1 − loss)·σ_c. */
  sigmaC: number;
  sigmaStar: number;
  iterations: number;
  converged: boolean;
}

/**
 * The equal-load-sharing fixed point of the supernodes after an initial loss, under the restart surge.
 *
 * @param args.headroom - headroom law (thresholds 1 + alpha).
 * @param args.surge - load per original supernode, nominal units.
 * @param args.loss - initial supernode loss f0 in [0, 1] (default 0).
 * @returns U (fraction of all original supernodes up), the collapse flag and the load per survivor.
 * @throws FragilityInputError (`headroom`, `surge`, `loss`).
 *
 * @complexity as fiberBundleFixedPoint (bounded iterations plus a bracketed root polish).
 *
 * @model U_{t+1} = (1 − f0)[1 − F(s/U_t)], F the threshold cdf; U* = 0 iff s > (1 − f0)σ_c. Reuses
 * fiberBundleFixedPoint (src/analytic/fiber-bundle.ts); a constant headroom is solved in closed form.
 *
 * @references Pradhan, Hansen & Chakrabarti, Rev. Mod. Phys. 82, 499 (2010).
 *
 * @example
 * ```ts
 * overloadMeanFieldFixedPoint({ headroom: uniformCapacity(0.25, 0.75), surge: 1.2, loss: 0.275 }).collapse; // true
 * ```
 *
 * @category Overload model
 */
export function overloadMeanFieldFixedPoint(args: {
  headroom: CapacityLaw;
  surge: number;
  loss?: number;
}): OverloadMeanFieldFixedPointResult {
  checkHeadroom(args.headroom);
  checkNumber('surge', args.surge, 0);
  const loss = args.loss ?? 0;
  checkProbability('loss', loss);
  const crit = thresholdCritical(args.headroom);
  if (args.headroom.hi === args.headroom.lo) {
    // constant thresholds x0: all survivors hold iff s/(1 − f0) <= x0
    const U = loss < 1 && args.surge / (1 - loss) <= crit.xC ? 1 - loss : 0;
    return {
      U,
      collapse: U === 0,
      loadPerSurvivor: U > 0 ? args.surge / U : Infinity,
      sigmaC: crit.sigmaC,
      sigmaStar: (1 - loss) * crit.sigmaC,
      iterations: 0,
      converged: true,
    };
  }
  const law = overloadThresholdLaw(args.headroom);
  const r = fiberBundleFixedPoint(law, args.surge, { f0: loss, critical: crit });
  return {
    U: r.U,
    collapse: r.collapse,
    loadPerSurvivor: r.U > 0 ? args.surge / r.U : Infinity,
    sigmaC: crit.sigmaC,
    sigmaStar: r.sigmaStar,
    iterations: r.iterations,
    converged: r.converged,
  };
}

/**
 * The model fields the surge estimate reads (a structural subset of the cascade layer's OverloadParams, so that any
 * parameter set of the simulation can be passed as is).
 *
 * @category Overload model
 */
export interface OverloadSurgeInputs {
  loginCost: number;
  stepSeconds: number;
  maxAttempts: number;
  trigger: {
    buggyShare: number;
    crashProbability: number;
    supernodeCrashShare: number;
    durationMinutes: number;
    autoUpdateCoverage: number;
  };
  detection: { medianSeconds: number };
  restart: { probability: number; medianSeconds: number };
  retry:
    | { kind: 'fixed'; minSeconds: number; maxSeconds: number; jitter: number }
    | { kind: 'exponential-full-jitter'; baseSeconds: number; capSeconds: number }
    | { kind: 'grpc'; initialSeconds: number; multiplier: number; jitter: number; maxSeconds: number };
  /** Client crashes per supernode crash in the forced-loss mode. */
  forcedClientCrashRatio: number;
  /** Averaging window (s) of the load the supernodes monitor (0 or absent = the per-step load). */
  loadWindowSeconds?: number;
}

/**
 * Result of {@link overloadSurgeFromParams}.
 *
 * @category Overload model
 */
export interface OverloadSurgeEstimate {
  /** Surge s: load per original supernode during the storm, nominal units. */
  surge: number;
  /** Supernode loss f used. */
  loss: number;
  /** Fraction q of clients needing a new supernode at once: 1 − (1 − p_c)(1 − f). */
  needNewSupernode: number;
  /** Fraction of those clients sending a request in the same step at the peak (phi). */
  concurrency: number;
  /** Requests per original supernode per step at the peak, in units of its nominal client count. */
  requestRate: number;
  /** Fraction of the storm's request load seen by the monitored (averaged) load: 1 − exp(−W/τ) (1 when τ = 0). */
  smoothing: number;
}

function meanRetrySeconds(r: OverloadSurgeInputs['retry'], maxAttempts: number): number {
  const n = Math.max(1, Math.min(Number.isFinite(maxAttempts) ? maxAttempts : 10, 10));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    switch (r.kind) {
      case 'fixed':
        sum += (r.minSeconds + r.maxSeconds) / 2;
        break;
      case 'exponential-full-jitter':
        sum += Math.min(r.capSeconds, r.baseSeconds * 2 ** i) / 2;
        break;
      case 'grpc':
        sum += Math.min(r.maxSeconds, r.initialSeconds * r.multiplier ** i);
        break;
    }
  }
  return sum / n;
}

/**
 * Surge of the restart storm in the mean field, derived from the model parameters.
 *
 * @param params - the model parameters (any OverloadParams of the simulation).
 * @param options.loss - supernode loss f (default: the trigger's supernode crash share × (1 − autoUpdateCoverage)).
 * @param options.forced - true for the forced-loss mode of collapseProbability (client crashes f·ratio, arrival
 *   window = the detection spread), false (default) for the trigger (client crashes buggyShare·crashProbability,
 *   arrival window = the trigger duration).
 * @returns the surge with its ingredients.
 * @throws FragilityInputError (`loss` outside [0, 1]).
 *
 * @complexity O(1).
 *
 * @model ("derived consistency check" of the calibration file): a fraction q = 1 − (1 − p_c)(1 − f) of the clients
 * needs a new supernode at once (2010: 1 − 0.8·0.725 ≈ 0.42). They arrive over a window W (the trigger duration,
 * or ≈ 2 × the median detection delay after a forced loss) and each makes up to maxAttempts attempts spaced by the
 * mean retry delay d, so a fraction φ = min(1, maxAttempts·max(d, dt)/W) of them is sending in any one step at the
 * peak, at one request per step at most. The survivors also carry every client (the transient worst case in which
 * the storm arrives on top of the redistributed load), so the load per original supernode is
 * s = 1 + c·q·φ·min(1, dt/d)·κ with c the login cost (nominal units: the normal steady state has s = 1) and
 * κ = 1 − exp(−W/τ) the response of the supernodes' averaged load (time constant τ = loadWindowSeconds) to a storm
 * pulse of length W (κ = 1 for τ = 0).
 *
 * @references calibration table rows 14–21 (`docs/reference/skype-calibration.md`); Rabbe, Skype CIO post-mortem (2010).
 *
 * @example
 * ```ts
 * overloadSurgeFromParams(skype2010OverloadParams).needNewSupernode; // ≈ 0.42
 * ```
 *
 * @category Overload model
 */
export function overloadSurgeFromParams(
  params: OverloadSurgeInputs,
  options: { loss?: number; forced?: boolean } = {},
): OverloadSurgeEstimate {
  const upd = 1 - params.trigger.autoUpdateCoverage;
  const forced = options.forced ?? false;
  const f = options.loss ?? params.trigger.supernodeCrashShare * upd;
  checkProbability('loss', f);
  const pc = forced
    ? Math.min(1, f * params.forcedClientCrashRatio)
    : params.trigger.buggyShare * params.trigger.crashProbability * upd;
  const q = 1 - (1 - pc) * (1 - f);
  const dt = params.stepSeconds;
  const d = meanRetrySeconds(params.retry, params.maxAttempts);
  const W = Math.max(dt, forced ? 2 * params.detection.medianSeconds : params.trigger.durationMinutes * 60);
  const attempts = Number.isFinite(params.maxAttempts) ? params.maxAttempts : 1e9;
  const phi = Math.min(1, (attempts * Math.max(d, dt)) / W);
  const perStep = Math.min(1, dt / Math.max(d, 1e-12));
  const requestRate = q * phi * perStep;
  const tau = params.loadWindowSeconds ?? 0;
  const smoothing = tau > 0 ? -Math.expm1(-W / tau) : 1;
  return {
    surge: 1 + params.loginCost * requestRate * smoothing,
    loss: f,
    needNewSupernode: q,
    concurrency: phi,
    requestRate,
    smoothing,
  };
}

/**
 * Self-consistent critical loss of the overload mean field for a parameter set: the smallest f at which the restart
 * surge s(f) of {@link overloadSurgeFromParams} (forced-loss mode, the mode of the simulated half-collapse loss of
 * `collapseProbability`) overwhelms the surviving supernodes.
 *
 * @param params - the model parameters including `headroom`.
 * @param options.model - `'admission'` (default): survivors keep their own clients and turn away the clients they
 *   have no room for (the simulation's admission rule), so only the request load s − 1 is shared, against the
 *   headroom thresholds alpha: collapse iff s(f) − 1 > (1 − f)·σ_c(alpha). `'rehome-all'`: the first-generation
 *   bound in which the survivors also carry every re-homed client: collapse iff s(f) > (1 − f)·σ_c(1 + alpha)
 *   (much more pessimistic for a wide headroom law).
 * @returns f_c (null with reason when even f = 0 collapses or no f < 1 does), σ_c (of alpha for `'admission'`, of
 *   1 + alpha for `'rehome-all'`), its maximiser, and the load compared with (1 − f_c)·σ_c at f_c (`surge`: s − 1
 *   for `'admission'`, s for `'rehome-all'`).
 * @throws FragilityInputError (`headroom`).
 *
 * @complexity 200 bisection steps on O(1) evaluations after one σ_c maximisation.
 *
 * @model equal load sharing on the thresholds θ (θ = alpha or 1 + alpha): with a fraction U of the supernodes
 * up, the shared load per survivor is σ/U and U = (1 − f)[1 − F_θ(σ/U)] has a non-zero fixed point iff
 * σ <= (1 − f)·σ_c, σ_c = max_x x[1 − F_θ(x)]. h(f) = σ(f) − (1 − f)σ_c is increasing in f; its root is f_c.
 *
 * @references as {@link overloadCriticalLoss}; Pradhan, Hansen & Chakrabarti, Rev. Mod. Phys. 82, 499 (2010).
 *
 * @example
 * ```ts
 * overloadCriticalLossFromParams(skype2010OverloadParams).fC; // ≈ 0.063 with the 2010 defaults (simulated ≈ 0.107)
 * ```
 *
 * @category Overload model
 */
export function overloadCriticalLossFromParams(
  params: OverloadSurgeInputs & { headroom: CapacityLaw },
  options: { model?: 'admission' | 'rehome-all' } = {},
): OverloadCriticalLossResult {
  checkHeadroom(params.headroom);
  const model = options.model ?? 'admission';
  if (model !== 'admission' && model !== 'rehome-all')
    throw new FragilityInputError('model', model, "'admission' or 'rehome-all'");
  const crit = model === 'admission' ? headroomCritical(params.headroom) : thresholdCritical(params.headroom);
  const load = (f: number) =>
    overloadSurgeFromParams(params, { loss: f, forced: true }).surge - (model === 'admission' ? 1 : 0);
  const h = (f: number) => load(f) - (1 - f) * crit.sigmaC;
  const base = { sigmaC: crit.sigmaC, xC: crit.xC };
  if (h(0) > 0) return { ...base, surge: load(0), fC: null, reason: 'collapse-without-loss' };
  if (h(1) <= 0) return { ...base, surge: load(1), fC: null, reason: 'no-load' };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-14; i++) {
    const mid = (lo + hi) / 2;
    if (h(mid) > 0) hi = mid;
    else lo = mid;
  }
  const fC = (lo + hi) / 2;
  return { ...base, surge: load(fC), fC };
}

/** σ_c of the headroom thresholds alpha themselves (constant headroom: σ_c = alpha). */
function headroomCritical(headroom: CapacityLaw): { sigmaC: number; xC: number; UC: number } {
  if (headroom.hi === headroom.lo) return { sigmaC: headroom.lo, xC: headroom.lo, UC: 1 };
  return fiberBundleCritical(headroom);
}
