import { describe, it, expect } from 'vitest';
import { degreeLawFromPmf, poissonLaw } from '../../src/distributions/index.ts';
import { wattsCascadeCondition, wattsCascadeWindowPoisson, wattsVulnerableDegree } from '../../src/analytic/index.ts';

describe('Watts cascades', () => {
  it('vulnerable degree K* = floor(1/φ*), robust to rounding at φ* = 1/k', () => {
    expect(wattsVulnerableDegree(0.18)).toBe(5);
    expect(wattsVulnerableDegree(0.2)).toBe(5);
    expect(wattsVulnerableDegree(1 / 3)).toBe(3);
    expect(wattsVulnerableDegree(1)).toBe(1);
    expect(() => wattsVulnerableDegree(0)).toThrow(/^phiStar:/);
    expect(() => wattsVulnerableDegree(1.5)).toThrow(/^phiStar:/);
  });
  it('the condition on a toy law: Σ k(k−1)p_kρ_k vs <k>', () => {
    const law = degreeLawFromPmf('toy', [0, 0.2, 0.3, 0.5]);
    // φ* = 0.4: vulnerable k <= 2 → lhs = 2·0.3 = 0.6; <k> = 0.2 + 0.6 + 1.5 = 2.3
    const c = wattsCascadeCondition(law, { phiStar: 0.4 });
    expect(c.lhs).toBeCloseTo(0.6, 14);
    expect(c.rhs).toBeCloseTo(2.3, 14);
    expect(c.globalCascadesPossible).toBe(false);
    // a threshold CDF equal to 1 everywhere makes every node vulnerable: Molloy–Reed
    const all = wattsCascadeCondition(law, { thresholdCdf: () => 1 });
    expect(all.lhs).toBeCloseTo(0.6 + 3, 14);
    expect(all.globalCascadesPossible).toBe(true);
  });
  it('a uniform-threshold CDF reproduces the fixed-φ* condition', () => {
    const law = poissonLaw(3);
    const a = wattsCascadeCondition(law, { phiStar: 0.18 });
    const b = wattsCascadeCondition(law, { thresholdCdf: (x) => (x >= 0.18 ? 1 : 0) });
    expect(b.lhs).toBeCloseTo(a.lhs, 14);
  });
  it('the window narrows as φ* grows and closes for large φ*', () => {
    const w1 = wattsCascadeWindowPoisson(0.1);
    const w2 = wattsCascadeWindowPoisson(0.18);
    expect(w1.zLower!).toBeLessThan(w2.zLower! + 1e-9);
    expect(w1.zUpper!).toBeGreaterThan(w2.zUpper!);
    expect(wattsCascadeWindowPoisson(0.3).zLower).toBeNull();
    expect(wattsCascadeWindowPoisson(0.5).reason).toMatch(/no cascade window/);
  });
});
