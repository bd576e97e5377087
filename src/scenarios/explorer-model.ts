/**
 * The what-if explorer of the HTML report (index.html): its controls, the overload-model parameters they give, the
 * fluid run they trigger and the verdict sentence. The page's script (explorer-app.ts, bundled for the browser) and
 * the Node tests call these same functions, so "the page agrees with the fluid model run in Node" is a comparison of
 * one code path run by two engines.
 *
 * Browser-safe: it imports only models, distributions, analytic and the scenario-to-parameters mapping (no `node:`
 * module, no plotting library).
 *
 * @module
 */
import { fluidOverload } from '../analytic/overload-fluid.ts';
import { scaledCapacity } from '../distributions/scaled-capacity.ts';
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import {
  type OverloadParams,
  type OverloadRetryPolicy,
  awsFullJitterRetry,
  grpcRetry,
  withOverloadParams,
} from '../models/overload-params.ts';
import type { Scenario } from './schema.ts';
import { scenarioToOverloadParams } from './to-params.ts';

/** One choice of the retry-policy select. */
export interface ExplorerRetryOption {
  /** Label shown in the select. */
  name: string;
  retry: OverloadRetryPolicy;
  /** Failed attempts before giving up; null = never gives up. */
  maxAttempts: number | null;
}

/** The settings of the explorer's controls. */
export interface ExplorerSettings {
  /** Share of the ordinary supernodes the trigger crashes (the scenario's trigger.supernodeCrashShare), [0, 1]. */
  supernodeLoss: number;
  /** Share of clients and supernodes auto-updated off the buggy version before T (levers.autoUpdateCoverage), [0, 1]. */
  autoUpdateCoverage: number;
  /** Factor k on the headroom law (α → k·α), [1/16, 16]. */
  headroomScale: number;
  /** Index into {@link ExplorerSpec.retryOptions}. */
  retry: number;
  /** Mega-supernodes injected in total (at scale 1), spread over the scenario's waves in their proportions. */
  megaCount: number;
  /** Hours after T of the first mega-supernode wave; later waves keep their offsets from the first. */
  megaFirstHours: number;
}

/** Range of one numeric control. */
export interface ExplorerRange {
  min: number;
  max: number;
  step: number;
}

/** Everything the page needs to rebuild the model: embedded in index.html as JSON. */
export interface ExplorerSpec {
  /** The validated scenario (plain data). */
  scenario: Scenario;
  /** Population scale of the report run. */
  scale: number;
  /** Headroom quantiles of the fluid run (as fluidOverload's `quantiles`; the report's fluid timeline uses 100). */
  quantiles: number;
  /**
   * Headroom quantiles of the quick preview the page draws first after a change, before the run at `quantiles`
   * replaces it (0 = no preview). A run costs a fixed part (the client rings, the request law: about 45 % of a run
   * at 10 quantiles on the 2010 model) plus a part in proportion to the quantiles.
   */
  previewQuantiles: number;
  retryOptions: ExplorerRetryOption[];
  /** The scenario's own settings (the controls' starting point). */
  defaults: ExplorerSettings;
  ranges: {
    supernodeLoss: ExplorerRange;
    autoUpdateCoverage: ExplorerRange;
    /** log2 of the headroom factor. */
    headroomLog2: ExplorerRange;
    megaCount: ExplorerRange;
    megaFirstHours: ExplorerRange;
  };
}

/** The summary of one explorer run. */
export interface ExplorerOutcome {
  /** The fluid timeline (hours after T, online fraction, fraction of ordinary supernodes up). */
  timeline: { t: number; online: number; supernodesUp: number }[];
  minOnlineFraction: number;
  minOnlineAtHours: number;
  collapsed: boolean;
  recovered: boolean;
  recoveredAtHours: number | null;
  peakLoginRate: number;
  /** Mega-supernode waves used (scale 1). */
  waves: { atHours: number; count: number }[];
  /** The collapse and recovery thresholds of the run (online fractions). */
  collapseThreshold: number;
  recoveryThreshold: number;
  durationHours: number;
}

const sameRetry = (a: OverloadRetryPolicy, b: OverloadRetryPolicy): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Headroom quantiles of the page's quick preview by default: the largest count whose first redraw stays under 90 ms
 * (the 100-ms budget with a margin) on the bench page's 2010 model (48 h at 10-s steps) when the machine is idle.
 * Chosen from the table of `npx tsx bench/lib/explorer-preview-table.ts 40 2` (CPU per run against the error to the
 * full model, over 40 seeded random settings and the bench page's updates; docs/DESIGN.md, the report page) and from
 * the page itself (first redraw median, near idle: 89 ms at 7 quantiles, 85 ms at 6): 6 quantiles cost about 0.75 of
 * 10, and no verdict differs from the full model's at 6–12 quantiles, but the curve is further off (largest online
 * difference at the 90th percentile of the random settings 0.33 against 0.15 at 10).
 */
export const EXPLORER_PREVIEW_QUANTILES = 6;

/**
 * The explorer's controls for a scenario: its own settings as defaults, the retry policies to choose from (the
 * scenario's, then those of its what-ifs, then the library's AWS full-jitter and gRPC policies when no what-if has
 * them) and the slider ranges.
 *
 * @param scenario - a validated scenario.
 * @param scale - the report's population scale, in (0, 1].
 * @param quantiles - headroom quantiles of the fluid runs (default 100, as the report's fluid timeline).
 * @param previewQuantiles - headroom quantiles of the page's quick preview (default {@link EXPLORER_PREVIEW_QUANTILES};
 *   0 = none).
 * @returns the spec, plain JSON.
 * @throws FragilityInputError `scale` outside (0, 1], `quantiles` outside [2, 10 000] or `previewQuantiles` outside
 *   {0} ∪ [2, quantiles].
 *
 * @complexity O(what-ifs + waves).
 *
 * @example
 * ```ts
 * const spec = explorerSpec(loadScenario('skype-2010'), 0.02);
 * spec.defaults.supernodeLoss; // 0.275
 * ```
 */
export function explorerSpec(
  scenario: Scenario,
  scale: number,
  quantiles = 100,
  previewQuantiles = Math.min(EXPLORER_PREVIEW_QUANTILES, quantiles),
): ExplorerSpec {
  checkNumber('scale', scale, 1e-9, 1);
  checkInteger('quantiles', quantiles, 2, 10_000);
  if (previewQuantiles !== 0) checkInteger('previewQuantiles', previewQuantiles, 2, quantiles);
  const own: ExplorerRetryOption = {
    name: `as in the scenario (${retryLabel(scenario.clients.retry)}, ${attemptsLabel(scenario.clients.maxAttempts)})`,
    retry: scenario.clients.retry,
    maxAttempts: scenario.clients.maxAttempts,
  };
  const options: ExplorerRetryOption[] = [own];
  for (const w of scenario.whatIf) {
    const c = (w.set as { clients?: { retry?: OverloadRetryPolicy; maxAttempts?: number | null } }).clients;
    if (!c || (c.retry === undefined && c.maxAttempts === undefined)) continue;
    // a what-if's retry merges into the scenario's when the kind is the same (mergeScenarioFields), else replaces it
    const retry = (
      c.retry === undefined
        ? { ...scenario.clients.retry }
        : c.retry.kind === scenario.clients.retry.kind
          ? { ...scenario.clients.retry, ...c.retry }
          : { ...c.retry }
    ) as OverloadRetryPolicy;
    const maxAttempts = c.maxAttempts !== undefined ? c.maxAttempts : scenario.clients.maxAttempts;
    if (options.some((o) => sameRetry(o.retry, retry) && o.maxAttempts === maxAttempts)) continue;
    options.push({
      name: `${retryLabel(retry)}, ${attemptsLabel(maxAttempts)} (what-if "${w.name}")`,
      retry,
      maxAttempts,
    });
  }
  for (const retry of [awsFullJitterRetry, grpcRetry]) {
    if (options.some((o) => o.retry.kind === retry.kind)) continue;
    options.push({
      name: `${retryLabel(retry)}, ${attemptsLabel(scenario.clients.maxAttempts)}`,
      retry: { ...retry },
      maxAttempts: scenario.clients.maxAttempts,
    });
  }
  const waves = scenario.levers.megaSupernodes.waves;
  const total = waves.reduce((a, w) => a + w.count, 0);
  const first = waves.length > 0 ? Math.min(...waves.map((w) => w.atHours)) : 2;
  const span = waves.length > 0 ? Math.max(...waves.map((w) => w.atHours)) - first : 0;
  const D = scenario.montecarlo.durationHours;
  return {
    scenario,
    scale,
    quantiles,
    previewQuantiles,
    retryOptions: options,
    defaults: {
      supernodeLoss: scenario.trigger.supernodeCrashShare,
      autoUpdateCoverage: scenario.levers.autoUpdateCoverage,
      headroomScale: 1,
      retry: 0,
      megaCount: total,
      megaFirstHours: first,
    },
    // A range input snaps its value to min + k·step: each step is the coarse one when the scenario's value lies on
    // its grid, else a finer one, so that the controls start exactly at the scenario's settings.
    ranges: {
      supernodeLoss: { min: 0, max: 1, step: onGrid(scenario.trigger.supernodeCrashShare, 0.005) ? 0.005 : 0.0001 },
      autoUpdateCoverage: { min: 0, max: 1, step: onGrid(scenario.levers.autoUpdateCoverage, 0.01) ? 0.01 : 0.0001 },
      headroomLog2: { min: -3, max: 3, step: 0.125 },
      megaCount: { min: 0, max: Math.max(1000, 4 * total), step: total % 10 === 0 ? 10 : 1 },
      megaFirstHours: { min: 0, max: Math.max(first, D - span), step: onGrid(first, 0.25) ? 0.25 : 0.01 },
    },
  };
}

const onGrid = (x: number, step: number): boolean => Math.abs(x / step - Math.round(x / step)) < 1e-9;

function retryLabel(r: OverloadRetryPolicy): string {
  if (r.kind === 'fixed') return `fixed ${r.minSeconds}–${r.maxSeconds} s ± ${Math.round(100 * r.jitter)} %`;
  if (r.kind === 'exponential-full-jitter')
    return `exponential backoff + full jitter, base ${r.baseSeconds} s, cap ${r.capSeconds} s`;
  return `gRPC backoff ${r.initialSeconds} s × ${r.multiplier}, ± ${Math.round(100 * r.jitter)} %, cap ${r.maxSeconds} s`;
}

function attemptsLabel(n: number | null): string {
  return n === null ? 'never gives up' : `gives up after ${n} attempt${n === 1 ? '' : 's'}`;
}

/**
 * The mega-supernode waves of a setting: the scenario's waves rescaled to `megaCount` in total (whole numbers, the
 * last wave takes the rounding remainder) and shifted so that the first comes at `megaFirstHours`, each keeping its
 * ramp (`overHours`); a scenario without waves gets one wave at `megaFirstHours`. Waves with no mega-supernode are
 * dropped.
 *
 * @param scenario - a validated scenario.
 * @param megaCount - total count at scale 1 (integer >= 0).
 * @param megaFirstHours - time of the first wave (hours >= 0).
 * @returns the waves, in time order.
 *
 * @complexity O(waves).
 *
 * @example
 * ```ts
 * explorerWaves(loadScenario('skype-2010'), 200, 4); // [{ atHours: 4, count: 45 }, { atHours: 18, count: 155, overHours: 12 }]
 * ```
 */
export function explorerWaves(
  scenario: Scenario,
  megaCount: number,
  megaFirstHours: number,
): { atHours: number; count: number; overHours?: number }[] {
  const base = [...scenario.levers.megaSupernodes.waves].sort((a, b) => a.atHours - b.atHours);
  if (base.length === 0) return megaCount > 0 ? [{ atHours: megaFirstHours, count: megaCount }] : [];
  const total = base.reduce((a, w) => a + w.count, 0);
  const t0 = base[0].atHours;
  let given = 0;
  const out = base.map((w, i) => {
    const share = total > 0 ? w.count / total : 1 / base.length;
    const count = i === base.length - 1 ? megaCount - given : Math.round(megaCount * share);
    given += count;
    return { ...w, atHours: megaFirstHours + (w.atHours - t0), count };
  });
  return out.filter((w) => w.count > 0);
}

/**
 * Check a setting against the spec: one FragilityInputError naming the control and its allowed range.
 *
 * @param spec - the explorer spec.
 * @param s - the settings.
 * @throws FragilityInputError naming the control.
 */
export function checkExplorerSettings(spec: ExplorerSpec, s: ExplorerSettings): void {
  const r = spec.ranges;
  checkNumber('supernodeLoss', s.supernodeLoss, r.supernodeLoss.min, r.supernodeLoss.max);
  checkNumber('autoUpdateCoverage', s.autoUpdateCoverage, r.autoUpdateCoverage.min, r.autoUpdateCoverage.max);
  checkNumber('headroomScale', s.headroomScale, 2 ** r.headroomLog2.min, 2 ** r.headroomLog2.max);
  checkInteger('retry', s.retry, 0, spec.retryOptions.length - 1);
  checkInteger('megaCount', s.megaCount, r.megaCount.min, r.megaCount.max);
  checkNumber('megaFirstHours', s.megaFirstHours, r.megaFirstHours.min, r.megaFirstHours.max);
}

/**
 * The overload-model parameters of a setting: the scenario's parameters at the report's scale with the controls
 * applied (trigger.supernodeCrashShare, trigger.autoUpdateCoverage, headroom k·α, retry and maxAttempts, mega waves).
 *
 * @param spec - the explorer spec.
 * @param s - the settings.
 * @returns OverloadParams for fluidOverload.
 * @throws FragilityInputError naming the control out of range.
 *
 * @complexity O(waves) plus one capacity-law parse.
 *
 * @example
 * ```ts
 * const spec = explorerSpec(loadScenario('skype-2010'), 0.02);
 * fluidOverload(explorerParams(spec, { ...spec.defaults, autoUpdateCoverage: 1 })).collapsed; // false
 * ```
 */
export function explorerParams(spec: ExplorerSpec, s: ExplorerSettings): OverloadParams {
  checkExplorerSettings(spec, s);
  const p = scenarioToOverloadParams(spec.scenario, spec.scale);
  const opt = spec.retryOptions[s.retry];
  return withOverloadParams(p, {
    trigger: { supernodeCrashShare: s.supernodeLoss, autoUpdateCoverage: s.autoUpdateCoverage },
    headroom: scaledCapacity(p.headroom, s.headroomScale),
    retry: { ...opt.retry },
    maxAttempts: opt.maxAttempts === null ? Infinity : opt.maxAttempts,
    mega: { waves: explorerWaves(spec.scenario, s.megaCount, s.megaFirstHours) },
  });
}

/**
 * Run the fluid limit for a setting.
 *
 * @param spec - the explorer spec.
 * @param s - the settings.
 * @param quantiles - headroom quantiles (default `spec.quantiles`; the page's preview uses `spec.previewQuantiles`).
 * @returns the timeline and its summary.
 * @throws FragilityInputError naming the control out of range.
 *
 * @complexity one fluidOverload run over the scenario's duration (see fluidOverload).
 *
 * @example
 * ```ts
 * const spec = explorerSpec(loadScenario('skype-2010'), 0.02);
 * explorerRun(spec, spec.defaults).minOnlineFraction;
 * ```
 */
export function explorerRun(spec: ExplorerSpec, s: ExplorerSettings, quantiles = spec.quantiles): ExplorerOutcome {
  const p = explorerParams(spec, s);
  const r = fluidOverload(p, { quantiles });
  return {
    timeline: r.timeline.map((q) => ({ t: q.t, online: q.online, supernodesUp: q.supernodesUp })),
    minOnlineFraction: r.minOnlineFraction,
    minOnlineAtHours: r.minOnlineAtHours,
    collapsed: r.collapsed,
    recovered: r.recovered,
    recoveredAtHours: r.recoveredAtHours,
    peakLoginRate: r.peakLoginRate,
    waves: p.mega.waves.map((w) => ({ ...w })),
    collapseThreshold: p.collapseThreshold,
    recoveryThreshold: p.recoveryThreshold,
    durationHours: p.durationHours,
  };
}

/**
 * How far a fast run (the page's preview: the same fluid model on a coarser headroom grid) is from the full run of
 * the same settings: what the page states next to the preview, measured rather than assumed.
 */
export interface ExplorerFastError {
  /** Largest |online fraction difference| over the timeline points (the same time grid in both runs). */
  maxOnline: number;
  /** Mean |online fraction difference| over the timeline points (the area between the curves per hour of run). */
  meanOnline: number;
  /** |difference| of the minimum online fractions. */
  minOnline: number;
  /**
   * |difference| of the recovery times (hours), 0 when neither recovers; null when only one of the two recovers
   * (then the recovery time has no finite error).
   */
  recoveredAtHours: number | null;
  /** Whether the two runs give the same verdict: both collapse or neither, and both recover or neither. */
  sameVerdict: boolean;
}

/**
 * The error of a fast run against the full run of the same settings (see {@link ExplorerFastError}).
 *
 * @param full - the run at the full resolution (spec.quantiles).
 * @param fast - the run of the same settings at the fast resolution (spec.previewQuantiles).
 * @returns the differences.
 * @throws RangeError when the timelines are not on the same grid (different lengths or times).
 *
 * @complexity O(timeline points).
 *
 * @example
 * ```ts
 * const spec = explorerSpec(loadScenario('skype-2010'), 0.02);
 * const same = explorerRun(spec, spec.defaults);
 * explorerFastError(same, same).maxOnline; // 0 (a run against itself)
 * explorerFastError(same, explorerRun(spec, spec.defaults, spec.previewQuantiles)).maxOnline; // >= 0
 * ```
 */
export function explorerFastError(full: ExplorerOutcome, fast: ExplorerOutcome): ExplorerFastError {
  const a = full.timeline;
  const b = fast.timeline;
  if (a.length !== b.length || a.some((p, i) => p.t !== b[i].t))
    throw new RangeError(
      `explorerFastError: the timelines are on different grids (${a.length} and ${b.length} points)`,
    );
  let maxOnline = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i].online - b[i].online);
    if (d > maxOnline) maxOnline = d;
    sum += d;
  }
  const ra = full.recoveredAtHours;
  const rb = fast.recoveredAtHours;
  return {
    maxOnline,
    meanOnline: a.length > 0 ? sum / a.length : 0,
    minOnline: Math.abs(full.minOnlineFraction - fast.minOnlineFraction),
    recoveredAtHours: ra === null && rb === null ? 0 : ra === null || rb === null ? null : Math.abs(ra - rb),
    sameVerdict: full.collapsed === fast.collapsed && full.recovered === fast.recovered,
  };
}

const pct = (x: number, d = 1): string => `${(100 * x).toFixed(d)} %`;
const at = (h: number): string => (h < 1 ? `T+${Math.round(h * 60)} min` : `T+${h.toFixed(1)} h`);

/**
 * The explorer's verdict: what the fluid limit does with these settings, in one sentence, every number computed.
 *
 * @param s - the settings.
 * @param o - the run's outcome.
 * @returns one sentence.
 *
 * @complexity O(1).
 *
 * @example
 * ```ts
 * const spec = explorerSpec(loadScenario('skype-2010'), 0.02);
 * explorerVerdict(spec.defaults, explorerRun(spec, spec.defaults));
 * // "Fluid limit: with 27.5 % of the supernodes crashed and 0 % auto-updated, the network collapses ..."
 * ```
 */
export function explorerVerdict(s: ExplorerSettings, o: ExplorerOutcome): string {
  const setting = `with ${pct(s.supernodeLoss)} of the supernodes crashed by the trigger and ${pct(s.autoUpdateCoverage, 0)} auto-updated`;
  const low = `minimum online ${pct(o.minOnlineFraction)} at ${at(o.minOnlineAtHours)}`;
  const rec = o.recovered
    ? o.recoveredAtHours !== null && o.recoveredAtHours > 0
      ? `recovers (≥ ${pct(o.recoveryThreshold, 0)} online to the end) at ${at(o.recoveredAtHours)}`
      : 'stays up'
    : `does not recover within ${o.durationHours} h`;
  const peak = `peak requests at up supernodes ${o.peakLoginRate.toFixed(0)}× normal`;
  if (o.collapsed) return `Fluid limit: ${setting}, the network collapses (${low}; ${peak}) and ${rec}.`;
  return `Fluid limit: ${setting}, the network does not collapse (${low}, collapse means below ${pct(o.collapseThreshold, 0)}; ${peak}) and ${rec}.`;
}

/**
 * Read settings from plain values (e.g. a URL or a test), checked against the spec.
 *
 * @param spec - the explorer spec.
 * @param over - the controls to change from the defaults.
 * @returns the full settings.
 * @throws FragilityInputError naming the control out of range, or an unknown control.
 */
export function explorerSettings(spec: ExplorerSpec, over: Partial<ExplorerSettings> = {}): ExplorerSettings {
  for (const k of Object.keys(over)) {
    if (!(k in spec.defaults))
      throw new FragilityInputError('explorer setting', k, Object.keys(spec.defaults).join(', '));
  }
  const s = { ...spec.defaults, ...over };
  checkExplorerSettings(spec, s);
  return s;
}
