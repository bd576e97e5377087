/**
 * Turn a scenario result into a report: the summary table, the verdict, the comparison tables, and four SVG plots
 * (timeline against the observed points, collapse probability against supernode loss with the mean-field boundary,
 * the loss × headroom phase diagram with f_c(α), and giant component against removal, random vs targeted).
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
import type { Scenario } from './schema.ts';
import type { ScenarioResult } from './run.ts';

const pct = (x: number | null | undefined, d = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(d)} %`);
const ci = (c: [number | null, number | null]): string => `[${pct(c[0])}, ${pct(c[1])}]`;
const hours = (h: number | null): string => (h === null || !Number.isFinite(h) ? 'not recovered' : h === 0 ? 'no outage' : `T+${h.toFixed(1)} h`);
const at = (h: number): string => (h < 1 ? `T+${Math.round(h * 60)} min` : `T+${h.toFixed(1)} h`);

/**
 * The summary rows: both thresholds (analytic vs simulated with CI), the reported loss, the minimum online fraction,
 * recovery, the peak request rate at up supernodes (peakLoginRate, the quantity the reported ≈100× of row 19
 * describes) and the peak attempt traffic including probes of down host-cache entries (peakTrafficRate).
 *
 * @param r - a scenario result.
 * @returns rows with columns quantity, analytic, simulated, note (strings, ready for markdownTable).
 *
 * **Complexity**: O(1). **Model**: —. **References**: —.
 *
 * @example
 * ```ts
 * console.log(markdownTable(scenarioSummaryRows(runScenario(loadScenario('skype-2010')))));
 * ```
 */
export function scenarioSummaryRows(r: ScenarioResult): TableRow[] {
  return [
    { quantity: 'overload critical supernode loss', analytic: pct(r.threshold.analytic), simulated: `${pct(r.threshold.montecarlo)} ${ci(r.threshold.ci)}`, note: "mean field ('admission' model: survivors keep their clients, share the extra request load) vs simulated 50 %-collapse point" },
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
      simulated: r.reportedLoss[0] === r.reportedLoss[1] ? pct(r.reportedLoss[0], 0) : `${(100 * r.reportedLoss[0]).toFixed(0)}–${pct(r.reportedLoss[1], 0)}`,
      note: 'the figure judged by the verdict',
    },
    { quantity: 'minimum online fraction', analytic: '', simulated: pct(r.minOnlineFraction), note: `at ${at(r.minOnlineAtHours)} (mean of runs)` },
    { quantity: 'recovered (>= 80 % to the end)', analytic: '', simulated: r.recovered ? `yes, ${hours(r.recoveryHours)}` : 'no', note: 'all timeline runs' },
    {
      quantity: 'peak requests at up supernodes',
      analytic: '',
      simulated: `${r.peakLoginRate.toFixed(0)}× normal`,
      note: 'login/search requests reaching supernodes that are up (accepted or refused; peakLoginRate); reported ≈100× (row 19)',
    },
    {
      quantity: 'peak attempt traffic incl. dead cache entries',
      analytic: '',
      simulated: `${r.peakTrafficRate.toFixed(0)}× normal`,
      note: `at ${at(r.peakTrafficRateAtHours)}; also counts probes of host-cache entries that are down (peakTrafficRate; an upper bound, not the row-19 quantity)`,
    },
  ];
}

/**
 * The what-if table: minimum online fraction, collapse fraction, recovery time, peak supernode traffic and peak login
 * rate per what-if.
 *
 * @param r - a scenario result.
 * @returns one row per what-if (strings).
 *
 * **Complexity**: O(what-ifs). **Model**: —. **References**: —.
 *
 * @example
 * ```ts
 * markdownTable(whatIfRows(result));
 * ```
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
 * **Complexity**: O(timeline) (thinned to about 400 points). **Model**: —. **References**: calibration rows 2–3.
 *
 * @example
 * ```ts
 * writeFileSync('timeline.svg', scenarioTimelineSvg(result, scenario));
 * ```
 */
export function scenarioTimelineSvg(r: ScenarioResult, scenario: Pick<Scenario, 'levers' | 'name'>): string {
  const step = Math.max(1, Math.floor(r.timeline.length / 400));
  const pts = r.timeline.filter((_, i) => i % step === 0 || i === r.timeline.length - 1);
  return timelinePlot({
    title: `${scenario.name}: online users after the trigger`,
    subtitle: `simulated at scale ${r.scale} (${r.population.clients.toLocaleString('en')} clients, ${r.population.supernodes} supernodes), seed ${r.seed}`,
    series: [
      { name: 'online (mean of runs)', points: pts.map((p) => ({ t: p.t, online: p.online })) },
      { name: 'supernodes up', points: pts.map((p) => ({ t: p.t, online: p.supernodesUp })), dash: '4,3' },
    ],
    bands: [{ name: 'online, min–max of runs', points: pts.map((p) => ({ t: p.t, lo: p.onlineMin, hi: p.onlineMax })) }],
    observed: r.observed.map((o) => ({ t: o.t, online: o.online, ...(o.lo !== undefined ? { lo: o.lo } : {}), ...(o.hi !== undefined ? { hi: o.hi } : {}), ...(o.label ? { label: o.label } : {}) })),
    observedName: 'observed (reported figures, scenario.observed)',
    injections: scenario.levers.megaSupernodes.waves.map((w) => ({ t: w.atHours, label: `+${w.count} mega-SNs` })),
    yDomain: [0, 1.05],
    xDomain: [0, 1.12 * Math.max(r.timeline[r.timeline.length - 1]?.t ?? 1, ...r.observed.map((o) => o.t))],
  });
}

/**
 * Collapse probability against supernode loss (Wilson intervals), with the mean-field boundary, the 50 %-collapse
 * point and the reported loss shaded.
 *
 * @param r - a scenario result.
 * @returns an SVG string.
 *
 * **Complexity**: O(losses). **Model**: —. **References**: —.
 *
 * @example
 * ```ts
 * writeFileSync('collapse.svg', scenarioCollapseSvg(result));
 * ```
 */
export function scenarioCollapseSvg(r: ScenarioResult): string {
  const b = [];
  if (r.overload.threshold.analytic !== null) b.push({ loss: r.overload.threshold.analytic, label: `mean-field f_c = ${pct(r.overload.threshold.analytic)}` });
  if (r.overload.threshold.montecarlo !== null) b.push({ loss: r.overload.threshold.montecarlo, label: `50 % collapse = ${pct(r.overload.threshold.montecarlo)}`, dash: '4,3' });
  return collapsePlot({
    title: 'Collapse probability against supernode loss',
    subtitle: `${r.overload.runs} runs per loss (Wilson 95 % intervals); shaded: reported loss`,
    series: [{ name: 'simulated', points: r.overload.points.map((p) => ({ loss: p.loss, probability: p.fraction, lo: p.ci[0], hi: p.ci[1] })) }],
    boundaries: b,
    spans: [{ x1: r.reportedLoss[0], x2: Math.max(r.reportedLoss[1], r.reportedLoss[0] + 0.002), label: 'reported loss' }],
  });
}

/**
 * Phase diagram: supernode loss × mean headroom, simulated minimum online fraction, mean-field boundary f_c(α).
 *
 * @param r - a scenario result.
 * @returns an SVG string.
 *
 * **Complexity**: O(cells). **Model**: —. **References**: —.
 *
 * @example
 * ```ts
 * writeFileSync('phase.svg', scenarioPhaseSvg(result));
 * ```
 */
export function scenarioPhaseSvg(r: ScenarioResult): string {
  const losses = [...new Set(r.phase.cells.map((c) => c.loss))].sort((a, b) => a - b);
  const heads = [...new Set(r.phase.cells.map((c) => c.headroom))].sort((a, b) => a - b);
  return phaseDiagram({
    title: 'Minimum online fraction: supernode loss × capacity headroom',
    subtitle: 'headroom α_i ~ uniform(α/2, 3α/2); line: mean-field collapse boundary f_c(α)',
    x: { label: 'supernode loss f', values: losses, percent: true },
    y: { label: 'mean headroom α', values: heads },
    cells: r.phase.cells.map((c) => ({ x: c.loss, y: c.headroom, value: c.minOnline })),
    valueLabel: 'minimum online fraction',
    valuePercent: true,
    domain: [0, 1],
    boundary: r.phase.boundary.filter((b) => b.fC !== null).map((b) => ({ x: b.fC as number, y: b.headroom })),
    boundaryLabel: 'mean-field f_c(α)',
  });
}

/**
 * Giant supernode component against supernode loss, random vs targeted: analytic curves over the simulated bands,
 * with the analytic thresholds.
 *
 * @param r - a scenario result.
 * @returns an SVG string.
 *
 * **Complexity**: O(grid). **Model**: —. **References**: —.
 *
 * @example
 * ```ts
 * writeFileSync('giant-component.svg', scenarioGiantSvg(result));
 * ```
 */
export function scenarioGiantSvg(r: ScenarioResult): string {
  const curve = (name: string, l: LineUp, color?: string) => ({
    name,
    analytic: l.rows.map((row) => ({ f: row.x, S: row.analytic })),
    simulated: l.rows.map((row) => ({ f: row.x, S: row.mean, lo: row.ci[0], hi: row.ci[1] })),
    ...(color ? { color } : {}),
  });
  const th = [];
  if (r.connectivityThreshold.analytic !== null) th.push({ f: r.connectivityThreshold.analytic, label: 'f_c random', curve: 'random loss' });
  if (r.connectivityThreshold.attack.analytic !== null) th.push({ f: r.connectivityThreshold.attack.analytic, label: 'f_c targeted', curve: 'targeted loss' });
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
 * **Complexity**: O(1). **Model**: —. **References**: —.
 *
 * @example
 * ```ts
 * console.log(scenarioSummaryMarkdown(result));
 * ```
 */
export function scenarioSummaryMarkdown(r: ScenarioResult): string {
  return [
    `**Verdict.** ${r.verdict}`,
    '',
    markdownTable(scenarioSummaryRows(r)).trimEnd(),
    '',
    `Seed ${r.seed}, scale ${r.scale}: ${r.population.clients.toLocaleString('en')} clients, ${r.population.supernodes} supernodes, ${r.population.megaSupernodes} mega-supernodes. `,
    '`threshold` in report.json is the overload critical supernode loss; `connectivityThreshold` is the connectivity one.',
  ].join('\n');
}

/**
 * Assemble the report bundle of a scenario run (for writeReport).
 *
 * @param r - the result of runScenario.
 * @param scenario - the scenario that was run.
 * @returns a ReportBundle: summary, sections with plots and tables, report.json (the CLI's JSON), CSV files.
 *
 * **Complexity**: O(timeline + grid sizes).
 *
 * @example
 * ```ts
 * writeReport('report', scenarioReport(runScenario(s, { seed: 1 }), s));
 * ```
 */
export function scenarioReport(r: ScenarioResult, scenario: Scenario): ReportBundle {
  const sections: ReportSection[] = [
    {
      heading: 'Online users over time',
      markdown: `Mean of ${scenario.montecarlo.timelineRuns} simulated runs (band: min–max) against the observed points (scenario.observed; calibration table in docs/reference/skype-calibration.md, rows 2–3 for 2010, row 26 for 2007). Minimum ${pct(r.minOnlineFraction)} at ${at(r.minOnlineAtHours)}; ${r.recovered ? `recovered ${hours(r.recoveryHours)}` : 'not recovered within the simulated time'}.`,
      plot: { name: 'timeline', svg: scenarioTimelineSvg(r, scenario), alt: 'online users over time with the observed points' },
    },
    {
      heading: 'What-ifs',
      markdown: `Each what-if changes the scenario as described and is simulated ${scenario.montecarlo.whatIfRuns} time(s) with the same seed.`,
      table: { rows: whatIfRows(r), csv: 'what-if' },
    },
    {
      heading: 'Overload threshold: mean field vs simulation',
      markdown: `Mean-field f_c = ${pct(r.overload.threshold.analytic)} (σ_c = ${r.overload.threshold.sigmaC.toFixed(3)}, surge ${r.overload.threshold.surge.toFixed(3)}); simulated 50 %-collapse loss ${pct(r.overload.threshold.montecarlo)} ${ci(r.overload.threshold.ci)}. Analytic column: mean-field collapse indicator (1 past f_c).`,
      plot: { name: 'collapse', svg: scenarioCollapseSvg(r), alt: 'collapse probability against supernode loss' },
      table: { rows: lineUpRows(r.overload.lineUp, 'loss'), columns: lineUpColumns('loss'), csv: 'overload-line-up' },
    },
    {
      heading: 'Phase diagram: supernode loss × headroom',
      plot: { name: 'phase', svg: scenarioPhaseSvg(r), alt: 'phase diagram of supernode loss against headroom' },
      table: {
        rows: r.phase.boundary.map((b) => ({ headroom: b.headroom, 'mean-field f_c': b.fC === null ? `n/a (${b.reason})` : pct(b.fC) })),
        csv: 'phase-boundary',
      },
    },
    {
      heading: 'Connectivity: giant supernode component, random vs targeted loss',
      markdown: `Analytic two-tier branching (configuration-model core ${r.connectivity.random.model.coreLaw}, host cache ${r.connectivity.random.model.cacheSize}) against ${r.connectivity.random.runs} generated overlays of ${r.connectivity.random.model.supernodes} supernodes. Critical loss (random) ${pct(r.connectivityThreshold.analytic)} analytic vs ${pct(r.connectivityThreshold.montecarlo)} ${ci(r.connectivityThreshold.ci)} simulated; targeted ${pct(r.connectivityThreshold.attack.analytic)} vs ${pct(r.connectivityThreshold.attack.montecarlo)} ${ci(r.connectivityThreshold.attack.ci)}.`,
      plot: { name: 'giant-component', svg: scenarioGiantSvg(r), alt: 'giant component against removal, random vs targeted' },
      table: { rows: lineUpRows(r.connectivity.random.giant, 'loss'), columns: lineUpColumns('loss'), csv: 'giant-random-line-up', caption: 'Random loss: giant supernode component' },
    },
    {
      heading: 'Connectivity: served clients, random loss',
      table: { rows: lineUpRows(r.connectivity.random.served, 'loss'), columns: lineUpColumns('loss'), csv: 'served-random-line-up' },
    },
    {
      heading: 'Connectivity: targeted loss line-up',
      table: { rows: lineUpRows(r.connectivity.attack.giant, 'loss'), columns: lineUpColumns('loss'), csv: 'giant-attack-line-up' },
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
