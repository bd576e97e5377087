/**
 * `fragility merge FILES…`: merge the shards of a sweep ensemble (`fragility sweep … --shard i/N`) and print exactly
 * what the unsharded run prints (its `--json` object with `--json`, else its text).
 *
 * @module
 */
import type { Command } from 'commander';
import { action, withCommon } from '../common.ts';
import { FragilityInputError } from '../../errors.ts';
import { mergeShards } from '../../montecarlo/shard.ts';
import { sweepReport } from './sweep.ts';

const ESTIMATORS = ['susceptibility', 'gap', 'wrapping'] as const;

/** Register `fragility merge`. */
export function register(program: Command): void {
  const cmd = program
    .command('merge')
    .description('merge the shard files of a sweep (sweep --shard i/N) into the result of the unsharded run')
    .argument('<FILES...>', 'shard files (NDJSON written by sweep --shard i/N, any order)');
  withCommon(cmd, { seed: false });
  cmd.addHelpText(
    'after',
    `
Example:
  $ for i in 0 1 2; do fragility sweep --graph "rr:n=2000,k=3" --runs 7 --seed 3 --shard $i/3 --shard-out s$i.ndjson; done
  $ fragility merge s0.ndjson s1.ndjson s2.ndjson --json   # the JSON of: fragility sweep --graph "rr:n=2000,k=3" --runs 7 --seed 3 --json

Every file must be a shard of one experiment (same fingerprint, runs and report options; else exit 2 naming the file
and the first differing field), every line must pass its schema and checksum, and together the files must hold
every replicate 0 … R-1 (missing replicates, or a replicate twice with different numbers: exit 2 naming them).`,
  );
  cmd.action(
    action(async (files: string[]) => {
      const { result, header } = mergeShards(files);
      const out = header.output;
      if (out.command !== 'sweep') {
        throw new FragilityInputError('merge', files[0], 'shards written by fragility sweep --shard', `the header's output.command is ${JSON.stringify(out.command)}`);
      }
      const estimator = out.estimator as (typeof ESTIMATORS)[number];
      if (!ESTIMATORS.includes(estimator) || typeof out.graph !== 'string') {
        throw new FragilityInputError('merge', files[0], 'a sweep shard header with output.graph and output.estimator', 'they are missing or invalid');
      }
      return sweepReport(result, { graph: out.graph, estimator });
    }),
  );
}
