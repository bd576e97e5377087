import { describe, expect, it } from 'vitest';
import { binomialLogPmf, binomialWindow } from '../../src/montecarlo/binomial-window.ts';
import { canonicalAverage } from '../../src/montecarlo/canonical.ts';
import { finiteSizeExtrapolation } from '../../src/montecarlo/finite-size.ts';
import { peakLocation, peakThreshold } from '../../src/montecarlo/peak-threshold.ts';
import {
  betaInterval,
  meanWithCI,
  normalQuantile,
  regularizedIncompleteBeta,
  studentTQuantile,
  wilsonInterval,
} from '../../src/montecarlo/statistics.ts';

describe('binomial window', () => {
  it('matches the log-space pmf and sums to 1', () => {
    for (const [N, q] of [
      [10, 0.5],
      [1000, 0.3],
      [1_000_000, 0.593],
      [1_000_000, 1e-5],
      [50, 0.999],
    ] as const) {
      const w = new Float64Array(N + 1);
      const { lo, hi } = binomialWindow(N, q, w);
      let sum = 0;
      for (let k = lo; k <= hi; k++) {
        sum += w[k - lo];
        const exact = Math.exp(binomialLogPmf(N, k, q));
        // relative 1e-9 where the weight matters (> 1e-12); log-factorial error ~1e-15·ln N! dominates at N = 1e6
        if (exact > 1e-12) expect(Math.abs(w[k - lo] - exact) / exact).toBeLessThan(1e-8);
      }
      expect(sum).toBeCloseTo(1, 12);
      // the window is narrow: about ±9 standard deviations (plus a few terms for skewed, Poisson-like tails)
      expect(hi - lo + 1).toBeLessThanOrEqual(2 * 10 * Math.sqrt(N * q * (1 - q)) + 40);
    }
  });
  it('q = 0, q = 1, N = 0', () => {
    const w = new Float64Array(11);
    expect(binomialWindow(10, 0, w)).toEqual({ lo: 0, hi: 0 });
    expect(binomialWindow(10, 1, w)).toEqual({ lo: 10, hi: 10 });
    expect(binomialWindow(0, 0.4, w)).toEqual({ lo: 0, hi: 0 });
    expect(() => binomialWindow(10, 1.5, w)).toThrow(/q/);
  });
  it('canonical average of a linear sequence is N·q', () => {
    const v = Array.from({ length: 101 }, (_, k) => k);
    const out = canonicalAverage(v, [0, 0.25, 0.5, 1]);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(25, 10);
    expect(out[2]).toBeCloseTo(50, 10);
    expect(out[3]).toBe(100);
    expect(() => canonicalAverage(v, [-0.1])).toThrow(/q/);
  });
});

describe('statistics', () => {
  it('t and normal quantiles (tables)', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(studentTQuantile(0.975, 19)).toBeCloseTo(2.093, 4);
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.9623, 4);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(regularizedIncompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
  });
  it('mean with CI', () => {
    const e = meanWithCI([1, 2, 3]);
    expect(e.mean).toBe(2);
    expect(e.sd).toBe(1);
    expect(e.ci[0]).toBeCloseTo(2 - 4.302653 / Math.sqrt(3), 5);
    expect(Number.isNaN(meanWithCI([5]).sd)).toBe(true);
  });
  it('Wilson and Clopper-Pearson intervals', () => {
    const w = wilsonInterval(20, 20);
    expect(w[1]).toBe(1);
    expect(w[0]).toBeCloseTo(0.8389, 3);
    const b = betaInterval(0, 10);
    expect(b[0]).toBe(0);
    expect(b[1]).toBeCloseTo(0.3085, 4);
  });
});

describe('thresholds', () => {
  it('peak location refines a parabola exactly', () => {
    const grid = [0, 0.1, 0.2, 0.3, 0.4];
    const y = grid.map((x) => -((x - 0.23) ** 2));
    expect(peakLocation(grid, y)).toBeCloseTo(0.23, 12);
  });
  it('bootstrap interval brackets the peak and is seeded', () => {
    const grid = Array.from({ length: 41 }, (_, i) => i / 40);
    const curves = Array.from({ length: 10 }, (_, r) =>
      Float64Array.from(grid, (x) => Math.exp(-(((x - 0.5 - 0.01 * ((r % 3) - 1)) / 0.1) ** 2))),
    );
    const a = peakThreshold(grid, curves, { seed: 3 });
    const b = peakThreshold(grid, curves, { seed: 3 });
    expect(a).toEqual(b);
    expect(a.q_c).toBeCloseTo(0.499, 2);
    expect(a.ci[0]).toBeLessThanOrEqual(a.q_c!);
    expect(a.ci[1]).toBeGreaterThanOrEqual(a.q_c!);
  });
  it('finite-size extrapolation recovers q_c, a and ν̄ from exact data', () => {
    const pts = [256, 1024, 4096, 16384, 65536].map((n) => ({ n, q_c: 0.5927 - 0.4 * n ** (-3 / 8) }));
    const fixed = finiteSizeExtrapolation(pts, { nuBar: 8 / 3 });
    expect(fixed.q_c).toBeCloseTo(0.5927, 12);
    expect(fixed.a).toBeCloseTo(-0.4, 10);
    expect(fixed.residual).toBeLessThan(1e-12);
    const free = finiteSizeExtrapolation(pts);
    expect(free.nuBarFitted).toBe(true);
    expect(free.nuBar).toBeCloseTo(8 / 3, 3);
    expect(free.q_c).toBeCloseTo(0.5927, 6);
    expect(() => finiteSizeExtrapolation(pts.slice(0, 2))).toThrow(/points/);
  });
});
