/**
 * `fragility overload-threshold [NAME|FILE]`: the overload critical supernode loss of a scenario three ways — the
 * fluid limit, the adaptive simulated estimate at several population scales (the finite-size study), and the static
 * mean-field bound — as a table, a JSON object and (with --svg) a plot.
 *
 * @module
 */
import type { Command } from 'commander';
import { action, intOption, numberListOption, numberOption, progressLines, withCommon, withProgress } from '../common.ts';

interface OverloadThresholdCliOptions {
  scales?: number[];
  seed: number;
  maxRuns?: number;
  target?: number;
  svg?: string;
  json?: boolean;
  progress?: boolean;
  queue?: string;
}

/** Register `fragility overload-threshold`. */
export function register(program: Command): void {
  const cmd = program
    .command('overload-threshold')
    .description('overload critical supernode loss: fluid limit vs adaptive Monte Carlo at several population scales (finite-size study)')
    .argument('[scenario]', 'a built-in name (skype-2010, skype-2007) or a scenario JSON file; default skype-2010')
    .option('--scales <LIST>', 'population scales, comma-separated, each in (0, 1] (default 0.005,0.01,0.02,0.05,0.1,0.2)', numberListOption('--scales', 1e-6, 1))
    .option('--max-runs <N>', 'run budget per scale (default 480)', intOption('--max-runs', 24, 1e9))
    .option('--target <W>', 'target half-width of the 95 % interval (default 0.01)', numberOption('--target', 0, 1))
    .option('--svg <FILE>', 'write the finite-size plot (SVG) to FILE')
    .option('--queue <URL>', 'run the simulations on the workers of this Redis job queue (fragility worker --redis URL), round by round; same JSON as a local run (timing fields aside)');
  withCommon(cmd);
  withProgress(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ fragility overload-threshold skype-2010
  $ fragility overload-threshold my.json --scales 0.01,0.05,1 --seed 2 --svg fc.svg --json
  {"scenario":"skype-2010","seed":1,"fluid":{"criticalLoss":0.1106,...},"staticBound":{"criticalLoss":..,"note":".."},
   "rows":[{"scale":0.005,"criticalLoss":..,"ci":[..,..],"halfWidth":..,"targetMet":true,"runs":48,
            "method":"probit-sequential","points":[{"loss":..,"runs":..,"collapsed":..},...],"gapToFluid":..,...},...]}

Simulated f_c = the forced initial supernode loss at which half of the 3-h runs fall below 50 % online, by a
sequential probit design (a bracketing round, then rounds of 12 runs across the current interval) until the 95 %
profile-likelihood interval's half-width is <= --target or the run budget is spent. Fluid f_c = the same criterion
on the deterministic fluid limit. Cost per run grows with the scale: ≈ 35 ms at 0.02, ≈ 2 s at 1 (2-core machine),
so scale 1 adds about a minute or two. Progress goes to stderr (a line per scale and queue round; off with
--no-progress, and under --json when stderr is not a terminal).`,
  );
  cmd.action(
    action(async (name: string | undefined, opts: OverloadThresholdCliOptions) => {
      if (opts.queue) {
        const { parseRedisUrl } = await import('../../queue/redis.ts');
        parseRedisUrl('--queue', opts.queue); // the form, before any work
      }
      const { loadScenario } = await import('../../scenarios/load.ts');
      const { scenarioToOverloadParams } = await import('../../scenarios/to-params.ts');
      const { compareOverloadThreshold, compareOverloadThresholdAsync, overloadThresholdTable, overloadThresholdPlot } = await import('../../compare/overload-threshold.ts');
      const scenario = loadScenario(name ?? 'skype-2010');
      const params = scenarioToOverloadParams(scenario);
      const line = progressLines(opts, '');
      const log = (m: string) => line(m, true);
      const options: Parameters<typeof compareOverloadThreshold>[1] = {
        seed: opts.seed,
        ...(opts.scales ? { scales: opts.scales } : {}),
        ...(opts.maxRuns !== undefined ? { maxRuns: opts.maxRuns } : {}),
        ...(opts.target !== undefined ? { targetHalfWidth: opts.target } : {}),
        onScale: (r, i, n) => log(`scale ${r.scale} (${i}/${n}): f_c ${r.criticalLoss === null ? 'n/a' : (100 * r.criticalLoss).toFixed(2) + ' %'}, ${r.runs} runs, ${r.seconds} s`),
      };
      let c: Awaited<ReturnType<typeof compareOverloadThresholdAsync>>;
      if (opts.queue) {
        const { QueueCoordinator } = await import('../../queue/coordinator.ts');
        const q = await QueueCoordinator.open('--queue', opts.queue, { note: log });
        try {
          const runner = q.overloadRunner();
          c = await compareOverloadThresholdAsync(params, options, async (batch) => {
            const out = await runner(batch);
            log(`scale ${batch.params.scale}: round ${batch.round} done (${batch.runs.length} runs on the queue)`);
            return out;
          });
          await q.cleanup();
        } finally {
          await q.close();
        }
      } else c = compareOverloadThreshold(params, options);
      let written: string | undefined;
      if (opts.svg) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(opts.svg, overloadThresholdPlot(c, `Critical supernode loss against population size (${scenario.name})`));
        written = opts.svg;
      }
      const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(2)} %`);
      const text = [
        `Overload critical supernode loss of ${scenario.name} (seed ${c.seed})`,
        '',
        `fluid limit          ${c.fluid.criticalLoss === null ? `none (${c.fluid.reason})` : `${pct(c.fluid.criticalLoss)} (±${c.fluid.tolerance}, ${c.fluid.seconds} s)`}`,
        `static mean field    ${pct(c.staticBound.criticalLoss)} (a bound: ${c.staticBound.note})`,
        '',
        overloadThresholdTable(c).trimEnd(),
        ...(written ? ['', `Plot: ${written}`] : []),
      ].join('\n');
      return { json: { scenario: scenario.name, ...c, ...(written ? { svg: written } : {}) }, text };
    }),
  );
}
