/**
 * In-browser timing of the report page (index.html): headless Debian chromium driven by playwright-core loads the
 * page from file:// and moves each explorer control a few times; the page itself measures (performance.now) its
 * first render and every update (fluid run + redraw), see src/scenarios/explorer-app.ts.
 *
 * Standalone: `npx tsx bench/lib/explorer-browser.ts [PAGE.html]` (default: generate the page of a reduced 2010
 * scenario whose model settings — 48 h at 10-s steps — are the full scenario's) prints JSON.
 *
 * @module
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { skype2010Scenario } from '../../src/scenarios/builtin.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';
import type { ExplorerUpdateTiming } from '../../src/scenarios/explorer-app.ts';

/** Debian's chromium (apt-get install chromium). */
export const CHROMIUM = '/usr/bin/chromium';

/** What {@link measureExplorerPage} measured. */
export interface ExplorerTimings {
  browser: string;
  pageBytes: number;
  /** Headroom quantiles of the page's fast preview and of its full runs (from the page's embedded spec). */
  previewQuantiles: number;
  quantiles: number;
  /** performance.now() at the end of the first render (ms since navigation start). */
  firstRenderMs: number;
  /** The preview worker's warm-up: 'true' when done, 'false' without a worker; when it was seen done (ms). */
  warm: string;
  warmMs: number;
  /**
   * Every update: the control moved, time to the full-resolution redraw (fast run + full fluid run + redraws), the
   * full fluid run alone, the time to the fast (preview) redraw and the fast run alone (coarse headroom grid), ms;
   * and the fast run's largest and mean |online difference| from the full run of the same update, and whether the
   * verdicts agree (collapse and recovery).
   */
  updates: ExplorerUpdateTiming[];
  /** Console errors and requests off file:/data: seen (both should be empty). */
  consoleErrors: string[];
  offsite: string[];
}

/**
 * The 2010 scenario with the Monte Carlo reduced (scale 0.002, few runs, small grids) but the model untouched: the
 * page's fluid runs are those of the full scenario (48 h at 10-s steps), only the report-time simulations shrink.
 *
 * @returns a scenario document.
 */
export function benchScenario(): Scenario {
  const s = structuredClone(skype2010Scenario);
  s.montecarlo = {
    ...s.montecarlo,
    scale: 0.002,
    timelineRuns: 1,
    whatIfRuns: 1,
    collapse: { runs: 4, losses: [0, 0.05, 0.3], durationHours: 2 },
    phase: { runs: 1, losses: [0, 0.3], headrooms: [0.5, 2] },
    connectivity: { runs: 2, grid: [0, 0.5, 0.9, 1], minSupernodes: 200, maxClients: 500 },
    metastability: { losses: [0.3], headroomScales: [1], injectionHours: [2] },
  };
  return s;
}

/**
 * Write the page of {@link benchScenario} (through the CLI's path: runScenario, scenarioHtmlPage, explorerBundle).
 *
 * @param dir - output folder.
 * @returns path of index.html.
 */
export async function writeBenchPage(dir: string): Promise<string> {
  const { runScenario } = await import('../../src/scenarios/run.ts');
  const { scenarioHtmlPage } = await import('../../src/scenarios/explorer-page.ts');
  const { explorerBundle } = await import('../../src/scenarios/explorer-bundle.ts');
  const { parseScenario } = await import('../../src/scenarios/load.ts');
  const s = parseScenario(benchScenario());
  const r = runScenario(s, { seed: 1 });
  const file = join(dir, 'index.html');
  writeFileSync(file, scenarioHtmlPage(r, s, await explorerBundle()));
  return file;
}

/**
 * The moves of {@link measureExplorerPage}: each control (element id) is set to this value, then back to the
 * scenario's (the headroom slider is log2 of the factor: 1 = twice the scenario's headroom).
 */
export const EXPLORER_BENCH_MOVES: readonly (readonly [string, string])[] = [
  ['ctl-supernodeLoss', '0.1'],
  ['ctl-autoUpdateCoverage', '0.5'],
  ['ctl-headroom', '1'],
  ['ctl-retry', '1'],
  ['ctl-megaCount', '800'],
  ['ctl-megaFirstHours', '6'],
];

/**
 * Load a page in headless chromium and move every control `rounds` times (between a second value and the
 * scenario's), waiting for each update.
 *
 * @param page - path of index.html.
 * @param rounds - moves per control (default 2).
 * @returns the timings the page measured.
 */
export async function measureExplorerPage(page: string, rounds = 2): Promise<ExplorerTimings> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
    const offsite: string[] = [];
    const consoleErrors: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    const p = await context.newPage();
    p.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    p.on('pageerror', (e) => consoleErrors.push(String(e)));
    await p.goto(pathToFileURL(page).href, { waitUntil: 'load' });
    await p.waitForFunction(
      () => (window as unknown as { fragilityExplorer?: unknown }).fragilityExplorer !== undefined,
    );
    // The page warms its preview worker after the first render (four dropped runs, `data-warm`): a reader's first
    // change comes later than that, so the moves start once it is done (its time is reported as warmMs).
    await p.waitForFunction(
      () => (document.getElementById('explorer-figure') as HTMLElement).dataset.warm !== undefined,
      undefined,
      { timeout: 120_000 },
    );
    const warm = await p.evaluate(() => ({
      state: (document.getElementById('explorer-figure') as HTMLElement).dataset.warm ?? '',
      at: performance.now(),
    }));
    for (let round = 0; round < rounds; round++) {
      for (const [id, value] of EXPLORER_BENCH_MOVES) {
        for (const v of [value, null]) {
          const before = await p.evaluate(() =>
            Number((document.getElementById('explorer-figure') as HTMLElement).dataset.run),
          );
          await p.evaluate(
            ([id, v]) => {
              const el = document.getElementById(id) as HTMLInputElement | HTMLSelectElement;
              el.value = v ?? (el instanceof HTMLSelectElement ? '0' : el.defaultValue);
              el.dispatchEvent(new Event('input', { bubbles: true }));
            },
            [id, v] as const,
          );
          await p.waitForFunction(
            (n) =>
              Number((document.getElementById('explorer-figure') as HTMLElement).dataset.run) > n &&
              !document.body.dataset.busy,
            before,
            { timeout: 120_000 },
          );
        }
      }
    }
    const t = await p.evaluate(
      () =>
        (
          window as unknown as {
            fragilityExplorer: { timings: { firstRender: number; updates: ExplorerTimings['updates'] } };
          }
        ).fragilityExplorer.timings,
    );
    const q = await p.evaluate(() => {
      const spec = JSON.parse(document.getElementById('fragility-data')?.textContent ?? '{}').explorer.spec;
      return { previewQuantiles: Number(spec.previewQuantiles), quantiles: Number(spec.quantiles) };
    });
    return {
      browser: browser.version(),
      pageBytes: statSync(page).size,
      ...q,
      firstRenderMs: t.firstRender,
      warm: warm.state,
      warmMs: warm.at,
      updates: t.updates,
      consoleErrors,
      offsite,
    };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(CHROMIUM)) {
    console.error(`skipped: ${CHROMIUM} is absent (apt-get install chromium)`);
    process.exit(0);
  }
  const page = process.argv[2] ?? (await writeBenchPage(mkdtempSync(join(tmpdir(), 'fragility-explorer-bench-'))));
  console.log(JSON.stringify(await measureExplorerPage(page), null, 2));
}
