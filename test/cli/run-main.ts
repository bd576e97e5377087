// Run the CLI entry itself in this process (not a test file itself): `main(argv)` from src/cli/main.ts — the COMMANDS
// map, the lazy command loading and main's own last-resort handler included — with stdout, stderr and process.exit
// intercepted, and the time and memory each run took. The fuzz suite runs hundreds of cases through it in seconds;
// a child process (cli-run.ts) costs ~1 s of CPU each.
import type { CliRun } from './cli-run.ts';

/** Thrown in place of process.exit(code) while a case runs. */
class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

/** One in-process run: what a child process would have shown, plus the resources it took. */
export interface MainRun extends CliRun {
  /** Wall-clock time of the run, ms. */
  ms: number;
  /** Resident set size of this process after the run, bytes. */
  rss: number;
  /** Growth of the V8 heap during the run, bytes (garbage not yet collected included). */
  heapGrowth: number;
}

let main: ((argv: string[]) => Promise<void>) | undefined;
/** The in-process runs in order (see runMain). */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Run `fragility ...args` through main(argv) in this process; report the exit status, stdout and stderr as a child
 * process would show them (an error escaping main prints `fragility: <message>` and exits 1, as main.ts's handler).
 */
export function runMain(args: string[]): Promise<MainRun> {
  // One run at a time: stdout, stderr and process.exit are intercepted process-wide, so runs started together
  // (Promise.all) are queued, not interleaved.
  const run = queue.then(() => runMainNow(args));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

async function runMainNow(args: string[]): Promise<MainRun> {
  if (!main) {
    (globalThis as { __FRAGILITY_IN_PROCESS__?: boolean }).__FRAGILITY_IN_PROCESS__ = true;
    main = (await import('../../src/cli/main.ts')).main;
  }
  const out: string[] = [];
  const err: string[] = [];
  const saved = { out: process.stdout.write, err: process.stderr.write, exit: process.exit };
  const text = (chunk: unknown) =>
    typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  process.stdout.write = ((chunk: unknown) => (out.push(text(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => (err.push(text(chunk)), true)) as typeof process.stderr.write;
  process.exit = ((code?: number) => {
    throw new ExitSignal(code ?? 0);
  }) as typeof process.exit;
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let status = 0;
  try {
    await main(['node', 'fragility', ...args]);
  } catch (e) {
    if (e instanceof ExitSignal) status = e.code;
    else {
      err.push(`fragility: ${e instanceof Error ? e.message : String(e)}\n`);
      status = 1;
    }
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.exit = saved.exit;
  }
  const ms = performance.now() - t0;
  const mem = process.memoryUsage();
  return { status, stdout: out.join(''), stderr: err.join(''), ms, rss: mem.rss, heapGrowth: mem.heapUsed - heap0 };
}
