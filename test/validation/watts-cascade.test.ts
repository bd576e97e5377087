/**
 * Reference row F12: the Watts (2002) cascade window for ER(z) with a uniform threshold φ* = 0.18,
 * global cascades for 1.0207 < z < 5.7647 (closed form, checked to the digits shown, ±5e-5).
 */
import { describe, it, expect } from 'vitest';
import { poissonLaw } from '../../src/distributions/index.ts';
import { wattsCascadeCondition, wattsCascadeWindowPoisson } from '../../src/analytic/index.ts';

describe('F12: Watts cascade window, φ* = 0.18', () => {
  it('1.0207 < z < 5.7647', () => {
    const w = wattsCascadeWindowPoisson(0.18);
    expect(w.vulnerableDegree).toBe(5);
    expect(w.converged).toBe(true);
    expect(Math.abs(w.zLower! - 1.0207)).toBeLessThanOrEqual(5e-5);
    expect(Math.abs(w.zUpper! - 5.7647)).toBeLessThanOrEqual(5e-5);
  });
  it('the general condition agrees inside (z = 3) and outside (z = 0.9, z = 8) the window', () => {
    expect(wattsCascadeCondition(poissonLaw(3), { phiStar: 0.18 }).globalCascadesPossible).toBe(true);
    expect(wattsCascadeCondition(poissonLaw(0.9), { phiStar: 0.18 }).globalCascadesPossible).toBe(false);
    expect(wattsCascadeCondition(poissonLaw(8), { phiStar: 0.18 }).globalCascadesPossible).toBe(false);
    // at the window's edges the Poisson law satisfies the condition with equality (truncation ~1e-12)
    const w = wattsCascadeWindowPoisson(0.18);
    for (const z of [w.zLower!, w.zUpper!]) {
      const c = wattsCascadeCondition(poissonLaw(z), { phiStar: 0.18 });
      expect(Math.abs(c.lhs - c.rhs)).toBeLessThan(1e-9);
    }
  });
});
