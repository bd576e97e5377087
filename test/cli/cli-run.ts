// Run the CLI in a child process: shared by every test/cli/*.test.ts (not a test file itself).
// `node bin/fragility.js` is what `npx fragility` runs, minus npx's own start-up: the compiled dist/ when it is newer
// than every source file (as after `npm ci`, whose prepare step builds it), the sources through tsx otherwise.
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (the CLI's working directory in tests). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

const ARGV = ['bin/fragility.js'];

/** Run synchronously; never throws for a non-zero exit. */
export function runCli(args: string[]): CliRun {
  try {
    const stdout = execFileSync(process.execPath, [...ARGV, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Run asynchronously, so that independent invocations overlap. */
export function runCliAsync(args: string[], timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...ARGV, ...args],
      { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs },
      (err, stdout, stderr) => {
        resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** Run with `--json` and parse the one JSON line it must print. */
export function runJson(args: string[]): Record<string, unknown> {
  const r = runCli([...args, '--json']);
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected exactly one JSON line, got ${lines.length}`);
  return JSON.parse(lines[0]) as Record<string, unknown>;
}
