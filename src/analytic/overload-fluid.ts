/**
 * The fluid (law-of-large-numbers) limit of the two-tier supernode-overload model: the deterministic counterpart of
 * exactly the dynamics that `simulateOverload` (src/cascade) runs, read from the same plain-data parameter object
 * (src/models). It does not import src/cascade or src/montecarlo.
 *
 * @module
 */
import { checkBistabilityGrid, checkRecoveryInjection } from '../models/metastability-options.ts';
import { FragilityInputError, checkNumber } from '../errors.ts';
import {
  type OverloadParams,
  type OverloadParamsInput,
  metastabilityProbeParams,
  skype2010OverloadParams,
  validateOverloadParams,
  withOverloadParams,
} from '../models/overload-params.ts';
import { resolveFluidOptions } from './overload-fluid/options.ts';
import { runFluidOverload } from './overload-fluid/run.ts';
import type { FluidOverloadOptions, FluidOverloadResult } from './overload-fluid/types.ts';

export type { FluidOverloadOptions, FluidOverloadResult, FluidRequestSpread } from './overload-fluid/types.ts';

/**
 * The fluid limit of the supernode-overload model: the deterministic law-of-large-numbers counterpart of
 * `simulateOverload` (src/cascade), with the same parameter object, step, rules and order of operations, returning
 * the same timeline shape and summary.
 *
 * @param input - parameters: a full OverloadParams or a partial override of the 2010 defaults (src/models).
 * @param options - quantile grid, cohort merging, request spread, extra mega-supernodes, initial state.
 * @returns timeline, summary, final state, the discretisation used and conservation diagnostics.
 * @throws FragilityInputError naming the offending field (every model field, `overlay`, and the options).
 *
 * @complexity O(T·(Q·K̄ + L·B + √λ)) time for T steps, Q headroom quantiles, K̄ live cohorts per quantile (a
 * few; at most `maxCohortsPerQuantile`), L retry levels, B delay bins and a Poisson table of O(√λ) entries per step;
 * O(Q·(K_max + R_lag + R_crash) + L·B) memory. The 2010 defaults, 48 h at dt = 10 s, take a fraction of a second.
 *
 * @model (read with the simulation's TSDoc; the order of operations within a step is the same: mega waves and
 * withdrawal, supernode timers, trigger, releases, routing, requests/loads/admission/shutdowns, failures to the
 * retry levels, detection of lost supernodes):
 * - *Clients*: the same cohorts as the simulation (restart ring, crashed and gone pools, search ring by failed
 *   attempts × step of the next attempt), with every binomial replaced by its mean — routing to up supernodes with
 *   probability (1 − (D/S)^H) (annealed host cache), to the mega pool with its share, failures shared among the
 *   levels in proportion, delays scattered by the same step pmfs (src/models).
 * - *Supernodes*: a continuum over the headroom law. Quantile q of Q stands for a mass 1/Q of the supernodes with
 *   capacity (1 + α(u_q))·L0, u_q = (q + ½)/Q. Its up mass is split into cohorts by history — (mass, attached,
 *   monitored load) — because supernodes that rejoined at different times carry different loads; its down mass sits
 *   in delay lines: crashed (the simulation's restart delay max(1, ⌈X/dt⌉), X log-normal, or the exponential
 *   return of supernodes not restarted, or never), then the re-entry lag, the exact pmf of max(1, round(lo + U·w));
 *   a supernode shut down by overload waits the same lag; it rejoins empty (attached = monitored = 0).
 * - *Requests per supernode*: the law of large numbers is over supernodes with L0 = C/S fixed (the scale multiplies
 *   both C and S), so the count a single up supernode receives in a step does not concentrate: the multinomial
 *   spread of R requests over U up supernodes tends to independent Poisson(λ), λ = R/U (≈ 10–10⁴ here). Both
 *   self-protection rules (burst: load > burstFactor·cap; averaged: EWMA > cap) are monotone in the count r, so a
 *   cohort splits into a shut-down part of mass P(r > r*) and a surviving part that carries the conditional means
 *   E[attached, monitored | r ≤ r*] (the admission min(r, room) is averaged over the same law). With `requestSpread:
 *   'mean'` every supernode receives exactly λ instead. Poisson is the default because it is the limit the
 *   simulation approaches: the exact-mean variant refills every rejoining supernode at once and misses the 2007
 *   recovery by up to 0.98 in online fraction (the Poisson fluid: 0.013). The survivors of a step carry the
 *   conditional mean of their monitored load, not its spread; since the most loaded are the next to trip, the
 *   fluid f_c lies 0.003–0.007 above the simulated half-collapse loss (scale 0.02, 9 parameter variants);
 *   `splitSurvivors` keeps part of that spread and closes a fifth of the gap.
 * - *Merging* (to bound the cost; clients and supernodes are conserved exactly, merges are mass-weighted): a
 *   rejoining cohort merges into one within `mergeTolerance`·L0 in attached and monitored load; every 8 steps all
 *   such pairs of a quantile merge; beyond `maxCohortsPerQuantile` the closest two merge; a cohort lighter than
 *   1e-10 (the Poisson survival tail of a shut-down cohort) merges into the heaviest one. With the defaults
 *   (1e-3, 4) the 2010 f_c moves by < 1e-4 against (1e-6, 32) (tested), and the 48-h timeline by < 0.011 against
 *   200 quantiles × 32 cohorts (the largest gap is a shift of one sample at the recovery jump).
 * - *Mega-supernodes*: each wave is a group of n = max(1, round(count·scale)) identical mega-supernodes (as in the
 *   simulation); requests are spread over the up ones in proportion to their number and each admits
 *   min(r, capacity − load) with r its mean share (dedicated servers with tens of thousands of clients: the spread
 *   of r is immaterial).
 * - *Continuum in clients*: the simulation floors admission slots to whole clients; the fluid does not (≤ 1 client
 *   per supernode and step, 1/L0 ≈ 0.1 % of a nominal unit).
 * - *Scale*: only through L0 = round(C·scale)/round(S·scale) (≈ constant), the rounding of the mega-supernode
 *   counts, and the per-supernode request counts (Poisson, not concentrated). The fluid answer is the same at every
 *   scale up to these roundings; it is the S → ∞ limit the simulation approaches.
 * - An explicit `overlay` (graph-given capacities and attachment) is not supported: it is not a law over supernodes.
 *
 * @references T. G. Kurtz, J. Appl. Probab. 7, 49 (1970) (fluid limits of density-dependent Markov chains);
 * M. Mitzenmacher, IEEE TPDS 12, 1094 (2001) (mean-field load-balancing limits with Poisson arrivals per server);
 * the model and calibration: `docs/reference/skype-calibration.md`.
 *
 * @example
 * ```ts
 * const r = fluidOverload();           // the 2010 defaults, 48 h
 * r.collapsed;                          // true
 * fluidOverload({ forcedLoss: 0.05, durationHours: 3 }).collapsed; // false
 * ```
 *
 * @category Overload model
 */
export function fluidOverload(
  input: OverloadParamsInput | OverloadParams = {},
  options: FluidOverloadOptions = {},
): FluidOverloadResult {
  const p = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  if (p.overlay)
    throw new FragilityInputError(
      'overlay',
      'TwoTierOverlay',
      'absent: the fluid limit is a law over supernodes, not a given overlay',
    );
  validateOverloadParams(p);
  return runFluidOverload(p, resolveFluidOptions(options));
}

/**
 * Options of {@link fluidCriticalLoss}.
 *
 * @category Overload model
 */
export interface FluidCriticalLossOptions {
  /** Bisection stops when the bracket is narrower than this (default 1e-4). */
  tolerance?: number;
  /** Hours simulated per evaluation (default: as `collapseProbability`, min(3, params.durationHours)). */
  durationHours?: number;
  /** Discretisation options passed to {@link fluidOverload}. */
  fluid?: Omit<FluidOverloadOptions, 'initialState' | 'stopOnCollapse'>;
}

/**
 * Result of {@link fluidCriticalLoss}.
 *
 * @category Overload model
 */
export interface FluidCriticalLossResult {
  /** Smallest forced initial supernode loss whose fluid trajectory collapses (to `tolerance`), or null. */
  criticalLoss: number | null;
  /** Why criticalLoss is null: nothing in [0, 1] collapses, or even f = 0 collapses. */
  reason?: string;
  /** Last bracket [no collapse, collapse] (both ends 0 or 1 when criticalLoss is null). */
  bracket: [number, number];
  /** fluidOverload runs made. */
  evaluations: number;
  tolerance: number;
  /** The bracketing grid evaluated, in order (it stops at the first collapsing loss). */
  grid: { loss: number; collapsed: boolean; minOnline: number }[];
}

/**
 * Critical supernode loss of the fluid limit: the smallest forced initial loss f (same semantics as the
 * simulation's `forcedLoss`, including `forcedClientCrashRatio`) whose fluid trajectory has a minimum online fraction
 * below `collapseThreshold`, by a bracketing grid and bisection.
 *
 * @param input - model parameters (full or a partial override of the 2010 defaults); `forcedLoss` is overridden.
 * @param options - tolerance (default 1e-4), duration (default 3 h, as collapseProbability), fluid discretisation.
 * @returns f_c, the final bracket, the evaluation count, the grid and whether it was monotone.
 * @throws FragilityInputError naming the offending field.
 *
 * @complexity at most 21 + ⌈log2(0.05/tolerance)⌉ fluid runs of the chosen duration (≈ 12 + 9 at the 2010
 * defaults); a run stops at the first step below the collapse threshold.
 *
 * @model the fluid trajectory is deterministic, so "collapses" is a property of f alone. The ascending grid
 * f = 0, 0.05, …, 1 locates the first collapsing point; bisection between it and the point before it gives f_c to
 * `tolerance`. This is the smallest collapsing loss when the collapse set is an interval [f_c, 1]; the min online
 * fraction is non-increasing in f on every grid and property test we ran (test/analytic/overload-fluid.test.ts),
 * so it is. The same criterion as the simulation (min online < `collapseThreshold`, 0.5) over the same horizon.
 *
 * @references see {@link fluidOverload}; the simulation side is `collapseProbability` (src/cascade).
 *
 * @example
 * ```ts
 * fluidCriticalLoss().criticalLoss; // the 2010 fluid f_c (≈ 0.1)
 * ```
 *
 * @category Overload model
 */
export function fluidCriticalLoss(
  input: OverloadParamsInput | OverloadParams = {},
  options: FluidCriticalLossOptions = {},
): FluidCriticalLossResult {
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  validateOverloadParams(base);
  const tolerance = options.tolerance ?? 1e-4;
  checkNumber('tolerance', tolerance, 1e-9, 0.5);
  if (!(tolerance > 0)) throw new FragilityInputError('tolerance', tolerance, 'a number in (0, 0.5]');
  const duration = options.durationHours ?? Math.min(3, base.durationHours);
  checkNumber('durationHours', duration, 0, 24 * 365);
  let evaluations = 0;
  const run = (f: number) => {
    evaluations++;
    const r = fluidOverload(
      withOverloadParams(base, { forcedLoss: f, durationHours: duration, sampleEvery: 1_000_000 }),
      { ...(options.fluid ?? {}), stopOnCollapse: true },
    );
    return { collapsed: r.collapsed, minOnline: r.minOnlineFraction };
  };
  const grid: FluidCriticalLossResult['grid'] = [];
  for (let i = 0; i <= 20; i++) {
    const f = i / 20;
    grid.push({ loss: f, ...run(f) });
    if (grid[i].collapsed) break;
  }
  if (grid[0].collapsed)
    return {
      criticalLoss: null,
      reason: 'the fluid collapses even without a supernode loss (f = 0)',
      bracket: [0, 0],
      evaluations,
      tolerance,
      grid,
    };
  const first = grid.findIndex((g) => g.collapsed);
  if (first < 0)
    return {
      criticalLoss: null,
      reason: 'no supernode loss in [0, 1] collapses the fluid',
      bracket: [1, 1],
      evaluations,
      tolerance,
      grid,
    };
  let lo = grid[first - 1].loss;
  let hi = grid[first].loss;
  while (hi - lo > tolerance) {
    const mid = 0.5 * (lo + hi);
    if (run(mid).collapsed) hi = mid;
    else lo = mid;
  }
  return { criticalLoss: 0.5 * (lo + hi), bracket: [lo, hi], evaluations, tolerance, grid };
}

/**
 * Options of {@link fluidBistability}.
 *
 * @category Overload model
 */
export interface FluidBistabilityOptions {
  /** Forced initial supernode losses (the trigger sizes), each in [0, 1]. */
  losses: number[];
  /** Factors k applied to the headroom law (α → k·α; default [1]). */
  headroomScales?: number[];
  /** Login costs (the offered load per request; default [params.loginCost]). */
  loginCosts?: number[];
  /** Horizon after which a state counts as stable, hours (default 24). */
  horizonHours?: number;
  /** Discretisation options passed to {@link fluidOverload}. */
  fluid?: Omit<FluidOverloadOptions, 'initialState' | 'stopOnCollapse' | 'extraMega'>;
}

/**
 * Which states are stable in one cell of {@link fluidBistability}.
 *
 * @category Overload model
 */
export type FluidRegime = 'healthy-only' | 'bistable' | 'collapse-only' | 'transient';

/**
 * One cell of {@link fluidBistability}.
 *
 * @category Overload model
 */
export interface FluidBistabilityCell {
  loss: number;
  headroomScale: number;
  loginCost: number;
  /** Started healthy, trigger = forced loss `loss` (then removed), no mega-supernodes: online >= recoveryThreshold at the horizon. */
  healthyPersists: boolean;
  /** Started collapsed, no trigger, no mega-supernodes: online < collapseThreshold at the horizon. */
  collapsePersists: boolean;
  /** Online fraction at the horizon from the healthy start (with the trigger) and from the collapsed start. */
  onlineFromHealthy: number;
  onlineFromCollapsed: number;
  /** Minimum online fraction of the healthy start (with the trigger). */
  minOnlineFromHealthy: number;
  regime: FluidRegime;
}

/**
 * Result of {@link fluidBistability}.
 *
 * @category Overload model
 */
export interface FluidBistabilityResult {
  horizonHours: number;
  cells: FluidBistabilityCell[];
}

/**
 * Bistability map of the fluid overload model over (trigger size × headroom × login cost): in which cells the healthy
 * state is stable, in which only the collapsed one is, and in which both are (metastable failure: the state reached
 * depends on the trigger's history).
 *
 * @param input - model parameters (full or a partial override of the 2010 defaults).
 * @param options - losses (required), headroom scales, login costs, horizon (default 24 h), fluid discretisation.
 * @returns one cell per (loss, headroom scale, login cost), losses varying fastest.
 * @throws FragilityInputError naming the offending field (`losses[i]`, `headroomScales[i]`, `loginCosts[i]`, …).
 *
 * @complexity |losses|·|scales|·|costs| + |scales|·|costs| fluid runs of `horizonHours`.
 *
 * @model *stable* means "what remains after a long horizon (default 24 h) with the trigger gone and no
 * intervention" (mega-supernode waves and shedding are removed). Two runs per cell:
 * - from the healthy state, with the trigger = an instantaneous loss of `loss` of the supernodes (and the
 *   proportional client crashes, `forcedClientCrashRatio`), removed at once: the healthy state *persists* if the
 *   online fraction at the horizon is >= `recoveryThreshold`;
 * - from the collapsed state (every client searching at T, every supernode shut down at T and rejoining after the
 *   uniform re-entry lag), no trigger: the collapse *persists* if the online fraction at the horizon is below
 *   `collapseThreshold`.
 * Regimes: healthy-only (healthy persists, collapse does not); bistable (both persist: the network is up, but a
 * collapse, once caused, sustains itself — a metastable failure); collapse-only (this trigger lands in a collapse
 * that sustains itself); transient (the trigger knocks the network down but it comes back by itself, or neither
 * threshold holds at the horizon).
 *
 * @references N. Bronson, A. Aghayev, A. Charapko, T. Zhu, "Metastable Failures in Distributed Systems",
 * HotOS 2021, doi:10.1145/3458336.3465286 (trigger vs sustaining effect); L. Huang et al., "Metastable Failures in
 * the Wild", OSDI 2022 (retry storms as the sustaining effect, recovery needs load shedding or capacity);
 * P. Alvaro, R. Isaacs, R. Majumdar et al., "Formal Analysis of Metastable Failures in Software Systems",
 * arXiv:2510.03551 (2025) (metastable modes of a Markov model, recovery times).
 *
 * @example
 * ```ts
 * const m = fluidBistability({}, { losses: [0.05, 0.2], headroomScales: [1, 8], horizonHours: 12 });
 * m.cells.map((c) => c.regime); // ['bistable', 'collapse-only', 'healthy-only', 'healthy-only']
 * ```
 *
 * @category Overload model
 */
export function fluidBistability(
  input: OverloadParamsInput | OverloadParams,
  options: FluidBistabilityOptions,
): FluidBistabilityResult {
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  validateOverloadParams(base);
  const { headroomScales: scales, horizonHours: horizon } = checkBistabilityGrid(options);
  const costs = options.loginCosts ?? [base.loginCost];
  if (!Array.isArray(costs) || costs.length === 0)
    throw new FragilityInputError('loginCosts', costs, 'a non-empty array of numbers >= 0');
  costs.forEach((c, i) => checkNumber(`loginCosts[${i}]`, c, 0, 1e6));
  const fluid = options.fluid ?? {};
  const cells: FluidBistabilityCell[] = [];
  for (const c of costs) {
    for (const k of scales) {
      const p = withOverloadParams(metastabilityProbeParams(base, horizon, k), { loginCost: c });
      const fromCollapsed = fluidOverload(withOverloadParams(p, { forcedLoss: 0 }), {
        ...fluid,
        initialState: 'collapsed',
      });
      const onlineC = fromCollapsed.final.online;
      const collapsePersists = onlineC < p.collapseThreshold;
      for (const f of options.losses) {
        const h = fluidOverload(withOverloadParams(p, { forcedLoss: f }), fluid);
        const healthyPersists = h.final.online >= p.recoveryThreshold;
        const regime: FluidRegime = healthyPersists
          ? collapsePersists
            ? 'bistable'
            : 'healthy-only'
          : collapsePersists && h.final.online < p.collapseThreshold
            ? 'collapse-only'
            : 'transient';
        cells.push({
          loss: f,
          headroomScale: k,
          loginCost: c,
          healthyPersists,
          collapsePersists,
          onlineFromHealthy: h.final.online,
          onlineFromCollapsed: onlineC,
          minOnlineFromHealthy: h.minOnlineFraction,
          regime,
        });
      }
    }
  }
  return { horizonHours: horizon, cells };
}

/**
 * Options of {@link fluidRecovery}.
 *
 * @category Overload model
 */
export interface FluidRecoveryOptions {
  /** Mega-supernodes injected (count at scale 1, scaled as the parameters' waves are). */
  megaCount: number;
  /** Capacity of one mega-supernode, clients at scale 1 (default params.mega.capacityClients). */
  capacity?: number;
  /** Injection time, hours after the trigger onset. */
  atHours: number;
  /** Keep the parameters' own mega-supernode waves too (default false: the injection is the only one). */
  keepWaves?: boolean;
  /** Hours simulated (default params.durationHours). */
  durationHours?: number;
  /** Discretisation options passed to {@link fluidOverload}. */
  fluid?: Omit<FluidOverloadOptions, 'extraMega' | 'stopOnCollapse'>;
}

/**
 * Result of {@link fluidRecovery}.
 *
 * @category Overload model
 */
export interface FluidRecoveryResult {
  /** Online >= recoveryThreshold at the end and from `recoveredAtHours` on. */
  recovered: boolean;
  /** When the online fraction reached recoveryThreshold for good (hours after T), or null. */
  recoveredAtHours: number | null;
  /** recoveredAtHours − atHours (0 when the network was never down at the injection), or null. */
  recoveryHours: number | null;
  /** Online fraction just before the injection and at the end. */
  onlineBefore: number;
  finalOnline: number;
  /** The whole fluid run. */
  run: FluidOverloadResult;
}

/**
 * Recovery of the fluid overload model by injected capacity: `megaCount` mega-supernodes of `capacity` clients
 * each at `atHours` — whether the network comes back, and when.
 *
 * @param input - model parameters (the trigger and everything else as given; by default its own mega waves are dropped).
 * @param options - count, capacity, injection time, whether to keep the parameters' waves, duration.
 * @returns recovered, the time online reached `recoveryThreshold` for good, the recovery time after the
 *   injection, and the run.
 * @throws FragilityInputError naming the offending field (`megaCount`, `capacity`, `atHours`, …).
 *
 * @complexity one fluid run of `durationHours`.
 *
 * @model {@link fluidOverload} with the injection as an extra wave (same rules: a share `mega.share` of the
 * attempts, plus every attempt whose probed supernodes are all down, goes to the mega pool; mega-supernodes only
 * refuse above capacity). Recovery = online >= `recoveryThreshold` from some time to the end of the run (as in the
 * simulation); the recovery time is counted from the injection.
 *
 * @references see {@link fluidBistability} (metastable failures: recovery needs the sustaining effect broken,
 * here by capacity); Skype 2010 post-mortem (mega-supernode waves, `docs/reference/skype-calibration.md`).
 *
 * @example
 * ```ts
 * fluidRecovery({}, { megaCount: 400, atHours: 2 }).recoveredAtHours; // ≈ 2.3
 * ```
 *
 * @category Overload model
 */
export function fluidRecovery(
  input: OverloadParamsInput | OverloadParams,
  options: FluidRecoveryOptions,
): FluidRecoveryResult {
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  validateOverloadParams(base);
  const { capacity, durationHours: duration } = checkRecoveryInjection(base, options);
  const p = withOverloadParams(base, {
    durationHours: duration,
    ...(options.keepWaves ? {} : { mega: { waves: [] } }),
  });
  const run = fluidOverload(p, {
    ...(options.fluid ?? {}),
    extraMega: [{ atHours: options.atHours, count: options.megaCount, capacityClients: capacity }],
  });
  let onlineBefore = run.timeline[0].online;
  for (const pt of run.timeline) if (pt.t <= options.atHours) onlineBefore = pt.online;
  const recoveredAt = run.recoveredAtHours;
  return {
    recovered: run.recovered,
    recoveredAtHours: recoveredAt,
    recoveryHours: recoveredAt === null ? null : Math.max(0, recoveredAt - options.atHours),
    onlineBefore,
    finalOnline: run.final.online,
    run,
  };
}
