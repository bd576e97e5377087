/**
 * Reference rows C1–C2 (Cohen, Erez, ben-Avraham & Havlin, PRL 85, 4626 (2000)): f_c = 1 − 1/(κ0 − 1), continuum
 * and discrete power laws with the finite-size cutoff K = m·n^(1/(γ−1)). Checked to the digits shown (±5e-5).
 */
import { describe, it, expect } from 'vitest';
import { poissonLaw, powerLawCutoff, powerLawHardCutoff } from '../../src/distributions/index.ts';
import { cohenRandomBreakdown, randomFailureThreshold } from '../../src/analytic/index.ts';

describe('C1: f_c = 1 − 1/(κ0 − 1) with κ0 of the intact law, identical to G2 / q_c', () => {
  for (const law of [poissonLaw(3), powerLawCutoff(2.5, 20), powerLawHardCutoff(2.5, 464)]) {
    it(law.spec, () => {
      const t = randomFailureThreshold(law);
      expect(t.f_c!).toBeCloseTo(1 - 1 / (t.kappa! - 1), 12);
      expect(t.q_c!).toBeCloseTo(t.meanDegree / (t.secondMoment - t.meanDegree), 12);
    });
  }
  it('the discrete Cohen form equals the configuration-model threshold of the same discrete law', () => {
    const K = Math.floor(1e4 ** (1 / 1.5));
    const c = cohenRandomBreakdown({ gamma: 2.5, m: 1, K, form: 'discrete' });
    const t = randomFailureThreshold(powerLawHardCutoff(2.5, K));
    expect(c.f_c!).toBeCloseTo(t.f_c!, 10);
  });
});

describe('C2: P(k) = c·k^(−2.5), m = 1, K = m·n^(1/1.5)', () => {
  const rows: Array<[number, number, number]> = [
    [1e4, 0.9513, 0.9356],
    [1e5, 0.978, 0.9711],
    [1e6, 0.9899, 0.9868],
  ];
  for (const [n, continuum, discrete] of rows) {
    it(`n = ${n}: continuum ${continuum}, discrete ${discrete}`, () => {
      const K = n ** (1 / 1.5);
      const c = cohenRandomBreakdown({ gamma: 2.5, m: 1, K, form: 'continuum' });
      const d = cohenRandomBreakdown({ gamma: 2.5, m: 1, K, form: 'discrete' });
      expect(c.form).toBe('continuum');
      expect(d.form).toBe('discrete');
      expect(c.model).toMatch(/continuum/);
      expect(d.model).toMatch(/discrete/);
      // four decimals shown: rounding half-width 5e-5
      expect(Math.abs(c.f_c! - continuum)).toBeLessThanOrEqual(5e-5);
      expect(Math.abs(d.f_c! - discrete)).toBeLessThanOrEqual(5e-5);
    });
  }
});
