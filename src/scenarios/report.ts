/**
 * Turn a scenario result into a report: the summary table, the verdict, the comparison tables, the residual of the
 * fluid curve and of the simulated mean at every observed point with a "what still misses" paragraph derived from
 * them, and four SVG plots (timeline against the observed points, collapse probability against supernode loss with
 * the mean-field boundary, the loss × headroom phase diagram with f_c(α), and giant component against removal,
 * random vs targeted).
 *
 * @module
 */
import { collapsePlot } from '../report/collapse-plot.ts';
import { giantComponentPlot } from '../report/giant-component-plot.ts';
import { markdownTable } from '../report/markdown-table.ts';
import { phaseDiagram } from '../report/phase-diagram.ts';
import type { ReportBundle, ReportSection } from '../report/report-bundle.ts';
import type { TableColumnInput, TableRow } from '../report/table-columns.ts';
import { timelinePlot } from '../report/timeline-plot.ts';
import type { LineUp } from '../compare/line-up.ts';
import { modelValueAt } from '../compare/overload-calibration.ts';
import type { Scenario } from './schema.ts';
import type { ScenarioResult } from './run.ts';
import { scenarioToOverloadParams } from './to-params.ts';

const pct = (x: number | null | undefined, d = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(d)} %`;
const ci = (c: [number | null, number | null]): string => `[${pct(c[0])}, ${pct(c[1])}]`;
const ci2 = (c: [number | null, number | null]): string => `[${pct(c[0], 2)}, ${pct(c[1], 2)}]`;
const hours = (h: number | null): string =>
  h === null || !Number.isFinite(h) ? 'not recovered' : h === 0 ? 'no outage' : `T+${h.toFixed(1)} h`;
const at = (h: number): string => (h < 1 ? `T+${Math.round(h * 60)} min` : `T+${h.toFixed(1)} h`);

/**
 * The summary rows: both thresholds (analytic vs simulated with CI), the reported loss, the minimum online fraction,
 * recovery, the peak request rate at up supernodes (peakLoginRate, the quantity the reported ≈100× of row 19
 * describes) and the peak attempt traffic including probes of down host-cache entries (peakTrafficRate).
 *
 * @param r - a scenario result.
 * @returns rows with columns quantity, analytic, simulated, note (strings, ready for markdownTable).
 *
 * @complexity O(1).
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * console.log(markdownTable(scenarioSummaryRows(runScenario(loadScenario('skype-2010')))));
 * ```
 *
 * @category Running scenarios
 */
export function scenarioSummaryRows(r: ScenarioResult): TableRow[] {
  return [
    {
      quantity: 'overload critical supernode loss',
      analytic: pct(r.threshold.analytic, 2),
      simulated: `${pct(r.threshold.montecarlo, 2)} ${ci2(r.threshold.ci)}`,
      note: `fluid limit of the overload model vs the simulated 50 %-collapse loss (adaptive, ${r.threshold.runs} runs, 95 % interval half-width ${pct(r.threshold.halfWidth, 2)}${r.threshold.targetMet ? '' : ', target 1 point not met'})`,
    },
    {
      quantity: 'static mean-field bound (overload)',
      analytic: pct(r.threshold.staticBound.value),
      simulated: '',
      note: 'a rough bound only: one averaged surge shared equally, no shutdown feedback, no load averaging',
    },
    {
      quantity: 'connectivity critical loss (random)',
      analytic: pct(r.connectivityThreshold.analytic),
      simulated: `${pct(r.connectivityThreshold.montecarlo)} ${ci(r.connectivityThreshold.ci)}`,
      note: 'two-tier branching vs largest-gap sweeps',
    },
    {
      quantity: 'connectivity critical loss (targeted)',
      analytic: pct(r.connectivityThreshold.attack.analytic),
      simulated: `${pct(r.connectivityThreshold.attack.montecarlo)} ${ci(r.connectivityThreshold.attack.ci)}`,
      note: 'highest core degree first',
    },
    {
      quantity: 'reported supernode loss',
      analytic: '',
      simulated:
        r.reportedLoss[0] === r.reportedLoss[1]
          ? pct(r.reportedLoss[0], 0)
          : `${(100 * r.reportedLoss[0]).toFixed(0)}–${pct(r.reportedLoss[1], 0)}`,
      note: 'the figure judged by the verdict',
    },
    {
      quantity: 'minimum online fraction',
      analytic: '',
      simulated: pct(r.minOnlineFraction),
      note: `at ${at(r.minOnlineAtHours)} (mean of runs)`,
    },
    {
      quantity: 'recovered (>= 80 % to the end)',
      analytic: '',
      simulated: r.recovered ? `yes, ${hours(r.recoveryHours)}` : 'no',
      note: 'all timeline runs',
    },
    {
      quantity: 'peak requests at up supernodes',
      analytic: '',
      simulated: `${r.peakLoginRate.toFixed(0)}× normal`,
      note: 'login and search requests reaching supernodes that are up (accepted or refused); Skype reported about 100× normal',
    },
    {
      quantity: 'peak attempt traffic incl. dead cache entries',
      analytic: '',
      simulated: `${r.peakTrafficRate.toFixed(0)}× normal`,
      note: `at ${at(r.peakTrafficRateAtHours)}; also counts attempts on cached supernode addresses that are down (an upper bound, not the reported figure)`,
    },
  ];
}

const REGIME_WORDS: Record<string, string> = {
  'healthy-only': 'recovers by itself',
  bistable: 'both: up stays up, down stays down',
  'collapse-only': 'collapses and stays down',
  transient: 'down, then back by itself',
};

/**
 * The overload-threshold section in plain words: which number to trust and why, and the baseline parameters that
 * decide it (headroom law, login cost, load window), computed from the scenario.
 *
 * @param r - a scenario result.
 * @param scenario - the scenario that was run.
 * @returns markdown.
 *
 * @complexity O(1).
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * console.log(overloadThresholdMarkdown(result, scenario));
 * ```
 *
 * @category Running scenarios
 */
export function overloadThresholdMarkdown(r: ScenarioResult, scenario: Scenario): string {
  const lawName = (spec: string) => {
    const k = spec.split('(')[0].trim().toLowerCase();
    return (
      (
        { lognormal: 'log-normal', uniform: 'uniform', weibull: 'Weibull', empirical: 'empirical' } as Record<
          string,
          string
        >
      )[k] ?? k
    );
  };
  const p = scenarioToOverloadParams(scenario, r.scale);
  const t = r.threshold;
  const q = (u: number) => p.headroom.quantile(u);
  const gap = t.analytic !== null && t.montecarlo !== null ? Math.abs(t.analytic - t.montecarlo) : null;
  const win = p.loadWindowSeconds;
  const trust =
    t.montecarlo === null
      ? `The simulation did not locate a threshold (${t.montecarloReason ?? 'no reason given'}); the fluid limit gives ${pct(t.analytic, 2)}.`
      : `**Which number to trust.** The simulated critical loss, ${pct(t.montecarlo, 2)} (95 % interval ${ci2(t.ci)}), is what this model does at the simulated population (${r.population.supernodes.toLocaleString('en')} supernodes): ${t.runs} runs were placed where the outcome is uncertain and a probit curve was fitted to collapse against loss, so its interval is honest. ` +
        `The fluid limit, ${pct(t.analytic, 2)}, is the same model with every random count replaced by its average — the answer for a very large network, exact to 0.01 point and free of noise. ` +
        (gap !== null
          ? `The two differ by ${(100 * gap).toFixed(2)} points${gap <= 0.015 ? ', within the 1.5-point agreement the fluid limit is built to meet' : ', more than the 1.5 points the fluid limit is built to meet'}; trust the simulated value, with its interval, for this population, and read the fluid value as the quick large-network estimate (the finite-size study of the command line compares the two across population sizes). `
          : '') +
        `The static mean-field figure, ${pct(t.staticBound.value)}, is only a bound: ${t.staticBound.note.charAt(0).toLowerCase()}${t.staticBound.note.slice(1)}`;
  const params = [
    '**What decides it (baseline parameters).**',
    `- *Headroom*: a supernode shuts itself down when its load exceeds its capacity, (1 + α) times its normal load, with α drawn per supernode from a ${lawName(p.headroom.spec)} law: half of the supernodes have less than ${pct(q(0.5), 0)} spare capacity, one in ten less than ${pct(q(0.1), 0)}, one in ten more than ${pct(q(0.9), 0)}.`,
    `- *Login cost*: a login or search request costs a supernode as much, in the ${p.stepSeconds}-second step it arrives, as ${p.loginCost} attached clients; refusing one costs ${pct(p.refuseCostFactor, 0)} of that.`,
    `- *Load window*: ${win > 0 ? `supernodes judge their load averaged over about ${Math.round(win)} s (an exponentially weighted average), so a short restart spike does not shut them down but a sustained storm does` : 'supernodes judge the load of each step on its own'}${Number.isFinite(p.burstFactor) ? `; a single step above ${p.burstFactor}× capacity shuts a supernode down at once` : ''}.`,
    `- *Feedback*: the clients of a supernode that shuts down notice after about ${Math.round(p.detection.medianSeconds)} s and search again, adding to the storm; a shut-down supernode comes back after ${p.rejoin.minMinutes}–${p.rejoin.maxMinutes} min.`,
  ].join('\n');
  return [trust, '', params].join('\n');
}

/**
 * The metastability section in plain words with its two tables (map and recovery), fluid and simulation side by side.
 *
 * @param r - a scenario result.
 * @param scenario - the scenario that was run (for the recovery threshold).
 * @returns markdown (the tables are returned separately by {@link metastabilityRows} and {@link recoveryRows}).
 *
 * @complexity O(cells).
 * @model —.
 * @references Bronson et al. (HotOS 2021); Huang et al. (OSDI 2022);
 * Alvaro, Isaacs, Majumdar et al. (2025).
 *
 * @example
 * ```ts
 * console.log(metastabilityMarkdown(result, scenario));
 * ```
 *
 * @category Running scenarios
 */
export function metastabilityMarkdown(r: ScenarioResult, scenario: Scenario): string {
  const m = r.metastability;
  const recoveryThreshold = scenarioToOverloadParams(scenario, r.scale).recoveryThreshold;
  const bist = m.cells.filter((c) => c.simulated === 'bistable').length;
  return [
    `A network is metastable when it has two states under the same load: healthy, and a collapse that sustains itself (the retry storm keeps the supernodes overloaded after the trigger is gone), as described by Bronson et al. (HotOS 2021) and Huang et al. (OSDI 2022). ` +
      `Each cell below removes a share of the supernodes at once and then leaves the network alone for ${m.horizonHours} h (no mega-supernodes, no feature shedding); separately, a network that starts fully collapsed is left alone for as long. ` +
      `"Both" means the healthy network survives that trigger but a collapsed one does not come back by itself — the case of Skype in 2010, which stayed down after the bug that started it was gone. ` +
      `The simulation (${m.runs} run${m.runs === 1 ? '' : 's'} per cell) and the fluid limit name the same regime in ${pct(m.agreement, 0)} of the cells; ${bist} of ${m.cells.length} cells are bistable in the simulation.` +
      (m.agreement < 1
        ? ' Where they differ, trust the simulation: the fluid limit keeps only a few load histories per headroom level, so the supernodes that survive a step share their average monitored load and the most loaded of them, the next to trip, are smoothed away. Near the edge of the bistable region that lets the fluid network climb out of a collapse that the simulated one cannot leave; with finer histories the fluid limit stays down as well, at a much higher cost (docs/DESIGN.md, "The overload fluid limit").'
        : ''),
    m.recovery.length > 0
      ? `Recovery: after the scenario's own trigger, all of its mega-supernodes are injected at once at the times below (instead of its waves); "recovery time" runs from the injection until at least ${pct(recoveryThreshold, 0)} of the users are back for good (Alvaro, Isaacs, Majumdar et al. 2025 predict such recovery times from a Markov model of the same kind of loop).`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Rows of the bistability map: trigger size, headroom factor, regime by the fluid limit and by simulation.
 *
 * @param r - a scenario result.
 * @returns table rows (strings).
 *
 * @complexity O(cells).
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * markdownTable(metastabilityRows(result));
 * ```
 *
 * @category Running scenarios
 */
export function metastabilityRows(r: ScenarioResult): TableRow[] {
  return r.metastability.cells.map((c) => ({
    'supernodes lost at once': pct(c.loss, 0),
    headroom: c.headroomScale === 1 ? 'as in the scenario' : `${c.headroomScale}× the scenario's`,
    'fluid limit': REGIME_WORDS[c.fluid] ?? c.fluid,
    simulation: REGIME_WORDS[c.simulated] ?? c.simulated,
    agree: c.agree ? 'yes' : 'no',
  }));
}

/**
 * Rows of the recovery table: mega-supernodes injected, when, recovered and how fast, fluid and simulated.
 *
 * @param r - a scenario result.
 * @returns table rows (strings).
 *
 * @complexity O(cases).
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * markdownTable(recoveryRows(result));
 * ```
 *
 * @category Running scenarios
 */
export function recoveryRows(r: ScenarioResult): TableRow[] {
  const h = (x: number | null) =>
    x === null ? 'not recovered' : x < 1 ? `${Math.round(60 * x)} min` : `${x.toFixed(1)} h`;
  return r.metastability.recovery.map((c) => ({
    'mega-supernodes': `${c.megaCount} × ${c.capacity.toLocaleString('en')} clients`,
    'injected at': `T+${c.atHours} h`,
    'fluid limit: recovery time': c.fluid.recovered ? h(c.fluid.recoveryHours) : 'not recovered',
    'simulation: recovery time':
      c.simulated.recoveredShare > 0
        ? `${h(c.simulated.recoveryHours)} (${pct(c.simulated.recoveredShare, 0)} of ${c.simulated.runs} run${c.simulated.runs === 1 ? '' : 's'})`
        : 'not recovered',
  }));
}

/**
 * The what-if table: minimum online fraction, collapse fraction, recovery time, peak supernode traffic and peak login
 * rate per what-if.
 *
 * @param r - a scenario result.
 * @returns one row per what-if (strings).
 *
 * @complexity O(what-ifs).
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * markdownTable(whatIfRows(result));
 * ```
 *
 * @category Running scenarios
 */
export function whatIfRows(r: ScenarioResult): TableRow[] {
  return r.whatIf.map((w) => ({
    'what-if': w.name,
    'min online': pct(w.minOnlineFraction),
    collapsed: pct(w.collapseFraction, 0),
    recovery: w.recovered ? hours(w.recoveryHours) : 'not recovered',
    'peak requests at SNs': `${w.peakLoginRate.toFixed(0)}×`,
    'peak attempts incl. dead': `${w.peakTrafficRate.toFixed(0)}×`,
  }));
}

/**
 * The model against one observed point (or window) of the scenario.
 *
 * @category Running scenarios
 */
export interface ObservedResidual {
  /** The observed point's label (or its time when it has none). */
  label: string;
  /** Hours after T; `tEnd` when the figure is a mean over a window. */
  t: number;
  tEnd?: number;
  /** Observed online fraction and its range (absent when the scenario gives none). */
  observed: number;
  lo?: number;
  hi?: number;
  /** Half the range (the fit's σ when the scenario's points come from the fit's observations); null without a range. */
  sigma: number | null;
  /** Fluid limit at the point (window mean); NaN when the fluid timeline does not reach it. */
  fluid: number;
  /** Mean of the simulated runs, and the lowest and highest run (window means for a window). */
  simulated: number;
  simulatedMin: number;
  simulatedMax: number;
  /** (model − observed) / σ; null without a range. */
  fluidSigma: number | null;
  simulatedSigma: number | null;
  /** Inside [lo, hi] (null without a range or when the model does not reach the point). */
  fluidInside: boolean | null;
  simulatedInside: boolean | null;
}

/**
 * The residual of the fluid curve and of the simulated mean at every observed point of the scenario: the value at
 * the point (linear interpolation between samples) or the mean over the window [t, tEnd] (trapezoids), as the
 * calibration computes it (`modelValueAt`, src/compare/overload-calibration.ts).
 *
 * @param r - a scenario result.
 * @returns one row per observed point, χ² = Σ standardized² of the fluid curve and of the simulated mean (over the
 *   points with a range that the timeline reaches), and how many points entered χ².
 *
 * @complexity O(points × log timeline + windows × timeline).
 * @model σ = (hi − lo)/2.
 * @references docs/reference/skype-calibration.md, section 8.
 *
 * @example
 * ```ts
 * observedResiduals(result).rows.map((x) => x.simulatedSigma);
 * ```
 *
 * @category Running scenarios
 */
export function observedResiduals(r: ScenarioResult): {
  rows: ObservedResidual[];
  chi2Fluid: number;
  chi2Simulated: number;
  points: number;
} {
  const lowest = r.timeline.map((p) => ({ t: p.t, online: p.onlineMin }));
  const highest = r.timeline.map((p) => ({ t: p.t, online: p.onlineMax }));
  const inside = (v: number, lo?: number, hi?: number) =>
    lo === undefined || hi === undefined || !Number.isFinite(v) ? null : v >= lo && v <= hi;
  const rows = r.observed.map((o): ObservedResidual => {
    const win = { t: o.t, ...(o.tEnd !== undefined ? { tEnd: o.tEnd } : {}) };
    const fluid = modelValueAt(r.fluidTimeline, win);
    const simulated = modelValueAt(r.timeline, win);
    const sigma = o.lo !== undefined && o.hi !== undefined && o.hi > o.lo ? (o.hi - o.lo) / 2 : null;
    const z = (v: number) => (sigma === null || !Number.isFinite(v) ? null : (v - o.online) / sigma);
    return {
      label: o.label ?? `T+${o.t} h`,
      t: o.t,
      ...(o.tEnd !== undefined ? { tEnd: o.tEnd } : {}),
      observed: o.online,
      ...(o.lo !== undefined ? { lo: o.lo } : {}),
      ...(o.hi !== undefined ? { hi: o.hi } : {}),
      sigma,
      fluid,
      simulated,
      simulatedMin: modelValueAt(lowest, win),
      simulatedMax: modelValueAt(highest, win),
      fluidSigma: z(fluid),
      simulatedSigma: z(simulated),
      fluidInside: inside(fluid, o.lo, o.hi),
      simulatedInside: inside(simulated, o.lo, o.hi),
    };
  });
  const used = rows.filter((x) => x.fluidSigma !== null && x.simulatedSigma !== null);
  return {
    rows,
    chi2Fluid: used.reduce((s, x) => s + (x.fluidSigma as number) ** 2, 0),
    chi2Simulated: used.reduce((s, x) => s + (x.simulatedSigma as number) ** 2, 0),
    points: used.length,
  };
}

/** P(|Z| > 1) for a standard normal Z: 2·(1 − Φ(1)) = erfc(1/√2). */
const OUTSIDE_1SIGMA = 0.31731050786291415;

const when = (x: Pick<ObservedResidual, 't' | 'tEnd'>): string =>
  x.tEnd !== undefined ? `T+${x.t}–${x.tEnd} h` : `T+${x.t} h`;
const signed = (z: number | null): string => (z === null ? 'n/a' : `${z >= 0 ? '+' : '−'}${Math.abs(z).toFixed(2)} σ`);

/**
 * The residual table: at every observed point the observed value and its range, the fluid limit and the simulated
 * mean (with the lowest and highest run), each with its standardized residual and whether it lies in the range.
 *
 * @param r - a scenario result.
 * @returns table rows (strings).
 *
 * @complexity as {@link observedResiduals}.
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * markdownTable(observedResidualRows(result));
 * ```
 *
 * @category Running scenarios
 */
export function observedResidualRows(r: ScenarioResult): TableRow[] {
  const mark = (b: boolean | null) => (b === null ? '' : b ? 'yes' : 'no');
  return observedResiduals(r).rows.map((x) => ({
    when: when(x),
    observed: x.label,
    value: pct(x.observed),
    'range (σ = half of it)': x.lo !== undefined && x.hi !== undefined ? `${pct(x.lo)}–${pct(x.hi)}` : '',
    fluid: pct(x.fluid),
    'fluid residual': signed(x.fluidSigma),
    'fluid in range': mark(x.fluidInside),
    'simulated mean': pct(x.simulated),
    'runs (min–max)': `${pct(x.simulatedMin)}–${pct(x.simulatedMax)}`,
    'simulated residual': signed(x.simulatedSigma),
    'simulated in range': mark(x.simulatedInside),
  }));
}

/**
 * "What still misses", in plain words, derived from the residuals (no fixed verdict text): which observed points
 * the simulated mean or the fluid limit leaves outside their range, by how much and in which direction, whether the
 * misses share a sign, and χ² of both curves. Points the timeline does not reach are named as such.
 *
 * @param r - a scenario result.
 * @param scenario - the scenario that was run (for its number of timeline runs).
 * @returns markdown (one paragraph).
 *
 * @complexity as {@link observedResiduals}.
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * console.log(whatStillMissesMarkdown(result, scenario));
 * ```
 *
 * @category Running scenarios
 */
export function whatStillMissesMarkdown(r: ScenarioResult, scenario: Pick<Scenario, 'montecarlo'>): string {
  const runs = scenario.montecarlo.timelineRuns;
  const { rows, chi2Fluid, chi2Simulated, points } = observedResiduals(r);
  if (rows.length === 0)
    return '**What still misses.** The scenario has no observed points to judge the model against.';
  const unreached = rows.filter((x) => !Number.isFinite(x.simulated) || !Number.isFinite(x.fluid));
  const ranged = rows.filter((x) => x.sigma !== null && Number.isFinite(x.simulated) && Number.isFinite(x.fluid));
  const misses = ranged.filter((x) => x.simulatedInside === false || x.fluidInside === false);
  const pts = (d: number) => `${Math.abs(100 * d).toFixed(1)} points ${d < 0 ? 'low' : 'high'}`;
  const missText = (x: ObservedResidual) => {
    const s = x.simulated - x.observed;
    const f = x.fluid - x.observed;
    const who =
      x.simulatedInside === false && x.fluidInside === false
        ? `the simulated mean, ${pct(x.simulated)}, is ${pts(s)} (${signed(x.simulatedSigma)}) and the fluid limit, ${pct(x.fluid)}, ${pts(f)} (${signed(x.fluidSigma)})`
        : x.simulatedInside === false
          ? `the simulated mean, ${pct(x.simulated)}, is ${pts(s)} (${signed(x.simulatedSigma)}; the fluid limit, ${pct(x.fluid)}, is inside)`
          : `the fluid limit, ${pct(x.fluid)}, is ${pts(f)} (${signed(x.fluidSigma)}; the simulated mean, ${pct(x.simulated)}, is inside)`;
    return `at ${when(x)} (${x.label}: ${pct(x.observed)}, range ${pct(x.lo)}–${pct(x.hi)}) ${who}`;
  };
  const parts: string[] = [];
  if (ranged.length === 0) {
    parts.push(
      'No observed point has a range, so the residuals cannot be judged in σ; the table gives the differences.',
    );
  } else if (misses.length === 0) {
    parts.push(
      `Every one of the ${ranged.length} observed points with a range is matched: the simulated mean and the fluid limit both lie inside each range.`,
    );
  } else {
    const worst = [...misses].sort((a, b) => Math.abs(b.simulatedSigma ?? 0) - Math.abs(a.simulatedSigma ?? 0))[0];
    const signs = new Set(
      misses.map((x) => Math.sign((x.simulatedInside === false ? x.simulated : x.fluid) - x.observed)),
    );
    parts.push(
      `${misses.length} of the ${ranged.length} observed points with a range are missed: ${misses.map(missText).join('; ')}.` +
        (misses.length > 1
          ? signs.size === 1
            ? ` Every miss has the same sign: the model is too ${[...signs][0] < 0 ? 'low' : 'high'} at those points.`
            : ' The misses have both signs, so no single shift of the curve removes them.'
          : '') +
        ` The largest simulated residual is at ${when(worst)} (${signed(worst.simulatedSigma)}).`,
    );
  }
  if (unreached.length > 0)
    parts.push(`Not reached by the simulated time: ${unreached.map((x) => `${when(x)} (${x.label})`).join(', ')}.`);
  if (points > 0) {
    parts.push(
      `χ² over the ${points} point${points === 1 ? '' : 's'} with a range: ${chi2Fluid.toFixed(2)} for the fluid limit, ${chi2Simulated.toFixed(2)} for the simulated mean of ${runs} run${runs === 1 ? '' : 's'} (σ = half of each range; were the ranges ±1 σ of Gaussian errors, ${(100 * OUTSIDE_1SIGMA).toFixed(1)} % of the points — ${(OUTSIDE_1SIGMA * points).toFixed(1)} of ${points} — would fall outside by chance).`,
    );
  }
  return `**What still misses.** ${parts.join(' ')}`;
}

/**
 * Observed points as the plots draw them: a window at its middle, with its range.
 *
 * @category Running scenarios
 */
export function observedForPlot(
  r: Pick<ScenarioResult, 'observed'>,
): { t: number; online: number; lo?: number; hi?: number; label?: string }[] {
  return r.observed.map((o) => ({
    t: o.tEnd !== undefined ? (o.t + o.tEnd) / 2 : o.t,
    online: o.online,
    ...(o.lo !== undefined ? { lo: o.lo } : {}),
    ...(o.hi !== undefined ? { hi: o.hi } : {}),
    ...(o.label ? { label: o.label } : {}),
  }));
}

function lineUpRows(l: LineUp, xName: string): TableRow[] {
  return l.rows.map((row) => ({
    [xName]: row.x,
    analytic: row.analytic,
    mean: row.mean,
    ci_lo: row.ci[0],
    ci_hi: row.ci[1],
    difference: row.difference,
    inside_ci: row.insideCi === null ? '' : row.insideCi ? 'yes' : 'no',
    near_threshold: row.nearThreshold ? 'yes' : '',
    agrees: row.agrees === null ? '' : row.agrees ? 'yes' : 'no',
    region: row.region,
  }));
}

const lineUpColumns = (xName: string): TableColumnInput[] => [
  { key: xName, format: { style: 'fixed', digits: 3 } },
  { key: 'analytic', format: { style: 'fixed', digits: 4 } },
  { key: 'mean', format: { style: 'fixed', digits: 4 } },
  { key: 'ci_lo', format: { style: 'fixed', digits: 4 } },
  { key: 'ci_hi', format: { style: 'fixed', digits: 4 } },
  { key: 'difference', format: { style: 'fixed', digits: 4 } },
  'inside_ci',
  'near_threshold',
  'agrees',
  'region',
];

/**
 * The online-users timeline plot with the observed points, the simulated band and the mega-supernode waves.
 *
 * @param r - a scenario result.
 * @param scenario - the scenario (for the waves and the name).
 * @returns an SVG string.
 *
 * @complexity O(timeline) (thinned to about 400 points).
 * @model —.
 * @references calibration rows 2–3.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('timeline.svg', scenarioTimelineSvg(result, scenario));
 * ```
 *
 * @category Running scenarios
 */
export function scenarioTimelineSvg(r: ScenarioResult, scenario: Pick<Scenario, 'levers' | 'name'>): string {
  const thin = <T>(xs: T[]): T[] => {
    const step = Math.max(1, Math.floor(xs.length / 400));
    return xs.filter((_, i) => i % step === 0 || i === xs.length - 1);
  };
  const pts = thin(r.timeline);
  return timelinePlot({
    title: `${scenario.name}: online users after the trigger`,
    subtitle: `simulated at scale ${r.scale} (${r.population.clients.toLocaleString('en')} clients, ${r.population.supernodes} supernodes), seed ${r.seed}; dashed red: the fluid limit of the same model`,
    series: [
      { name: 'online (mean of runs)', points: pts.map((p) => ({ t: p.t, online: p.online })) },
      { name: 'supernodes up', points: pts.map((p) => ({ t: p.t, online: p.supernodesUp })), dash: '4,3' },
      ...(r.fluidTimeline.length > 0
        ? [
            {
              name: 'online, fluid limit (deterministic)',
              points: thin(r.fluidTimeline).map((p) => ({ t: p.t, online: p.online })),
              stroke: '#e15759',
              dash: '7,3',
            },
          ]
        : []),
    ],
    bands: [
      { name: 'online, min–max of runs', points: pts.map((p) => ({ t: p.t, lo: p.onlineMin, hi: p.onlineMax })) },
    ],
    observed: observedForPlot(r),
    observedName: 'observed (reported figures, scenario.observed)',
    injections: scenario.levers.megaSupernodes.waves.map((w) => ({ t: w.atHours, label: `+${w.count} mega-SNs` })),
    yDomain: [0, 1.05],
    xDomain: [0, 1.12 * Math.max(r.timeline[r.timeline.length - 1]?.t ?? 1, ...r.observed.map((o) => o.t))],
  });
}

/**
 * Collapse probability against supernode loss (Wilson intervals), with the fluid f_c, the adaptive simulated f_c,
 * the static mean-field bound and the reported loss shaded.
 *
 * @param r - a scenario result.
 * @returns an SVG string.
 *
 * @complexity O(losses).
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('collapse.svg', scenarioCollapseSvg(result));
 * ```
 *
 * @category Running scenarios
 */
export function scenarioCollapseSvg(r: ScenarioResult): string {
  const b: { loss: number; label: string; dash?: string; stroke?: string }[] = [];
  if (r.threshold.analytic !== null)
    b.push({
      loss: r.threshold.analytic,
      label: `fluid f_c = ${pct(r.threshold.analytic, 2)}`,
      stroke: '#e15759',
      dash: '7 3',
    });
  if (r.threshold.montecarlo !== null)
    b.push({ loss: r.threshold.montecarlo, label: `simulated f_c = ${pct(r.threshold.montecarlo, 2)}`, dash: '4,3' });
  if (r.threshold.staticBound.value !== null)
    b.push({
      loss: r.threshold.staticBound.value,
      label: `static mean-field bound = ${pct(r.threshold.staticBound.value)}`,
      stroke: '#999',
    });
  return collapsePlot({
    title: 'Collapse probability against supernode loss',
    subtitle: `fixed grid, ${r.overload.runs} runs per loss (Wilson 95 % intervals); lines: fluid and adaptive simulated f_c, static bound; shaded: reported loss`,
    series: [
      {
        name: 'simulated',
        points: r.overload.points.map((p) => ({ loss: p.loss, probability: p.fraction, lo: p.ci[0], hi: p.ci[1] })),
      },
    ],
    boundaries: b,
    spans: [
      { x1: r.reportedLoss[0], x2: Math.max(r.reportedLoss[1], r.reportedLoss[0] + 0.002), label: 'reported loss' },
    ],
  });
}

/**
 * Phase diagram: supernode loss × mean headroom, simulated minimum online fraction, fluid-limit boundary f_c(α).
 *
 * @param r - a scenario result.
 * @returns an SVG string.
 *
 * @complexity O(cells).
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('phase.svg', scenarioPhaseSvg(result));
 * ```
 *
 * @category Running scenarios
 */
export function scenarioPhaseSvg(r: ScenarioResult): string {
  const losses = [...new Set(r.phase.cells.map((c) => c.loss))].sort((a, b) => a - b);
  const heads = [...new Set(r.phase.cells.map((c) => c.headroom))].sort((a, b) => a - b);
  return phaseDiagram({
    title: 'Minimum online fraction: supernode loss × capacity headroom',
    subtitle: 'headroom α_i ~ uniform(α/2, 3α/2); line: collapse boundary f_c(α) of the fluid limit',
    x: { label: 'supernode loss f', values: losses, percent: true },
    y: { label: 'mean headroom α', values: heads },
    cells: r.phase.cells.map((c) => ({ x: c.loss, y: c.headroom, value: c.minOnline })),
    valueLabel: 'minimum online fraction',
    valuePercent: true,
    domain: [0, 1],
    boundary: r.fluidPhaseBoundary.filter((b) => b.fC !== null).map((b) => ({ x: b.fC as number, y: b.headroom })),
    boundaryLabel: 'fluid-limit f_c(α)',
  });
}

/**
 * Giant supernode component against supernode loss, random vs targeted: analytic curves over the simulated bands,
 * with the analytic thresholds.
 *
 * @param r - a scenario result.
 * @returns an SVG string.
 *
 * @complexity O(grid).
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('giant-component.svg', scenarioGiantSvg(result));
 * ```
 *
 * @category Running scenarios
 */
export function scenarioGiantSvg(r: ScenarioResult): string {
  const curve = (name: string, l: LineUp, color?: string) => ({
    name,
    analytic: l.rows.map((row) => ({ f: row.x, S: row.analytic })),
    simulated: l.rows.map((row) => ({ f: row.x, S: row.mean, lo: row.ci[0], hi: row.ci[1] })),
    ...(color ? { color } : {}),
  });
  const th = [];
  if (r.connectivityThreshold.analytic !== null)
    th.push({ f: r.connectivityThreshold.analytic, label: 'f_c random', curve: 'random loss' });
  if (r.connectivityThreshold.attack.analytic !== null)
    th.push({ f: r.connectivityThreshold.attack.analytic, label: 'f_c targeted', curve: 'targeted loss' });
  const m = r.connectivity.random.model;
  return giantComponentPlot({
    title: 'Giant supernode component against supernode loss',
    subtitle: `core ${m.coreLaw}, ${m.supernodes} supernodes, ${r.connectivity.random.runs} overlays; lines: branching theory, bands: simulated 95 % CI`,
    curves: [curve('random loss', r.connectivity.random.giant), curve('targeted loss', r.connectivity.attack.giant)],
    thresholds: th,
    xLabel: 'supernode loss f',
    yLabel: 'giant supernode component (fraction of all supernodes)',
  });
}

/**
 * The markdown summary block: the verdict, the summary table and the population line.
 *
 * @param r - a scenario result.
 * @returns markdown.
 *
 * @complexity O(1).
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * console.log(scenarioSummaryMarkdown(result));
 * ```
 *
 * @category Running scenarios
 */
export function scenarioSummaryMarkdown(r: ScenarioResult): string {
  return [
    `**Verdict.** ${r.verdict}`,
    '',
    markdownTable(scenarioSummaryRows(r)).trimEnd(),
    '',
    `Seed ${r.seed}, scale ${r.scale}: ${r.population.clients.toLocaleString('en')} clients, ${r.population.supernodes} supernodes, ${r.population.megaSupernodes} mega-supernodes.`,
  ].join('\n');
}

/**
 * Assemble the report bundle of a scenario run (for writeReport).
 *
 * @param r - the result of runScenario.
 * @param scenario - the scenario that was run.
 * @returns a ReportBundle: summary, sections with plots and tables, report.json (the CLI's JSON), CSV files.
 *
 * @complexity O(timeline + grid sizes).
 *
 * @example
 * ```ts
 * writeReport('report', scenarioReport(result, scenario)); // (result: runScenario(scenario, { seed: 1 }))
 * ```
 *
 * @category Running scenarios
 */
export function scenarioReport(r: ScenarioResult, scenario: Scenario): ReportBundle {
  const sections: ReportSection[] = [
    {
      heading: 'Online users over time',
      markdown: `Mean of ${scenario.montecarlo.timelineRuns} simulated runs (band: lowest to highest run) and the fluid limit of the same model (dashed red) against the figures reported at the time (dots). Minimum ${pct(r.minOnlineFraction)} at ${at(r.minOnlineAtHours)}; ${r.recovered ? `recovered ${hours(r.recoveryHours)}` : 'not recovered within the simulated time'}.`,
      plot: {
        name: 'timeline',
        svg: scenarioTimelineSvg(r, scenario),
        alt: 'online users over time with the observed points',
      },
    },
    {
      heading: 'The fit: residual at every observed point',
      markdown:
        `The timeline above against each observed figure: the fluid limit and the mean of the ${scenario.montecarlo.timelineRuns} simulated runs (a window is compared with the model's mean over it), each residual in units of σ = half the observed range.\n\n` +
        whatStillMissesMarkdown(r, scenario),
      table: { rows: observedResidualRows(r), csv: 'observed-residuals' },
    },
    {
      heading: 'What-ifs',
      markdown: `Each what-if changes the scenario as described and is simulated ${scenario.montecarlo.whatIfRuns} time(s) with the same seed.`,
      table: { rows: whatIfRows(r), csv: 'what-if' },
    },
    {
      heading: 'Overload threshold: fluid limit, simulation and the static bound',
      markdown: overloadThresholdMarkdown(r, scenario),
      plot: { name: 'collapse', svg: scenarioCollapseSvg(r), alt: 'collapse probability against supernode loss' },
      table: {
        rows: r.adaptiveThreshold.points.map((q) => ({
          'supernode loss': pct(q.loss, 2),
          runs: q.runs,
          collapsed: q.collapsed,
        })),
        csv: 'overload-adaptive-design',
        caption: `The runs of the adaptive design (${r.adaptiveThreshold.rounds} rounds of ${r.adaptiveThreshold.runs / r.adaptiveThreshold.rounds}; the first is a coarse grid, the others are placed across the current interval)`,
      },
    },
    {
      heading: 'Collapse probability on a fixed loss grid',
      markdown: `${r.overload.runs} runs per loss on the scenario's fixed grid; the analytic column is the static mean-field collapse indicator (1 past its bound), shown for comparison only.`,
      table: { rows: lineUpRows(r.overload.lineUp, 'loss'), columns: lineUpColumns('loss'), csv: 'overload-line-up' },
    },
    {
      heading: 'Metastability: does a collapse sustain itself?',
      markdown: metastabilityMarkdown(r, scenario),
      table: { rows: metastabilityRows(r), csv: 'metastability-map' },
    },
    ...(r.metastability.recovery.length > 0
      ? [
          {
            heading: 'Metastability: recovery by injected capacity',
            table: { rows: recoveryRows(r), csv: 'metastability-recovery' },
          },
        ]
      : []),
    {
      heading: 'Phase diagram: supernode loss × headroom',
      plot: { name: 'phase', svg: scenarioPhaseSvg(r), alt: 'phase diagram of supernode loss against headroom' },
      table: {
        rows: r.phase.boundary.map((b, i) => ({
          headroom: b.headroom,
          'fluid-limit f_c':
            r.fluidPhaseBoundary[i]?.fC == null
              ? `n/a (${r.fluidPhaseBoundary[i]?.reason ?? ''})`
              : pct(r.fluidPhaseBoundary[i].fC, 2),
          'static mean-field bound': b.fC === null ? `n/a (${b.reason})` : pct(b.fC),
        })),
        csv: 'phase-boundary',
      },
    },
    {
      heading: 'Connectivity: giant supernode component, random vs targeted loss',
      markdown: `Analytic two-tier branching (configuration-model core ${r.connectivity.random.model.coreLaw}, host cache ${r.connectivity.random.model.cacheSize}) against ${r.connectivity.random.runs} generated overlays of ${r.connectivity.random.model.supernodes} supernodes. Critical loss (random) ${pct(r.connectivityThreshold.analytic)} analytic vs ${pct(r.connectivityThreshold.montecarlo)} ${ci(r.connectivityThreshold.ci)} simulated; targeted ${pct(r.connectivityThreshold.attack.analytic)} vs ${pct(r.connectivityThreshold.attack.montecarlo)} ${ci(r.connectivityThreshold.attack.ci)}.`,
      plot: {
        name: 'giant-component',
        svg: scenarioGiantSvg(r),
        alt: 'giant component against removal, random vs targeted',
      },
      table: {
        rows: lineUpRows(r.connectivity.random.giant, 'loss'),
        columns: lineUpColumns('loss'),
        csv: 'giant-random-line-up',
        caption: 'Random loss: giant supernode component',
      },
    },
    {
      heading: 'Connectivity: served clients, random loss',
      table: {
        rows: lineUpRows(r.connectivity.random.served, 'loss'),
        columns: lineUpColumns('loss'),
        csv: 'served-random-line-up',
      },
    },
    {
      heading: 'Connectivity: targeted loss line-up',
      table: {
        rows: lineUpRows(r.connectivity.attack.giant, 'loss'),
        columns: lineUpColumns('loss'),
        csv: 'giant-attack-line-up',
      },
    },
  ];
  return {
    title: `Scenario ${r.scenario}`,
    summary: `${scenario.description ?? ''}\n\n${scenarioSummaryMarkdown(r)}`,
    sections,
    json: r,
    csv: { timeline: r.timeline.map((p) => ({ ...p })) },
  };
}
