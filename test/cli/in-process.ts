// Run one `fragility` command in this process (not a test file itself): through main(argv) of src/cli/main.ts — the
// lazy loading of the one command's module, commander's parsing and main's last-resort handler — with stdout and
// stderr captured and process.exit turned into a status (run-main.ts does the work). Saves the ~1 s of CPU a child
// process costs; use runCli (cli-run.ts) only where a real process matters.
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
