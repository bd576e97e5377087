import { describe, it, expect } from 'vitest';
import { FragilityInputError } from '../../src/errors.ts';
import type { CapacityLaw } from '../../src/distributions/types.ts';
import { uniformCapacity } from '../../src/distributions/uniform-capacity.ts';
import { weibullCapacity } from '../../src/distributions/weibull-capacity.ts';
import { lognormalCapacity } from '../../src/distributions/lognormal-capacity.ts';
import { empiricalCapacity } from '../../src/distributions/empirical-capacity.ts';
import {
  fiberBundleCollapseLoad,
  fiberBundleCritical,
  fiberBundleFixedPoint,
} from '../../src/analytic/fiber-bundle.ts';

/** Brute-force max of x(1 − F(x)) on a fine grid (independent of the bracketing + Brent path). */
function bruteCritical(law: CapacityLaw, xmax: number, N = 200_000): { sigma: number; x: number } {
  let best = { sigma: 0, x: 0 };
  for (let i = 0; i <= N; i++) {
    const x = law.lo + ((xmax - law.lo) * i) / N;
    const h = x * (1 - law.cdf(x));
    if (h > best.sigma) best = { sigma: h, x };
  }
  return best;
}

describe('fiberBundleCritical', () => {
  it('uniform [0, 1]: exactly 1/4, 1/2, 1/2', () => {
    const r = fiberBundleCritical(uniformCapacity(0, 1));
    expect(r.sigmaC).toBe(0.25);
    expect(r.xC).toBe(0.5);
    expect(r.UC).toBe(0.5);
  });

  it('uniform [a, b]: σ_c = b²/(4(b − a)) when b >= 2a, else the lower end a carries everything', () => {
    const r = fiberBundleCritical(uniformCapacity(0.2, 1));
    expect(r.sigmaC).toBeCloseTo(1 / 3.2, 12);
    expect(r.xC).toBeCloseTo(0.5, 12);
    const s = fiberBundleCritical(uniformCapacity(0.6, 1)); // maximum at the edge x = a: every fibre bears a
    expect(s.sigmaC).toBeCloseTo(0.6, 12);
    expect(s.xC).toBeCloseTo(0.6, 12);
    expect(s.UC).toBeCloseTo(1, 12);
  });

  it('Weibull ρ: (ρe)^(−1/ρ) and e^(−1/ρ), several ρ and a scale', () => {
    for (const rho of [0.7, 1, 2, 5]) {
      const r = fiberBundleCritical(weibullCapacity(rho));
      expect(r.sigmaC).toBeCloseTo((rho * Math.E) ** (-1 / rho), 10);
      expect(r.UC).toBeCloseTo(Math.exp(-1 / rho), 9);
    }
    expect(fiberBundleCritical(weibullCapacity(2, 3)).sigmaC).toBeCloseTo(3 * (2 * Math.E) ** -0.5, 10);
  });

  it('log-normal: agrees with a brute-force grid maximum', () => {
    const law = lognormalCapacity(0, 0.5);
    const r = fiberBundleCritical(law);
    const b = bruteCritical(law, 5);
    expect(r.sigmaC).toBeGreaterThanOrEqual(b.sigma - 1e-12);
    expect(r.sigmaC - b.sigma).toBeLessThan(1e-9);
    expect(r.xC).toBeCloseTo(b.x, 3);
  });

  it('atomic (empirical) laws: the largest attained x(1 − F(x))', () => {
    const r = fiberBundleCritical(empiricalCapacity([0.1, 0.2, 0.3, 0.4]));
    // x_(k)(N − k)/N: 0.1·3/4, 0.2·2/4, 0.3·1/4, 0 → 0.1 at x = 0.2
    expect(r.sigmaC).toBeCloseTo(0.1, 12);
    expect(r.xC).toBeCloseTo(0.2, 12);
  });

  it('fiberBundleCollapseLoad = (1 − f0)·σ_c', () => {
    expect(fiberBundleCollapseLoad(uniformCapacity(0, 1), 0.25)).toBeCloseTo(0.1875, 14);
    expect(fiberBundleCollapseLoad(uniformCapacity(0, 1), 0.3)).toBeCloseTo(0.175, 14);
    expect(() => fiberBundleCollapseLoad(uniformCapacity(0, 1), 1.2)).toThrow(FragilityInputError);
  });
});

describe('fiberBundleFixedPoint', () => {
  const uni = uniformCapacity(0, 1);

  it('uniform, f0 = 0: U* = 1/2 + √(1/4 − σ)', () => {
    for (const s of [0, 0.05, 0.1, 0.2, 0.24, 0.2499]) {
      const r = fiberBundleFixedPoint(uni, s);
      expect(r.collapse).toBe(false);
      expect(r.U).toBeCloseTo(0.5 + Math.sqrt(0.25 - s), 12);
    }
  });

  it('the trajectory follows U_0 = 1 − f0, U_{t+1} = (1 − f0)(1 − F(σ/U_t))', () => {
    const r = fiberBundleFixedPoint(uni, 0.18, { f0: 0.25 });
    expect(r.trajectory[0]).toBe(0.75);
    for (let t = 0; t + 1 < r.trajectory.length; t++) {
      expect(r.trajectory[t + 1]).toBeCloseTo(0.75 * (1 - Math.min(1, 0.18 / r.trajectory[t])), 15);
      expect(r.trajectory[t + 1]).toBeLessThanOrEqual(r.trajectory[t]);
    }
    expect(r.trajectory.length).toBe(r.iterations + 1);
    expect(r.U).toBeCloseTo(0.45, 12);
    expect(r.converged).toBe(true);
  });

  it('collapse iff σ > (1 − f0)·σ_c, for several laws and losses', () => {
    for (const law of [uni, weibullCapacity(2), weibullCapacity(0.8), lognormalCapacity(0, 0.3)]) {
      const sc = fiberBundleCritical(law).sigmaC;
      for (const f0 of [0, 0.1, 0.3, 0.6]) {
        const star = (1 - f0) * sc;
        const below = fiberBundleFixedPoint(law, star * 0.99, { f0 });
        const above = fiberBundleFixedPoint(law, star * 1.01, { f0 });
        expect(below.collapse).toBe(false);
        expect(below.U).toBeGreaterThan(0);
        expect(above.collapse).toBe(true);
        expect(above.U).toBe(0);
        expect(above.converged).toBe(true); // the map itself reached U <= 1e-12
        expect(below.sigmaStar).toBeCloseTo(star, 14);
        // the fixed point satisfies U = (1 − f0)(1 − F(σ/U))
        expect(below.U).toBeCloseTo((1 - f0) * (1 - law.cdf((star * 0.99) / below.U)), 10);
      }
    }
  });

  it('near σ_c the map slows down: bounded, reported as not converged, U still exact', () => {
    const s = 0.25 - 1e-10;
    const r = fiberBundleFixedPoint(uni, s, { maxIterations: 500 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(500);
    expect(r.collapse).toBe(false);
    expect(r.U).toBeCloseTo(0.5 + Math.sqrt(0.25 - s), 12);
    // just above: collapse, but the map needs ~π/√ε steps to get through the bottleneck
    const a = fiberBundleFixedPoint(uni, 0.25 + 1e-10, { maxIterations: 500 });
    expect(a.collapse).toBe(true);
    expect(a.U).toBe(0);
    expect(a.converged).toBe(false);
  });

  it('edge cases: σ = 0 keeps every survivor of the initial loss; f0 = 1 leaves nothing', () => {
    expect(fiberBundleFixedPoint(uni, 0, { f0: 0.3 }).U).toBeCloseTo(0.7, 15);
    const all = fiberBundleFixedPoint(uni, 0.1, { f0: 1 });
    expect(all.U).toBe(0);
    expect(all.collapse).toBe(true);
    const none = fiberBundleFixedPoint(uni, 0, { f0: 1 });
    expect(none.U).toBe(0);
    expect(none.collapse).toBe(false);
  });

  it('rejects bad input', () => {
    expect(() => fiberBundleFixedPoint(uni, -0.1)).toThrow(/sigma/);
    expect(() => fiberBundleFixedPoint(uni, 0.1, { f0: 1.5 })).toThrow(/f0/);
    expect(() => fiberBundleFixedPoint(uni, 0.1, { f0: -0.5 })).toThrow(FragilityInputError);
    expect(() => fiberBundleFixedPoint(uni, Number.NaN)).toThrow(FragilityInputError);
    expect(() => fiberBundleFixedPoint(uni, 0.1, { maxIterations: 0 })).toThrow(FragilityInputError);
    const bad = { ...uni, lo: -1 } as CapacityLaw;
    expect(() => fiberBundleCritical(bad)).toThrow(FragilityInputError);
    // a tail heavier than 1/x: x(1 − F(x)) grows without bound (Pareto with index 1/2)
    const pareto: CapacityLaw = {
      spec: 'pareto(0.5)',
      lo: 1,
      hi: Infinity,
      mean: Infinity,
      cdf: (x) => (x < 1 ? 0 : 1 - x ** -0.5),
      pdf: (x) => (x < 1 ? 0 : 0.5 * x ** -1.5),
      quantile: (u) => (1 - u) ** -2,
      sample: () => 1,
    };
    expect(() => fiberBundleCritical(pareto)).toThrow(/finite critical stress/);
  });
});
