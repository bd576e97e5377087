/// <reference lib="dom" />
/**
 * The script of index.html (browser entry, bundled by esbuild into an IIFE that is inlined in the page): reads the
 * report data embedded as JSON (`<script type="application/json" id="fragility-data">`), wires the explorer's
 * controls and, on every change, reruns the fluid limit in the page (explorer-model.ts) and redraws the timeline
 * (explorer-draw.ts) and the verdict.
 *
 * An update first draws the fast model (the same fluid model on a coarser headroom grid, spec.previewQuantiles:
 * approximate, labelled as such with its error at the scenario's settings, measured at report time) and then the run
 * at the report's resolution (spec.quantiles), which is what the page keeps; the summary then states how far the fast
 * run of this update was from it. Both runs are made in a Web Worker started from this script's own text
 * (explorer-worker.ts), so input never waits for the model; without a worker, on the main thread.
 *
 * What the page exposes for tests and readers: `#explorer-figure` carries `data-run` (completed updates),
 * `data-source` ("report": the run computed at report time; "preview": the quick run; "page": the run at the
 * report's resolution, computed here), `data-settings` (the settings
 * as JSON), `data-min-online`, `data-min-online-at`, `data-recovered-at`, `data-collapsed`, `data-series` (the online
 * fractions of the timeline, JSON), `data-preview-series` (the fast run's, JSON), `data-fast-error` (its largest
 * |online difference| from the full run of the same update), `data-preview-ms`, `data-update-ms` and `data-engine` ("worker" or "main": where
 * the runs are made); `body[data-busy]` is set while an update is pending; `window.fragilityExplorer.timings` has the first render
 * time and every update's time (performance.now, milliseconds).
 *
 * @module
 */
import { parseCapacityLaw } from '../distributions/parse.ts';
import { explorerTimelineSvg, type DrawLine } from './explorer-draw.ts';
import {
  type ExplorerFastError,
  type ExplorerOutcome,
  type ExplorerSettings,
  type ExplorerSpec,
  explorerFastError,
  explorerVerdict,
} from './explorer-model.ts';
import { type ModelRunner, RunCancelled, inWorker, serveModelRuns, startModelRunner } from './explorer-worker.ts';

/** This script's own text (the inline script of index.html), the source of the worker; null in the worker. */
const PAGE_SCRIPT: string | null =
  typeof document !== 'undefined' ? (document.currentScript?.textContent ?? null) : null;

/**
 * One update as the page measures it (window.fragilityExplorer.timings.updates): the control moved, the time from
 * its input event to the full-resolution redraw and the full fluid run alone, the time to the fast (preview) redraw
 * and the fast run alone (ms), the fast run's largest and mean |online difference| from the full run, and whether
 * their verdicts agree. Read by the browser test and the bench.
 */
export interface ExplorerUpdateTiming {
  control: string;
  ms: number;
  modelMs: number;
  previewMs: number | null;
  previewModelMs: number | null;
  fastMaxOnline: number | null;
  fastMeanOnline: number | null;
  fastSameVerdict: boolean | null;
}

/** The JSON embedded in the page (written by explorer-page.ts). */
export interface ExplorerPageData {
  /**
   * The explorer's spec, its run at the scenario's settings, and the fast model's error against that run (measured
   * at report time; null without a fast preview).
   */
  explorer: { spec: ExplorerSpec; initial: ExplorerOutcome; fastError: ExplorerFastError | null };
  /** Report-time simulated timeline (mean and min–max of the runs) and the report's fluid timeline. */
  timeline: { t: number; online: number; onlineMin: number; onlineMax: number }[];
  fluidTimeline: { t: number; online: number }[];
  observed: { t: number; online: number; lo?: number; hi?: number; label?: string }[];
  /** The full report (report.json), for readers of the page source. */
  report: unknown;
}

interface Timings {
  firstRender: number | null;
  /**
   * Per update: total time to the full-resolution redraw, its fluid run alone, the time to the fast (preview) redraw
   * and the fast run alone, and the fast run's largest |online difference| from the full run.
   */
  updates: ExplorerUpdateTiming[];
  /** Full runs cancelled by a newer change. */
  cancelled: number;
}

declare global {
  interface Window {
    fragilityExplorer?: { timings: Timings; settings: () => ExplorerSettings };
  }
}

const pct = (x: number, d = 1): string => `${(100 * x).toFixed(d)} %`;
const thin = <T>(xs: readonly T[], n = 400): T[] => {
  const step = Math.max(1, Math.floor(xs.length / n));
  return xs.filter((_, i) => i % step === 0 || i === xs.length - 1);
};

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html: element #${id} is missing`);
  return el as T;
}

function main(): void {
  const data = JSON.parse(byId('fragility-data').textContent ?? '{}') as ExplorerPageData;
  const { spec, initial, fastError } = data.explorer;
  const medianAlpha = parseCapacityLaw(spec.scenario.supernodes.headroom).quantile(0.5);
  const timings: Timings = { firstRender: null, updates: [], cancelled: 0 };

  const loss = byId<HTMLInputElement>('ctl-supernodeLoss');
  const au = byId<HTMLInputElement>('ctl-autoUpdateCoverage');
  const head = byId<HTMLInputElement>('ctl-headroom');
  const retry = byId<HTMLSelectElement>('ctl-retry');
  const megaCount = byId<HTMLInputElement>('ctl-megaCount');
  const megaFirst = byId<HTMLInputElement>('ctl-megaFirstHours');
  const figure = byId<HTMLElement>('explorer-figure');
  const plot = byId<HTMLElement>('explorer-plot');
  const verdict = byId<HTMLElement>('explorer-verdict');
  const summary = byId<HTMLElement>('explorer-summary');

  const read = (): ExplorerSettings => ({
    supernodeLoss: Number(loss.value),
    autoUpdateCoverage: Number(au.value),
    headroomScale: 2 ** Number(head.value),
    retry: Number(retry.value),
    megaCount: Math.round(Number(megaCount.value)),
    megaFirstHours: Number(megaFirst.value),
  });
  const label = (s: ExplorerSettings) => labelControls(s, medianAlpha, { loss, au, head, megaCount, megaFirst });

  const simulated = thin(data.timeline);
  // the lines that do not change with the settings: the same arrays at every redraw (the drawer keeps their coordinates)
  const simulatedLine = simulated.map((p) => ({ t: p.t, y: p.online }));
  const reportFluidLine = thin(data.fluidTimeline).map((p) => ({ t: p.t, y: p.online }));
  const simulatedBand = simulated.map((p) => ({ t: p.t, lo: p.onlineMin, hi: p.onlineMax }));
  const render = (
    o: ExplorerOutcome,
    s: ExplorerSettings,
    source: 'report' | 'preview' | 'page',
    fast?: ExplorerFastError,
  ) => {
    const lines: DrawLine[] = [
      {
        name: 'simulated mean of runs (computed at report time, scenario settings)',
        stroke: '#4e79a7',
        points: simulatedLine,
      },
      { name: 'fluid limit, scenario settings (report)', stroke: '#999', dash: '6 3', points: reportFluidLine },
      {
        name: 'fluid limit, these settings (recomputed in the page)',
        stroke: '#e15759',
        width: 2.5,
        role: 'explorer-line',
        points: thin(o.timeline).map((p) => ({ t: p.t, y: p.online })),
      },
      {
        name: 'ordinary supernodes up, fluid limit, these settings',
        stroke: '#e15759',
        dash: '2 2',
        width: 1.2,
        role: 'explorer-supernodes',
        points: thin(o.timeline).map((p) => ({ t: p.t, y: p.supernodesUp })),
      },
    ];
    const width = Math.max(320, Math.min(900, plot.clientWidth || 760));
    plot.innerHTML = explorerTimelineSvg({
      width,
      height: 420,
      tMax: Math.max(o.durationHours, ...data.observed.map((q) => q.t)),
      title: 'Online users after the trigger: the fluid limit with the explorer settings',
      description: explorerVerdict(s, o),
      lines,
      band: {
        name: 'simulated min–max of runs (computed at report time)',
        fill: 'rgba(78,121,167,0.18)',
        points: simulatedBand,
      },
      observed: data.observed,
      rules: o.waves.map((w) => ({ t: w.atHours, label: `+${w.count} mega` })),
      levels: [
        { y: o.collapseThreshold, label: `collapse below ${pct(o.collapseThreshold, 0)}` },
        { y: o.recoveryThreshold, label: `recovered from ${pct(o.recoveryThreshold, 0)}` },
      ],
    });
    verdict.textContent = explorerVerdict(s, o);
    summary.innerHTML = [
      ['minimum online', `${pct(o.minOnlineFraction)} at T+${o.minOnlineAtHours.toFixed(2)} h`],
      ['collapsed (below the collapse threshold)', o.collapsed ? 'yes' : 'no'],
      [
        'recovered',
        o.recovered
          ? o.recoveredAtHours === null || o.recoveredAtHours === 0
            ? 'never went down'
            : `T+${o.recoveredAtHours.toFixed(2)} h`
          : 'no',
      ],
      ['peak requests at up supernodes', `${o.peakLoginRate.toFixed(0)}× normal`],
      [
        'mega-supernode waves',
        o.waves.length === 0 ? 'none' : o.waves.map((w) => `${w.count} at T+${w.atHours} h`).join(', '),
      ],
      ...(fast
        ? [[`fast model (${spec.previewQuantiles} headroom quantiles) against this run`, fastErrorText(fast)]]
        : []),
    ]
      .map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`)
      .join('');
    const ds = figure.dataset;
    ds.source = source;
    ds.settings = JSON.stringify(s);
    ds.minOnline = String(o.minOnlineFraction);
    ds.minOnlineAt = String(o.minOnlineAtHours);
    ds.recoveredAt = o.recoveredAtHours === null ? 'null' : String(o.recoveredAtHours);
    ds.collapsed = String(o.collapsed);
    ds.series = JSON.stringify(o.timeline.map((p) => p.online));
  };

  const runner = startModelRunner(spec, PAGE_SCRIPT);
  const updates = wireUpdates({
    spec,
    initial,
    fastError,
    figure,
    verdict,
    timings,
    read,
    label,
    render,
    runner,
  });
  figure.dataset.engine = updates.engine();
  label(spec.defaults);
  render(initial, spec.defaults, 'report');
  figure.dataset.run = '0';
  timings.firstRender = performance.now();
  figure.dataset.firstRenderMs = timings.firstRender.toFixed(1);
  warmPreview(runner, spec, figure);
  window.fragilityExplorer = { timings, settings: read };
}

/** The controls' shown values and their aria-valuetext for settings s (median α: the scenario's median headroom). */
function labelControls(
  s: ExplorerSettings,
  medianAlpha: number,
  c: {
    loss: HTMLInputElement;
    au: HTMLInputElement;
    head: HTMLInputElement;
    megaCount: HTMLInputElement;
    megaFirst: HTMLInputElement;
  },
): void {
  const { loss, au, head, megaCount, megaFirst } = c;
  byId('out-supernodeLoss').textContent = pct(s.supernodeLoss);
  byId('out-autoUpdateCoverage').textContent = pct(s.autoUpdateCoverage, 0);
  byId('out-headroom').textContent =
    `× ${round3(s.headroomScale)} (median α = ${round3(s.headroomScale * medianAlpha)})`;
  byId('out-megaCount').textContent = `${s.megaCount}`;
  byId('out-megaFirstHours').textContent = `T+${s.megaFirstHours} h`;
  for (const [el, text] of [
    [loss, pct(s.supernodeLoss)],
    [au, pct(s.autoUpdateCoverage, 0)],
    [head, `${round3(s.headroomScale)} times the scenario's headroom`],
    [megaCount, `${s.megaCount} mega-supernodes`],
    [megaFirst, `first wave at ${s.megaFirstHours} hours`],
  ] as const)
    el.setAttribute('aria-valuetext', text);
}

/**
 * Warm the preview's worker while the reader looks at the first render: its first runs are slow (the worker starts,
 * parses this script, and V8 compiles the model on the go; measured in headless chromium on the bench page: 366 and
 * 133 ms for the first two previews against ≈ 80 ms from the third on). Four runs are made and dropped — the
 * scenario's settings and the same without loss, twice, so that both the collapse and the quiet path are compiled — and
 * `data-warm` on the figure says when they are done ('true'; 'false' without a worker or when a run failed). A change
 * made meanwhile queues behind them in the worker. The full model's worker is not warmed: a full run costs ≈ 0.6 s
 * of CPU, and it is not the redraw the 100-ms budget is about.
 */
function warmPreview(runner: ModelRunner, spec: ExplorerSpec, figure: HTMLElement): void {
  const q = spec.previewQuantiles;
  if (runner.engine !== 'worker' || q === 0) {
    figure.dataset.warm = 'false';
    return;
  }
  const quiet = { ...spec.defaults, supernodeLoss: 0 };
  runner
    .run(spec.defaults, q)
    .then(() => runner.run(quiet, q))
    .then(() => runner.run(spec.defaults, q))
    .then(() => runner.run(quiet, q))
    .then(
      () => {
        figure.dataset.warm = 'true';
      },
      () => {
        figure.dataset.warm = 'false';
      },
    );
}

/** What the update loop needs from the page. */
interface UpdateContext {
  spec: ExplorerSpec;
  initial: ExplorerOutcome;
  /** The fast model's error at the scenario's settings (report time), or null. */
  fastError: ExplorerFastError | null;
  figure: HTMLElement;
  verdict: HTMLElement;
  timings: Timings;
  read: () => ExplorerSettings;
  label: (s: ExplorerSettings) => void;
  render: (
    o: ExplorerOutcome,
    s: ExplorerSettings,
    source: 'report' | 'preview' | 'page',
    fast?: ExplorerFastError,
  ) => void;
  runner: ModelRunner;
}

/**
 * Wire the controls to the model: a change draws a quick preview (spec.previewQuantiles headroom quantiles) and
 * then the run at spec.quantiles (as the report), both made by the runner (Web Workers: input never waits). One
 * update is in flight at a time; changes made meanwhile coalesce into the next one, and an update whose settings
 * were changed (or reset) before its run came back is dropped: a change that arrives while the full run is computed
 * cancels that run (its worker is replaced), so that the next fast redraw does not wait for it.
 */
function wireUpdates(ctx: UpdateContext): { engine: () => string } {
  const { spec, initial, fastError, figure, verdict, timings, read, label, render, runner } = ctx;
  /** The settings to run next; t0: when the first change folded into them happened (performance.now time). */
  let pending: { s: ExplorerSettings; control: string; t0: number } | null = null;
  let scheduled = false;
  let inFlight = false;
  let lastControl = 'init';
  let runs = 0;
  let generation = 0;
  /** Whether the update in flight waits for its full run (a newer change then cancels it). */
  let awaitingFull = false;
  const fail = (err: unknown) => {
    verdict.textContent = `These settings cannot be run: ${err instanceof Error ? err.message : String(err)}`;
    verdict.setAttribute('data-error', 'true');
  };
  const finish = () => {
    verdict.removeAttribute('aria-busy');
    figure.dataset.run = String(++runs);
    figure.dataset.engine = runner.engine;
  };
  const superseded = (gen: number) => pending !== null || gen !== generation;
  /**
   * One update: preview, then the full run; returns when it is drawn, dropped or failed. Its times count from t0, the
   * input event of the first change it serves (not from its start: the wait for the dispatch is part of the delay).
   */
  const update = async (s: ExplorerSettings, control: string, t0: number) => {
    const gen = ++generation;
    let previewMs: number | null = null;
    let pv: { outcome: ExplorerOutcome; ms: number } | null = null;
    try {
      if (spec.previewQuantiles > 0) {
        pv = await runner.run(s, spec.previewQuantiles);
        if (superseded(gen)) return;
        render(pv.outcome, s, 'preview');
        figure.dataset.previewSeries = JSON.stringify(pv.outcome.timeline.map((p) => p.online));
        const stated = fastError
          ? `; at the scenario's settings it differs from the full model by ${fastErrorText(fastError)}`
          : '';
        verdict.textContent = `Fast model, approximate (${spec.previewQuantiles} headroom quantiles instead of ${spec.quantiles}: coarse, to redraw at once, and its curve can be well off the full model's${stated}; refining): ${verdict.textContent}`;
        verdict.setAttribute('aria-busy', 'true'); // screen readers hear the refined verdict only
        verdict.removeAttribute('data-error');
        previewMs = performance.now() - t0;
        figure.dataset.previewMs = previewMs.toFixed(1);
      }
      awaitingFull = true;
      const full = await runner.run(s, spec.quantiles).finally(() => (awaitingFull = false));
      if (superseded(gen)) return;
      const fast = pv ? explorerFastError(full.outcome, pv.outcome) : undefined;
      render(full.outcome, s, 'page', fast);
      if (fast) figure.dataset.fastError = String(fast.maxOnline);
      verdict.removeAttribute('data-error');
      const ms = performance.now() - t0;
      timings.updates.push({
        control,
        ms,
        modelMs: full.ms,
        previewMs,
        previewModelMs: pv ? pv.ms : null,
        fastMaxOnline: fast ? fast.maxOnline : null,
        fastMeanOnline: fast ? fast.meanOnline : null,
        fastSameVerdict: fast ? fast.sameVerdict : null,
      });
      figure.dataset.updateMs = ms.toFixed(1);
    } catch (err) {
      if (err instanceof RunCancelled) {
        timings.cancelled++; // a newer change (or a reset) took its place
        return;
      }
      fail(err);
    }
  };
  const dispatch = async () => {
    scheduled = false;
    inFlight = true;
    while (pending) {
      const { s, control, t0 } = pending;
      pending = null;
      await update(s, control, t0);
      finish();
    }
    inFlight = false;
    delete document.body.dataset.busy;
  };
  const schedule = (e: Event) => {
    lastControl = (e.target as HTMLElement).id || 'form';
    // the event's time (performance.now's clock); an event made by a script is stamped when it was made
    const now = performance.now();
    const t = e.timeStamp > 0 && e.timeStamp <= now ? e.timeStamp : now;
    const s = read();
    label(s);
    pending = { s, control: lastControl, t0: pending ? pending.t0 : t };
    document.body.dataset.busy = 'true';
    if (awaitingFull) runner.cancel(spec.quantiles);
    // the input and change events of one move arrive together: one update for both
    if (!inFlight && !scheduled) {
      scheduled = true;
      setTimeout(() => void dispatch(), 0);
    }
  };
  const form = byId<HTMLFormElement>('explorer-controls');
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('reset', () => {
    // the browser restores the controls after this event: read them on the next turn
    lastControl = 'reset';
    pending = null;
    generation++; // a run still in flight belongs to the settings before the reset
    if (awaitingFull) runner.cancel(spec.quantiles);
    setTimeout(() => {
      label(read());
      render(initial, read(), 'report');
      figure.dataset.run = String(++runs);
    }, 0);
  });
  return { engine: () => runner.engine };
}

/** The fast model's error in words: online fraction (largest and mean difference), minimum online, recovery time. */
function fastErrorText(e: ExplorerFastError): string {
  const pts = (x: number) => `${(100 * x).toFixed(2)} points`;
  const rec =
    e.recoveredAtHours === null ? 'only one of the two recovers' : `recovery time ${e.recoveredAtHours.toFixed(2)} h`;
  return `up to ${pts(e.maxOnline)} of online fraction (mean ${pts(e.meanOnline)}), minimum online ${pts(e.minOnline)}, ${rec}${e.sameVerdict ? '' : ', a different verdict'}`;
}

function round3(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

if (inWorker()) serveModelRuns();
else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
