/**
 * The error of the report page's fast model (the fluid model on spec.previewQuantiles headroom quantiles) against
 * the full model (spec.quantiles), over settings drawn uniformly from the explorer's control ranges (seeded), and the
 * CPU time of each: the numbers behind the page's "approximate" label and docs/DESIGN.md.
 *
 * Standalone: `npx tsx bench/lib/explorer-fast-error.ts [48h|24h] [N=20] [SEED=1] [PREVIEW_Q]` prints JSON (PREVIEW_Q: the
 * fast model's headroom quantiles, default the spec's). `48h`: the 2010
 * model of the bench page (48 h at 10-s steps, scale 0.002); `24h`: the same at 24 h and 30-s steps.
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { stream } from '../../src/random/stream.ts';
import { parseScenario } from '../../src/scenarios/load.ts';
import {
  type ExplorerRange,
  type ExplorerSettings,
  type ExplorerSpec,
  explorerFastError,
  explorerRun,
  explorerSpec,
} from '../../src/scenarios/explorer-model.ts';
import { benchScenario } from './explorer-browser.ts';

/** What {@link measureFastError} measured over the settings. */
export interface FastErrorSweep {
  model: string;
  settings: number;
  quantiles: number;
  previewQuantiles: number;
  /** Median CPU time of one run (ms, this process, under whatever load the machine has). */
  fullCpuMs: number;
  fastCpuMs: number;
  /** Largest over the settings of each error of {@link explorerFastError}. */
  maxOnline: number;
  maxMeanOnline: number;
  maxMinOnline: number;
  maxRecoveredAtHours: number;
  /** Settings where only one of the two runs recovers, and where the verdicts differ. */
  recoveryMismatches: number;
  verdictFlips: number;
}

const snap = (r: ExplorerRange, x: number): number =>
  Math.min(r.max, r.min + Math.round((x - r.min) / r.step) * r.step);
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Settings drawn uniformly from the control ranges (snapped to each slider's grid), the scenario's own first.
 *
 * @param spec - the explorer spec.
 * @param n - how many settings.
 * @param seed - random seed.
 * @returns the settings.
 */
export function randomExplorerSettings(spec: ExplorerSpec, n: number, seed: number): ExplorerSettings[] {
  const rng = stream(seed);
  const R = spec.ranges;
  const out: ExplorerSettings[] = [spec.defaults];
  for (let i = 1; i < n; i++) {
    out.push({
      supernodeLoss: snap(R.supernodeLoss, rng.next()),
      autoUpdateCoverage: snap(R.autoUpdateCoverage, rng.next()),
      headroomScale:
        2 ** snap(R.headroomLog2, R.headroomLog2.min + (R.headroomLog2.max - R.headroomLog2.min) * rng.next()),
      retry: rng.int(spec.retryOptions.length),
      megaCount: snap(R.megaCount, R.megaCount.max * rng.next()),
      megaFirstHours: snap(R.megaFirstHours, R.megaFirstHours.max * rng.next()),
    });
  }
  return out;
}

/**
 * Run the full and the fast model for each setting and summarise the errors.
 *
 * @param model - '48h' (the bench page's model) or '24h' (24 h at 30-s steps).
 * @param n - settings (the scenario's own and n − 1 random ones).
 * @param seed - random seed of the settings.
 * @param previewQuantiles - headroom quantiles of the fast model (default: the spec's, as the page).
 * @returns the sweep.
 */
export function measureFastError(
  model: '48h' | '24h',
  n: number,
  seed: number,
  previewQuantiles?: number,
): FastErrorSweep {
  const s = benchScenario();
  if (model === '24h') s.montecarlo = { ...s.montecarlo, durationHours: 24, stepSeconds: 30 };
  const sc = parseScenario(s);
  const spec = explorerSpec(sc, sc.montecarlo.scale, 100, previewQuantiles);
  const full: number[] = [];
  const fast: number[] = [];
  const r: FastErrorSweep = {
    model,
    settings: n,
    quantiles: spec.quantiles,
    previewQuantiles: spec.previewQuantiles,
    fullCpuMs: 0,
    fastCpuMs: 0,
    maxOnline: 0,
    maxMeanOnline: 0,
    maxMinOnline: 0,
    maxRecoveredAtHours: 0,
    recoveryMismatches: 0,
    verdictFlips: 0,
  };
  for (const x of randomExplorerSettings(spec, n, seed)) {
    let t0 = cpuMs();
    const a = explorerRun(spec, x);
    full.push(cpuMs() - t0);
    t0 = cpuMs();
    const b = explorerRun(spec, x, spec.previewQuantiles);
    fast.push(cpuMs() - t0);
    const e = explorerFastError(a, b);
    r.maxOnline = Math.max(r.maxOnline, e.maxOnline);
    r.maxMeanOnline = Math.max(r.maxMeanOnline, e.meanOnline);
    r.maxMinOnline = Math.max(r.maxMinOnline, e.minOnline);
    if (e.recoveredAtHours === null) r.recoveryMismatches++;
    else r.maxRecoveredAtHours = Math.max(r.maxRecoveredAtHours, e.recoveredAtHours);
    if (!e.sameVerdict) r.verdictFlips++;
  }
  r.fullCpuMs = median(full);
  r.fastCpuMs = median(fast);
  return r;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const model = (process.argv[2] ?? '48h') as '48h' | '24h';
  if (model !== '48h' && model !== '24h') {
    console.error(`model: ${model} is not allowed; expected 48h or 24h`);
    process.exit(2);
  }
  const n = Number(process.argv[3] ?? 20);
  const seed = Number(process.argv[4] ?? 1);
  const pq = process.argv[5] === undefined ? undefined : Number(process.argv[5]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`N: ${process.argv[3]} is not allowed; expected an integer >= 1`);
    process.exit(2);
  }
  console.log(JSON.stringify(measureFastError(model, n, seed, pq), null, 2));
}
