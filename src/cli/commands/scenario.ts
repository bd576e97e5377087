/**
 * `fragility scenario NAME|FILE`: run a built-in or user scenario from its trigger to its consequences, with the
 * critical supernode loss both ways, a verdict, a what-if table and (with --out) a report directory.
 *
 * @module
 */
import type { Command } from 'commander';
import { action, numberOption, progressLines, withCommon, withProgress } from '../common.ts';

interface ScenarioCliOptions {
  scale?: number;
  seed: number;
  out?: string;
  json?: boolean;
  png?: boolean;
  printScenario?: boolean;
  progress?: boolean;
}

/** Register `fragility scenario`. */
export function register(program: Command): void {
  const cmd = program
    .command('scenario')
    .description('run an outage scenario (skype-2010, skype-2007 or a JSON file): connectivity and overload thresholds both ways, timeline, verdict, what-ifs')
    .argument('<scenario>', 'a built-in name (skype-2010, skype-2007) or a scenario JSON file (schema: docs/scenarios.md)')
    .option('--scale <X>', "population scale, 1 = full size (21 M clients for skype-2010); default: the scenario's montecarlo.scale", numberOption('--scale', 1e-6, 1))
    .option('--out <DIR>', 'write the report (index.html with the what-if explorer, index.md, report.json, CSV tables, SVG plots) to DIR')
    .option('--png', 'with --out, also render every plot to PNG (needs rsvg-convert)')
    .option('--print-scenario', 'print the validated scenario as JSON (a starting point for your own file) and exit');
  withCommon(cmd);
  withProgress(cmd);
  cmd.addHelpText(
    'after',
    `
Example:
  $ fragility scenario skype-2010 --seed 1 --out report
  $ fragility scenario skype-2010 --print-scenario > my.json   # edit, then: fragility scenario my.json --seed 1
  $ fragility scenario skype-2010 --scale 0.005 --seed 1 --json
  {"scenario":"skype-2010","seed":1,"threshold":{"analytic":..,"montecarlo":..,"ci":[..,..],"kind":"overload"},
   "timeline":[{"t":0,"online":1,"supernodesUp":1,...},...],"minOnlineFraction":..,"recovered":true,
   "whatIf":[{"name":"auto-update 100 %","minOnlineFraction":1,...},...],"connectivityThreshold":{...},...}

threshold = the OVERLOAD critical supernode loss (the one the scenario is about): "analytic" is the mean-field
f_c (equal load sharing, 'admission' model: survivors keep their clients and share the extra request load), "montecarlo" the loss at which half of the simulated runs collapse, "ci" its interval.
connectivityThreshold = the CONNECTIVITY critical loss of the two-tier overlay (random loss; .attack for targeted).
timeline: mean of the timeline runs; online and supernodesUp are fractions of the pre-incident counts, t in hours
after the trigger. Progress goes to stderr (not with --no-progress, nor under --json when stderr is not a terminal).`,
  );
  cmd.action(
    action(async (name: string, opts: ScenarioCliOptions) => {
      const { loadScenario } = await import('../../scenarios/load.ts');
      const { runScenario } = await import('../../scenarios/run.ts');
      const scenario = loadScenario(name);
      if (opts.out && !opts.printScenario) {
        const { checkOutputDir } = await import('../../atomic-write.ts');
        checkOutputDir('--out', opts.out); // before any work (exit 2 rule: docs/CLI.md, Output paths)
      }
      if (opts.printScenario) return { json: scenario as unknown as Record<string, unknown>, text: JSON.stringify(scenario, null, 2) };
      const say = progressLines(opts, '');
      const log = (m: string) => say(m, true); // phases: every one is a line
      const result = runScenario(scenario, { seed: opts.seed, ...(opts.scale !== undefined ? { scale: opts.scale } : {}), onProgress: log });
      let written: string | undefined;
      if (opts.out) {
        const { writeReport } = await import('../../report/report-bundle.ts');
        const { scenarioReport } = await import('../../scenarios/report.ts');
        const { scenarioHtmlPage } = await import('../../scenarios/explorer-page.ts');
        const { explorerBundle } = await import('../../scenarios/explorer-bundle.ts');
        log('report page: index.html with the what-if explorer');
        const html = scenarioHtmlPage(result, scenario, await explorerBundle());
        // Assembled aside and moved into place (writeReport → writeDirAtomicSync): never a partial folder.
        const w = writeReport(opts.out, { ...scenarioReport(result, scenario), html, ...(opts.png ? { png: true } : {}) });
        written = w.index;
        log(`report written: ${w.files.length} files in ${opts.out}`);
      }
      const { markdownTable } = await import('../../report/markdown-table.ts');
      const { scenarioSummaryRows, whatIfRows } = await import('../../scenarios/report.ts');
      const text = [
        `Scenario ${result.scenario} (seed ${result.seed}, scale ${result.scale}: ${result.population.clients} clients, ${result.population.supernodes} supernodes)`,
        '',
        markdownTable(scenarioSummaryRows(result)).trimEnd(),
        '',
        markdownTable(whatIfRows(result)).trimEnd(),
        '',
        `Verdict: ${result.verdict}`,
        '',
        written ? `Report: ${written}` : 'No report written (use --out DIR).',
      ].join('\n');
      const { connectivity, overload, phase, ...rest } = result;
      const json = {
        ...rest,
        ...(written ? { report: written } : {}),
        comparisons: { connectivity, overload, phase },
      };
      return { json, text };
    }),
  );
}
