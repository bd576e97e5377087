import { describe, expect, it } from 'vitest';
import { compareOverload, compareOverloadPhase } from '../../src/compare/overload.ts';
import { compareTwoTier } from '../../src/compare/two-tier.ts';
import { lineUp } from '../../src/compare/line-up.ts';

describe('compareTwoTier', () => {
  const c = compareTwoTier({
    coreLaw: 'regular(6)',
    cacheSize: 3,
    supernodes: 3000,
    clients: 3000,
    runs: 16,
    seed: 1,
    grid: [0, 0.2, 0.4, 0.5, 0.6, 0.75, 0.9, 1],
  });

  it('puts the analytic critical loss 1 − 1/(k − 1) = 0.8 inside the finite-size range of the simulated one', () => {
    expect(c.threshold.analytic).toBeCloseTo(0.8, 9);
    // largest-gap estimate at S = 3000: within the critical window ~ S^(−1/3) ≈ 0.07 of the theory
    expect(Math.abs(c.threshold.montecarlo! - 0.8)).toBeLessThan(0.07);
  });

  it('lines up the served fraction 1 − (1 − S_core)^H and the giant component point by point', () => {
    // Away from f_c the branching theory and the sweeps agree to within 0.02 (finite S = 3000, erased cores are
    // exact for regular laws; the remaining gap is the O(1/S) bias plus sampling noise with 16 overlays).
    for (const l of [c.served, c.giant]) {
      for (const r of l.rows.filter((r) => !r.nearThreshold)) expect(Math.abs(r.difference!)).toBeLessThan(0.02);
    }
    expect(c.served.rows[0].mean).toBe(1); // intact connected core: every client is served
  });
});

describe('compareOverload', () => {
  const o = compareOverload({ scale: 0.004 }, { runs: 8, seed: 1, losses: [0, 0.01, 0.05, 0.3] });

  it('gives the mean-field and the 50 %-collapse critical loss side by side, both well below 25 %', () => {
    expect(o.threshold.analytic).not.toBeNull();
    expect(o.threshold.analytic!).toBeLessThan(0.25);
    expect(o.points.map((p) => p.loss)).toEqual([0, 0.01, 0.05, 0.3]);
    expect(o.points[3].fraction).toBe(1); // a 30 % loss collapses every run
    expect(o.points[0].fraction).toBe(0); // no loss: no collapse
    expect(o.lineUp.rows[3].analytic).toBe(1);
  });

  it('draws the phase boundary f_c(α), rising with the headroom', () => {
    const ph = compareOverloadPhase(
      { scale: 0.004 },
      { losses: [0, 0.3], headrooms: [0.5, 2, 4], runs: 1, seed: 2, durationHours: 1 },
    );
    expect(ph.cells).toHaveLength(6);
    const fc = ph.boundary.map((b) => b.fC ?? 0);
    expect(fc[1]).toBeGreaterThan(fc[0]);
    expect(fc[2]).toBeGreaterThan(fc[1]);
  });
});

describe('lineUp', () => {
  it('flags points near the threshold, accepts a zero-width CI equal to the value up to rounding, and applies the tolerance', () => {
    const l = lineUp(
      [
        { x: 0.1, value: 0 },
        { x: 0.5, value: 0.2 },
        { x: 0.9, value: 0.95 + 1e-15 },
      ],
      [
        { x: 0.1, mean: 0.004, sd: 0.001, ci: [0.0035, 0.0045] },
        { x: 0.5, mean: 0.3, sd: 0.1, ci: [0.25, 0.35] },
        { x: 0.9, mean: 0.95, sd: 0, ci: [0.95, 0.95] },
      ],
      { threshold: 0.5, window: 0.05, tolerance: 0.005 },
    );
    expect(l.rows.map((r) => r.nearThreshold)).toEqual([false, true, false]);
    expect(l.rows.map((r) => r.insideCi)).toEqual([false, false, true]);
    expect(l.rows[0].withinTolerance).toBe(true);
    expect(l.agreement).toEqual({ inside: 2, total: 2 });
  });
});
