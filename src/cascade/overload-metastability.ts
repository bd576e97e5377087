/**
 * Metastability of the overload model by simulation: which states persist once the trigger is gone (the
 * bistability map), and how much injected capacity, when, brings a collapsed network back (recovery) — the
 * simulation side of `fluidBistability` / `fluidRecovery` (src/analytic), with the same definitions.
 *
 * @module
 */
import { checkBistabilityGrid, checkRecoveryInjection } from '../models/metastability-options.ts';
import { checkInteger } from '../errors.ts';
import { simulateOverload } from './overload-model.ts';
import {
  type OverloadParams,
  type OverloadParamsInput,
  metastabilityProbeParams,
  skype2010OverloadParams,
  validateOverloadParams,
  withOverloadParams,
} from '../models/overload-params.ts';

/**
 * Regime of one cell (the fluid side's names).
 *
 * @category Overload model
 */
export type SimulatedRegime = 'healthy-only' | 'bistable' | 'collapse-only' | 'transient';

/**
 * Options of {@link simulatedBistability}.
 *
 * @category Overload model
 */
export interface SimulatedBistabilityOptions {
  /** Forced initial supernode losses (trigger sizes), each in [0, 1]. */
  losses: number[];
  /** Factors k applied to the headroom law (α → k·α; default [1]). */
  headroomScales?: number[];
  /** Horizon after which a state counts as stable, hours (default 24). */
  horizonHours?: number;
  /** Runs per cell and per collapsed start (default 2). */
  runs?: number;
  /** Seed (default 1); the runs of cell c draw stream(seed, c·runs + r), the collapsed starts follow the cells. */
  seed?: number;
}

/**
 * One cell of {@link simulatedBistability}.
 *
 * @category Overload model
 */
export interface SimulatedBistabilityCell {
  loss: number;
  headroomScale: number;
  /** Share of the runs from the healthy state (with the trigger) that are >= recoveryThreshold at the horizon. */
  healthyPersistsShare: number;
  /** Share of the runs from the collapsed state (no trigger) still < collapseThreshold at the horizon. */
  collapsePersistsShare: number;
  /** Mean online fraction at the horizon from each start, and the mean minimum from the healthy one. */
  onlineFromHealthy: number;
  onlineFromCollapsed: number;
  minOnlineFromHealthy: number;
  /** Regime by majority of the runs (a share of exactly 1/2 counts as persisting). */
  regime: SimulatedRegime;
}

/**
 * Bistability map of the simulated overload model over (trigger size × headroom): where only the healthy state
 * persists, where only the collapse does, and where both do (a metastable failure: which one you are in depends on
 * the history, not on the present load).
 *
 * @param input - model parameters (full or a partial override of the 2010 defaults).
 * @param options - losses, headroom scales, horizon, runs, seed.
 * @returns one cell per (loss, headroom scale), losses varying fastest, plus the horizon.
 * @throws FragilityInputError naming `losses[i]`, `headroomScales[i]`, `horizonHours`, `runs`, `seed` or a model
 *   field, before any run.
 *
 * @complexity (|losses| + 1)·|scales|·runs simulations of `horizonHours` (≈ 0.3 s each at scale 0.02 for 24 h).
 *
 * @model exactly the definitions of `fluidBistability`: mega-supernode waves and feature shedding are removed
 * (no intervention); "healthy persists" = online >= recoveryThreshold at the horizon after a forced loss `loss` at
 * T; "collapse persists" = online < collapseThreshold at the horizon from the collapsed start (every client
 * searching, every supernode in the re-entry lag, no trigger; simulateOverload `initialState: 'collapsed'`).
 * Regimes: healthy-only, bistable (both persist), collapse-only (the trigger lands in a self-sustaining collapse),
 * transient (neither holds at the horizon).
 *
 * @references N. Bronson, A. Aghayev, A. Charapko, T. Zhu, "Metastable Failures in Distributed Systems",
 * HotOS 2021, doi:10.1145/3458336.3465286; L. Huang et al., "Metastable Failures in the Wild", OSDI 2022;
 * P. Alvaro, R. Isaacs, R. Majumdar et al., "Formal Analysis of Metastable Failures in Software Systems" (2025),
 * arXiv:2510.03551.
 *
 * @example
 * ```ts
 * const m = simulatedBistability({ scale: 0.005 }, { losses: [0.05, 0.2], headroomScales: [1, 3], horizonHours: 12 });
 * m.cells.map((c) => c.regime); // ['bistable', 'collapse-only', 'bistable', 'bistable']
 * ```
 *
 * @category Overload model
 */
export function simulatedBistability(
  input: OverloadParamsInput | OverloadParams,
  options: SimulatedBistabilityOptions,
): { horizonHours: number; runs: number; seed: number; cells: SimulatedBistabilityCell[] } {
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  validateOverloadParams(base);
  const { headroomScales: scales, horizonHours: horizon } = checkBistabilityGrid(options);
  const runs = checkInteger('runs', options.runs ?? 2, 1, 1e6);
  const seed = checkInteger('seed', options.seed ?? 1, -(2 ** 53 - 1), 2 ** 53 - 1);
  const nCells = options.losses.length * scales.length;
  const cells: SimulatedBistabilityCell[] = [];
  scales.forEach((k, j) => {
    const p = metastabilityProbeParams(base, horizon, k);
    let cp = 0;
    let onC = 0;
    for (let r = 0; r < runs; r++) {
      const res = simulateOverload(withOverloadParams(p, { forcedLoss: 0 }), {
        seed,
        index: (nCells + j) * runs + r,
        initialState: 'collapsed',
      });
      if (res.final.online < p.collapseThreshold) cp++;
      onC += res.final.online;
    }
    const collapseShare = cp / runs;
    options.losses.forEach((f, i) => {
      const c = j * options.losses.length + i;
      let hp = 0;
      let onH = 0;
      let minH = 0;
      for (let r = 0; r < runs; r++) {
        const res = simulateOverload(withOverloadParams(p, { forcedLoss: f }), { seed, index: c * runs + r });
        if (res.final.online >= p.recoveryThreshold) hp++;
        onH += res.final.online;
        minH += res.minOnlineFraction;
      }
      const healthyShare = hp / runs;
      const healthy = healthyShare >= 0.5;
      const collapse = collapseShare >= 0.5;
      const regime: SimulatedRegime = healthy
        ? collapse
          ? 'bistable'
          : 'healthy-only'
        : collapse && onH / runs < p.collapseThreshold
          ? 'collapse-only'
          : 'transient';
      cells.push({
        loss: f,
        headroomScale: k,
        healthyPersistsShare: healthyShare,
        collapsePersistsShare: collapseShare,
        onlineFromHealthy: onH / runs,
        onlineFromCollapsed: onC / runs,
        minOnlineFromHealthy: minH / runs,
        regime,
      });
    });
  });
  return { horizonHours: horizon, runs, seed, cells };
}

/**
 * Options of {@link simulatedRecovery}.
 *
 * @category Overload model
 */
export interface SimulatedRecoveryOptions {
  /** Mega-supernodes injected (count at scale 1, scaled like the parameters' waves). */
  megaCount: number;
  /** Capacity of one mega-supernode, clients at scale 1 (default params.mega.capacityClients). */
  capacity?: number;
  /** Injection time, hours after the trigger onset. */
  atHours: number;
  /** Hours simulated (default params.durationHours). */
  durationHours?: number;
  /** Runs (default 2). */
  runs?: number;
  /** Seed (default 1); run r draws stream(seed, r). */
  seed?: number;
}

/**
 * Result of {@link simulatedRecovery}.
 *
 * @category Overload model
 */
export interface SimulatedRecoveryResult {
  /** Share of the runs that recovered (online >= recoveryThreshold from some time to the end). */
  recoveredShare: number;
  /** Median over the recovered runs of the time they reached recoveryThreshold for good (hours after T), or null. */
  recoveredAtHours: number | null;
  /** recoveredAtHours − atHours (0 when the network was not down at the injection), or null. */
  recoveryHours: number | null;
  /** Mean online fraction at the end. */
  finalOnline: number;
  runs: number;
  seed: number;
}

/**
 * Recovery of the simulated overload model by injected capacity: `megaCount` mega-supernodes of `capacity` clients
 * each at `atHours` (replacing the parameters' own waves) — does the network come back, and when.
 *
 * @param input - model parameters (the trigger and everything else as given; the mega waves are replaced).
 * @param options - count, capacity, injection time, duration, runs, seed.
 * @returns the share of runs that recovered, the median recovery time, the mean final online fraction.
 * @throws FragilityInputError naming `megaCount`, `capacity`, `atHours`, `durationHours`, `runs`, `seed` or a model
 *   field, before any run.
 *
 * @complexity runs simulations of durationHours.
 *
 * @model simulateOverload with a single mega-supernode wave (count, capacity, time) — the same injection as
 * `fluidRecovery` with its default keepWaves = false; recovery as in the simulation (online >= recoveryThreshold
 * from some time to the end), counted from the injection.
 *
 * @references see {@link simulatedBistability}; Skype 2010 post-mortem (mega-supernode waves,
 * `docs/reference/skype-calibration.md`).
 *
 * @example
 * ```ts
 * simulatedRecovery({ scale: 0.02 }, { megaCount: 400, atHours: 2 }).recoveryHours;
 * ```
 *
 * @category Overload model
 */
export function simulatedRecovery(
  input: OverloadParamsInput | OverloadParams,
  options: SimulatedRecoveryOptions,
): SimulatedRecoveryResult {
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  validateOverloadParams(base);
  const { capacity, durationHours: duration } = checkRecoveryInjection(base, options);
  const runs = checkInteger('runs', options.runs ?? 2, 1, 1e6);
  const seed = checkInteger('seed', options.seed ?? 1, -(2 ** 53 - 1), 2 ** 53 - 1);
  const p = withOverloadParams(base, {
    durationHours: duration,
    sampleEvery: 1_000_000,
    mega: {
      waves: options.megaCount > 0 ? [{ atHours: options.atHours, count: options.megaCount }] : [],
      capacityClients: capacity,
    },
  });
  validateOverloadParams(p);
  const at: number[] = [];
  let rec = 0;
  let fin = 0;
  for (let r = 0; r < runs; r++) {
    const res = simulateOverload(p, { seed, index: r });
    fin += res.final.online;
    if (res.recovered && res.recoveredAtHours !== null) {
      rec++;
      at.push(res.recoveredAtHours);
    }
  }
  at.sort((a, b) => a - b);
  const med =
    at.length === 0 ? null : at.length % 2 ? at[at.length >> 1] : (at[at.length / 2 - 1] + at[at.length / 2]) / 2;
  return {
    recoveredShare: rec / runs,
    recoveredAtHours: med,
    recoveryHours: med === null ? null : Math.max(0, med - options.atHours),
    finalOnline: fin / runs,
    runs,
    seed,
  };
}
