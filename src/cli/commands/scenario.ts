/**
 * `fragility scenario NAME|FILE`: run a built-in or user scenario from its trigger to its consequences, with the
 * critical supernode loss both ways, a verdict, a what-if table and (with --out) a report directory.
 *
 * @module
 */
import type { Command } from 'commander';
import { FragilityInputError } from '../../errors.ts';
import type { ReplicateSelection } from '../../montecarlo/ensemble.ts';
import type { StudyPlan, StudyRuns } from '../../montecarlo/study-shard.ts';
import type { ScenarioResult } from '../../scenarios/run.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { type CommandResult, action, numberOption, progressLines, withCommon, withProgress } from '../common.ts';
import { checkShardFlags, emitStudyShard, withShardFlags } from '../shard-flags.ts';

/** The parsed options of `fragility scenario` (what {@link runScenarioCommand} takes). */
export interface ScenarioCliOptions {
  scale?: number;
  seed: number;
  out?: string;
  json?: boolean;
  png?: boolean;
  printScenario?: boolean;
  progress?: boolean;
  shard?: ReplicateSelection;
  shardOut?: string;
  queue?: string;
}

/** Register `fragility scenario`. */
export function register(program: Command): void {
  const cmd = program
    .command('scenario')
    .description(
      'run an outage scenario (skype-2010, skype-2007 or a JSON file): connectivity and overload thresholds both ways, timeline, verdict, what-ifs',
    )
    .argument(
      '<scenario>',
      'a built-in name (skype-2010, skype-2007) or a scenario JSON file (schema: docs/scenarios.md)',
    )
    .option(
      '--scale <X>',
      "population scale, 1 = full size (21 M clients for skype-2010); default: the scenario's montecarlo.scale",
      numberOption('--scale', 1e-6, 1),
    )
    .option(
      '--out <DIR>',
      'write the report (index.html with the what-if explorer, index.md, report.json, CSV tables, SVG plots) to DIR',
    )
    .option('--png', 'with --out, also render every plot to PNG (needs rsvg-convert)')
    .option('--print-scenario', 'print the validated scenario as JSON (a starting point for your own file) and exit');
  withShardFlags(cmd, 'runs of every run family (timeline, collapse curve, phase diagram, what-ifs, connectivity)');
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
after the trigger. Progress goes to stderr (not with --no-progress, nor under --json when stderr is not a terminal).

More than one machine: the run families (timeline runs, collapse-probability curve, phase diagram, what-ifs and the
connectivity ensembles: fixed numbers of seeded runs) shard by run index: --shard i/N [--shard-out FILE] runs the
runs r with r mod N = i of every family; fragility merge FILES... [--out DIR] then prints what this command prints
(and writes the same report), timing fields aside. The merge step computes the rest itself — the adaptive overload
threshold (its rounds depend on earlier outcomes), the fluid limits and the metastability map — real work on the
merging machine. --queue URL runs the run families on fragility worker processes and the rest here.`,
  );
  cmd.action(action(runScenarioCommand));
}

/**
 * `fragility scenario` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runScenarioCommand(name: string, opts: ScenarioCliOptions): Promise<CommandResult> {
  const { loadScenario } = await import('../../scenarios/load.ts');
  if (opts.shard && opts.out !== undefined)
    throw new FragilityInputError(
      '--out',
      opts.out,
      'used without --shard (fragility merge FILES... --out DIR writes the report)',
    );
  if (opts.shard && opts.png)
    throw new FragilityInputError(
      '--png',
      true,
      'used without --shard (fragility merge FILES... --out DIR --png renders it)',
    );
  await checkShardFlags(opts);
  const scenario = loadScenario(name);
  if (opts.out && !opts.printScenario) {
    const { checkOutputDir } = await import('../../atomic-write.ts');
    checkOutputDir('--out', opts.out); // before any work (exit 2 rule: docs/CLI.md, Output paths)
  }
  if (opts.printScenario)
    return { json: scenario as unknown as Record<string, unknown>, text: JSON.stringify(scenario, null, 2) };
  const say = progressLines(opts, '');
  const log = (m: string) => say(m, true); // phases: every one is a line
  const runOpts = { seed: opts.seed, ...(opts.scale !== undefined ? { scale: opts.scale } : {}) };
  if (opts.shard) return emitStudyShard(await scenarioPlan(scenario, runOpts), opts, log);
  let runners: Awaited<ReturnType<typeof runnersOf>> = {};
  if (opts.queue) {
    const { QueueCoordinator } = await import('../../queue/coordinator.ts');
    const families = await queueFamilies(scenario, runOpts);
    const q = await QueueCoordinator.open('--queue', opts.queue, {
      note: (m) => process.stderr.write(`fragility scenario: ${m}\n`),
    });
    try {
      const total = families.reduce((k, f) => k + f.runs, 0);
      log(`run families: ${families.length} families, ${total} runs on the queue`);
      runners = await runnersOf(families, await q.runFamilies(families));
    } finally {
      await q.close();
    }
  }
  const { runScenario } = await import('../../scenarios/run.ts');
  const result = runScenario(scenario, { ...runOpts, onProgress: log, ...runners });
  return scenarioOutput(result, scenario, {
    ...(opts.out !== undefined ? { out: opts.out } : {}),
    ...(opts.png ? { png: true } : {}),
    log,
  });
}

/**
 * The study of a sharded scenario: its run families ({@link scenarioRunFamilies}) and, in `output`, what the merge
 * needs to run the rest (the validated scenario, seed, scale).
 */
async function scenarioPlan(scenario: Scenario, runOpts: { seed: number; scale?: number }): Promise<StudyPlan> {
  const { scenarioRunFamilies } = await import('../../scenarios/run.ts');
  const { overloadRunsFamily } = await import('../../queue/tasks.ts');
  // one family of all the runs: r mod N spreads every part (timeline, each collapse loss, each phase cell, each
  // what-if) over the shards
  const families: StudyRuns[] = [
    overloadRunsFamily('scenario runs', scenarioRunFamilies(scenario, runOpts)),
    ...(await connectivityFamilies(scenario, runOpts)),
  ];
  return {
    command: 'scenario',
    output: {
      scenario: JSON.parse(JSON.stringify(scenario)) as Record<string, unknown>,
      seed: runOpts.seed,
      scale: runOpts.scale ?? null,
    },
    ensembles: [],
    runFamilies: families,
  };
}

/** The scenario's run families one per part (queue tasks carry one part's parameters each, not all of them). */
async function queueFamilies(scenario: Scenario, runOpts: { seed: number; scale?: number }): Promise<StudyRuns[]> {
  const { scenarioRunFamilies } = await import('../../scenarios/run.ts');
  const { overloadRunFamily } = await import('../../queue/tasks.ts');
  return [
    ...scenarioRunFamilies(scenario, runOpts).map((f) => overloadRunFamily(f.label, f.params, f.seed, f.first, f.runs)),
    ...(await connectivityFamilies(scenario, runOpts)),
  ];
}

/** The two connectivity ensembles (random, attack) as run families of their replicates. */
async function connectivityFamilies(
  scenario: Scenario,
  runOpts: { seed: number; scale?: number },
): Promise<StudyRuns[]> {
  const { scenarioConnectivity } = await import('../../scenarios/run.ts');
  const { twoTierRunFamily } = await import('../../queue/tasks.ts');
  return scenarioConnectivity(scenario, runOpts.seed, runOpts.scale ?? scenario.montecarlo.scale).map((e) =>
    twoTierRunFamily(`connectivity ${e.options.removal}`, e.options, e.runs),
  );
}

/** runScenario's simulate and twoTierReplicate hooks answering from computed run families. */
async function runnersOf(
  families: StudyRuns[],
  values: unknown[][],
): Promise<Pick<import('../../scenarios/run.ts').RunScenarioOptions, 'simulate' | 'twoTierReplicate'>> {
  const { simulatorOfRuns, twoTierReplicatesOf, TWO_TIER_RUN_FAMILY } = await import('../../queue/tasks.ts');
  const all = families.map((f, b) => ({ family: f.family, identity: f.identity, values: values[b] }));
  return {
    simulate: simulatorOfRuns(all.filter((f) => f.family !== TWO_TIER_RUN_FAMILY)),
    twoTierReplicate: twoTierReplicatesOf(all.filter((f) => f.family === TWO_TIER_RUN_FAMILY)),
  };
}

/**
 * What `fragility scenario` prints (and, with `out`, the report it writes) for a result — shared with `fragility
 * merge`.
 *
 * @param result - the scenario's result.
 * @param scenario - the scenario.
 * @param o - the report folder, PNG rendering, progress lines.
 * @returns the command's result.
 */
export async function scenarioOutput(
  result: ScenarioResult,
  scenario: Scenario,
  o: { out?: string; png?: boolean; log?: (m: string) => void },
): Promise<CommandResult> {
  const log = o.log ?? (() => {});
  let written: string | undefined;
  if (o.out) {
    const { writeReport } = await import('../../report/report-bundle.ts');
    const { scenarioReport } = await import('../../scenarios/report.ts');
    const { scenarioHtmlPage } = await import('../../scenarios/explorer-page.ts');
    const { explorerBundle } = await import('../../scenarios/explorer-bundle.ts');
    log('report page: index.html with the what-if explorer');
    const html = scenarioHtmlPage(result, scenario, await explorerBundle());
    // Assembled aside and moved into place (writeReport → writeDirAtomicSync): never a partial folder.
    const w = writeReport(o.out, { ...scenarioReport(result, scenario), html, ...(o.png ? { png: true } : {}) });
    written = w.index;
    log(`report written: ${w.files.length} files in ${o.out}`);
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
}

/**
 * Rebuild the unsharded scenario from merged shards (`fragility merge`): runScenario with the merged runs of the run
 * families, the rest (adaptive threshold, fluid limits, metastability, analytic connectivity) computed here.
 *
 * @param file - the first shard file (named in errors).
 * @param output - the study header's output.
 * @param values - each run family's values, in order.
 * @param fingerprints - each run family's fingerprint (from the header), in order.
 * @param o - the report folder, PNG rendering, progress lines.
 * @returns what `fragility scenario` prints.
 * @throws FragilityInputError (exit 2) on a header that is not a scenario's or families that do not match it.
 */
export async function mergeScenario(
  file: string,
  output: Record<string, unknown>,
  values: unknown[][],
  fingerprints: string[],
  o: { out?: string; png?: boolean; log?: (m: string) => void },
): Promise<CommandResult> {
  const { parseScenario } = await import('../../scenarios/load.ts');
  const { runScenario } = await import('../../scenarios/run.ts');
  const { runsFingerprint } = await import('../../montecarlo/study-shard.ts');
  const { scenario: raw, seed, scale } = output as { scenario?: unknown; seed?: unknown; scale?: unknown };
  if (!raw || typeof raw !== 'object' || typeof seed !== 'number' || (scale !== null && typeof scale !== 'number')) {
    throw new FragilityInputError(
      'merge',
      file,
      'a scenario study shard header with output.scenario, output.seed and output.scale',
      'they are missing or invalid',
    );
  }
  const scenario = parseScenario(raw);
  const runOpts = { seed, ...(typeof scale === 'number' ? { scale } : {}) };
  const families = (await scenarioPlan(scenario, runOpts)).runFamilies!;
  if (
    families.length !== values.length ||
    families.some((f, b) => runsFingerprint(f.family, f.identity) !== fingerprints[b] || values[b].length !== f.runs)
  ) {
    throw new FragilityInputError(
      'merge',
      file,
      `shards whose run families are the ${families.length} of scenario ${scenario.name} (seed ${seed})`,
      'the families do not match the scenario in the header',
    );
  }
  const result = runScenario(scenario, {
    ...runOpts,
    ...(await runnersOf(families, values)),
    ...(o.log ? { onProgress: o.log } : {}),
  });
  return scenarioOutput(result, scenario, o);
}
