/**
 * The `--shard i/N`, `--shard-out FILE` and `--queue URL` flags of the study-shaped commands (issue 19), one
 * implementation for all of them: the flag checks (exit 2 before any work, the same rules as `sweep`), running a
 * study ({@link StudyPlan}) locally, as a shard, or on the queue's workers.
 *
 * @module
 */
import { type Command, InvalidArgumentError } from 'commander';
import { checkOutputFile } from '../atomic-write.ts';
import { FragilityInputError } from '../errors.ts';
import type { EnsembleRemote, ReplicateSelection } from '../montecarlo/ensemble.ts';
import { parseShard } from '../montecarlo/shard.ts';
import { type StudyPlan, runStudyShard, studyShardLines, writeStudyShard } from '../montecarlo/study-shard.ts';
import type { CommandResult } from './common.ts';

/** The parsed flags. */
export interface ShardFlags {
  shard?: ReplicateSelection;
  shardOut?: string;
  queue?: string;
  json?: boolean;
}

/** Commander parser of `--shard i/N` (a usage error names the flag). */
export function shardOption(raw: string): ReplicateSelection {
  try {
    return parseShard('--shard', raw);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/**
 * Add `--shard`, `--shard-out` and `--queue` to a command.
 *
 * @param cmd - the command.
 * @param what - what the shard holds, for the help text (e.g. `replicates of every size`).
 * @returns the command.
 */
export function withShardFlags(cmd: Command, what: string): Command {
  return cmd
    .option(
      '--shard <i/N>',
      `run only the ${what} r with r mod N = i and print them as a shard (NDJSON; combine with fragility merge)`,
      shardOption,
    )
    .option('--shard-out <FILE>', 'with --shard: write the shard to FILE (atomically) instead of stdout')
    .option(
      '--queue <URL>',
      'compute the replicates on the workers of this Redis job queue (fragility worker --redis URL); same JSON as a local run',
    );
}

/**
 * Check the flags' combinations and forms before any work (exit 2 naming the flag).
 *
 * @param o - the parsed flags.
 * @throws FragilityInputError naming the flag.
 */
export async function checkShardFlags(o: ShardFlags): Promise<void> {
  if (o.shardOut !== undefined && !o.shard)
    throw new FragilityInputError('--shard-out', o.shardOut, 'used together with --shard i/N');
  if (o.shard && o.json && o.shardOut === undefined) {
    throw new FragilityInputError(
      '--json',
      true,
      'used with --shard only together with --shard-out FILE (without it the shard itself, NDJSON, goes to stdout)',
    );
  }
  if (o.queue && o.shard)
    throw new FragilityInputError(
      '--queue',
      o.queue,
      'used without --shard (the queue itself spreads all replicates over the workers)',
    );
  if (o.queue) {
    const { parseRedisUrl } = await import('../queue/redis.ts');
    parseRedisUrl('--queue', o.queue); // the form; the server is checked when connecting
  }
  if (o.shardOut !== undefined) checkOutputFile('--shard-out', o.shardOut);
}

/**
 * Write shard `o.shard` of a study (to `--shard-out` or stdout) and say what was written.
 *
 * @param plan - the study.
 * @param o - the flags (`shard` set).
 * @param log - progress lines (stderr).
 * @returns the command's result (`written` when the shard went to stdout).
 */
export async function emitStudyShard(
  plan: StudyPlan,
  o: ShardFlags,
  log: (m: string) => void = () => {},
): Promise<CommandResult> {
  const shard = o.shard!;
  const parts = plan.ensembles.length + (plan.runFamilies?.length ?? 0);
  const s = await runStudyShard(plan, shard, (b, label) =>
    log(`shard ${shard.index}/${shard.count}: experiment ${b + 1}/${parts} (${label})`),
  );
  if (o.shardOut === undefined) {
    for (const line of studyShardLines(s)) process.stdout.write(line + '\n');
    return { json: {}, text: '', written: true };
  }
  writeStudyShard(s, o.shardOut, '--shard-out');
  const replicates =
    s.sections.reduce((k, sec) => k + sec.replicates.length, 0) +
    s.runSections.reduce((k, sec) => k + sec.values.length, 0);
  return {
    json: {
      shard,
      experiments: s.header.experiments.length,
      replicates,
      fingerprint: s.header.fingerprint,
      file: o.shardOut,
    },
    text: `shard ${shard.index}/${shard.count} of ${plan.command}: ${replicates} replicates of ${s.header.experiments.length} experiments written to ${o.shardOut} (fingerprint ${s.header.fingerprint.slice(0, 16)}…)`,
  };
}

/**
 * Run `body` with the queue's ensemble executor when `--queue` is given (connection closed afterwards), else
 * without one.
 *
 * @param o - the flags.
 * @param command - the command's name (for the notes on stderr).
 * @param body - what to run, given the remote executor or undefined.
 * @returns what `body` returns.
 */
export async function withQueueRemote<T>(
  o: ShardFlags,
  command: string,
  body: (remote: EnsembleRemote | undefined) => Promise<T>,
): Promise<T> {
  if (!o.queue) return body(undefined);
  const { QueueCoordinator } = await import('../queue/coordinator.ts');
  const q = await QueueCoordinator.open('--queue', o.queue, {
    note: (m) => process.stderr.write(`fragility ${command}: ${m}\n`),
  });
  try {
    return await body(q.ensembleRemote());
  } finally {
    await q.close();
  }
}
