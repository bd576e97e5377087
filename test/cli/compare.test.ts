import { describe, expect, it } from 'vitest';
import { runCliIn, runJsonIn } from './in-process.ts';

describe('fragility compare', () => {
  it('--json prints the lined-up rows and both thresholds', async () => {
    const j = await runJsonIn([
      'compare',
      '--law',
      'regular(3)',
      '--n',
      '4000',
      '--runs',
      '10',
      '--q',
      '0.2,0.7,0.9,1',
      '--seed',
      '1',
    ]);
    expect(j.seed).toBe(1);
    const rows = j.rows as { q: number; analytic: number; mean: number; ci: number[]; insideCi: boolean }[];
    expect(rows.map((r) => r.q)).toEqual([0.2, 0.7, 0.9, 1]);
    expect(rows[3].analytic).toBe(1);
    const th = j.threshold as { analytic: number; montecarlo: number; ci: number[] };
    expect(th.analytic).toBeCloseTo(0.5, 12);
    expect(th.ci).toHaveLength(2);
    expect(j.agreement).toBeDefined();
  });

  it('prints a table without --json, and rejects bad input with exit 2 and one line', async () => {
    const r = await runCliIn(['compare', '--law', 'poisson(4)', '--n', '2000', '--runs', '4', '--q', '0.5,1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\| q +\| analytic/);
    expect(r.stdout).toMatch(/threshold q_c: analytic 0\.25000/);
    const bad = await runCliIn(['compare', '--law', 'regular(3)', '--mode', 'bond', '--order', 'attack']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('removal');
  });

  it('--help shows an example', async () => {
    const r = await runCliIn(['compare', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Example:');
  });
});
