/**
 * `fragility merge FILES…`: merge the shards of a sharded command (`fragility sweep|fss … --shard i/N`) and print
 * exactly what the unsharded run prints (its `--json` object with `--json`, else its text). A sweep shard is one
 * ensemble (src/montecarlo/shard.ts); a study shard (src/montecarlo/study-shard.ts) holds one ensemble per part of a
 * study, and its header names the command whose report is rebuilt (fss).
 *
 * @module
 */
import type { Command } from 'commander';
import { action, withCommon, type CommandResult } from '../common.ts';
import { FragilityInputError } from '../../errors.ts';
import { mergeShards } from '../../montecarlo/shard.ts';
import { isStudyShardFile, mergeStudyShards } from '../../montecarlo/study-shard.ts';
import { sweepReport } from './sweep.ts';

const ESTIMATORS = ['susceptibility', 'gap', 'wrapping'] as const;

/** Register `fragility merge`. */
export function register(program: Command): void {
  const cmd = program
    .command('merge')
    .description(
      'merge the shard files of a sharded run (sweep, fss, calibrate, overload-threshold or scenario --shard i/N) into the result of the unsharded run',
    )
    .argument(
      '<FILES...>',
      'shard files (NDJSON written by sweep, fss, calibrate, overload-threshold or scenario --shard i/N, any order)',
    )
    .option('--out <DIR>', 'scenario shards only: write the report folder, as fragility scenario --out DIR does')
    .option('--png', 'with --out, also render every plot to PNG (needs rsvg-convert)');
  withCommon(cmd, { seed: false });
  cmd.addHelpText(
    'after',
    `
Example:
  $ for i in 0 1 2; do fragility sweep --graph "rr:n=2000,k=3" --runs 7 --seed 3 --shard $i/3 --shard-out s$i.ndjson; done
  $ fragility merge s0.ndjson s1.ndjson s2.ndjson --json   # the JSON of: fragility sweep --graph "rr:n=2000,k=3" --runs 7 --seed 3 --json
  $ for i in 0 1; do fragility fss --lattice square --sizes 16,32 --runs 40 --shard $i/2 --shard-out f$i.ndjson; done
  $ fragility merge f0.ndjson f1.ndjson --json             # the JSON of the same fss without --shard
  $ for i in 0 1; do fragility scenario skype-2010 --seed 1 --shard $i/2 --shard-out c$i.ndjson; done
  $ fragility merge c0.ndjson c1.ndjson --out report        # what fragility scenario skype-2010 --seed 1 --out report prints
                                                            # (the adaptive threshold, fluid and metastability
                                                            # parts are computed by the merge)

Every file must be a shard of one experiment (same fingerprint, runs and report options; else exit 2 naming the file
and the first differing field), every line must pass its schema and checksum, and together the files must hold
every replicate 0 … R-1 (missing replicates, or a replicate twice with different numbers: exit 2 naming them).`,
  );
  cmd.action(action(runMerge));
}

/**
 * `fragility merge` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runMerge(files: string[], opts: { out?: string; png?: boolean }): Promise<CommandResult> {
  if (opts.png && opts.out === undefined) throw new FragilityInputError('--png', true, 'used together with --out DIR');
  if (opts.out !== undefined) {
    const { checkOutputDir } = await import('../../atomic-write.ts');
    checkOutputDir('--out', opts.out); // before any work
  }
  if (isStudyShardFile(files[0])) return mergeStudy(files, opts);
  if (opts.out !== undefined)
    throw new FragilityInputError(
      '--out',
      opts.out,
      'used with the shards of fragility scenario (the only merged command that writes a report folder)',
    );
  const { result, header } = mergeShards(files);
  const out = header.output;
  if (out.command !== 'sweep') {
    throw new FragilityInputError(
      'merge',
      files[0],
      'shards written by fragility sweep --shard',
      `the header's output.command is ${JSON.stringify(out.command)}`,
    );
  }
  const estimator = out.estimator as (typeof ESTIMATORS)[number];
  if (!ESTIMATORS.includes(estimator) || typeof out.graph !== 'string') {
    throw new FragilityInputError(
      'merge',
      files[0],
      'a sweep shard header with output.graph and output.estimator',
      'they are missing or invalid',
    );
  }
  return sweepReport(result, { graph: out.graph, estimator });
}

/** Merge study shards and rebuild the report of the command named in their header. */
async function mergeStudy(
  files: string[],
  opts: { out?: string; png?: boolean },
): Promise<{ json: Record<string, unknown>; text: string }> {
  const t0 = performance.now();
  const { header, results, values } = mergeStudyShards(files);
  const runFingerprints = header.experiments.filter((e) => e.kind === 'runs').map((e) => e.fingerprint);
  if (header.command === 'scenario') {
    const { mergeScenario } = await import('./scenario.ts');
    return mergeScenario(files[0], header.output, values, runFingerprints, opts);
  }
  if (opts.out !== undefined)
    throw new FragilityInputError(
      '--out',
      opts.out,
      'used with the shards of fragility scenario (the only merged command that writes a report folder)',
    );
  if (header.command === 'calibrate') return mergeCalibrate(files, header.output, values, t0);
  if (header.command === 'overload-threshold') {
    const { mergeOverloadThreshold } = await import('./overload-threshold.ts');
    return mergeOverloadThreshold(files[0], header.output, values, runFingerprints);
  }
  if (header.command === 'fss') {
    const { finiteSizeReduce } = await import('../../montecarlo/finite-size-study.ts');
    const { fssReport } = await import('./fss.ts');
    const out = header.output as { reduction?: Parameters<typeof finiteSizeReduce>[0]; seed?: unknown };
    if (
      !out.reduction ||
      !Array.isArray(out.reduction.sizes) ||
      out.reduction.sizes.length !== results.length ||
      typeof out.seed !== 'number'
    ) {
      throw new FragilityInputError(
        'merge',
        files[0],
        'an fss study shard header with output.reduction and output.seed',
        'they are missing or invalid',
      );
    }
    return fssReport(finiteSizeReduce(out.reduction, results), out.seed);
  }
  throw new FragilityInputError(
    'merge',
    files[0],
    'shards of a command merge knows (sweep, fss, calibrate, overload-threshold, scenario)',
    `the study header names ${JSON.stringify(header.command)}`,
  );
}

/** The calibration's JSON and text from the shards' header (the fit) and its confirming simulations' values. */
async function mergeCalibrate(
  files: string[],
  output: Record<string, unknown>,
  values: unknown[][],
  t0: number,
): Promise<{ json: Record<string, unknown>; text: string }> {
  const cal = await import('../../compare/overload-calibration.ts');
  const { timelinesOfValues } = await import('../../queue/tasks.ts');
  const { calibrate2007Text, calibrate2010Text } = await import('./calibrate.ts');
  const { SKYPE_2010_OBSERVATIONS } = await import('../../models/overload-observations.ts');
  const { json, simScale, seed } = output as { json?: Record<string, unknown>; simScale?: unknown; seed?: unknown };
  if (
    !json ||
    typeof simScale !== 'number' ||
    typeof seed !== 'number' ||
    values.length > 1 ||
    (json.scenario !== 'skype-2010' && json.scenario !== 'skype-2007')
  ) {
    throw new FragilityInputError(
      'merge',
      files[0],
      'a calibrate study shard header with output.json, output.simScale and output.seed',
      'they are missing or invalid',
    );
  }
  const out: Record<string, unknown> = { ...json };
  const seconds = () => (performance.now() - t0) / 1000;
  if (json.scenario === 'skype-2007') {
    if (values.length === 1)
      out.simulation = cal.prediction2007SimulationFrom(timelinesOfValues(values[0]), simScale, seed);
    return { json: out, text: calibrate2007Text(out as never, seconds()) };
  }
  if (values.length === 1)
    out.simulation = cal.simulatedResidualsFrom(timelinesOfValues(values[0]), SKYPE_2010_OBSERVATIONS, simScale, seed);
  return { json: out, text: calibrate2010Text(out as never, seconds()) };
}
