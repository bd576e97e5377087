// Run the CLI in a child process (shared by the mp, bundle and interdependent CLI tests; not a test file itself).
import { execFileSync } from 'node:child_process';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[]): CliRun {
  try {
    const stdout = execFileSync('npx', ['tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

export function runJson(args: string[]): Record<string, unknown> {
  const r = runCli([...args, '--json']);
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected exactly one JSON line, got ${lines.length}`);
  return JSON.parse(lines[0]) as Record<string, unknown>;
}
