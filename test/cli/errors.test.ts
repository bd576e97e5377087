// The exit-status contract of ../shared/CLI.md: bad input → exit 2 with ONE line on stderr naming the field.
import { describe, expect, it } from 'vitest';
import { runCliAsync } from './cli-run.ts';

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
});
