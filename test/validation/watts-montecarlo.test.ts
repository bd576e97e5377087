// The Watts threshold cascade both ways (issue 15, point 5): simulation on ER graphs against the Gleeson–Cahalane
// expected size (PRE 75, 056103 (2007)) and against the extended-vulnerable-cluster frequency of global cascades
// inside and outside the window 1.0207 < z < 5.7647 for φ = 0.18 (Watts, PNAS 99, 5766 (2002), Fig. 1; row F12 of
// docs/reference/literature-values.md).
import { describe, expect, it } from 'vitest';
import { compareWattsCascadeSize, compareWattsWindow } from '../../src/compare/watts.ts';

describe('Watts cascade size against the seed fraction, ER n = 2e4, φ = 0.18, 20 runs', () => {
  it('z = 3 (inside the window) and z = 7 (outside): every row inside the CI or within 0.005', async () => {
    // Tolerance 0.005: the comparison's stated finite-size allowance (measured max |difference| 0.0011 at seed 1);
    // the sampling error of the mean of 20 runs is ~0.001 here.
    const seedFractions = [0.001, 0.002, 0.005, 0.01, 0.05, 0.1];
    const [a, b] = await Promise.all([
      compareWattsCascadeSize({ law: 'poisson(3)', thresholds: 0.18, n: 20_000, runs: 20, seed: 1, seedFractions }),
      compareWattsCascadeSize({ law: 'poisson(7)', thresholds: 0.18, n: 20_000, runs: 20, seed: 1, seedFractions }),
    ]);
    for (const c of [a, b]) {
      expect(c.model.graph).toMatch(/^er:n=20000,k=[37]$/);
      expect(c.lineUp.agreement).toEqual({ inside: seedFractions.length, total: seedFractions.length });
      for (const r of c.lineUp.rows) expect(Math.abs(r.difference!)).toBeLessThanOrEqual(0.005);
    }
    // z = 3: one seed in a thousand already gives a global cascade (~0.94 of the nodes: degree-0 nodes never activate)
    expect(a.lineUp.rows[0].analytic!).toBeGreaterThan(0.93);
    // z = 7: the cascade jumps to global between ρ0 = 0.002 and 0.005, in theory and in simulation
    expect(b.lineUp.rows[1].analytic!).toBeLessThan(0.02);
    expect(b.lineUp.rows[1].mean).toBeLessThan(0.02);
    expect(b.lineUp.rows[2].analytic!).toBeGreaterThan(0.99);
    expect(b.lineUp.rows[2].mean).toBeGreaterThan(0.99);
  });
});

describe('Watts cascade window, φ = 0.18, ER n = 1e4, 50 graphs × 20 single seeds per z', () => {
  it('frequency and size of global cascades agree away from the window edges', async () => {
    const zs = [0.5, 2, 3, 4, 5, 7, 8];
    const c = await compareWattsWindow({ thresholds: 0.18, zs, n: 10_000, runs: 50, trialsPerGraph: 20, seed: 1 });
    expect(c.window.zLower!).toBeCloseTo(1.0207, 4);
    expect(c.window.zUpper!).toBeCloseTo(5.7647, 4);
    expect(c.frequency.rows.every((r) => !r.nearThreshold)).toBe(true); // all >= 0.5 from an edge
    for (const r of c.frequency.rows) {
      // Tolerance: 4 binomial standard errors of 1000 trials plus the comparison's 0.01 finite-size allowance
      // (measured at n = 1e4: +0.05 at z = 5.5, 0.26 inside the upper edge, hence points within 0.5 are excluded).
      const f = r.analytic!;
      expect(Math.abs(r.mean - f)).toBeLessThanOrEqual(4 * Math.sqrt(Math.max(f * (1 - f), 1e-3) / 1000) + 0.01);
      if (r.x < 1 || r.x > 6) expect(r.mean).toBe(0); // outside the window no seed reaches 5 % of the nodes
    }
    // the size of a global cascade (Gleeson–Cahalane ρ0 → 0+): within 0.01 (the mean of hundreds of near-identical
    // global cascades has a CI below 1e-3; 0.01 allows the O(n^(-1/2)) spread of one graph's vulnerable cluster)
    expect(c.size.rows.map((r) => r.x)).toEqual([2, 3, 4, 5]);
    for (const r of c.size.rows) expect(Math.abs(r.difference!)).toBeLessThan(0.01);
  });
});
