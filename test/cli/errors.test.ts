import { spawnSync } from 'node:child_process';
// The exit-status contract of docs/CLI.md: bad input → exit 2 with ONE line on stderr naming the field.
import { describe, expect, it } from 'vitest';
import { ROOT, runCliAsync } from './cli-run.ts';

describe('fragility: bad input', () => {
  it('exits 2 with a one-line message for option, unknown-option and unknown-command errors', async () => {
    const runs = await Promise.all([
      runCliAsync(['sweep', '--graph', 'er:n=100,k=2', '--runs', '0', '--json']),
      runCliAsync(['generate', '--graph', 'er:n=100,k=2', '--bogus']),
      runCliAsync(['nosuch']),
    ]);
    for (const r of runs) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(runs[0].stderr).toMatch(/--runs.*\[1, /);
    expect(runs[1].stderr).toMatch(/--bogus/);
  });

  it('a reader that closes the pipe early (| head -c 100) ends the run quietly with status 0, not an EPIPE stack trace', () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" bin/fragility.js betweenness --graph ba:n=20000,m=2 --samples 20 --json | head -c 100; echo "status \${PIPESTATUS[0]}" >&2`,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toHaveLength(100); // the JSON is ~0.8 MB, far past the 64 kB a pipe buffers
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stderr).toMatch(/status 0/);
  });
});
