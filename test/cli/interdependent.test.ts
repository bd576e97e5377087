import { describe, it, expect } from 'vitest';
import { runCli, runJson } from './cli-run.ts';
import { interdependentErCritical } from '../../src/analytic/interdependent.ts';

describe('fragility interdependent', () => {
  it('poisson(4): p_c, S_at_p_c (B1, B2) and S(p) (B4)', () => {
    const j = runJson(['interdependent', '--law', 'poisson(4)', '--p', '0.7']);
    expect(Math.abs((j.p_c as number) - 0.613852)).toBeLessThan(1e-6);
    expect(Math.abs((j.S_at_p_c as number) - 0.314108)).toBeLessThan(1e-6);
    expect(Math.abs((j.S as number) - 0.55762)).toBeLessThan(5e-6);
    const below = runJson(['interdependent', '--law', 'poisson(4)', '--p', '0.6']);
    expect(below.S).toBe(0);
    const chain = runJson(['interdependent', '--law', 'poisson(6)', '--networks', '3']);
    expect(chain).not.toHaveProperty('S');
    expect(chain.networks).toBe(3);
    // three ER networks: the closed form e^z − 1 = 3z, p_c = z/(<k>(1 − e^(−z))³)
    expect(chain.p_c as number).toBeCloseTo(interdependentErCritical(6, 3).pc!, 9);
  });

  it('no mutual giant: p_c = null with a reason', () => {
    const j = runJson(['interdependent', '--law', 'poisson(2)', '--p', '1']);
    expect(j.p_c).toBeNull();
    expect(j.S_at_p_c).toBeNull();
    expect(j.reason).toMatch(/no mutual giant/);
    expect(j.S).toBe(0);
  });

  it('exit 2 for bad input', () => {
    for (const args of [
      ['interdependent', '--law', 'poisson(4)', '--p', '1.5'],
      ['interdependent', '--law', 'poisson(4)', '--law-b', 'poisson(5)', '--networks', '3'],
      ['interdependent', '--law', 'nosuchlaw(4)'],
    ]) {
      const r = runCli([...args, '--json']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});
