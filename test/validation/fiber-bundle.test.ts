// Reference rows F1–F3, F6 (analytic part) and P4 (docs/reference/literature-values.md): the mean-field
// equal-load-sharing fiber bundle (Pradhan, Hansen & Chakrabarti, RMP 82, 499 (2010)).
import { describe, it, expect } from 'vitest';
import { parseCapacityLaw } from '../../src/distributions/parse.ts';
import {
  fiberBundleCollapseLoad,
  fiberBundleCritical,
  fiberBundleFixedPoint,
} from '../../src/analytic/fiber-bundle.ts';

describe('F1: uniform thresholds on [0, 1]', () => {
  it('σ_c = 1/4, x_c = 1/2, U*_c = 1/2 (exact)', () => {
    const r = fiberBundleCritical(parseCapacityLaw('uniform(0,1)'));
    expect(r.sigmaC).toBe(0.25);
    expect(r.xC).toBe(0.5);
    expect(r.UC).toBe(0.5);
  });
});

describe('F2: U*(σ) = 1/2 + √(1/4 − σ), uniform, f0 = 0', () => {
  it('σ = 0.2 → 0.723607; σ = 0.24 → 0.6 (1e-6)', () => {
    const law = parseCapacityLaw('uniform(0,1)');
    expect(Math.abs(fiberBundleFixedPoint(law, 0.2).U - 0.723607)).toBeLessThan(1e-6);
    expect(Math.abs(fiberBundleFixedPoint(law, 0.24).U - 0.6)).toBeLessThan(1e-6);
  });
});

describe('F3: Weibull F = 1 − exp(−x^ρ)', () => {
  it('ρ = 2: σ_c = (ρe)^(−1/ρ) = 0.428882, U*_c = e^(−1/ρ) = 0.606531 (1e-6)', () => {
    const r = fiberBundleCritical(parseCapacityLaw('weibull(2)'));
    expect(Math.abs(r.sigmaC - 0.428882)).toBeLessThan(1e-6);
    expect(Math.abs(r.UC - 0.606531)).toBeLessThan(1e-6);
  });
});

describe('F6: collapse after an initial random loss f0 (analytic part)', () => {
  const law = parseCapacityLaw('uniform(0,1)');
  it('σ* = (1 − f0)·σ_c: f0 = 0.25 → 0.1875; f0 = 0.30 → 0.175', () => {
    expect(fiberBundleCollapseLoad(law, 0.25)).toBeCloseTo(0.1875, 12);
    expect(fiberBundleCollapseLoad(law, 0.3)).toBeCloseTo(0.175, 12);
  });
  it('σ = 0.18: f0 = 0.25 survives with U = 0.45; f0 = 0.30 collapses', () => {
    const a = fiberBundleFixedPoint(law, 0.18, { f0: 0.25 });
    expect(a.collapse).toBe(false);
    expect(a.U).toBeCloseTo(0.45, 12);
    const b = fiberBundleFixedPoint(law, 0.18, { f0: 0.3 });
    expect(b.collapse).toBe(true);
    expect(b.U).toBe(0);
  });
});

describe('P4: the Skype overload tipping point (supernodes as an ELS bundle, f0 = 0.25–0.30)', () => {
  it('collapse iff the pre-incident load exceeded (1 − f0)·σ_c, i.e. 70–75 % of the intact critical load', () => {
    for (const spec of ['uniform(0,1)', 'weibull(2)', 'lognormal(0,0.5)']) {
      const law = parseCapacityLaw(spec);
      const sc = fiberBundleCritical(law).sigmaC;
      for (const f0 of [0.25, 0.3]) {
        const star = fiberBundleCollapseLoad(law, f0);
        expect(star / sc).toBeCloseTo(1 - f0, 12);
        expect(fiberBundleFixedPoint(law, star * (1 - 1e-6), { f0 }).collapse).toBe(false);
        expect(fiberBundleFixedPoint(law, star * (1 + 1e-6), { f0 }).collapse).toBe(true);
      }
    }
    // uniform capacities: σ* = 0.1875–0.175
    const u = parseCapacityLaw('uniform(0,1)');
    expect(fiberBundleCollapseLoad(u, 0.25)).toBeCloseTo(0.1875, 12);
    expect(fiberBundleCollapseLoad(u, 0.3)).toBeCloseTo(0.175, 12);
    // a network at 72 % of its intact critical load survives a 25 % loss and collapses after a 30 % loss
    expect(fiberBundleFixedPoint(u, 0.72 * 0.25, { f0: 0.25 }).collapse).toBe(false);
    expect(fiberBundleFixedPoint(u, 0.72 * 0.25, { f0: 0.3 }).collapse).toBe(true);
  });
});
