import { describe, expect, it } from 'vitest';
import { compareInterdependent } from '../../src/compare/interdependent.ts';
import { graphSpecForLaw } from '../../src/compare/law-graph-spec.ts';
import { parseDegreeLaw } from '../../src/distributions/parse.ts';
import { FragilityInputError } from '../../src/errors.ts';

describe('compareInterdependent', () => {
  it('Monte Carlo specs per law', () => {
    expect(graphSpecForLaw(parseDegreeLaw('poisson(4)'), 1000)).toBe('er:n=1000,k=4');
    expect(graphSpecForLaw(parseDegreeLaw('regular(3)'), 1000)).toBe('rr:n=1000,k=3');
    expect(graphSpecForLaw(parseDegreeLaw('powerlaw(2.7,kmin=2,cutoff=50)'), 1000)).toMatch(/^cm:n=1000,law=powerlaw/);
  });

  it('random 4-regular pairs, n = 20 000: analytic inside the CI or within 0.01 away from p_c', async () => {
    // Tolerance: the 0.01 finite-size allowance of issue 15 (stated for n = 1e5; at n = 2e4 the CI is √5 wider, and
    // the theory for regular graphs has no degree fluctuations, so the bias is smaller than for ER).
    const c = await compareInterdependent({ law: 'regular(4)', n: 20_000, runs: 4, seed: 3, grid: [0.4, 0.8, 1] });
    expect(c.model.graphA).toBe('rr:n=20000,k=4');
    expect(c.threshold.analytic).not.toBeNull();
    expect(c.lineUp.agreement.total).toBe(3);
    expect(c.lineUp.agreement.inside).toBe(3);
    expect(c.lineUp.rows[0].analytic).toBe(0); // p = 0.4 is below p_c
    expect(c.lineUp.rows[2].analytic).toBeGreaterThan(0.9);
  });

  it('simulated p_c at n = 1e4 (ER <k> = 4, 10 runs): within 0.01 of 0.613852', async () => {
    // Tolerance 0.01 (the allowance); the finite-size p_c approaches the theory from below (measured at seed 1:
    // 0.5950 at n = 1e3, 0.6111 at 1e4, 0.6121 at 1e5), and the replicate sd at 1e4 is ~0.008 (CI ±0.006).
    const c = await compareInterdependent({
      law: 'poisson(4)',
      n: 10_000,
      runs: 10,
      seed: 1,
      grid: [0.8],
      threshold: true,
    });
    expect(c.threshold.montecarlo).not.toBeNull();
    expect(Math.abs(c.threshold.montecarlo! - c.threshold.analytic!)).toBeLessThan(0.01);
    expect(c.threshold.ci![0]).toBeLessThanOrEqual(c.threshold.montecarlo!);
  });

  it('given graphs without a law: the theory takes their degree laws', async () => {
    const c = await compareInterdependent({ graphA: 'edges:data/karate.edges', grid: [1], runs: 2, seed: 1 });
    expect(c.n).toBe(34);
    expect(c.model.analytic).toMatch(/empirical degree laws/);
    expect(c.model.lawA).toMatch(/^empirical/);
  });

  it('bad input names the field', async () => {
    await expect(compareInterdependent({})).rejects.toThrow(FragilityInputError);
    await expect(compareInterdependent({ law: 'poisson(4)', grid: [0.8, 0.7] })).rejects.toThrow(/grid/);
    await expect(compareInterdependent({ law: 'poisson(4)', runs: 1 })).rejects.toThrow(/runs/);
    await expect(compareInterdependent({ lawB: 'poisson(4)', graphA: 'er:n=10,k=2' })).rejects.toThrow(/lawB/);
  });
});
