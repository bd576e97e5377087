// Run one `fragility` command in this process (not a test file itself): the command's module registers on a fresh
// commander program, as src/cli/main.ts does, with stdout/stderr captured and process.exit turned into a throw.
// Saves the ~1 s of CPU a child process costs; use runCli (cli-run.ts) only where a real process matters.
import { Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import { handleCommanderError } from '../../src/cli/common.ts';

/** What a run printed and its exit status. */
export interface InProcessRun {
  status: number;
  stdout: string;
  stderr: string;
}

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Run `fragility <command> ...args` in process; never throws for a non-zero exit. */
export async function runInProcess(command: string, args: string[]): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw new Exit(code ?? 0);
  }) as never);
  let status = 0;
  try {
    const program = new Command('fragility').exitOverride();
    program.configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
    const mod = (await import(`../../src/cli/commands/${command}.ts`)) as { register: (p: Command) => void };
    mod.register(program);
    try {
      await program.parseAsync(['node', 'fragility', command, ...args]);
    } catch (e) {
      if (e instanceof CommanderError) handleCommanderError(e);
      throw e;
    }
  } catch (e) {
    if (e instanceof Exit) status = e.code;
    else {
      stderr += `UNCAUGHT ${(e as Error)?.stack ?? String(e)}\n`;
      status = 1;
    }
  } finally {
    out.mockRestore();
    err.mockRestore();
    exit.mockRestore();
  }
  return { status, stdout, stderr };
}
