/**
 * `fragility fluid [NAME|FILE]`: the fluid (law-of-large-numbers) limit of a scenario's overload model — its timeline
 * and its critical supernode loss, deterministic and in well under a few seconds.
 *
 * @module
 */
import type { Command } from 'commander';
import { FragilityInputError } from '../../errors.ts';
import { action, numberOption, type CommandResult } from '../common.ts';

/** The parsed options of `fragility fluid` (what {@link runFluid} takes). */
export interface FluidCliOptions {
  scenario?: string;
  loss?: number;
  hours?: number;
  json?: boolean;
}

/** Register `fragility fluid`. */
export function register(program: Command): void {
  const cmd = program
    .command('fluid')
    .description("the fluid limit of a scenario's overload model: deterministic timeline and critical supernode loss")
    .argument('[scenario]', 'a built-in name (skype-2010, skype-2007) or a scenario JSON file; default skype-2010')
    .option(
      '--scenario <FILE>',
      'a scenario JSON file (the same schema as `fragility scenario`, validated the same way)',
    )
    .option(
      '--loss <F>',
      "forced initial supernode loss in [0, 1] at T (replaces the scenario's trigger)",
      numberOption('--loss', 0, 1),
    )
    .option(
      '--hours <H>',
      "hours to run (default: the scenario's montecarlo.durationHours)",
      numberOption('--hours', 0.01, 24 * 365),
    )
    .option('--json', 'print exactly one JSON object on stdout');
  cmd.addHelpText(
    'after',
    `
Examples:
  $ fragility fluid skype-2010
  $ fragility fluid --scenario my.json --loss 0.12 --hours 6 --json
  {"scenario":"skype-2010","params":{...},"timeline":[{"t":0,"online":1,"supernodesUp":1,...},...],
   "summary":{"minOnlineFraction":..,"collapsed":true,"recovered":true,"recoveredAtHours":..,...},
   "criticalLoss":{"criticalLoss":0.1106,"bracket":[..,..],"evaluations":13,"tolerance":0.0001}}

The fluid limit replaces every random count of the simulation by its mean (requests per supernode stay Poisson:
the limit is over supernodes at a fixed number of clients per supernode), so there is no seed and no scale beyond
rounding. criticalLoss = the smallest forced initial supernode loss whose fluid trajectory falls below the
collapse threshold (50 % online) within 3 h, to 1e-4. Fractions are of the pre-incident clients / supernodes; t in
hours after the trigger.`,
  );
  cmd.action(action(runFluid));
}

/**
 * `fragility fluid` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runFluid(name: string | undefined, opts: FluidCliOptions): Promise<CommandResult> {
  if (name !== undefined && opts.scenario !== undefined) {
    throw new FragilityInputError(
      'scenario',
      `${name} and --scenario ${opts.scenario}`,
      'one scenario: a positional name/file or --scenario FILE',
    );
  }
  const { loadScenario } = await import('../../scenarios/load.ts');
  const { scenarioToOverloadParams } = await import('../../scenarios/to-params.ts');
  const { withOverloadParams } = await import('../../models/overload-params.ts');
  const { fluidOverload, fluidCriticalLoss } = await import('../../analytic/overload-fluid.ts');
  const scenario = loadScenario(opts.scenario ?? name ?? 'skype-2010');
  const base = scenarioToOverloadParams(scenario);
  const params = withOverloadParams(base, {
    ...(opts.loss !== undefined ? { forcedLoss: opts.loss } : {}),
    ...(opts.hours !== undefined ? { durationHours: opts.hours } : {}),
  });
  const t0 = performance.now();
  const r = fluidOverload(params);
  const t1 = performance.now();
  const crit = fluidCriticalLoss(base);
  const t2 = performance.now();
  const { timeline, final, model, conservation, cohorts, ...summary } = r;
  const { headroom, overlay: _overlay, ...plain } = params;
  const json = {
    scenario: scenario.name,
    params: { ...plain, headroom: headroom.spec },
    trigger: opts.loss !== undefined ? { forcedLoss: opts.loss } : 'scenario',
    timeline,
    summary: { ...summary, final },
    criticalLoss: {
      criticalLoss: crit.criticalLoss,
      ...(crit.reason ? { reason: crit.reason } : {}),
      bracket: crit.bracket,
      evaluations: crit.evaluations,
      tolerance: crit.tolerance,
    },
    model: { ...model, conservation, cohorts },
  };
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const every = Math.max(1, Math.round(3600 / (params.stepSeconds * params.sampleEvery)));
  const rows = timeline.filter((_, i) => i % every === 0 || i === timeline.length - 1);
  const text = [
    `Fluid limit of ${scenario.name} (${opts.loss !== undefined ? `forced supernode loss ${pct(opts.loss)} at T` : "the scenario's trigger"}, ${params.durationHours} h, step ${params.stepSeconds} s)`,
    '',
    `minimum online      ${pct(r.minOnlineFraction)} at T+${r.minOnlineAtHours.toFixed(2)} h — ${r.collapsed ? 'collapse' : 'no collapse'} (threshold ${pct(params.collapseThreshold)})`,
    `recovered           ${r.recovered ? `yes, from T+${r.recoveredAtHours!.toFixed(2)} h (online >= ${pct(params.recoveryThreshold)} to the end)` : 'no'}`,
    `peak login rate     ${r.peakLoginRate.toFixed(1)} x normal at T+${r.peakLoginRateAtHours.toFixed(2)} h`,
    `final               online ${pct(final.online)}, supernodes up ${pct(final.supernodesUp)}, mega-supernodes up ${final.megaUp}`,
    `critical loss       ${crit.criticalLoss === null ? `none (${crit.reason})` : `${pct(crit.criticalLoss)} (smallest forced supernode loss that collapses within 3 h, ±${crit.tolerance})`}`,
    '',
    '  t (h)   online   supernodes up   searching   gone   login rate (x normal)',
    ...rows.map(
      (p) =>
        `${p.t.toFixed(1).padStart(7)} ${pct(p.online).padStart(8)} ${pct(p.supernodesUp).padStart(15)} ${pct(p.searching).padStart(11)} ${pct(p.gone).padStart(6)} ${p.loginRate.toFixed(1).padStart(12)}`,
    ),
    '',
    `(${((t1 - t0) / 1000).toFixed(2)} s timeline, ${((t2 - t1) / 1000).toFixed(2)} s critical loss)`,
  ].join('\n');
  return { json, text };
}
