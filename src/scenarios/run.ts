/**
 * Run a scenario end to end: the connectivity of the two-tier overlay (analytic and Monte Carlo), the overload
 * cascade (mean field and simulation), the timeline against the observed points, the critical supernode loss both
 * ways, a verdict on the reported loss, and the what-if table.
 *
 * @module
 */
import type { TwoTierRunIdentity } from '../compare/two-tier.ts';
import { fluidCriticalLoss, fluidOverload } from '../analytic/overload-fluid.ts';
import { simulateOverload, type OverloadResult } from '../cascade/overload-model.ts';
import { simulatedCriticalLoss, type SimulatedCriticalLoss } from '../cascade/overload-threshold.ts';
import { compareMetastability, type MetastabilityComparison } from '../compare/overload-metastability.ts';
import { STATIC_BOUND_NOTE } from '../compare/overload-threshold.ts';
import { uniformCapacity } from '../distributions/uniform-capacity.ts';
import { withOverloadParams } from '../models/overload-params.ts';
import {
  compareOverload,
  compareOverloadPhase,
  phaseRows,
  type OverloadComparison,
  type OverloadPhaseComparison,
} from '../compare/overload.ts';
import { collapseRunFamilies, type OverloadSimulator } from '../cascade/overload-collapse.ts';
import type { OverloadParams } from '../models/overload-params.ts';
import { compareTwoTier, type TwoTierComparison, type TwoTierReplicate } from '../compare/two-tier.ts';
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import { validateOverloadParams } from '../cascade/overload-params.ts';
import { applyWhatIf } from './load.ts';
import type { Scenario } from './schema.ts';
import { scenarioToOverloadParams } from './to-params.ts';

/**
 * Options of {@link runScenario}.
 *
 * @category Running scenarios
 */
export interface RunScenarioOptions {
  /** Seed (default 1). Every part derives its own seed from it. */
  seed?: number;
  /** Population scale (1 = the scenario's full population; default the scenario's montecarlo.scale). */
  scale?: number;
  /** Progress messages (one short line per stage). */
  onProgress?: (message: string) => void;
  /**
   * The metastability map and recovery cases (default: the scenario's montecarlo.metastability, else
   * METASTABILITY_LOSSES, METASTABILITY_HEADROOM_SCALES, METASTABILITY_INJECTION_HOURS). Each map cell costs a 24-h
   * fluid run and a 24-h simulation.
   */
  metastability?: { losses?: number[]; headroomScales?: number[]; injectionHours?: number[] };
  /**
   * Who runs the simulations of the run families ({@link scenarioRunFamilies}: timeline, what-ifs, collapse curve,
   * phase diagram); default simulateOverload. `fragility merge` passes the merged runs of a sharded scenario, `--queue`
   * the runs computed by the workers: the same values, so the same result.
   */
  simulate?: OverloadSimulator;
  /**
   * Who computes the connectivity replicates (default compareTwoTier itself): replicate r of the ensemble with these
   * options ({@link scenarioConnectivity}); the merged runs of a sharded scenario, or the queue's.
   */
  twoTierReplicate?: (options: ScenarioConnectivityOptions, r: number) => TwoTierReplicate;
}

/**
 * The options of one of a scenario's connectivity ensembles (plain JSON; with `runs`, compareTwoTier's options): the
 * identity of the queue's and the shards' {@link TwoTierRunIdentity | two-tier run family}, one type for both.
 *
 * @category Running scenarios
 */
export type ScenarioConnectivityOptions = TwoTierRunIdentity;

/**
 * The two connectivity ensembles of a scenario (random loss, then targeted): their options and replicates.
 *
 * @param scenario - a validated scenario.
 * @param seed - the scenario's seed.
 * @param scale - the population scale.
 * @returns `[random, attack]`.
 *
 * @complexity O(|grid|).
 *
 * @model max(S·scale, connectivity.minSupernodes) supernodes, min(C·scale, connectivity.maxClients) clients, seeds
 * seed + 2 and seed + 3 (see runScenario).
 *
 * @references —
 *
 * @example
 * ```ts
 * scenarioConnectivity(loadScenario('skype-2010'), 1, 0.02)[1].options.removal; // 'attack'
 * ```
 *
 * @category Running scenarios
 */
export function scenarioConnectivity(
  scenario: Scenario,
  seed: number,
  scale: number,
): { options: ScenarioConnectivityOptions; runs: number }[] {
  const mc = scenario.montecarlo;
  const S = Math.round(scenario.overlay.supernodes * scale);
  const C = Math.round(scenario.overlay.clients * scale);
  const Sc = Math.max(S, mc.connectivity.minSupernodes);
  const Cc = Math.max(1, Math.min(C, mc.connectivity.maxClients));
  const base = {
    coreLaw: scenario.overlay.coreLaw,
    cacheSize: Math.min(scenario.overlay.cacheSize, Sc),
    supernodes: Sc,
    clients: Cc,
    choice: scenario.overlay.choice,
    grid: [...mc.connectivity.grid],
  };
  return [
    { options: { ...base, removal: 'random', seed: seed + 2 }, runs: mc.connectivity.runs },
    { options: { ...base, removal: 'attack', seed: seed + 3 }, runs: mc.connectivity.runs },
  ];
}

/**
 * One run family of a scenario: `runs` simulations of `params` with stream indices first … first + runs − 1 of
 * `seed` (simulateOverload(params, { seed, index })).
 *
 * @category Running scenarios
 */
export interface ScenarioRunFamily {
  label: string;
  params: OverloadParams;
  seed: number;
  first: number;
  runs: number;
}

/**
 * One sample of the mean timeline.
 *
 * @category Running scenarios
 */
export interface ScenarioTimelinePoint {
  /** Hours since the trigger onset. */
  t: number;
  /** Mean online fraction over the timeline runs. */
  online: number;
  /** Lowest and highest online fraction over the runs. */
  onlineMin: number;
  onlineMax: number;
  /** Mean fraction of ordinary supernodes up. */
  supernodesUp: number;
  /** Mean number of mega-supernodes up (at the simulated scale). */
  megaUp: number;
}

/**
 * One row of the what-if table.
 *
 * @category Running scenarios
 */
export interface WhatIfOutcome {
  name: string;
  description?: string;
  /** Mean over the runs of the minimum online fraction. */
  minOnlineFraction: number;
  /** Fraction of runs that collapsed (minimum online < 50 %). */
  collapseFraction: number;
  /** Whether every run recovered (online >= the recovery threshold from some time to the end). */
  recovered: boolean;
  /** Median recovery time over the runs that recovered (hours after T), null if none did. */
  recoveryHours: number | null;
  /**
   * Mean peak login rate (× normal): requests that reached up supernodes (accepted or refused) — the quantity the
   * reported ≈100× describes (row 19; the 2010 calibration matches it, see skype2010OverloadParams).
   */
  peakLoginRate: number;
  /**
   * Mean peak attempt traffic (× normal): every login/search request sent to a host-cache address, including the
   * probes of entries that are down (which reach no supernode) — an upper bound on the supernode traffic.
   */
  peakTrafficRate: number;
}

/**
 * Result of {@link runScenario} (the CLI's JSON: the contract fields first, then extras).
 *
 * @category Running scenarios
 */
export interface ScenarioResult {
  scenario: string;
  seed: number;
  /**
   * The overload critical supernode loss (the threshold the scenario is about): `analytic` = the fluid limit of the
   * overload model (fluidCriticalLoss, to 1e-4), `montecarlo` and `ci` = the adaptive simulated 50 %-collapse loss
   * and its 95 % profile-likelihood interval (simulatedCriticalLoss; `method`, `runs`, `halfWidth`, `targetMet`),
   * `staticBound` = the static equal-load-sharing mean field, kept as a labelled bound.
   */
  threshold: {
    analytic: number | null;
    montecarlo: number | null;
    ci: [number | null, number | null];
    kind: 'overload';
    method: 'probit-sequential' | 'probit-grid';
    ciMethod: string;
    runs: number;
    rounds: number;
    halfWidth: number;
    targetMet: boolean;
    analyticMethod: 'fluid-limit';
    analyticReason?: string;
    montecarloReason?: string;
    staticBound: { value: number | null; reason?: string; note: string };
  };
  /** The adaptive simulated threshold in full (design points per loss, transition width). */
  adaptiveThreshold: SimulatedCriticalLoss;
  /** The fluid-limit timeline of the scenario (same parameters, no seed), thinned like the simulated one. */
  fluidTimeline: { t: number; online: number; supernodesUp: number }[];
  /** Fluid collapse boundary over the phase diagram's headrooms (uniform(α/2, 3α/2)): f_c(α) or null. */
  fluidPhaseBoundary: { headroom: number; fC: number | null; reason?: string }[];
  /** Metastability map and recovery, fluid and simulated side by side. */
  metastability: MetastabilityComparison;
  /** Mean timeline over the timeline runs. */
  timeline: ScenarioTimelinePoint[];
  /** Mean over the timeline runs of each run's minimum online fraction. */
  minOnlineFraction: number;
  /** True when every timeline run recovered. */
  recovered: boolean;
  whatIf: WhatIfOutcome[];
  // ---- extras ----
  scale: number;
  population: { clients: number; supernodes: number; megaSupernodes: number };
  /** The connectivity critical supernode loss (random loss): branching theory vs sweeps; and for a targeted loss. */
  connectivityThreshold: {
    analytic: number | null;
    /** Null when the simulated core has no giant component even intact (see `reason`). */
    montecarlo: number | null;
    ci: [number, number];
    /** Why there is no connectivity threshold (a core without a giant component), when there is none. */
    reason?: string;
    attack: { analytic: number | null; montecarlo: number | null; ci: [number, number]; reason?: string };
  };
  /** Minimum-online time and recovery time of the timeline runs. */
  minOnlineAtHours: number;
  recoveryHours: number | null;
  /** Mean over the timeline runs of the peak login rate (requests reaching up supernodes, × normal; row 19's ≈100×). */
  peakLoginRate: number;
  /** Mean over the timeline runs of the peak attempt traffic including probes of down cache entries (× normal). */
  peakTrafficRate: number;
  /** Mean time (hours after T) of the traffic peak. */
  peakTrafficRateAtHours: number;
  reportedLoss: [number, number];
  verdict: string;
  observed: Scenario['observed'];
  connectivity: { random: TwoTierComparison; attack: TwoTierComparison };
  overload: OverloadComparison;
  phase: OverloadPhaseComparison;
  /** Seconds spent per stage. */
  timings: Record<string, number>;
}

/**
 * Trigger sizes of the metastability map (forced initial supernode losses).
 *
 * @category Running scenarios
 */
export const METASTABILITY_LOSSES = [0.05, 0.1, 0.2, 0.3];
/**
 * Headroom scale factors of the metastability map (α → k·α).
 *
 * @category Running scenarios
 */
export const METASTABILITY_HEADROOM_SCALES = [1, 4];
/**
 * Injection times (hours after T) of the recovery cases (all of the scenario's mega-supernodes at once).
 *
 * @category Running scenarios
 */
export const METASTABILITY_INJECTION_HOURS = [2, 16];

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function runMany(
  params: ReturnType<typeof scenarioToOverloadParams>,
  runs: number,
  seed: number,
  sim: OverloadSimulator,
): OverloadResult[] {
  const out: OverloadResult[] = [];
  for (let r = 0; r < runs; r++) out.push(sim(params, { seed, index: r }));
  return out;
}

/** The checks runScenario makes before any work (issue 14): the population at this scale and every what-if's model. */
function checkScenarioModels(scenario: Scenario, scale: number): void {
  const S = Math.round(scenario.overlay.supernodes * scale);
  if (S < 1) checkInteger('supernodes after scaling', S, 1);
  // each what-if's model at this scale (a what-if may shrink the population below one supernode once scaled, or
  // break a model bound), named by its full path
  scenario.whatIf.forEach((w, i) => {
    try {
      validateOverloadParams(scenarioToOverloadParams(applyWhatIf(scenario, i), scale));
    } catch (err) {
      if (!(err instanceof FragilityInputError)) throw err;
      throw new FragilityInputError(
        `scenario.whatIf[${i}].set → model ${err.field}`,
        err.value,
        err.allowed,
        `what-if "${w.name}" at scale ${scale}`,
      );
    }
  });
}

/**
 * The run families of {@link runScenario} — its parts made of a fixed number of seeded simulations: the timeline
 * runs, the collapse-probability curve (one family per loss), the phase diagram (one per headroom and loss) and the
 * what-ifs (one per what-if). runScenario runs exactly these (through `opts.simulate`); its connectivity ensembles
 * are {@link scenarioConnectivity} (through `opts.twoTierReplicate`); the other parts (adaptive threshold, fluid
 * limits, metastability) are computed by runScenario itself.
 *
 * @param scenario - a validated scenario.
 * @param opts - seed and scale (as runScenario).
 * @returns the families, in the order runScenario uses them.
 * @throws FragilityInputError as runScenario for seed, scale and the what-ifs' models.
 *
 * @complexity O(number of families).
 *
 * @model see runScenario: timeline seed, collapse seed + 1, phase seed + 4 (row j: + 7919·(j + 1)), what-ifs seed + 5.
 *
 * @references —
 *
 * @example
 * ```ts
 * scenarioRunFamilies(loadScenario('skype-2010'), { seed: 1, scale: 0.002 }).map((f) => f.label);
 * ```
 *
 * @category Running scenarios
 */
export function scenarioRunFamilies(
  scenario: Scenario,
  opts: Pick<RunScenarioOptions, 'seed' | 'scale'> = {},
): ScenarioRunFamily[] {
  const seed = checkInteger('seed', opts.seed ?? 1, -(2 ** 53 - 1), 2 ** 53 - 1);
  const scale = checkNumber('scale', opts.scale ?? scenario.montecarlo.scale, 1e-6, 1);
  const mc = scenario.montecarlo;
  const params = scenarioToOverloadParams(scenario, scale);
  checkScenarioModels(scenario, scale); // the same checks as runScenario, before a shard runs anything
  const dur = { durationHours: mc.collapse.durationHours };
  return [
    { label: 'timeline', params, seed, first: 0, runs: mc.timelineRuns },
    ...collapseRunFamilies(params, mc.collapse.losses, { runs: mc.collapse.runs, seed: seed + 1, ...dur }).map((f) => ({
      label: `collapse loss ${f.loss}`,
      ...f,
    })),
    ...phaseRows(params, { headrooms: mc.phase.headrooms, seed: seed + 4 }).flatMap((row) =>
      collapseRunFamilies(row.params, mc.phase.losses, { runs: mc.phase.runs, seed: row.seed, ...dur }).map((f) => ({
        label: `phase headroom ${row.headroom} loss ${f.loss}`,
        ...f,
      })),
    ),
    ...scenario.whatIf.map((w, i) => ({
      label: `what-if ${w.name}`,
      params: scenarioToOverloadParams(applyWhatIf(scenario, i), scale),
      seed: seed + 5,
      first: 0,
      runs: mc.whatIfRuns,
    })),
  ].map(({ label, params: p, seed: s, first, runs }) => ({ label, params: p, seed: s, first, runs }));
}

const pct = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(digits)} %`;
const ciText = (ci: [number | null, number | null]): string =>
  `[${ci[0] === null ? '?' : pct(ci[0])}, ${ci[1] === null ? '?' : pct(ci[1])}]`;

/**
 * The verdict on the reported supernode loss, every number computed.
 *
 * @param reported - the reported loss [lo, hi].
 * @param conn - connectivity threshold (random loss): analytic and simulated with CI; `reason` when there is none.
 * @param over - overload threshold: fluid limit and simulated with CI.
 * @returns one paragraph.
 *
 * @complexity O(1).
 *
 * @model "below" the connectivity threshold when the reported upper loss is below the analytic (else simulated)
 * f_c; "past" the overload threshold when the reported lower loss exceeds the simulated (else fluid) f_c,
 * "below" when the upper loss is under it, "around" otherwise.
 *
 * @references —.
 *
 * @example
 * ```ts
 * scenarioVerdict([0.25, 0.3], { analytic: 0.97, montecarlo: 0.955, ci: [0.95, 0.96] }, { analytic: 0.014, montecarlo: 0.008, ci: [0.007, 0.009] });
 * // "A 25–30 % supernode loss is far below the connectivity threshold (...) — load, not connectivity, took the network down."
 * ```
 *
 * @category Running scenarios
 */
export function scenarioVerdict(
  reported: [number, number],
  conn: { analytic: number | null; montecarlo: number | null; ci: [number, number]; reason?: string },
  over: { analytic: number | null; montecarlo: number | null; ci: [number | null, number | null] },
): string {
  const [lo, hi] = reported;
  const loss = lo === hi ? pct(lo, 0) : `${(100 * lo).toFixed(0)}–${(100 * hi).toFixed(0)} %`;
  // A core without a giant component has no connectivity threshold to be below: say so, with the reason, rather
  // than compare the loss with a placeholder (issue 14: "far below the connectivity threshold (100 %)").
  const connRef = conn.reason !== undefined ? null : (conn.analytic ?? conn.montecarlo);
  const overRef = over.montecarlo ?? over.analytic;
  const connPart =
    connRef === null
      ? `not judged against connectivity: the overlay has no connectivity threshold (${conn.reason ?? 'neither theory nor simulation locates one'})`
      : hi < connRef
        ? `far below the connectivity threshold (f_c ≈ ${pct(conn.analytic)} analytic, ${pct(conn.montecarlo)} ${ciText(conn.ci)} simulated)`
        : `at or past the connectivity threshold (f_c ≈ ${pct(conn.analytic)} analytic, ${pct(conn.montecarlo)} ${ciText(conn.ci)} simulated)`;
  const overText = `f_c ≈ ${pct(over.analytic)} fluid limit, ${pct(over.montecarlo)} ${ciText(over.ci)} simulated 50 %-collapse point`;
  let overPart: string;
  let cause: string;
  if (overRef === null) {
    overPart = `the overload threshold could not be located (${overText})`;
    cause = '';
  } else if (lo > overRef) {
    overPart = `past the overload threshold (${overText})`;
    cause =
      connRef !== null && hi < connRef
        ? ' — load, not connectivity, took the network down.'
        : ' — both load and connectivity fail.';
  } else if (hi < overRef) {
    overPart = `below the overload threshold (${overText})`;
    cause = ' — by this model the loss alone should not have collapsed the network.';
  } else {
    overPart = `around the overload threshold (${overText})`;
    cause = ' — the network sat at the edge of an overload collapse.';
  }
  if (connRef === null) {
    // No connectivity threshold: judge the loss by load alone and say why connectivity is left out.
    const overOnly =
      overRef === null
        ? '.'
        : lo > overRef
          ? ' — load took the network down.'
          : hi < overRef
            ? ' — by this model the loss alone should not have collapsed the network.'
            : ' — the network sat at the edge of an overload collapse.';
    return `A ${loss} supernode loss cannot be judged against connectivity: the overlay has no connectivity threshold (${conn.reason ?? 'neither theory nor simulation locates one'}). It is ${overPart}${overOnly}`;
  }
  return `A ${loss} supernode loss is ${connPart} but ${overPart}${cause}`;
}

/**
 * Run a scenario.
 *
 * @param scenario - a validated scenario (see loadScenario).
 * @param opts - seed, scale, progress.
 * @returns {@link ScenarioResult}.
 * @throws FragilityInputError naming `scale`, `seed` or a model field.
 *
 * @complexity timelineRuns + whatIfRuns × |whatIf| full simulations, |collapse.losses| × collapse.runs and
 * |phase.losses| × |phase.headrooms| × phase.runs short ones, and 2 × connectivity.runs overlay sweeps. Each full
 * simulation is O(steps × (S·scale + megas + retry cohorts)).
 *
 * @model see compareTwoTier (connectivity), compareOverload (overload threshold) and simulateOverload (the
 * timeline). The connectivity Monte Carlo uses max(S·scale, connectivity.minSupernodes) supernodes (finite-size
 * effects of smaller cores would hide the threshold) and min(C·scale, connectivity.maxClients) clients (the served
 * fraction is a per-client average: more clients only reduce its noise).
 *
 * @references calibration table (docs/reference/skype-calibration.md); Rabbe, Skype CIO post-mortem (2010).
 *
 * @example
 * ```ts
 * const r = runScenario(loadScenario('skype-2010'), { seed: 1, scale: 0.01 });
 * r.verdict; // "A 25–30 % supernode loss is far below the connectivity threshold ... load, not connectivity ..."
 * ```
 *
 * @category Running scenarios
 */
export function runScenario(scenario: Scenario, opts: RunScenarioOptions = {}): ScenarioResult {
  const seed = checkInteger('seed', opts.seed ?? 1, -(2 ** 53 - 1), 2 ** 53 - 1);
  const scale = checkNumber('scale', opts.scale ?? scenario.montecarlo.scale, 1e-6, 1);
  const mc = scenario.montecarlo;
  const say = opts.onProgress ?? (() => {});
  const sim: OverloadSimulator = opts.simulate ?? simulateOverload;
  const timings: Record<string, number> = {};
  const timed = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const v = f();
    timings[name] = Math.round(performance.now() - t0) / 1000;
    return v;
  };
  const params = scenarioToOverloadParams(scenario, scale);
  const S = Math.round(scenario.overlay.supernodes * scale);
  const C = Math.round(scenario.overlay.clients * scale);
  checkScenarioModels(scenario, scale); // every check before the first progress line (issue 14)

  // 1. Timeline.
  say(`timeline: ${mc.timelineRuns} run(s) of ${mc.durationHours} h at scale ${scale} (${C} clients, ${S} supernodes)`);
  const runs = timed('timeline', () => runMany(params, mc.timelineRuns, seed, sim));
  const timeline = meanTimeline(runs);
  const minOnlineFraction = runs.reduce((s, r) => s + r.minOnlineFraction, 0) / runs.length;
  const recovered = runs.every((r) => r.recovered);
  const recoveryHours = median(
    runs.filter((r) => r.recovered && r.recoveredAtHours !== null).map((r) => r.recoveredAtHours as number),
  );

  // 2. Overload threshold: mean field vs 50 %-collapse point.
  say(`overload threshold: ${mc.collapse.losses.length} losses × ${mc.collapse.runs} runs`);
  const overload = timed('overload', () =>
    compareOverload(params, {
      losses: mc.collapse.losses,
      runs: mc.collapse.runs,
      seed: seed + 1,
      durationHours: mc.collapse.durationHours,
      // without a given simulator, collapseProbability's own stops each run once its outcome is decided
      ...(opts.simulate ? { simulate: opts.simulate } : {}),
    }),
  );

  // 2b. Overload threshold properly: the fluid limit and the adaptive simulated estimate.
  say('overload threshold: fluid limit and adaptive Monte Carlo (sequential probit)');
  const fluidThreshold = timed('fluidThreshold', () =>
    fluidCriticalLoss(params, { durationHours: mc.collapse.durationHours }),
  );
  const adaptiveThreshold = timed('adaptiveThreshold', () =>
    simulatedCriticalLoss(params, { seed: seed + 6, durationHours: mc.collapse.durationHours }),
  );
  const fluidRun = timed('fluidTimeline', () => fluidOverload(params));
  const fluidTimeline = fluidRun.timeline.map((p) => ({ t: p.t, online: p.online, supernodesUp: p.supernodesUp }));

  // 3. Connectivity: analytic vs Monte Carlo on generated overlays.
  const [connRandom, connAttack] = scenarioConnectivity(scenario, seed, scale);
  say(
    `connectivity: ${mc.connectivity.runs} overlays of ${connRandom.options.supernodes} supernodes, ${connRandom.options.clients} clients, random and targeted loss`,
  );
  const ensemble = (e: { options: ScenarioConnectivityOptions; runs: number }) =>
    compareTwoTier({
      ...e.options,
      runs: e.runs,
      ...(opts.twoTierReplicate ? { replicate: (r: number) => opts.twoTierReplicate!(e.options, r) } : {}),
    });
  const connectivity = timed('connectivity', () => ({ random: ensemble(connRandom), attack: ensemble(connAttack) }));

  // 4. Phase diagram.
  say(
    `phase diagram: ${mc.phase.headrooms.length} headrooms × ${mc.phase.losses.length} losses × ${mc.phase.runs} runs`,
  );
  const phase = timed('phase', () =>
    compareOverloadPhase(params, {
      losses: mc.phase.losses,
      headrooms: mc.phase.headrooms,
      runs: mc.phase.runs,
      seed: seed + 4,
      durationHours: mc.collapse.durationHours,
      ...(opts.simulate ? { simulate: opts.simulate } : {}),
    }),
  );

  // 4b. Fluid boundary over the phase diagram (same headroom laws), to 1e-3.
  const fluidPhaseBoundary = timed('fluidPhase', () =>
    mc.phase.headrooms.map((alpha) => {
      const f = fluidCriticalLoss(
        withOverloadParams(params, { headroom: uniformCapacity(alpha / 2, (3 * alpha) / 2) }),
        { tolerance: 1e-3, durationHours: mc.collapse.durationHours },
      );
      return { headroom: alpha, fC: f.criticalLoss, ...(f.reason ? { reason: f.reason } : {}) };
    }),
  );

  // 4c. Metastability: which state persists without intervention, and recovery by injected capacity.
  const msOptions = metastabilityOptions(scenario, opts, seed);
  say(
    `metastability: ${msOptions.losses.length} losses × ${msOptions.headroomScales.length} headroom scales, recovery with ${msOptions.megaTotal} mega-supernodes`,
  );
  const metastability = timed('metastability', () => compareMetastability(params, msOptions.options));

  // 5. What-ifs.
  say(`what-ifs: ${scenario.whatIf.length} × ${mc.whatIfRuns} run(s)`);
  const whatIf = timed('whatIf', () => scenario.whatIf.map((_, i) => whatIfRow(scenario, i, scale, seed + 5, sim)));

  const connectivityThreshold = connectivityThresholdOf(connectivity);
  const threshold = overloadThresholdOf(fluidThreshold, adaptiveThreshold, overload);
  const reportedLoss = scenario.reportedLoss as [number, number];
  return {
    scenario: scenario.name,
    seed,
    threshold,
    timeline,
    minOnlineFraction,
    recovered,
    whatIf,
    scale,
    population: { clients: C, supernodes: S, megaSupernodes: runs[0].megaSupernodes },
    connectivityThreshold,
    minOnlineAtHours: runs.reduce((a, r) => a + r.minOnlineAtHours, 0) / runs.length,
    recoveryHours,
    peakLoginRate: runs.reduce((a, r) => a + r.peakLoginRate, 0) / runs.length,
    peakTrafficRate: runs.reduce((a, r) => a + r.peakTrafficRate, 0) / runs.length,
    peakTrafficRateAtHours: runs.reduce((a, r) => a + r.peakTrafficRateAtHours, 0) / runs.length,
    reportedLoss,
    verdict: scenarioVerdict(reportedLoss, connectivityThreshold, threshold),
    observed: scenario.observed,
    connectivity,
    overload,
    phase,
    adaptiveThreshold,
    fluidTimeline,
    fluidPhaseBoundary,
    metastability,
    timings,
  };
}

/** The timeline averaged over runs (online, supernodes up, mega-supernodes up) with the online range. */
function meanTimeline(runs: readonly OverloadResult[]): ScenarioTimelinePoint[] {
  const T = runs[0].timeline.length;
  const timeline: ScenarioTimelinePoint[] = [];
  for (let i = 0; i < T; i++) {
    let on = 0;
    let lo = Infinity;
    let hi = -Infinity;
    let up = 0;
    let mega = 0;
    for (const r of runs) {
      const p = r.timeline[i];
      on += p.online;
      lo = Math.min(lo, p.online);
      hi = Math.max(hi, p.online);
      up += p.supernodesUp;
      mega += p.megaUp;
    }
    const k = runs.length;
    timeline.push({
      t: runs[0].timeline[i].t,
      online: on / k,
      onlineMin: lo,
      onlineMax: hi,
      supernodesUp: up / k,
      megaUp: mega / k,
    });
  }
  return timeline;
}

/** The metastability map's grid (the run's options, else the scenario's, else the defaults) and its recovery waves. */
function metastabilityOptions(scenario: Scenario, opts: RunScenarioOptions, seed: number) {
  const mc = scenario.montecarlo;
  const megaTotal = scenario.levers.megaSupernodes.waves.reduce((a, w) => a + w.count, 0);
  const losses = opts.metastability?.losses ?? mc.metastability?.losses ?? METASTABILITY_LOSSES;
  const headroomScales =
    opts.metastability?.headroomScales ?? mc.metastability?.headroomScales ?? METASTABILITY_HEADROOM_SCALES;
  const hours = opts.metastability?.injectionHours ?? mc.metastability?.injectionHours ?? METASTABILITY_INJECTION_HOURS;
  const recovery = megaTotal > 0 ? hours.map((h) => ({ megaCount: megaTotal, atHours: h })) : [];
  return { megaTotal, losses, headroomScales, options: { losses, headroomScales, recovery, runs: 1, seed: seed + 7 } };
}

/** One what-if row: the scenario with what-if i applied, simulated `whatIfRuns` times from `seed`. */
function whatIfRow(
  scenario: Scenario,
  i: number,
  scale: number,
  seed: number,
  sim: OverloadSimulator,
): ScenarioResult['whatIf'][number] {
  const w = scenario.whatIf[i];
  const rs = runMany(
    scenarioToOverloadParams(applyWhatIf(scenario, i), scale),
    scenario.montecarlo.whatIfRuns,
    seed,
    sim,
  );
  const rec = rs.filter((r) => r.recovered && r.recoveredAtHours !== null).map((r) => r.recoveredAtHours as number);
  return {
    name: w.name,
    ...(w.description ? { description: w.description } : {}),
    minOnlineFraction: rs.reduce((a, r) => a + r.minOnlineFraction, 0) / rs.length,
    collapseFraction: rs.filter((r) => r.collapsed).length / rs.length,
    recovered: rs.every((r) => r.recovered),
    recoveryHours: median(rec),
    peakLoginRate: rs.reduce((a, r) => a + r.peakLoginRate, 0) / rs.length,
    peakTrafficRate: rs.reduce((a, r) => a + r.peakTrafficRate, 0) / rs.length,
  };
}

/** The connectivity thresholds of a scenario result from its two line-ups (random failure and attack). */
function connectivityThresholdOf(connectivity: {
  random: TwoTierComparison;
  attack: TwoTierComparison;
}): ScenarioResult['connectivityThreshold'] {
  const noneReason = (t: TwoTierComparison['threshold']) =>
    t.analytic === null || t.montecarlo === null ? (t.analyticReason ?? t.montecarloReason) : undefined;
  const rr = noneReason(connectivity.random.threshold);
  const ra = noneReason(connectivity.attack.threshold);
  return {
    analytic: connectivity.random.threshold.analytic,
    montecarlo: connectivity.random.threshold.montecarlo,
    ci: connectivity.random.threshold.ci,
    ...(rr ? { reason: rr } : {}),
    attack: {
      analytic: connectivity.attack.threshold.analytic,
      montecarlo: connectivity.attack.threshold.montecarlo,
      ci: connectivity.attack.threshold.ci,
      ...(ra ? { reason: ra } : {}),
    },
  };
}

/** The overload threshold of a scenario result: the fluid limit, the adaptive simulated estimate, the static bound. */
function overloadThresholdOf(
  fluidThreshold: ReturnType<typeof fluidCriticalLoss>,
  adaptiveThreshold: ReturnType<typeof simulatedCriticalLoss>,
  overload: ScenarioResult['overload'],
): ScenarioResult['threshold'] {
  return {
    analytic: fluidThreshold.criticalLoss,
    montecarlo: adaptiveThreshold.criticalLoss,
    ci: adaptiveThreshold.ci ?? [null, null],
    kind: 'overload',
    method: adaptiveThreshold.method,
    ciMethod: adaptiveThreshold.ciMethod,
    runs: adaptiveThreshold.runs,
    rounds: adaptiveThreshold.rounds,
    halfWidth: adaptiveThreshold.halfWidth,
    targetMet: adaptiveThreshold.targetMet,
    analyticMethod: 'fluid-limit',
    ...(fluidThreshold.reason ? { analyticReason: fluidThreshold.reason } : {}),
    ...(adaptiveThreshold.reason ? { montecarloReason: adaptiveThreshold.reason } : {}),
    staticBound: {
      value: overload.threshold.analytic,
      ...(overload.threshold.analyticReason ? { reason: overload.threshold.analyticReason } : {}),
      note: STATIC_BOUND_NOTE,
    },
  };
}
