import { describe, it, expect } from 'vitest';
import { powerLawHardCutoff } from '../../src/distributions/index.ts';
import { attackThreshold, cohenAttackThreshold, cohenRandomBreakdown } from '../../src/analytic/index.ts';
import { FragilityInputError } from '../../src/errors.ts';

describe('cohenRandomBreakdown', () => {
  it('continuum κ0 has the closed form, including the logarithmic cases γ = 2 and γ = 3', () => {
    const K = 1000;
    const g25 = cohenRandomBreakdown({ gamma: 2.5, m: 1, K, form: 'continuum' });
    expect(g25.kappa0).toBeCloseTo(((-0.5 / 0.5) * (Math.sqrt(K) - 1)) / (1 / Math.sqrt(K) - 1), 10);
    const g2 = cohenRandomBreakdown({ gamma: 2, m: 1, K, form: 'continuum' });
    expect(g2.kappa0).toBeCloseTo((K - 1) / Math.log(K), 10);
    const g3 = cohenRandomBreakdown({ gamma: 3, m: 1, K, form: 'continuum' });
    expect(g3.kappa0).toBeCloseTo(Math.log(K) / (1 - 1 / K), 10);
    // continuity across the logarithmic cases
    expect(cohenRandomBreakdown({ gamma: 3 + 1e-7, m: 1, K, form: 'continuum' }).kappa0).toBeCloseTo(g3.kappa0, 4);
  });
  it('K = ∞: κ0 = m(γ−2)/(γ−3) for γ > 3, f_c = 1 for γ <= 3', () => {
    const r = cohenRandomBreakdown({ gamma: 4, m: 2, K: Infinity, form: 'continuum' });
    expect(r.kappa0).toBeCloseTo(4, 12);
    expect(r.f_c!).toBeCloseTo(1 - 1 / 3, 12);
    const d = cohenRandomBreakdown({ gamma: 2.5, m: 1, K: Infinity, form: 'continuum' });
    expect(d.f_c).toBe(1);
    expect(d.reason).toMatch(/diverges/);
  });
  it('no threshold (null, reason) when κ0 <= 2', () => {
    const r = cohenRandomBreakdown({ gamma: 4, m: 1, K: Infinity, form: 'continuum' }); // κ0 = 2
    expect(r.f_c).toBeNull();
    expect(r.reason).toMatch(/κ0 <= 2/);
  });
  it('discrete and continuum differ for m = 1, and the result says which form it used', () => {
    const c = cohenRandomBreakdown({ gamma: 2.5, m: 1, K: 100, form: 'continuum' });
    const d = cohenRandomBreakdown({ gamma: 2.5, m: 1, K: 100, form: 'discrete' });
    expect(c.form).toBe('continuum');
    expect(d.form).toBe('discrete');
    expect(c.f_c! - d.f_c!).toBeGreaterThan(0.01);
  });
  it('rejects bad parameters naming the field', () => {
    expect(() => cohenRandomBreakdown({ gamma: 2.5, m: 0.5, K: 10, form: 'discrete' })).toThrow(/^m:/);
    expect(() => cohenRandomBreakdown({ gamma: 2.5, m: 1, K: Infinity, form: 'discrete' })).toThrow(/^K:/);
    expect(() => cohenRandomBreakdown({ gamma: 2.5, m: 5, K: 1, form: 'continuum' })).toThrow(/^K:/);
    expect(() => cohenRandomBreakdown({ gamma: NaN, m: 1, K: 10, form: 'continuum' })).toThrow(/^gamma:/);
    expect(() => cohenRandomBreakdown({ gamma: 2.5, m: 1, K: 10, form: 'x' as 'discrete' })).toThrow(
      FragilityInputError,
    );
  });
});

describe('cohenAttackThreshold (continuum, Cohen et al. 2001)', () => {
  for (const gamma of [2.2, 2.5, 2.8, 3.5]) {
    it(`K = ∞ solves p^((2−γ)/(1−γ)) − 2 = (2−γ)/(3−γ)·m·(p^((3−γ)/(1−γ)) − 1), γ = ${gamma}`, () => {
      const m = 1;
      const r = cohenAttackThreshold({ gamma, m, K: Infinity, form: 'continuum' });
      expect(r.converged).toBe(true);
      const p = r.p_c!;
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(0.2);
      const lhs = p ** ((2 - gamma) / (1 - gamma)) - 2;
      const rhs = ((2 - gamma) / (3 - gamma)) * m * (p ** ((3 - gamma) / (1 - gamma)) - 1);
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9);
    });
  }
  it('a finite cutoff approaches the K = ∞ value', () => {
    const inf = cohenAttackThreshold({ gamma: 2.5, m: 1, K: Infinity, form: 'continuum' }).p_c!;
    const fin = cohenAttackThreshold({ gamma: 2.5, m: 1, K: 1e12, form: 'continuum' }).p_c!;
    expect(Math.abs(inf - fin)).toBeLessThan(1e-5);
  });
  it('the discrete form is refused (use attackThreshold on a discrete law), which gives a smaller p_c at m = 1', () => {
    expect(() => cohenAttackThreshold({ gamma: 2.5, m: 1, K: 1000, form: 'discrete' })).toThrow(/^form:/);
    const cont = cohenAttackThreshold({ gamma: 2.5, m: 1, K: 1000, form: 'continuum' }).p_c!;
    const disc = attackThreshold(powerLawHardCutoff(2.5, 1000)).f_c!;
    expect(disc).toBeLessThan(cont);
  });
});
