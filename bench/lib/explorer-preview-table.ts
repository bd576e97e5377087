/**
 * The cost and the error of the report page's fast model at several headroom resolutions: for each count of preview
 * quantiles, the CPU time of one run and its error against the full model (spec.quantiles = 100) over seeded random
 * settings of the control ranges and over the settings of the bench page's updates (EXPLORER_BENCH_MOVES: each
 * control moved, and back to the scenario's). The table behind the page's choice of `previewQuantiles`
 * (docs/DESIGN.md, the report page).
 *
 * Standalone: `npx tsx bench/lib/explorer-preview-table.ts [N=40] [SEED=2] [Q,Q,...=6,7,8,9,10,12]` prints a markdown
 * table then JSON. The model is the bench page's (the 2010 scenario, 48 h at 10-s steps, scale 0.002). The runs of
 * one setting at every resolution follow each other, so a change of machine load hits every column alike; the CPU
 * times are still indicative only (quote the load).
 *
 * @module
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseScenario } from '../../src/scenarios/load.ts';
import {
  type ExplorerSettings,
  type ExplorerSpec,
  explorerFastError,
  explorerRun,
  explorerSpec,
} from '../../src/scenarios/explorer-model.ts';
import { EXPLORER_BENCH_MOVES, benchScenario } from './explorer-browser.ts';
import { randomExplorerSettings } from './explorer-fast-error.ts';

/** One row of the table: a preview resolution. */
export interface PreviewRow {
  previewQuantiles: number;
  /** Median CPU time of one fast run (ms, this process) over the random settings and over the bench page's. */
  cpuMs: number;
  benchCpuMs: number;
  /** Over the random settings: the largest |online difference| of each setting, its median, 90th percentile, maximum. */
  randomMaxOnline: { p50: number; p90: number; max: number };
  /** Random settings whose verdict (collapse, recovery) differs from the full model's. */
  randomVerdictFlips: number;
  /** The same over the settings of the bench page's updates. */
  benchMaxOnline: { p50: number; p90: number; max: number };
  benchVerdictFlips: number;
}

/** The table and how it was made. */
export interface PreviewTable {
  randomSettings: number;
  seed: number;
  benchSettings: number;
  quantiles: number;
  /** Median CPU time of one full run (ms), over the random settings and over the bench page's. */
  fullCpuMs: number;
  benchFullCpuMs: number;
  loadBefore: number[];
  loadAfter: number[];
  rows: PreviewRow[];
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** The q-quantile of xs by the nearest rank (q·n rounded up). */
const rank = (xs: number[], q: number): number => {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.max(0, Math.ceil(q * a.length) - 1))];
};
const summary = (xs: number[]) => ({ p50: rank(xs, 0.5), p90: rank(xs, 0.9), max: rank(xs, 1) });

/**
 * The settings of the bench page's updates: for each move, the control at its value, then the scenario's settings
 * (the latter once: every move returns there).
 *
 * @param spec - the explorer spec.
 * @returns the distinct settings, the scenario's first.
 */
export function benchMoveSettings(spec: ExplorerSpec): ExplorerSettings[] {
  const d = spec.defaults;
  const out: ExplorerSettings[] = [d];
  for (const [id, value] of EXPLORER_BENCH_MOVES) {
    const v = Number(value);
    if (id === 'ctl-supernodeLoss') out.push({ ...d, supernodeLoss: v });
    else if (id === 'ctl-autoUpdateCoverage') out.push({ ...d, autoUpdateCoverage: v });
    else if (id === 'ctl-headroom') out.push({ ...d, headroomScale: 2 ** v });
    else if (id === 'ctl-retry') out.push({ ...d, retry: v });
    else if (id === 'ctl-megaCount') out.push({ ...d, megaCount: v });
    else if (id === 'ctl-megaFirstHours') out.push({ ...d, megaFirstHours: v });
    else throw new Error(`benchMoveSettings: unknown control ${id}`);
  }
  return out;
}

/**
 * Measure the table.
 *
 * @param n - random settings (the scenario's own and n − 1 random ones, as explorer-fast-error.ts).
 * @param seed - their seed.
 * @param previewQuantiles - the resolutions to compare.
 * @returns the table.
 */
export function measurePreviewTable(n: number, seed: number, previewQuantiles: readonly number[]): PreviewTable {
  const sc = parseScenario(benchScenario());
  const spec = explorerSpec(sc, sc.montecarlo.scale, 100);
  const random = randomExplorerSettings(spec, n, seed);
  const bench = benchMoveSettings(spec);
  const loadBefore = loadavg();
  const full = { random: [] as number[], bench: [] as number[] };
  const cpu = previewQuantiles.map(() => ({ random: [] as number[], bench: [] as number[] }));
  const err = previewQuantiles.map(() => ({
    random: [] as number[],
    bench: [] as number[],
    randomFlips: 0,
    benchFlips: 0,
  }));
  for (const [kind, list] of [
    ['random', random],
    ['bench', bench],
  ] as const) {
    for (const s of list) {
      let t0 = cpuMs();
      const a = explorerRun(spec, s);
      full[kind].push(cpuMs() - t0);
      previewQuantiles.forEach((q, i) => {
        t0 = cpuMs();
        const b = explorerRun(spec, s, q);
        cpu[i][kind].push(cpuMs() - t0);
        const e = explorerFastError(a, b);
        err[i][kind].push(e.maxOnline);
        if (!e.sameVerdict) {
          if (kind === 'random') err[i].randomFlips++;
          else err[i].benchFlips++;
        }
      });
    }
  }
  return {
    randomSettings: random.length,
    seed,
    benchSettings: bench.length,
    quantiles: spec.quantiles,
    fullCpuMs: rank(full.random, 0.5),
    benchFullCpuMs: rank(full.bench, 0.5),
    loadBefore,
    loadAfter: loadavg(),
    rows: previewQuantiles.map((q, i) => ({
      previewQuantiles: q,
      cpuMs: rank(cpu[i].random, 0.5),
      benchCpuMs: rank(cpu[i].bench, 0.5),
      randomMaxOnline: summary(err[i].random),
      randomVerdictFlips: err[i].randomFlips,
      benchMaxOnline: summary(err[i].bench),
      benchVerdictFlips: err[i].benchFlips,
    })),
  };
}

/**
 * The table in markdown.
 *
 * @param t - a measured table.
 * @returns the lines.
 */
export function previewTableMarkdown(t: PreviewTable): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    `| preview quantiles | CPU per run, random settings (ms) | CPU per run, bench updates (ms) | largest online difference per setting, ${t.randomSettings} random settings: p50 / p90 / max | verdict flips | the same, ${t.benchSettings} bench-update settings | verdict flips |`,
    '|---|---|---|---|---|---|---|',
    ...t.rows.map(
      (r) =>
        `| ${r.previewQuantiles} | ${r.cpuMs.toFixed(1)} | ${r.benchCpuMs.toFixed(1)} | ${f(r.randomMaxOnline.p50)} / ${f(r.randomMaxOnline.p90)} / ${f(r.randomMaxOnline.max)} | ${r.randomVerdictFlips} | ${f(r.benchMaxOnline.p50)} / ${f(r.benchMaxOnline.p90)} / ${f(r.benchMaxOnline.max)} | ${r.benchVerdictFlips} |`,
    ),
    `| ${t.quantiles} (full model) | ${t.fullCpuMs.toFixed(1)} | ${t.benchFullCpuMs.toFixed(1)} | 0 | 0 | 0 | 0 |`,
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? 40);
  const seed = Number(process.argv[3] ?? 2);
  const qs = (process.argv[4] ?? '6,7,8,9,10,12').split(',').map(Number);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`N: ${process.argv[2]} is not allowed; expected an integer >= 1`);
    process.exit(2);
  }
  if (!Number.isInteger(seed)) {
    console.error(`SEED: ${process.argv[3]} is not allowed; expected an integer`);
    process.exit(2);
  }
  const bad = qs.find((q) => !Number.isInteger(q) || q < 2 || q > 100);
  if (bad !== undefined) {
    console.error(`Q: ${bad} is not allowed; expected integers in [2, 100], comma-separated`);
    process.exit(2);
  }
  const t = measurePreviewTable(n, seed, qs);
  console.log(previewTableMarkdown(t));
  console.log(JSON.stringify(t, null, 2));
}
