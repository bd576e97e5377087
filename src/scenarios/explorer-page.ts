/**
 * The report as one self-contained web page (index.html): the verdict, the timeline against the observed points and
 * the residual at each of them with what still misses,
 * the collapse-probability curve with its intervals, the thresholds (fluid vs simulated, connectivity vs overload),
 * the phase and bistability map, the what-if table, and the what-if explorer that reruns the fluid limit in the
 * page. Scripts, styles and data are inline (system fonts, no image or font file, nothing fetched), so the file
 * opens from file:// and works offline.
 *
 * @module
 */
import { escapeHtml, htmlTable, inlineScript, scriptJson, simpleMarkdownHtml } from '../report/html.ts';
import { toJsonSafe } from '../report/json-report.ts';
import { parseCapacityLaw } from '../distributions/parse.ts';
import { explorerFastError, explorerRun, explorerSpec, type ExplorerSpec } from './explorer-model.ts';
import type { ExplorerPageData } from './explorer-app.ts';
import {
  metastabilityMarkdown,
  metastabilityRows,
  observedForPlot,
  observedResidualRows,
  overloadThresholdMarkdown,
  recoveryRows,
  scenarioCollapseSvg,
  scenarioGiantSvg,
  scenarioPhaseSvg,
  scenarioSummaryRows,
  scenarioTimelineSvg,
  whatIfRows,
  whatStillMissesMarkdown,
} from './report.ts';
import type { ScenarioResult } from './run.ts';
import type { Scenario } from './schema.ts';
import type { TableRow } from '../report/table-columns.ts';

const pct = (x: number | null | undefined, d = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(d)} %`;
const ci = (c: readonly [number | null, number | null], d = 1): string => `[${pct(c[0], d)}, ${pct(c[1], d)}]`;

/**
 * The thresholds table: overload and connectivity, analytic (fluid limit, branching theory) against simulated.
 *
 * @param r - a scenario result.
 * @returns rows (strings).
 *
 * @complexity O(1).
 *
 * @example
 * ```ts
 * markdownTable(thresholdRows(result)).startsWith('|'); // true
 * ```
 */
export function thresholdRows(r: ScenarioResult): TableRow[] {
  const t = r.threshold;
  const c = r.connectivityThreshold;
  return [
    {
      threshold: 'overload: critical supernode loss',
      analytic: `${pct(t.analytic, 2)} (fluid limit)`,
      simulated: `${pct(t.montecarlo, 2)} ${ci(t.ci, 2)} (50 %-collapse loss, ${t.runs} runs)`,
      note: t.analyticReason ?? t.montecarloReason ?? `static mean-field bound ${pct(t.staticBound.value)}`,
    },
    {
      threshold: 'connectivity: critical loss, random',
      analytic: `${pct(c.analytic)} (two-tier branching)`,
      simulated: `${pct(c.montecarlo)} ${ci(c.ci)}`,
      note: c.reason ?? 'giant supernode component',
    },
    {
      threshold: 'connectivity: critical loss, targeted',
      analytic: `${pct(c.attack.analytic)} (two-tier branching)`,
      simulated: `${pct(c.attack.montecarlo)} ${ci(c.attack.ci)}`,
      note: c.attack.reason ?? 'highest core degree first',
    },
    {
      threshold: 'reported supernode loss',
      analytic: '',
      simulated:
        r.reportedLoss[0] === r.reportedLoss[1]
          ? pct(r.reportedLoss[0], 0)
          : `${(100 * r.reportedLoss[0]).toFixed(0)}–${pct(r.reportedLoss[1], 0)}`,
      note: 'judged by the verdict',
    },
  ];
}

/** Options of {@link scenarioHtmlPage}. */
export interface ScenarioHtmlOptions {
  /** Headroom quantiles of the page's fluid runs (default 100, as the report's fluid timeline). */
  quantiles?: number;
}

/**
 * The self-contained report page of a scenario run.
 *
 * @param r - the result of runScenario.
 * @param scenario - the scenario that was run.
 * @param script - the page script (explorerBundle()).
 * @param options - see {@link ScenarioHtmlOptions}.
 * @returns the HTML document.
 *
 * @complexity one fluid run (the explorer's starting point, at the scenario's settings), one fast run on the
 * preview's coarse headroom grid (its error, stated in the page), plus the report's plots.
 *
 * @model the explorer's starting run is explorerRun(spec, spec.defaults) — the scenario's own parameters, so it
 * reproduces the report's fluid timeline; every control change reruns explorerRun in the page, first on the fast
 * grid (spec.previewQuantiles, labelled approximate with its error at the scenario's settings,
 * explorerFastError), then at spec.quantiles.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('index.html', scenarioHtmlPage(result, scenario, await explorerBundle()));
 * ```
 */
export function scenarioHtmlPage(
  r: ScenarioResult,
  scenario: Scenario,
  script: string,
  options: ScenarioHtmlOptions = {},
): string {
  const spec = explorerSpec(scenario, r.scale, options.quantiles ?? 100);
  const initial = explorerRun(spec, spec.defaults);
  // the fast model's error at the scenario's settings, measured here: the page states it next to every preview
  const fastError =
    spec.previewQuantiles > 0
      ? explorerFastError(initial, explorerRun(spec, spec.defaults, spec.previewQuantiles))
      : null;
  const data: ExplorerPageData = {
    explorer: { spec, initial, fastError },
    timeline: r.timeline.map((p) => ({ t: p.t, online: p.online, onlineMin: p.onlineMin, onlineMax: p.onlineMax })),
    fluidTimeline: r.fluidTimeline.map((p) => ({ t: p.t, online: p.online })),
    observed: observedForPlot(r),
    report: r,
  };
  const title = `Scenario ${r.scenario}: outage report`;
  const section = (id: string, heading: string, body: string) =>
    `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${escapeHtml(heading)}</h2>\n${body}\n</section>`;
  const figure = (svg: string, caption: string) =>
    `<figure><div class="svg">${svg}</div><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
  const simulatedNote =
    '<p class="note">Simulated results: computed at report time (seed ' +
    r.seed +
    ', scale ' +
    r.scale +
    '); the explorer does not change them.</p>';

  const body = [
    `<header><h1>${escapeHtml(title)}</h1>${scenario.description ? `<p>${escapeHtml(scenario.description)}</p>` : ''}<p class="meta">Seed ${r.seed}, scale ${r.scale}: ${r.population.clients.toLocaleString('en')} clients, ${r.population.supernodes} supernodes, ${r.population.megaSupernodes} mega-supernodes. Generated by <code>fragility scenario</code>; every number on this page is computed.</p>
<nav aria-label="Sections"><ul><li><a href="#verdict">Verdict</a></li><li><a href="#explorer">What-if explorer</a></li><li><a href="#timeline">Timeline</a></li><li><a href="#fit">Fit residuals</a></li><li><a href="#collapse">Collapse probability</a></li><li><a href="#thresholds">Thresholds</a></li><li><a href="#phase">Phase and bistability</a></li><li><a href="#what-if">What-if table</a></li><li><a href="#connectivity">Connectivity</a></li></ul></nav></header>`,
    '<main>',
    section(
      'verdict',
      'Verdict (computed at report time)',
      `<p class="verdict">${escapeHtml(r.verdict)}</p>\n${htmlTable(scenarioSummaryRows(r))}`,
    ),
    section('explorer', 'What-if explorer (fluid limit, recomputed in this page)', explorerHtml(spec)),
    section(
      'timeline',
      'Online users over time',
      `${figure(scenarioTimelineSvg(r, scenario), `Mean of ${scenario.montecarlo.timelineRuns} simulated runs (band: lowest to highest run) and the fluid limit (dashed red) against the reported figures (dots).`)}\n${simulatedNote}`,
    ),
    section(
      'fit',
      'The fit: residual at every observed point',
      `${simpleMarkdownHtml(whatStillMissesMarkdown(r, scenario))}\n${htmlTable(observedResidualRows(r), undefined, `Observed figures against the fluid limit and the mean of ${scenario.montecarlo.timelineRuns} simulated runs (residuals in σ = half the observed range)`)}\n${simulatedNote}`,
    ),
    section(
      'collapse',
      'Collapse probability against supernode loss',
      `${figure(scenarioCollapseSvg(r), `${r.overload.runs} simulated runs per loss with Wilson 95 % intervals; vertical lines: fluid-limit and simulated critical loss, static bound; shaded: the reported loss.`)}\n${simpleMarkdownHtml(overloadThresholdMarkdown(r, scenario))}\n${simulatedNote}`,
    ),
    section(
      'thresholds',
      'Thresholds: fluid vs simulated, connectivity vs overload',
      htmlTable(thresholdRows(r), undefined, 'Critical supernode loss by each method (95 % intervals in brackets)'),
    ),
    section(
      'phase',
      'Phase and bistability map',
      [
        figure(
          scenarioPhaseSvg(r),
          'Simulated minimum online fraction over supernode loss × mean headroom, with the fluid-limit collapse boundary.',
        ),
        htmlTable(
          r.phase.boundary.map((b, i) => ({
            'mean headroom α': b.headroom,
            'fluid-limit f_c':
              r.fluidPhaseBoundary[i]?.fC == null
                ? `n/a (${r.fluidPhaseBoundary[i]?.reason ?? ''})`
                : pct(r.fluidPhaseBoundary[i].fC, 2),
            'static mean-field bound': b.fC === null ? `n/a (${b.reason})` : pct(b.fC),
          })),
          undefined,
          'Collapse boundary by headroom',
        ),
        simpleMarkdownHtml(metastabilityMarkdown(r, scenario)),
        htmlTable(
          metastabilityRows(r),
          undefined,
          'Bistability map: which state persists without intervention (fluid limit and simulation)',
        ),
        r.metastability.recovery.length > 0
          ? htmlTable(recoveryRows(r), undefined, 'Recovery by injected capacity')
          : '',
      ].join('\n'),
    ),
    section(
      'what-if',
      'What-if table — simulated (computed at report time)',
      `<p>Each what-if changes the scenario as described and is simulated ${scenario.montecarlo.whatIfRuns} time(s) with the same seed. Use the explorer above for the fluid limit of other settings.</p>\n${htmlTable(whatIfRows(r).map((row, i) => ({ ...row, description: r.whatIf[i]?.description ?? '' })))}`,
    ),
    section(
      'connectivity',
      'Connectivity: giant supernode component, random vs targeted loss',
      `${figure(scenarioGiantSvg(r), 'Two-tier branching theory (lines) against generated overlays (bands: 95 % intervals).')}\n${simulatedNote}`,
    ),
    '</main>',
    `<footer><p>Data: the full report (report.json) is embedded in this page as JSON (<code>#fragility-data</code>). Files written beside this page: index.md, report.json, CSV tables and SVG plots.</p></footer>`,
  ].join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="fragility">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<a class="skip" href="#explorer">Skip to the what-if explorer</a>
${body}
<script type="application/json" id="fragility-data">${scriptJson(toJsonSafe(data))}</script>
<script>${inlineScript(script)}</script>
</body>
</html>
`;
}

function explorerHtml(spec: ExplorerSpec): string {
  const d = spec.defaults;
  const R = spec.ranges;
  const median = parseCapacityLaw(spec.scenario.supernodes.headroom).quantile(0.5);
  const range = (
    id: string,
    label: string,
    help: string,
    r: { min: number; max: number; step: number },
    value: number,
    out: string,
  ) =>
    `<div class="control"><label for="ctl-${id}">${escapeHtml(label)}</label>
<input type="range" id="ctl-${id}" name="${id}" min="${r.min}" max="${r.max}" step="${r.step}" value="${value}" aria-describedby="help-${id}">
<output id="out-${id}" for="ctl-${id}">${escapeHtml(out)}</output>
<p class="help" id="help-${id}">${escapeHtml(help)}</p></div>`;
  const retry = `<div class="control"><label for="ctl-retry">Client retry policy</label>
<select id="ctl-retry" name="retry" aria-describedby="help-retry">${spec.retryOptions.map((o, i) => `<option value="${i}"${i === d.retry ? ' selected' : ''}>${escapeHtml(o.name)}</option>`).join('')}</select>
<p class="help" id="help-retry">How a client that failed to log in waits before trying again, and when it gives up.</p></div>`;
  return `<p>Move a control: the fluid limit of the overload model (the deterministic large-network version of the simulation, same parameters) is rerun in this page and the timeline and verdict are redrawn. The simulated curve and band stay as computed at report time.</p>
<form id="explorer-controls" aria-label="What-if settings">
${range('supernodeLoss', 'Supernode loss from the trigger', "Share of the ordinary supernodes the trigger crashes (the scenario's trigger.supernodeCrashShare).", R.supernodeLoss, d.supernodeLoss, pct(d.supernodeLoss))}
${range('autoUpdateCoverage', 'Auto-update coverage', 'Share of clients and supernodes updated off the buggy version before the trigger.', R.autoUpdateCoverage, d.autoUpdateCoverage, pct(d.autoUpdateCoverage, 0))}
${range('headroom', 'Supernode headroom (factor on α)', `Spare capacity α of every supernode multiplied by this factor (log scale); the scenario's median α is ${Math.round(median * 1000) / 1000}.`, R.headroomLog2, Math.log2(d.headroomScale), `× 1 (median α = ${Math.round(median * 1000) / 1000})`)}
${retry}
${range('megaCount', 'Mega-supernodes injected (total)', "Dedicated high-capacity supernodes added, spread over the scenario's waves in their proportions (full-scale count).", R.megaCount, d.megaCount, String(d.megaCount))}
${range('megaFirstHours', 'First mega-supernode wave (hours after the trigger)', 'Later waves keep their delay after the first.', R.megaFirstHours, d.megaFirstHours, `T+${d.megaFirstHours} h`)}
<div class="buttons"><button type="reset">Reset to the scenario's settings</button></div>
</form>
<p id="explorer-verdict" class="verdict" role="status" aria-live="polite" aria-atomic="true"></p>
<figure id="explorer-figure" data-run="0"><div id="explorer-plot" class="svg"></div><figcaption>Online users after the trigger. Red: the fluid limit with the settings above (recomputed in this page; dotted: its ordinary supernodes up); grey dashed: the fluid limit with the scenario's settings; blue line and band: simulated (computed at report time, scenario's settings); dots: reported figures.</figcaption></figure>
<dl id="explorer-summary" class="summary"></dl>
<noscript><p>The explorer needs JavaScript; the rest of the report does not.</p></noscript>`;
}

const PAGE_CSS = `
:root{color-scheme:light;--fg:#1a1a1a;--muted:#555;--accent:#b3261e;--line:#ddd}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff;margin:0 auto;max-width:1000px;padding:0 1rem 3rem;line-height:1.5}
h1{font-size:1.6rem;margin:1.2rem 0 .4rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
.meta,.note,.help,figcaption{color:var(--muted);font-size:.9rem}
.skip{position:absolute;left:-10000px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.4rem;z-index:10}
nav ul{display:flex;flex-wrap:wrap;gap:.4rem 1rem;list-style:none;padding:0;margin:.4rem 0}
a{color:#0b57d0}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.verdict{font-size:1.05rem;border-left:4px solid var(--accent);padding:.4rem .8rem;background:#fdf3f2}
table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem;width:100%}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f6f6}td.num,th.num{text-align:right}
figure{margin:1rem 0}.svg svg{max-width:100%;height:auto}
form#explorer-controls{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:.6rem 1.2rem;padding:.8rem;border:1px solid var(--line);border-radius:6px;background:#fafafa}
.control label{display:block;font-weight:600}
.control input[type=range],.control select{width:100%}
.control output{font-variant-numeric:tabular-nums}
.control .help{margin:.1rem 0 0}
.buttons{align-self:end}
button{font:inherit;padding:.3rem .8rem}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.summary dt{color:var(--muted)}dl.summary dd{margin:0;font-variant-numeric:tabular-nums}
@media print{
  body{max-width:none;padding:0;font-size:10pt}
  nav,.skip,.buttons,.help,noscript{display:none}
  form#explorer-controls{display:block;border:none;background:none;padding:0}
  .control{display:inline-block;margin-right:1.2rem}
  .control input{display:none}
  .control select{border:none;appearance:none;background:none;font:inherit}
  .control label::after{content:":"}
  .verdict{background:none}
  section,figure,table{break-inside:avoid}
  h2{break-after:avoid}
  a{color:inherit;text-decoration:none}
}
`;
