// Issue 15 acceptance: interdependent ER pairs, the simulated mutual giant within 0.01 of the analytic value away
// from p_c at n = 1e5. Theory: S = p(1 − e^(−<k>S))², p_c = 2.455407/<k> (Buldyrev et al., Nature 464, 1025
// (2010); rows B1, B2, B4 of docs/reference/literature-values.md, whose own Monte Carlo row reads n = 1e5, R = 10:
// 0.45841 at p = 0.65, 0.55624 at 0.70, 0.70925 at 0.80, "test only at p >= p_c + 0.03").
import { describe, expect, it } from 'vitest';
import { compareInterdependent } from '../../src/compare/interdependent.ts';
import { interdependentErCritical } from '../../src/analytic/interdependent.ts';

describe('interdependent ER pairs, <k> = 4, n = 1e5: simulation vs theory (issue 15 acceptance)', () => {
  it('|MC mean − analytic| < 0.01 at p = 0.50, 0.60 (below p_c = 0.6139) and 0.65, 0.70, 0.80, 0.90, 1.00 (above)', async () => {
    const pc = interdependentErCritical(4).pc!;
    expect(pc).toBeCloseTo(0.613852, 6);
    // The points are chosen clearly away from p_c: 0.60 is p_c − 0.014, 0.65 is p_c + 0.036. Measured at n = 1e5,
    // seed 1, R = 10: the mutual giant survived in 2/10 replicates at p = 0.610 (p_c − 0.004) and 7/10 at 0.612 and
    // 0.614 (the finite-size rounding of the first-order jump), all at 0.620, where the mean lies +0.003 above theory.
    const grid = [0.5, 0.6, 0.65, 0.7, 0.8, 0.9, 1];
    const c = await compareInterdependent({
      law: 'poisson(4)',
      n: 100_000,
      runs: 10,
      seed: 1,
      grid,
      window: 0.01,
      tolerance: 0.01,
    });
    expect(c.model.graphA).toBe('er:n=100000,k=4');
    expect(c.threshold.analytic).toBeCloseTo(pc, 12);
    expect(c.lineUp.rows.every((r) => !r.nearThreshold)).toBe(true);
    // Tolerance 0.01: issue 15's acceptance. Statistically the replicate sd is ~0.005 near p_c and ~0.002 above, so
    // the CI of the mean of 10 runs is ±0.004 at most; a real disagreement (e.g. Bernoulli vs exact attack, a wrong
    // dependency direction) would show as several times that.
    for (const r of c.lineUp.rows) expect(Math.abs(r.difference!)).toBeLessThan(0.01);
    expect(c.lineUp.agreement).toEqual({ inside: grid.length, total: grid.length });
    // Below p_c nothing but O(1)-node mutual clusters is left (S < 1e-3); above, the mutual giant is >= the jump S(p_c).
    for (const r of c.lineUp.rows.filter((r) => r.x < pc)) expect(r.mean).toBeLessThan(1e-3);
    for (const r of c.lineUp.rows.filter((r) => r.x > pc)) expect(r.mean).toBeGreaterThan(c.threshold.SAtPc!);
    // The mean mutual giant increases with p and never exceeds the giant of A alone.
    for (let i = 1; i < grid.length; i++)
      expect(c.lineUp.rows[i].mean).toBeGreaterThanOrEqual(c.lineUp.rows[i - 1].mean);
    c.montecarlo.forEach((e) => expect(e.S).toBeLessThanOrEqual(e.giantA));
    // Timeout: measured 41 s and 191 s on the shared 2-core machine (load average ~20); the 120 s default was too tight.
  }, 600_000);
});
