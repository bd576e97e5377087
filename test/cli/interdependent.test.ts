import { describe, it, expect } from 'vitest';
import { runJson } from './cli-run.ts';
import { runInProcess } from './in-process.ts';
import { interdependentErCritical } from '../../src/analytic/interdependent.ts';

// In process (the command's module on a fresh commander program, stdout/stderr captured, exit trapped): the same
// parsing, validation and output as a child process, without ~1 s of start-up per case. One case spawns the real
// CLI (the smoke test below).
async function json(args: string[]): Promise<Record<string, unknown>> {
  const r = await runInProcess(args[0], [...args.slice(1), '--json']);
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

describe('fragility interdependent', () => {
  it('a child process prints the same JSON as the in-process run (smoke test of the real CLI)', async () => {
    const args = ['interdependent', '--law', 'poisson(4)', '--q', '0.7'];
    expect(runJson(args)).toEqual(await json(args));
  });

  it('poisson(4): pc, SAtPc (B1, B2) and S(p) (B4)', async () => {
    const j = await json(['interdependent', '--law', 'poisson(4)', '--q', '0.7']);
    expect(Math.abs((j.pc as number) - 0.613852)).toBeLessThan(1e-6);
    expect(Math.abs((j.SAtPc as number) - 0.314108)).toBeLessThan(1e-6);
    expect(Math.abs((j.S as number) - 0.55762)).toBeLessThan(5e-6);
    const below = await json(['interdependent', '--law', 'poisson(4)', '--q', '0.6']);
    expect(below.S).toBe(0);
    const chain = await json(['interdependent', '--law', 'poisson(6)', '--networks', '3']);
    expect(chain).not.toHaveProperty('S');
    expect(chain.networks).toBe(3);
    // three ER networks: the closed form e^z − 1 = 3z, p_c = z/(<k>(1 − e^(−z))³)
    expect(chain.pc as number).toBeCloseTo(interdependentErCritical(6, 3).pc!, 9);
  });

  it('no mutual giant: p_c = null with a reason', async () => {
    const j = await json(['interdependent', '--law', 'poisson(2)', '--q', '1']);
    expect(j.pc).toBeNull();
    expect(j.SAtPc).toBeNull();
    expect(j.reason).toMatch(/no mutual giant/);
    expect(j.S).toBe(0);
  });

  it('--simulate N: montecarlo {S, ci} next to the analytic S; --grid adds rows; same seed, same output', async () => {
    const args = [
      'interdependent',
      '--law',
      'poisson(4)',
      '--q',
      '0.8',
      '--simulate',
      '20000',
      '--runs',
      '4',
      '--seed',
      '5',
      '--json',
    ];
    const a = await runInProcess('interdependent', args.slice(1));
    const b = await runInProcess('interdependent', args.slice(1));
    const g = await runInProcess('interdependent', [
      '--law',
      'poisson(4)',
      '--grid',
      '0.5,0.9',
      '--simulate',
      '5000',
      '--runs',
      '3',
      '--threshold',
      '--json',
    ]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const j = JSON.parse(a.stdout) as {
      S: number;
      montecarlo: { S: number; ci: [number, number]; n: number; runs: number; graphA: string; difference: number };
    };
    expect(Math.abs(j.S - 0.70884)).toBeLessThan(5e-6);
    expect(j.montecarlo.n).toBe(20000);
    expect(j.montecarlo.runs).toBe(4);
    expect(j.montecarlo.graphA).toBe('er:n=20000,k=4');
    expect(j.montecarlo.ci[0]).toBeLessThanOrEqual(j.montecarlo.S);
    expect(j.montecarlo.ci[1]).toBeGreaterThanOrEqual(j.montecarlo.S);
    // finite-size allowance 0.01 (issue 15) at n = 2e4, p = 0.8 (p_c + 0.19)
    expect(Math.abs(j.montecarlo.S - j.S)).toBeLessThan(0.01);
    expect(j.montecarlo.difference).toBeCloseTo(j.montecarlo.S - j.S, 12);
    expect(g.status).toBe(0);
    const grid = JSON.parse(g.stdout) as {
      rows: { p: number; analytic: number; mean: number }[];
      agreement: { total: number };
    };
    expect(grid.rows.map((r) => r.p)).toEqual([0.5, 0.9]);
    expect(grid.rows[0].analytic).toBe(0);
    expect(grid.agreement.total).toBe(2);
    const mc = (grid as unknown as { montecarlo: { p_c: number; p_c_ci: [number, number] } }).montecarlo;
    expect(mc.p_c).toBeGreaterThan(0.5); // 3 runs at n = 5000: a finite-size estimate near 0.61
    expect(mc.p_c).toBeLessThan(0.7);
    expect(mc.p_c_ci[0]).toBeLessThanOrEqual(mc.p_c);
  });

  it('exit 2 for bad input', async () => {
    for (const args of [
      ['interdependent', '--law', 'poisson(4)', '--q', '1.5'],
      ['interdependent', '--law', 'poisson(4)', '--law-b', 'poisson(5)', '--networks', '3'],
      ['interdependent', '--law', 'nosuchlaw(4)'],
      ['interdependent', '--law', 'poisson(4)', '--simulate', '1000'],
      ['interdependent', '--law', 'poisson(4)', '--q', '0.7', '--simulate', '1000', '--networks', '3'],
      ['interdependent', '--law', 'poisson(4)', '--grid', '0.7,0.6', '--simulate', '1000'],
      ['interdependent', '--q', '0.7'],
      ['interdependent', '--law', 'poisson(4)', '--q', '0.7', '--threshold'],
    ]) {
      const r = await runInProcess(args[0], [...args.slice(1), '--json']);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1); // one line, naming the flag
      expect(r.stderr).toMatch(/--[a-z]|law/);
    }
  });
});
