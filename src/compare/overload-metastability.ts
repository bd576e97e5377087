/**
 * Metastability of the overload model both ways: the bistability map and the recovery by injected capacity, from
 * the fluid limit and from the simulation, cell by cell.
 *
 * @module
 */
import { fluidBistability, fluidRecovery, type FluidRegime } from '../analytic/overload-fluid.ts';
import { simulatedBistability, simulatedRecovery, type SimulatedRegime } from '../cascade/overload-metastability.ts';
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import {
  type OverloadParams,
  type OverloadParamsInput,
  skype2010OverloadParams,
  validateOverloadParams,
  withOverloadParams,
} from '../models/overload-params.ts';

/**
 * Options of {@link compareMetastability}.
 *
 * @category Overload model
 */
export interface CompareMetastabilityOptions {
  /** Trigger sizes (forced initial supernode losses) of the bistability map. */
  losses: number[];
  /** Headroom scale factors of the map (α → k·α; default [1]). */
  headroomScales?: number[];
  /** Recovery cases: mega-supernode count (at scale 1) and injection time (hours after T); capacity per mega-supernode optional. */
  recovery?: { megaCount: number; atHours: number; capacity?: number }[];
  /** Horizon of the map, hours (default 24). */
  horizonHours?: number;
  /** Simulated runs per cell / per recovery case (default 2). */
  runs?: number;
  /** Seed (default 1). */
  seed?: number;
}

/**
 * One cell of the bistability map, both ways.
 *
 * @category Overload model
 */
export interface MetastabilityCell {
  loss: number;
  headroomScale: number;
  fluid: FluidRegime;
  simulated: SimulatedRegime;
  /** Share of simulated runs in which the healthy state persisted / the collapse persisted. */
  healthyPersistsShare: number;
  collapsePersistsShare: number;
  agree: boolean;
}

/**
 * One recovery case, both ways.
 *
 * @category Overload model
 */
export interface RecoveryCase {
  megaCount: number;
  capacity: number;
  atHours: number;
  fluid: { recovered: boolean; recoveryHours: number | null };
  simulated: { recoveredShare: number; recoveryHours: number | null; runs: number };
}

/**
 * Result of {@link compareMetastability}.
 *
 * @category Overload model
 */
export interface MetastabilityComparison {
  horizonHours: number;
  runs: number;
  seed: number;
  cells: MetastabilityCell[];
  /** Cells where fluid and simulation name the same regime / all cells. */
  agreement: number;
  recovery: RecoveryCase[];
}

/**
 * The metastability map and recovery of the overload model from the fluid limit and from the simulation.
 *
 * @param params - overload-model parameters (full or a partial override of the 2010 defaults).
 * @param options - {@link CompareMetastabilityOptions}.
 * @returns the cells (regime both ways), the agreement share, and the recovery cases.
 * @throws FragilityInputError naming `losses[i]`, `headroomScales[i]`, `recovery[i].megaCount`, … before any run.
 *
 * @complexity fluidBistability + simulatedBistability (|losses| + 1)·|scales| runs of the horizon each, plus
 * per recovery case one fluid run and `runs` simulations of params.durationHours.
 *
 * @model fluidBistability / simulatedBistability and fluidRecovery / simulatedRecovery — same definitions
 * (no intervention during the map's horizon; the collapsed start has every client searching and every supernode in
 * the re-entry lag; recovery = online >= recoveryThreshold from some time to the end).
 *
 * @references Bronson et al., HotOS 2021, doi:10.1145/3458336.3465286; Huang et al., OSDI 2022; Alvaro,
 * Isaacs, Majumdar et al., arXiv:2510.03551 (2025).
 *
 * @example
 * ```ts
 * const m = compareMetastability({ scale: 0.02 }, { losses: [0.05, 0.2], headroomScales: [1, 2], recovery: [{ megaCount: 400, atHours: 2 }] });
 * m.agreement;
 * ```
 *
 * @category Overload model
 */
export function compareMetastability(
  params: OverloadParams | OverloadParamsInput,
  options: CompareMetastabilityOptions,
): MetastabilityComparison {
  const p = withOverloadParams(skype2010OverloadParams, params as OverloadParamsInput);
  validateOverloadParams(p);
  const recovery = options.recovery ?? [];
  if (!Array.isArray(recovery))
    throw new FragilityInputError('recovery', recovery, 'an array of { megaCount, atHours }');
  recovery.forEach((c, i) => {
    checkInteger(`recovery[${i}].megaCount`, c.megaCount, 0, 1e9);
    checkNumber(`recovery[${i}].atHours`, c.atHours, 0, p.durationHours);
    if (c.capacity !== undefined) checkNumber(`recovery[${i}].capacity`, c.capacity, 0, 1e12);
  });
  const runs = options.runs ?? 2;
  const seed = options.seed ?? 1;
  const horizon = options.horizonHours ?? 24;
  const mapOpts = { losses: options.losses, headroomScales: options.headroomScales ?? [1], horizonHours: horizon };
  // the simulated map validates losses, scales, horizon, runs and seed first (it throws before its first run)
  const sim = simulatedBistability(p, { ...mapOpts, runs, seed });
  const fl = fluidBistability(p, mapOpts);
  const cells: MetastabilityCell[] = sim.cells.map((s, i) => {
    const f = fl.cells[i];
    return {
      loss: s.loss,
      headroomScale: s.headroomScale,
      fluid: f.regime,
      simulated: s.regime,
      healthyPersistsShare: s.healthyPersistsShare,
      collapsePersistsShare: s.collapsePersistsShare,
      agree: f.regime === s.regime,
    };
  });
  const rec: RecoveryCase[] = recovery.map((c, i) => {
    const capacity = c.capacity ?? p.mega.capacityClients;
    const f = fluidRecovery(p, { megaCount: c.megaCount, atHours: c.atHours, capacity });
    const s = simulatedRecovery(p, { megaCount: c.megaCount, atHours: c.atHours, capacity, runs, seed: seed + 1 + i });
    return {
      megaCount: c.megaCount,
      capacity,
      atHours: c.atHours,
      fluid: { recovered: f.recovered, recoveryHours: f.recoveryHours },
      simulated: { recoveredShare: s.recoveredShare, recoveryHours: s.recoveryHours, runs: s.runs },
    };
  });
  return {
    horizonHours: horizon,
    runs: sim.runs,
    seed,
    cells,
    agreement: cells.filter((c) => c.agree).length / cells.length,
    recovery: rec,
  };
}
