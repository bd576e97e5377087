/**
 * The `fragility` command line. Each command lives in `./commands/<name>.ts` and exports
 * `register(program: Command)`. Only the module of the command being run is loaded, so that startup stays fast.
 *
 * @module
 */
import { Command, CommanderError } from 'commander';
import { handleCommanderError } from './common.ts';

/** Command name → module (relative to this file). */
const COMMANDS: Record<string, string> = {
  generate: './commands/generate.ts',
  analytic: './commands/analytic.ts',
  mp: './commands/mp.ts',
  bundle: './commands/bundle.ts',
  interdependent: './commands/interdependent.ts',
  sweep: './commands/sweep.ts',
  betweenness: './commands/betweenness.ts',
  cascade: './commands/cascade.ts',
  scenario: './commands/scenario.ts',
  compare: './commands/compare.ts',
  fluid: './commands/fluid.ts',
  fss: './commands/fss.ts',
  'overload-threshold': './commands/overload-threshold.ts',
  calibrate: './commands/calibrate.ts',
  merge: './commands/merge.ts',
  worker: './commands/worker.ts',
};

async function load(program: Command, names: string[]): Promise<void> {
  for (const name of names) {
    // Compiled to dist/, this file is main.js and its commands are .js files too.
    const spec = import.meta.url.endsWith('.ts') ? COMMANDS[name] : COMMANDS[name].replace(/\.ts$/, '.js');
    let mod: { register?: (p: Command) => void };
    try {
      mod = await import(spec);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(spec.slice(2))) continue;
      throw err;
    }
    mod.register?.(program);
  }
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('fragility')
    .description(
      'How much of a network can be lost before the rest collapses? Percolation theory and Monte Carlo, side by side.',
    )
    .version('0.1.0')
    .exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  await load(program, first && first in COMMANDS ? [first] : Object.keys(COMMANDS));
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) handleCommanderError(err);
    throw err;
  }
}

// In-process callers (test/cli/run-main.ts: the fuzz suite) set this global before importing `main`, so that the
// import does not also run the CLI on their own argv.
const autorun = !(globalThis as { __FRAGILITY_IN_PROCESS__?: boolean }).__FRAGILITY_IN_PROCESS__;

// A reader that stops early (`fragility … | head`) closes the pipe: stop quietly, as Unix tools do, instead of
// dying on an unhandled EPIPE with a stack trace.
for (const stream of autorun ? [process.stdout, process.stderr] : []) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

if (autorun)
  main(process.argv).catch((err) => {
    process.stderr.write(`fragility: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
