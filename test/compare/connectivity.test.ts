import { describe, expect, it } from 'vitest';
import { compareConnectivity } from '../../src/compare/connectivity.ts';

describe('compareConnectivity', () => {
  it('random 3-regular, site: the analytic curve lies inside the Monte Carlo CI at every grid point away from q_c = 1/2', async () => {
    const n = 100_000;
    const grid = Array.from({ length: 21 }, (_, i) => i / 20);
    // Tolerance logic:
    // - simultaneous intervals: Bonferroni level 1 − 0.05/21 per point, so that all 21 points hold together with
    //   probability >= 95 % if the theory is right (the points share replicates, which only makes this conservative);
    // - the critical window: finite-size rounding dominates within ~n^(−1/3) ≈ 0.02 of q_c; points within 0.1
    //   are flagged and not counted;
    // - away from q_c the finite-size bias of S is O(1/n) while the CI half-width is ~ t·sd/√R with sd ~ n^(−1/2),
    //   so the test needs R << n: n = 1e5 and R = 40 (with n = 1e4 and R = 100 the 1/n bias at q = 0.9 is as large
    //   as the CI, a real finite-size effect rather than a disagreement);
    // - below q_c the n → ∞ theory gives S = 0 while a finite graph's largest cluster has O(log n) nodes: a point
    //   also agrees when |mean − analytic| <= (ln n)²/n ≈ 0.0013. That allowance is meant for the subcritical side
    //   only, so the supercritical points are checked separately against the CI proper, with no allowance.
    const c = await compareConnectivity({
      law: 'regular(3)',
      n,
      runs: 40,
      seed: 1,
      grid,
      level: 1 - 0.05 / 21,
      window: 0.1,
      tolerance: Math.log(n) ** 2 / n,
    });
    expect(c.threshold.analytic).toBeCloseTo(0.5, 12);
    expect(c.model.graph).toBe('rr:n=100000,k=3');
    const away = c.lineUp.rows.filter((r) => !r.nearThreshold);
    expect(away.length).toBeGreaterThanOrEqual(16); // 0..0.4 and 0.6(5)..1
    expect(c.lineUp.agreement).toEqual({ inside: away.length, total: away.length });
    // supercritical points away from the threshold: inside the CI itself, no allowance
    for (const r of away.filter((r) => r.x > 0.6)) expect(r.insideCi).toBe(true);
    // subcritical points: the largest cluster is small (O(log n)/n), never a giant
    for (const r of away.filter((r) => r.x < 0.4)) expect(r.mean).toBeLessThan(Math.log(n) ** 2 / n);
    // the Monte Carlo threshold (susceptibility peak) lies within the critical window of the theory
    expect(Math.abs(c.threshold.montecarlo! - 0.5)).toBeLessThan(0.03);
  });

  it('bond percolation on the same law also agrees above the threshold', async () => {
    const c = await compareConnectivity({
      law: 'regular(3)',
      mode: 'bond',
      n: 5000,
      runs: 40,
      seed: 2,
      grid: [0.7, 0.8, 0.9, 1],
      level: 1 - 0.05 / 4,
    });
    expect(c.threshold.analytic).toBeCloseTo(0.5, 12);
    expect(c.lineUp.agreement).toEqual({ inside: 4, total: 4 });
  });

  it('attack on a Poisson law orders removal by degree and compares with the attack theory', async () => {
    const c = await compareConnectivity({
      law: 'poisson(4)',
      removal: 'attack',
      n: 5000,
      runs: 10,
      seed: 3,
      grid: [0.7, 0.8, 0.9, 1],
    });
    expect(c.model.removal).toBe('attack');
    // attack theory (fractional boundary degree) vs erased configuration model: within 0.02 at every point
    for (const r of c.lineUp.rows) expect(Math.abs(r.difference!)).toBeLessThan(0.02);
    expect(c.threshold.analytic!).toBeGreaterThan(0.5); // attack q_c well above the random-failure q_c = 1/4
  });

  it('without a law, uses message passing on the graph', async () => {
    const c = await compareConnectivity({ graph: 'er:n=3000,k=4', runs: 10, seed: 4, grid: [0.6, 0.8, 1] });
    expect(c.model.law).toBeNull();
    expect(c.model.analytic).toMatch(/message passing/);
    expect(c.threshold.analytic!).toBeGreaterThan(0.2);
    expect(c.threshold.analytic!).toBeLessThan(0.3);
    for (const r of c.lineUp.rows) expect(Math.abs(r.difference!)).toBeLessThan(0.03);
  });

  it('rejects bad input naming the field', async () => {
    await expect(compareConnectivity({})).rejects.toThrow(/^law: undefined is not allowed/);
    await expect(compareConnectivity({ law: 'regular(3)', mode: 'bond', removal: 'attack' })).rejects.toThrow(
      /^removal:/,
    );
    await expect(compareConnectivity({ law: 'regular(3)', grid: [0.5, 0.4] })).rejects.toThrow(/^grid:/);
    await expect(compareConnectivity({ graph: 'er:n=100,k=3', removal: 'attack' })).rejects.toThrow(/^removal:/);
  });
});
