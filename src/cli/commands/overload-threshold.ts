/**
 * `fragility overload-threshold [NAME|FILE]`: the overload critical supernode loss of a scenario three ways — the
 * fluid limit, the adaptive simulated estimate at several population scales (the finite-size study), and the static
 * mean-field bound — as a table, a JSON object and (with --svg) a plot.
 *
 * @module
 */
import type { Command } from 'commander';
import { FragilityInputError } from '../../errors.ts';
import type { ReplicateSelection } from '../../montecarlo/ensemble.ts';
import type { StudyPlan } from '../../montecarlo/study-shard.ts';
import type { OverloadThresholdComparison, CompareOverloadThresholdOptions } from '../../compare/overload-threshold.ts';
import type { OverloadRunBatch } from '../../cascade/overload-threshold.ts';
import {
  action,
  choiceOption,
  intOption,
  numberListOption,
  numberOption,
  progressLines,
  withCommon,
  withProgress,
  type CommandResult,
} from '../common.ts';
import { checkShardFlags, emitStudyShard, shardOption } from '../shard-flags.ts';

/** The parsed options of `fragility overload-threshold` (what {@link runOverloadThreshold} takes). */
export interface OverloadThresholdCliOptions {
  scales?: number[];
  seed: number;
  maxRuns?: number;
  target?: number;
  svg?: string;
  json?: boolean;
  progress?: boolean;
  queue?: string;
  thresholdDesign: 'adaptive' | 'grid';
  gridPoints?: number;
  gridRuns?: number;
  shard?: ReplicateSelection;
  shardOut?: string;
}

/** Register `fragility overload-threshold`. */
export function register(program: Command): void {
  const cmd = program
    .command('overload-threshold')
    .description(
      'overload critical supernode loss: fluid limit vs adaptive Monte Carlo at several population scales (finite-size study)',
    )
    .argument('[scenario]', 'a built-in name (skype-2010, skype-2007) or a scenario JSON file; default skype-2010')
    .option(
      '--scales <LIST>',
      'population scales, comma-separated, each in (0, 1] (default 0.005,0.01,0.02,0.05,0.1,0.2)',
      numberListOption('--scales', 1e-6, 1),
    )
    .option('--max-runs <N>', 'run budget per scale (default 480)', intOption('--max-runs', 24, 1e9))
    .option('--target <W>', 'target half-width of the 95 % interval (default 0.01)', numberOption('--target', 0, 1))
    .option('--svg <FILE>', 'write the finite-size plot (SVG) to FILE')
    .addOption(
      choiceOption(
        '--threshold-design <D>',
        'adaptive (sequential probit, rounds placed from earlier outcomes) or grid (fixed losses × runs, shardable)',
        ['adaptive', 'grid'],
        'adaptive',
      ),
    )
    .option(
      '--grid-points <K>',
      'grid design: losses evenly spaced over [0, 0.5] (default 21)',
      intOption('--grid-points', 2, 100000),
    )
    .option('--grid-runs <R>', 'grid design: runs per loss (default 24)', intOption('--grid-runs', 1, 1e7))
    .option(
      '--shard <i/N>',
      'grid design only: run the runs r with r mod N = i of every scale and print them as a shard (NDJSON; fragility merge FILES... prints the JSON of the unsharded run)',
      shardOption,
    )
    .option('--shard-out <FILE>', 'with --shard: write the shard to FILE (atomically) instead of stdout')
    .option(
      '--queue <URL>',
      'run the simulations on the workers of this Redis job queue (fragility worker --redis URL), round by round; same JSON as a local run (timing fields aside)',
    );
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
--no-progress, and under --json when stderr is not a terminal unless --progress is given).

--threshold-design grid: instead of the adaptive rounds, a design fixed before any run: --grid-points losses evenly
spaced over [0, 0.5] (rounded to multiples of 1/S) × --grid-runs runs each (run r = k·R + j at the k-th loss), the
same penalised probit fit and profile-likelihood interval ("method":"probit-grid"). It is the design that can be cut
into shards: --shard i/N [--shard-out FILE] runs the runs r with r mod N = i of every scale; fragility merge FILES...
then prints the JSON and text of the unsharded grid run (timing fields aside; the merge recomputes the fluid limit,
which needs no simulation). The adaptive design cannot be sharded (its rounds depend on earlier outcomes): --queue
runs it round by round on many machines.`,
  );
  cmd.action(action(runOverloadThreshold));
}

/**
 * `fragility overload-threshold` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runOverloadThreshold(
  name: string | undefined,
  opts: OverloadThresholdCliOptions,
): Promise<CommandResult> {
  const grid = opts.thresholdDesign === 'grid';
  if (!grid && opts.gridPoints !== undefined)
    throw new FragilityInputError('--grid-points', opts.gridPoints, 'used with --threshold-design grid');
  if (!grid && opts.gridRuns !== undefined)
    throw new FragilityInputError('--grid-runs', opts.gridRuns, 'used with --threshold-design grid');
  if (grid && opts.maxRuns !== undefined)
    throw new FragilityInputError(
      '--max-runs',
      opts.maxRuns,
      'used with the adaptive design (the grid design runs --grid-points × --grid-runs per scale)',
    );
  if (opts.shard && !grid) {
    throw new FragilityInputError(
      '--shard',
      `${opts.shard.index}/${opts.shard.count}`,
      'used with --threshold-design grid',
      "the adaptive design places each round from the earlier rounds' outcomes, so it cannot be cut in advance; use --threshold-design grid --shard i/N, or --queue URL to spread the adaptive rounds over workers",
    );
  }
  if (opts.svg !== undefined && opts.shard)
    throw new FragilityInputError(
      '--svg',
      opts.svg,
      'used without --shard (fragility merge prints the result; rerun without --shard for the plot)',
    );
  await checkShardFlags(opts);
  const { loadScenario } = await import('../../scenarios/load.ts');
  const { scenarioToOverloadParams } = await import('../../scenarios/to-params.ts');
  const { compareOverloadThreshold, compareOverloadThresholdAsync, overloadThresholdPlot } = await import(
    '../../compare/overload-threshold.ts'
  );
  const scenario = loadScenario(name ?? 'skype-2010');
  const params = scenarioToOverloadParams(scenario);
  const line = progressLines(opts, '');
  const log = (m: string) => line(m, true);
  const design: CompareOverloadThresholdOptions = {
    seed: opts.seed,
    ...(opts.scales ? { scales: opts.scales } : {}),
    ...(opts.maxRuns !== undefined ? { maxRuns: opts.maxRuns } : {}),
    ...(opts.target !== undefined ? { targetHalfWidth: opts.target } : {}),
    ...(grid ? { design: 'grid' as const } : {}),
    ...(opts.gridPoints !== undefined ? { gridPoints: opts.gridPoints } : {}),
    ...(opts.gridRuns !== undefined ? { gridRuns: opts.gridRuns } : {}),
  };
  if (opts.shard) return emitStudyShard(await overloadThresholdPlan(scenario.name, params, design), opts, log);
  const options: CompareOverloadThresholdOptions = {
    ...design,
    onScale: (r, i, n) =>
      log(
        `scale ${r.scale} (${i}/${n}): f_c ${r.criticalLoss === null ? 'n/a' : (100 * r.criticalLoss).toFixed(2) + ' %'}, ${r.runs} runs, ${r.seconds} s`,
      ),
  };
  let c: OverloadThresholdComparison;
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
    writeFileSync(
      opts.svg,
      overloadThresholdPlot(c, `Critical supernode loss against population size (${scenario.name})`),
    );
    written = opts.svg;
  }
  return overloadThresholdReport(scenario.name, c, written);
}

/**
 * The JSON and text of `fragility overload-threshold` (also what `fragility merge` prints for its shards).
 *
 * @param scenarioName - the scenario's name.
 * @param c - the comparison.
 * @param svg - the plot file written, if any.
 * @returns the command's result.
 */
export async function overloadThresholdReport(
  scenarioName: string,
  c: OverloadThresholdComparison,
  svg?: string,
): Promise<CommandResult> {
  const { overloadThresholdTable } = await import('../../compare/overload-threshold.ts');
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(2)} %`);
  const text = [
    `Overload critical supernode loss of ${scenarioName} (seed ${c.seed})`,
    '',
    `fluid limit          ${c.fluid.criticalLoss === null ? `none (${c.fluid.reason})` : `${pct(c.fluid.criticalLoss)} (±${c.fluid.tolerance}, ${c.fluid.seconds} s)`}`,
    `static mean field    ${pct(c.staticBound.criticalLoss)} (a bound: ${c.staticBound.note})`,
    '',
    overloadThresholdTable(c).trimEnd(),
    ...(svg ? ['', `Plot: ${svg}`] : []),
  ].join('\n');
  return { json: { scenario: scenarioName, ...c, ...(svg ? { svg } : {}) }, text };
}

/** The grid design's batches (one per scale, fixed in advance), without running anything. */
async function gridBatches(params: unknown, design: CompareOverloadThresholdOptions): Promise<OverloadRunBatch[]> {
  const { finiteSizeDesign } = await import('../../cascade/overload-threshold.ts');
  const { scales, seed, durationHours, lossRange, targetHalfWidth, confidence, gridPoints, gridRuns } = design;
  const gen = finiteSizeDesign(params as never, {
    scales,
    seed,
    durationHours,
    lossRange,
    targetHalfWidth,
    confidence,
    gridPoints,
    gridRuns,
    design: 'grid',
  });
  const batches: OverloadRunBatch[] = [];
  let step = gen.next();
  while (!step.done) {
    batches.push(step.value);
    step = gen.next(step.value.runs.map(() => false)); // the grid does not depend on outcomes; the result is discarded
  }
  return batches;
}

/**
 * The study of a grid-design overload threshold run: one run family per scale (its grid's runs), and in `output`
 * what the merge needs to rebuild the report (scenario name, encoded parameters, the design options).
 */
async function overloadThresholdPlan(
  scenarioName: string,
  params: unknown,
  design: CompareOverloadThresholdOptions,
): Promise<StudyPlan> {
  const { encodeJson, overloadCollapseFamily } = await import('../../queue/tasks.ts');
  const batches = await gridBatches(params, design);
  return {
    command: 'overload-threshold',
    output: {
      scenario: scenarioName,
      params: encodeJson(params),
      design: JSON.parse(JSON.stringify(design)) as Record<string, unknown>,
    },
    ensembles: [],
    runFamilies: batches.map((b) => overloadCollapseFamily(`scale ${b.params.scale}`, b)),
  };
}

/**
 * Rebuild the unsharded grid run from merged shards (`fragility merge`): the same design driven with the merged
 * outcomes; the fluid limit and the static bound are recomputed here (no simulation). Every batch the design asks
 * for must be the run family the shards hold at its position (parameters, seed, losses), else exit 2.
 *
 * @param file - the first shard file (named in errors).
 * @param output - the study header's output.
 * @param values - each run family's values (booleans), in order.
 * @returns the command's result, as a local `--threshold-design grid` run prints it.
 * @throws FragilityInputError (exit 2) on a header that is not a grid run's or families that do not match.
 */
export async function mergeOverloadThreshold(
  file: string,
  output: Record<string, unknown>,
  values: unknown[][],
  fingerprints: string[],
): Promise<CommandResult> {
  const { decodeJson, overloadCollapseFamily } = await import('../../queue/tasks.ts');
  const { runsFingerprint } = await import('../../montecarlo/study-shard.ts');
  const { compareOverloadThresholdAsync } = await import('../../compare/overload-threshold.ts');
  const { scenario, params, design } = output as {
    scenario?: unknown;
    params?: unknown;
    design?: CompareOverloadThresholdOptions;
  };
  if (
    typeof scenario !== 'string' ||
    typeof params !== 'string' ||
    !design ||
    typeof design !== 'object' ||
    design.design !== 'grid'
  ) {
    throw new FragilityInputError(
      'merge',
      file,
      'an overload-threshold study shard header with output.scenario, output.params and a grid design',
      'they are missing or invalid',
    );
  }
  let k = 0;
  const c = await compareOverloadThresholdAsync(decodeJson(params), design, async (batch) => {
    const f = overloadCollapseFamily(`scale ${batch.params.scale}`, batch);
    const v = values[k];
    if (
      v === undefined ||
      runsFingerprint(f.family, f.identity) !== fingerprints[k] ||
      v.length !== batch.runs.length ||
      !v.every((x) => typeof x === 'boolean')
    ) {
      throw new FragilityInputError(
        'merge',
        file,
        `shards whose run family ${k + 1} is the grid of scale ${batch.params.scale} (${batch.runs.length} runs)`,
        'the families do not match the design in the header',
      );
    }
    k++;
    return v as boolean[];
  });
  if (k !== values.length)
    throw new FragilityInputError(
      'merge',
      file,
      `shards with ${k} run families (one per scale)`,
      `they hold ${values.length}`,
    );
  return overloadThresholdReport(scenario, c);
}
