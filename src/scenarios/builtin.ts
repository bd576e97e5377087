/**
 * The built-in scenarios `skype-2010` and `skype-2007`. Every default is traced to a row of the calibration table
 * (docs/reference/skype-calibration.md, section 6, "row N"); the model values are read from the fitted presets of
 * issue 16 (`skype2010CalibratedParams`, the 2010 timeline fit, and `skype2007PredictedParams`, 2007 predicted from
 * it without refitting; src/models/overload-params.ts), so the scenario and the simulation cannot drift apart, and
 * the observed points are the fit's own data (src/models/overload-observations.ts, range = ± 1 σ of the fit).
 * docs/scenarios.md lists every field with its source column.
 *
 * @module
 */
import { skype2007PredictedParams, skype2010CalibratedParams, type OverloadParams } from '../models/overload-params.ts';
import {
  SKYPE_2007_OBSERVATIONS,
  SKYPE_2010_OBSERVATIONS,
  type OverloadObservation,
} from '../models/overload-observations.ts';
import type { Scenario } from './schema.ts';

/** Infinity (not JSON) → null ("never"). */
const never = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Supernode-loss grid of the connectivity comparison: 0, 0.025, …, 1 (41 points). */
const CONNECTIVITY_GRID = Array.from({ length: 41 }, (_, i) => i / 40);

function fromParams(p: OverloadParams) {
  return {
    trigger: {
      buggyShare: p.trigger.buggyShare,
      clientCrashProb: p.trigger.crashProbability,
      supernodeCrashShare: p.trigger.supernodeCrashShare,
      durationMinutes: p.trigger.durationMinutes,
    },
    clients: {
      restartProb: p.restart.probability,
      restartMedianSeconds: p.restart.medianSeconds,
      restartSigma: p.restart.sigma,
      crashedReturnHours: never(p.restart.crashedReturnHours),
      detectionMedianSeconds: p.detection.medianSeconds,
      detectionSigma: p.detection.sigma,
      retry: { ...p.retry },
      maxAttempts: Number.isFinite(p.maxAttempts) ? p.maxAttempts : null,
      goneReturnHours: never(p.goneReturnHours),
      probesPerAttempt: p.probesPerAttempt,
      ...(p.abandon ? { abandon: { ...p.abandon } } : {}),
    },
    supernodes: {
      headroom: p.headroom.spec,
      loginCost: p.loginCost,
      rejoinMinutes: { min: p.rejoin.minMinutes, max: p.rejoin.maxMinutes },
      admission: p.admission,
      loadWindowSeconds: p.loadWindowSeconds,
      burstFactor: never(p.burstFactor),
      refuseCostFactor: p.refuseCostFactor,
      ...(p.promotion ? { promotionMeanHours: p.promotion.meanHours } : {}),
    },
    levers: {
      autoUpdateCoverage: p.trigger.autoUpdateCoverage,
      megaSupernodes: {
        waves: p.mega.waves.map((w) => ({ ...w })),
        capacityClients: p.mega.capacityClients,
        loginCostFactor: p.mega.loginCostFactor,
        share: p.mega.share,
        withdrawAtHours: never(p.mega.withdrawAtHours),
        withdrawFraction: p.mega.withdrawFraction,
        withdrawOverHours: p.mega.withdrawOverHours,
        ...(p.mega.admitPerSecond !== undefined && Number.isFinite(p.mega.admitPerSecond)
          ? { admitPerSecond: p.mega.admitPerSecond }
          : {}),
      },
      shedding: { atHours: never(p.shedding.atHours), loginCostFactor: p.shedding.loginCostFactor },
    },
  };
}

/**
 * The fit's observations as scenario points: the window (`tEnd`) kept, the range = observed ± σ (σ: half the reported
 * range, or ±0.05 for "about" figures; src/models/overload-observations.ts), so the report's residuals in σ are the
 * fit's.
 */
function observedFrom(obs: readonly OverloadObservation[]): Scenario['observed'] {
  return obs.map((o) => ({
    t: o.t,
    ...(o.tEnd !== undefined ? { tEnd: o.tEnd } : {}),
    online: o.online,
    lo: Math.max(0, o.online - o.sigma),
    hi: o.online + o.sigma,
    label: o.label,
  }));
}

const P10 = skype2010CalibratedParams;
const base10 = fromParams(P10);
/** Total mega-supernodes of the 2010 waves (row 22: "hundreds"). */
const MEGA_TOTAL_2010 = P10.mega.waves.reduce((s, w) => s + w.count, 0);

/**
 * The December 2010 Skype outage (22–24 Dec 2010, T = 22 Dec 16:30 UTC, row 3).
 *
 * Sources by field (rows of the calibration table; values from `skype2010CalibratedParams`, which is
 * `skype2010OverloadParams` with the issue-16 mechanisms fitted to the observed timeline):
 * - overlay: clients 21 M (row 1), supernodes 26 000 (row 4; 21 M / 800, row 6), core law poisson(32) (row 8: mean
 *   SN–SN degree 32, LimeWire analogue; Poisson spread for churn — L), host cache 50 (row 7: ≤ 200 addresses; 50
 *   reachable — L), uniform choice (row 7: one active upstream SN).
 * - trigger: 50 % on 5.0.0152 (row 14), 40 % of them crash (row 15), 27.5 % of supernodes (row 16, 25–30 %),
 *   27 min (row 17, 15–30 min).
 * - clients: restart p 0.8, median 60 s, σ 1 (row 20), the others back after ≈ 1.1 h (L); retry fixed 5–10 s ± 10 %
 *   (row 21); give up after 4 tries (row 20: 3–5), start over after ≈ 14 min (L); keep-alive detection median 310 s
 *   (row 7, L); 9 host-cache entries probed per login attempt (`probesPerAttempt`, row 7: 7 bootstrap SNs — L).
 * - supernodes: headroom α ~ log-normal, median 0.5 (row 9), σ 1.04 (L); hard self-shutdown (row 10) on a 220-s
 *   load average (`loadWindowSeconds`, L), instantly above 4.2 × capacity (`burstFactor`, L), refusals cost 0.96 of
 *   a login (`refuseCostFactor`, L), new clients refused above 96 % of capacity (L); re-entry 30–120 min (row 18);
 *   login cost 38 (row 19, calibrated — L).
 * - issue-16 mechanisms (fitted, docs/reference/skype-calibration.md section 8): 0.64 % of the give-ups are users who
 *   close Skype and come back after ≈ 16 h (row 27); a supernode whose re-entry lag is over is re-promoted with
 *   hazard online/0.349 h (row 28); no admission limit at mega-supernodes (row 29).
 * - levers: no auto-update (row 14), mega-supernodes 80 at T+2 h and 273 from T+16 h ramped in over 12 h (rows 22,
 *   30; fitted — start and ramp at the upper ends of their ranges), 45 k clients each
 *   (row 23), their login work not counted against that capacity (`loginCostFactor` 0, row 23: dedicated servers,
 *   exempt from the self-shutdown rule — L), 9 % of attempts sent to them (L), 80 % withdrawn from T+40 h over 12 h
 *   (row 24), feature shedding at T+3 h, login cost × 0.8 (row 24).
 * - observed: the 7 points of the fit (rows 2–3, `SKYPE_2010_OBSERVATIONS`); reported loss 25–30 % (row 16).
 *
 * @category Scenario files
 */
export const skype2010Scenario: Scenario = {
  name: 'skype-2010',
  description:
    'December 2010 Skype outage: Windows client 5.0.0152 crashed on delayed offline-IM replies, taking 25–30 % of the supernodes with it; ' +
    'the restart storm overloaded the survivors until mega-supernodes were added.',
  onset: '2010-12-22T16:30:00Z', // row 3 (T = 16:30 UTC, 22 Dec)
  overlay: {
    clients: P10.clients, // row 1 (20–23 M, default 21 M)
    supernodes: P10.supernodes, // row 4 (25–30 k; 21 M / 800, row 6)
    coreLaw: 'poisson(32)', // row 8 (mean 32, LimeWire analogue; sweep 8–64 — L)
    cacheSize: P10.cacheSize, // row 7 (host cache ≤ 200 SN addresses)
    choice: 'uniform', // row 7 (one active upstream SN among the cached)
  },
  ...base10, // trigger rows 14–17, clients rows 7/20/21, supernodes rows 9/10/18/19, levers rows 14/22–24
  whatIf: [
    { name: 'as it happened (2010)', description: 'the scenario unchanged (baseline)', set: {} },
    {
      name: 'auto-update 50 %',
      description: 'half of the buggy clients and supernodes updated to 5.0.0.156 before T (row 14)',
      set: { levers: { autoUpdateCoverage: 0.5 } },
    },
    {
      name: 'auto-update 90 %',
      description: '90 % updated before T (row 14)',
      set: { levers: { autoUpdateCoverage: 0.9 } },
    },
    {
      name: 'auto-update 100 %',
      description: 'every client updated before T: no trigger (row 14)',
      set: { levers: { autoUpdateCoverage: 1 } },
    },
    {
      name: 'headroom alpha = 1',
      description: 'capacity C = 2·L0 on average (row 9 sweep 0.2–1.0): uniform(0.5,1.5)',
      set: { supernodes: { headroom: 'uniform(0.5,1.5)' } },
    },
    {
      name: 'headroom alpha = 3',
      description: 'capacity C = 4·L0 on average: uniform(1.5,4.5)',
      set: { supernodes: { headroom: 'uniform(1.5,4.5)' } },
    },
    {
      name: 'retry: exp. backoff + full jitter',
      description: 'AWS full jitter, base 1 s, cap 300 s, 12 attempts before giving up (instead of 4) (row 21, [S17])',
      set: {
        clients: { retry: { kind: 'exponential-full-jitter', baseSeconds: 1, capSeconds: 300 }, maxAttempts: 12 },
      },
    },
    {
      name: 'retry: gRPC backoff',
      description: 'gRPC connection backoff 1 s × 1.6, ±20 %, cap 120 s, 12 attempts (row 21, [S17])',
      set: {
        clients: {
          retry: { kind: 'grpc', initialSeconds: 1, multiplier: 1.6, jitter: 0.2, maxSeconds: 120 },
          maxAttempts: 12,
        },
      },
    },
    {
      name: 'retry: fixed 5–10 s, 12 tries',
      description:
        'control for the two backoff what-ifs: the 2010 fixed policy with their budget of 12 attempts, so that policy and attempt budget can be told apart (row 21)',
      set: { clients: { maxAttempts: 12 } },
    },
    {
      name: 'no mega-supernodes',
      description: 'no dedicated supernodes added (rows 22–23)',
      set: { levers: { megaSupernodes: { waves: [] } } },
    },
    {
      name: 'mega-supernodes early (all at T+1 h)',
      description: `the same ${MEGA_TOTAL_2010} mega-supernodes, all in service at T+1 h (no ramp) (rows 22, 30)`,
      set: { levers: { megaSupernodes: { waves: [{ atHours: 1, count: MEGA_TOTAL_2010 }] } } },
    },
    {
      name: 'mega-supernodes ×2',
      description: 'twice as many, same timing and ramp (row 22: press said "thousands")',
      set: { levers: { megaSupernodes: { waves: P10.mega.waves.map((w) => ({ ...w, count: 2 * w.count })) } } },
    },
  ],
  montecarlo: {
    scale: 0.02, // 420 k clients, 520 supernodes: `npm start` in well under 2 minutes on 2 cores
    durationHours: P10.durationHours, // row 3 (normal by ≈ T+48 h)
    stepSeconds: P10.stepSeconds,
    timelineRuns: 4,
    whatIfRuns: 2,
    collapse: { runs: 10, losses: [0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3], durationHours: 3 }, // the fixed grid is illustrative now: the threshold comes from the adaptive design
    phase: {
      runs: 2,
      losses: [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6],
      headrooms: [0.25, 0.5, 1, 1.5, 2, 3, 4, 6],
    },
    connectivity: { runs: 20, grid: CONNECTIVITY_GRID, minSupernodes: 2000, maxClients: 20_000 },
  },
  observed: observedFrom(SKYPE_2010_OBSERVATIONS), // rows 2–3, 25 (the fit's data)
  reportedLoss: [0.25, 0.3], // row 16
};

const P07 = skype2007PredictedParams;

/**
 * The August 2007 Skype outage (16–18 Aug 2007, row 26): synchronised reboots after Patch Tuesday, supernode
 * re-promotion broken under load, fixed by a forced supernode increase. Onset T = 16 Aug 2007 14:00 UTC (L: the
 * network degraded gradually from 15 Aug; the trough of 149,608 online was seen at 22:15 UTC).
 *
 * Values from `skype2007PredictedParams` (issue 16, out of sample): every rule the two events share — supernode
 * headroom, login cost, load window, burst and refusal rules, probes per attempt, client retries and give-ups, and
 * the issue-16 mechanisms (rows 27–30) — is the 2010 fit's; only what is specific to 2007 comes from
 * `skype2007OverloadParams` (row 26): population, the reboot trigger (30 % of machines and supernode hosts within
 * 60 min — L, chosen after seeing that 120 min does not collapse the 2010-fitted network; disclosed in the preset),
 * the reboot's restart (Skype autostarts), re-promotion broken under load (re-entry 20–40 h) and the forced
 * supernodes (300 at T+22 h and T+30 h, 10 k clients each, never withdrawn). No feature shedding.
 *
 * @category Scenario files
 */
export const skype2007Scenario: Scenario = {
  name: 'skype-2007',
  description:
    'August 2007 Skype outage: a massive synchronised restart after Windows Update met a supernode-allocation bug; ' +
    'the network stayed down for about two days until the supernode count was forcibly increased.',
  onset: '2007-08-16T14:00:00Z', // row 26 (L)
  overlay: {
    clients: P07.clients, // row 26 (5–9 M online)
    supernodes: P07.supernodes, // rows 5–6 (< 1 %, 800 clients per SN)
    coreLaw: 'poisson(32)', // row 8
    cacheSize: P07.cacheSize, // row 7
    choice: 'uniform', // row 7
  },
  ...fromParams(P07), // row 26 (trigger, re-promotion lag, forced supernode increase)
  whatIf: [
    { name: 'as it happened (2007)', description: 'the scenario unchanged (baseline)', set: {} },
    {
      name: 'working re-promotion',
      description: 'supernode re-entry 30–120 min as in 2010 (rows 18, 26)',
      set: { supernodes: { rejoinMinutes: { min: 30, max: 120 } } },
    },
    {
      name: 'staggered reboots (12 h)',
      description: 'the same reboots spread over 12 h (row 26)',
      set: { trigger: { durationMinutes: 720 } },
    },
    {
      name: 'retry: exp. backoff + full jitter',
      description: 'AWS full jitter (row 21)',
      set: {
        clients: { retry: { kind: 'exponential-full-jitter', baseSeconds: 1, capSeconds: 300 }, maxAttempts: 12 },
      },
    },
    {
      name: 'forced supernodes at T+6 h',
      description: 'the forced supernode increase 16 h earlier (row 26)',
      set: {
        levers: {
          megaSupernodes: {
            waves: [
              { atHours: 6, count: 300 },
              { atHours: 14, count: 300 },
            ],
          },
        },
      },
    },
  ],
  montecarlo: {
    scale: 0.05, // 350 k clients, 438 supernodes
    durationHours: P07.durationHours, // row 25 (≈ 2 days)
    stepSeconds: P07.stepSeconds,
    timelineRuns: 4,
    whatIfRuns: 2,
    collapse: { runs: 20, losses: [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5], durationHours: 3 },
    phase: { runs: 2, losses: [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.6], headrooms: [0.25, 0.5, 1, 2, 3, 4] },
    connectivity: { runs: 20, grid: CONNECTIVITY_GRID, minSupernodes: 2000, maxClients: 20_000 },
  },
  observed: observedFrom(SKYPE_2007_OBSERVATIONS), // rows 25–26 [S4] (not fitted: the prediction is judged on them)
  reportedLoss: [P07.trigger.supernodeCrashShare, P07.trigger.supernodeCrashShare], // row 26 (no published figure — L)
};

/**
 * Built-in scenarios by name.
 *
 * @category Scenario files
 */
export const BUILTIN_SCENARIOS: Readonly<Record<string, Scenario>> = {
  'skype-2010': skype2010Scenario,
  'skype-2007': skype2007Scenario,
};
