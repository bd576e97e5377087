/**
 * Translate a scenario into the parameters of the two-tier overload simulation (src/cascade) and of the analytic
 * two-tier model (src/analytic).
 *
 * @module
 */
import { type OverloadParams, skype2010OverloadParams } from '../models/overload-params.ts';
import { parseCapacityLaw } from '../distributions/parse.ts';
import { checkNumber } from '../errors.ts';
import type { Scenario } from './schema.ts';

const inf = (x: number | null): number => (x === null ? Infinity : x);

/**
 * The overload-model settings a scenario does not control (reporting, not physics): the timeline sampling
 * (`sampleEvery` steps), the session length that normalises the login and traffic rates, and the online fractions
 * that define "recovered" (row 3: 80 %) and "collapsed" (50 %). Identical in `skype2010OverloadParams` and
 * `skype2007OverloadParams`.
 *
 * @category Running scenarios
 */
export const SCENARIO_REPORTING_DEFAULTS: Readonly<
  Pick<OverloadParams, 'sampleEvery' | 'normalSessionHours' | 'recoveryThreshold' | 'collapseThreshold'>
> = {
  sampleEvery: skype2010OverloadParams.sampleEvery,
  normalSessionHours: skype2010OverloadParams.normalSessionHours,
  recoveryThreshold: skype2010OverloadParams.recoveryThreshold,
  collapseThreshold: skype2010OverloadParams.collapseThreshold,
};

/**
 * The overload-model parameters of a scenario at a population scale.
 *
 * @param s - a validated scenario.
 * @param scale - population scale (1 = the scenario's full population; default the scenario's montecarlo.scale).
 * @returns OverloadParams. Every physical parameter comes from the scenario (the object is built field by field, so
 *   the type checker flags a new OverloadParams field that is not mapped); only the reporting settings the scenario
 *   does not control — `sampleEvery` (timeline resolution), `normalSessionHours` (rate normalisation),
 *   `recoveryThreshold` and `collapseThreshold` — are taken from {@link SCENARIO_REPORTING_DEFAULTS}. The host cache
 *   is capped at the scaled supernode count (a cache cannot hold more distinct supernodes than exist); `null`
 *   ("never", "no burst rule", "whole cache") becomes Infinity (resp. null for `probesPerAttempt`); the forced-loss
 *   client-crash ratio is the trigger's client crash share over its supernode crash share (2010: 0.20 / 0.275,
 *   rows 14–16).
 * @throws FragilityInputError `scale` outside (0, 1].
 *
 * @complexity O(1) plus one capacity-law parse.
 *
 * @model field-for-field copy (docs/scenarios.md lists the correspondence).
 *
 * @references calibration table rows 1–24.
 *
 * @example
 * ```ts
 * const p = scenarioToOverloadParams(loadScenario('skype-2010'), 0.002);
 * simulateOverload(p, { seed: 1 });
 * ```
 *
 * @category Running scenarios
 */
export function scenarioToOverloadParams(s: Scenario, scale = s.montecarlo.scale): OverloadParams {
  checkNumber('scale', scale, 1e-9, 1);
  const S = Math.max(1, Math.round(s.overlay.supernodes * scale));
  const clientShare = s.trigger.buggyShare * s.trigger.clientCrashProb;
  const r = SCENARIO_REPORTING_DEFAULTS;
  return {
    scale,
    clients: s.overlay.clients,
    supernodes: s.overlay.supernodes,
    cacheSize: Math.min(s.overlay.cacheSize, S),
    probesPerAttempt: s.clients.probesPerAttempt,
    durationHours: s.montecarlo.durationHours,
    stepSeconds: s.montecarlo.stepSeconds,
    sampleEvery: r.sampleEvery,
    headroom: parseCapacityLaw(s.supernodes.headroom),
    loginCost: s.supernodes.loginCost,
    loadWindowSeconds: s.supernodes.loadWindowSeconds,
    refuseCostFactor: s.supernodes.refuseCostFactor,
    burstFactor: inf(s.supernodes.burstFactor),
    trigger: {
      buggyShare: s.trigger.buggyShare,
      crashProbability: s.trigger.clientCrashProb,
      supernodeCrashShare: s.trigger.supernodeCrashShare,
      durationMinutes: s.trigger.durationMinutes,
      autoUpdateCoverage: s.levers.autoUpdateCoverage,
    },
    restart: {
      probability: s.clients.restartProb,
      medianSeconds: s.clients.restartMedianSeconds,
      sigma: s.clients.restartSigma,
      crashedReturnHours: inf(s.clients.crashedReturnHours),
    },
    detection: { medianSeconds: s.clients.detectionMedianSeconds, sigma: s.clients.detectionSigma },
    retry: { ...s.clients.retry },
    maxAttempts: inf(s.clients.maxAttempts),
    goneReturnHours: inf(s.clients.goneReturnHours),
    rejoin: { minMinutes: s.supernodes.rejoinMinutes.min, maxMinutes: s.supernodes.rejoinMinutes.max },
    admission: s.supernodes.admission,
    mega: {
      waves: s.levers.megaSupernodes.waves.map((w) => ({ ...w })),
      capacityClients: s.levers.megaSupernodes.capacityClients,
      loginCostFactor: s.levers.megaSupernodes.loginCostFactor,
      share: s.levers.megaSupernodes.share,
      withdrawAtHours: inf(s.levers.megaSupernodes.withdrawAtHours),
      withdrawFraction: s.levers.megaSupernodes.withdrawFraction,
      withdrawOverHours: s.levers.megaSupernodes.withdrawOverHours,
      ...(s.levers.megaSupernodes.admitPerSecond != null
        ? { admitPerSecond: s.levers.megaSupernodes.admitPerSecond }
        : {}),
    },
    shedding: { atHours: inf(s.levers.shedding.atHours), loginCostFactor: s.levers.shedding.loginCostFactor },
    normalSessionHours: r.normalSessionHours,
    recoveryThreshold: r.recoveryThreshold,
    collapseThreshold: r.collapseThreshold,
    forcedLoss: null,
    forcedClientCrashRatio: s.trigger.supernodeCrashShare > 0 ? clientShare / s.trigger.supernodeCrashShare : 0,
    // the issue-16 mechanisms (rows 27–30): present only when the scenario sets them
    ...(s.clients.abandon ? { abandon: { ...s.clients.abandon } } : {}),
    ...(s.supernodes.promotionMeanHours != null ? { promotion: { meanHours: s.supernodes.promotionMeanHours } } : {}),
  };
}
