/**
 * ABAB comparison of the report page in headless chromium: the bench page (explorer-browser.ts) built from another
 * copy of the sources (A, e.g. `git archive REV src | tar -x -C DIR`) and from this checkout (B), measured in turn, so
 * that machine load hits both alike; prints each round's first-redraw median and the per-round ratio B/A.
 *
 * Standalone: `npx tsx bench/lib/explorer-page-ab.ts DIR/src [ROUNDS=4]`; or `… --quantiles Q1,Q2 [ROUNDS=2]`: the
 * checkout's page with its spec's previewQuantiles set to Q1, then Q2 (the same page otherwise), in turn.
 *
 * @module
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM, benchScenario, measureExplorerPage } from './explorer-browser.ts';

/** Write the bench page with the modules of the sources at `root` (a src folder). */
async function buildPage(root: string, file: string): Promise<string> {
  const mod = (m: string) => import(pathToFileURL(join(root, m)).href);
  const { runScenario } = await mod('scenarios/run.ts');
  const { scenarioHtmlPage } = await mod('scenarios/explorer-page.ts');
  const { explorerBundle } = await mod('scenarios/explorer-bundle.ts');
  const { parseScenario } = await mod('scenarios/load.ts');
  const s = parseScenario(benchScenario());
  writeFileSync(file, scenarioHtmlPage(runScenario(s, { seed: 1 }), s, await explorerBundle()));
  return file;
}

const median = (xs: number[]): number => {
  const a = [...xs].sort((x, y) => x - y);
  const n = a.length;
  return n % 2 ? a[(n - 1) / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
};

/** The checkout's bench page with each preview resolution (its embedded spec patched), measured in turn. */
async function compareResolutions(qs: number[], rounds: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fragility-explorer-ab-'));
  const html = readFileSync(
    await buildPage(fileURLToPath(new URL('../../src', import.meta.url)), join(dir, 'index.html')),
    'utf8',
  );
  const m = html.match(/"previewQuantiles":(\d+)/);
  if (!m) throw new Error('explorer-page-ab: no previewQuantiles in the page');
  const pages = qs.map((q) => {
    const f = join(dir, `q${q}.html`);
    writeFileSync(f, html.split(`"previewQuantiles":${m[1]}`).join(`"previewQuantiles":${q}`));
    return f;
  });
  const all = qs.map(() => ({ redraw: [] as number[], run: [] as number[] }));
  console.log(
    `load average before: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < qs.length; i++) {
      const t = await measureExplorerPage(pages[i]);
      const redraw = t.updates.map((u) => u.previewMs ?? u.ms);
      const run = t.updates.map((u) => u.previewModelMs ?? u.modelMs);
      all[i].redraw.push(...redraw);
      all[i].run.push(...run);
      console.log(
        `round ${r}, preview ${qs[i]} quantiles: first redraw median ${median(redraw).toFixed(1)} ms, its run ${median(run).toFixed(1)} ms, console errors ${t.consoleErrors.length}`,
      );
    }
  }
  qs.forEach((q, i) =>
    console.log(
      `preview ${q} quantiles: first redraw median ${median(all[i].redraw).toFixed(1)} ms over ${all[i].redraw.length} updates, its run ${median(all[i].run).toFixed(1)} ms`,
    ),
  );
  console.log(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--quantiles') {
  const qs = (process.argv[3] ?? '').split(',').map(Number);
  const rounds = Number(process.argv[4] ?? 2);
  if (qs.length < 1 || qs.some((q) => !Number.isInteger(q) || q < 2 || q > 100)) {
    console.error(`--quantiles: ${process.argv[3]} is not allowed; expected integers in [2, 100], comma-separated`);
    process.exit(2);
  }
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error(`ROUNDS: ${process.argv[4]} is not allowed; expected an integer >= 1`);
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`skipped: ${CHROMIUM} is absent (apt-get install chromium)`);
    process.exit(0);
  }
  await compareResolutions(qs, rounds);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rootA = process.argv[2] === undefined ? '' : resolve(process.argv[2]);
  const rounds = Number(process.argv[3] ?? 4);
  if (!rootA || !existsSync(join(rootA, 'scenarios', 'explorer-app.ts'))) {
    console.error(`DIR: ${process.argv[2]} is not allowed; expected a src folder with scenarios/explorer-app.ts`);
    process.exit(2);
  }
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error(`ROUNDS: ${process.argv[3]} is not allowed; expected an integer >= 1`);
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`skipped: ${CHROMIUM} is absent (apt-get install chromium)`);
    process.exit(0);
  }
  const dir = mkdtempSync(join(tmpdir(), 'fragility-explorer-ab-'));
  const pages = {
    A: await buildPage(rootA, join(dir, 'a.html')),
    B: await buildPage(fileURLToPath(new URL('../../src', import.meta.url)), join(dir, 'b.html')),
  };
  const all = {
    A: { redraw: [] as number[], run: [] as number[] },
    B: { redraw: [] as number[], run: [] as number[] },
  };
  const ratios: number[] = [];
  console.log(
    `load average before: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  for (let r = 0; r < rounds; r++) {
    const med: Record<string, number> = {};
    for (const n of r % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const t = await measureExplorerPage(pages[n]);
      const redraw = t.updates.map((u) => u.previewMs ?? u.ms);
      const run = t.updates.map((u) => u.previewModelMs ?? u.modelMs);
      all[n].redraw.push(...redraw);
      all[n].run.push(...run);
      med[n] = median(redraw);
      console.log(
        `round ${r} ${n} (preview ${t.previewQuantiles} quantiles): first redraw median ${med[n].toFixed(1)} ms, its run ${median(run).toFixed(1)} ms, console errors ${t.consoleErrors.length}`,
      );
    }
    ratios.push(med.B / med.A);
  }
  console.log(
    `A: first redraw median ${median(all.A.redraw).toFixed(1)} ms (run ${median(all.A.run).toFixed(1)}); B: ${median(all.B.redraw).toFixed(1)} ms (run ${median(all.B.run).toFixed(1)})`,
  );
  console.log(`B/A per round: ${ratios.map((x) => x.toFixed(3)).join(' ')}; median ${median(ratios).toFixed(3)}`);
  console.log(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}
