/**
 * `fragility worker --redis URL`: take tasks from the Redis job queue (BullMQ) that `fragility sweep --queue URL` and
 * `fragility overload-threshold --queue URL` fill, compute them, and hand the results back. Runs until SIGINT or
 * SIGTERM (it finishes its current task first; a second signal stops at once).
 *
 * @module
 */
import type { Command } from 'commander';
import { action, intOption, withCommon, type CommandResult } from '../common.ts';

/** The parsed options of `fragility worker` (what {@link runWorker} takes). */
export interface WorkerCliOptions {
  redis: string;
  lockMs: number;
  stalledMs: number;
  verbose?: boolean;
}

/** Register `fragility worker`. */
export function register(program: Command): void {
  const cmd = program
    .command('worker')
    .description(
      'compute the tasks of the Redis job queue filled by sweep --queue and overload-threshold --queue (run one per core, on any machine)',
    )
    .requiredOption('--redis <URL>', 'the Redis server, redis://[USER:PASSWORD@]HOST[:PORT][/DB]')
    .option(
      '--lock-ms <MS>',
      'a task not renewed for this long counts as stalled (its worker is taken for dead) and is retried elsewhere',
      intOption('--lock-ms', 500, 86_400_000),
      60_000,
    )
    .option(
      '--stalled-ms <MS>',
      'how often this worker checks for stalled tasks',
      intOption('--stalled-ms', 100, 86_400_000),
      30_000,
    )
    .option('--verbose', 'one line on stderr per task');
  withCommon(cmd, { seed: false });
  cmd.addHelpText(
    'after',
    `
Example (three shells, or three machines that reach the same Redis):
  $ fragility worker --redis redis://127.0.0.1:6379
  $ fragility worker --redis redis://127.0.0.1:6379
  $ fragility sweep --graph "er:n=100000,k=4" --runs 20 --seed 1 --queue redis://127.0.0.1:6379 --json

A worker needs no graph file for generator specs (er:, rr:, ...); for a file spec (edges:PATH, ...) it reads the
same PATH (relative to its working folder) and refuses a file whose SHA-256 differs from the coordinator's.
A killed worker's task is retried by another after --lock-ms. Exit 2 at once on a bad URL or an unreachable server.`,
  );
  cmd.action(action(runWorker));
}

/**
 * `fragility worker` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runWorker(opts: WorkerCliOptions): Promise<CommandResult> {
  const { startWorker, tokenGate } = await import('../../queue/worker.ts');
  const { redactedUrl } = await import('../../queue/redis.ts');
  const note = (m: string) => process.stderr.write(`fragility worker: ${m}\n`);
  const w = await startWorker('--redis', opts.redis, {
    lockDuration: opts.lockMs,
    stalledInterval: opts.stalledMs,
    note,
    // testing hook (test/queue): hold each task this long before computing it, so that a kill lands mid-task
    ...(process.env.FRAGILITY_TEST_TASK_DELAY_MS ? { delayMs: Number(process.env.FRAGILITY_TEST_TASK_DELAY_MS) } : {}),
    // testing hook (test/queue): tasks pass only while the folder holds `open`, or one per `token*` file claimed
    ...(process.env.FRAGILITY_TEST_TASK_GATE ? { gate: tokenGate(process.env.FRAGILITY_TEST_TASK_GATE) } : {}),
    ...(opts.verbose
      ? { onStart: (id: string, kind: string) => note(`${kind} task ${id.slice(0, 26)}… started`) }
      : {}),
    ...(opts.verbose
      ? {
          onTask: (id: string, kind: string, ms: number) =>
            note(`${kind} task ${id.slice(0, 26)}… ${ms.toFixed(0)} ms`),
        }
      : {}),
  });
  note(`ready (pid ${process.pid}, ${redactedUrl(opts.redis)}); stop with Ctrl-C or SIGTERM`);
  let signals = 0;
  const stop = () => {
    if (++signals > 1) process.exit(130);
    note('finishing the current task, then stopping');
    void w.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await w.closed;
  note(`stopped after ${w.completed()} tasks`);
  return { json: { tasks: w.completed() }, text: '', written: true };
}
