// Run one `fragility` command in this process (not a test file itself): through main(argv) of src/cli/main.ts — the
// lazy loading of the one command's module, commander's parsing and main's last-resort handler — with stdout and
// stderr captured and process.exit turned into a status (run-main.ts does the work). Saves the ~1 s of CPU a child
// process costs; use runCli (cli-run.ts) only where a real process matters.
import { expect } from 'vitest';
import { runMain } from './run-main.ts';

/** What a run printed and its exit status. */
export interface InProcessRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run `fragility <command> ...args` in process; never throws for a non-zero exit. */
export async function runInProcess(command: string, args: string[]): Promise<InProcessRun> {
  const { status, stdout, stderr } = await runMain([command, ...args]);
  return { status, stdout, stderr };
}

/** {@link runInProcess} with the argv of `runCli` (cli-run.ts): `fragility ...args`, in this process. */
export function runCliIn(args: string[]): Promise<InProcessRun> {
  return runInProcess(args[0], args.slice(1));
}

/** `runJson` (cli-run.ts) in this process: run with `--json` and parse the one JSON line it must print. */
export async function runJsonIn(args: string[]): Promise<Record<string, unknown>> {
  const r = await runCliIn([...args, '--json']);
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected exactly one JSON line, got ${lines.length}`);
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

/** Exit 2 with nothing on stdout and exactly one stderr line (no stack trace) matching `pattern`. */
export function oneLineExit2(r: InProcessRun, pattern: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}
