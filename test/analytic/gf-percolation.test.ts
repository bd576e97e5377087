import { gfSitePercolationFromCoefficients } from '../../src/analytic/gf-percolation.ts';
import { checkDegreeLawMoments } from '../../src/analytic/law-check.ts';
import { describe, it, expect } from 'vitest';
import { degreeLawFromPmf, poissonLaw, regularLaw, powerLawHardCutoff } from '../../src/distributions/index.ts';
import type { DegreeLaw } from '../../src/distributions/types.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { gfBondPercolation, gfSitePercolation, randomFailureThreshold } from '../../src/analytic/index.ts';

/** A raw object with a pk that the analytic layer must reject (it bypasses the distributions' constructor). */
function rawLaw(pk: number[]): DegreeLaw {
  return {
    spec: 'raw',
    kmin: 0,
    kmax: pk.length - 1,
    pk: Float64Array.from(pk),
    truncationError: 0,
    mean: NaN,
    secondMoment: NaN,
  } as unknown as DegreeLaw;
}

describe('gfSitePercolation edge cases', () => {
  const law = poissonLaw(4);
  it('q = 0 gives S = 0 and u = 1', () => {
    const r = gfSitePercolation(law, 0);
    expect(r.S).toBe(0);
    expect(r.u).toBe(1);
    expect(r.converged).toBe(true);
    expect(r.meanFiniteClusterSize).toBeNull();
  });
  it('q = 1 gives the intact value, φ_k ≡ 1 gives the same', () => {
    const a = gfSitePercolation(law, 1);
    const b = gfSitePercolation(law, new Float64Array(law.pk.length).fill(1));
    expect(a.S).toBeCloseTo(b.S, 14);
    expect(Math.abs(a.S - (1 - Math.exp(-4 * a.S)))).toBeLessThan(1e-10); // S = 1 − e^(−4S)
  });
  it('S = 0 exactly below threshold and at it', () => {
    const qc = randomFailureThreshold(law).q_c!;
    expect(gfSitePercolation(law, qc * 0.99).S).toBe(0);
    expect(gfSitePercolation(law, qc).S).toBeLessThan(1e-12);
    expect(gfSitePercolation(law, qc * 0.99).u).toBe(1);
  });
  it('mean finite-cluster size matches Newman 2001 below threshold and diverges at it', () => {
    // below: <s> (occupied nodes) = 1 + q<k>/(1 − q G1'(1)); ER: G1'(1) = c
    const q = 0.2;
    const r = gfSitePercolation(law, q);
    expect(r.meanFiniteClusterSize!).toBeCloseTo(1 + (q * 4) / (1 - q * 4), 8);
    // above (q = 1): 1 + <k>u²/(G0(u)(1 − G1'(u))), ER: G0 = G1 = e^(c(u−1)), G1' = c·G1
    const a = gfSitePercolation(law, 1);
    const u = a.u;
    const G = Math.exp(4 * (u - 1));
    expect(a.meanFiniteClusterSize!).toBeCloseTo(1 + (4 * u * u) / (G * (1 - 4 * G)), 6);
    const b = gfSitePercolation(regularLaw(2), 1);
    expect(b.meanFiniteClusterSize).toBe(Infinity);
  });
  it('tangent case exactly at threshold: S = 0, mean cluster size diverges', () => {
    const r = gfSitePercolation(regularLaw(3), 0.5); // F1'(1) = 0.5·2 = 1 exactly
    expect(r.S).toBe(0);
    expect(r.u).toBe(1);
    expect(r.meanFiniteClusterSize).toBe(Infinity);
    expect(r.converged).toBe(true);
  });
  it('just above threshold S follows the mean-field law S ≈ 2δ/c (ER site, q = (1 + δ)/c)', () => {
    // (the truncated Poisson law shifts q_c by ~8e-12 relative, negligible against δ >= 1e-6)
    for (const delta of [1e-3, 1e-5, 1e-6]) {
      const c = 4;
      const r = gfSitePercolation(poissonLaw(c), (1 + delta) / c);
      expect(r.converged).toBe(true);
      // x = S/q solves x = 1 − e^(−(1+δ)x): x = 2δ − (8/3)δ² + O(δ³)
      const x = 2 * delta - (8 / 3) * delta * delta;
      expect(Math.abs(r.S / ((1 + delta) / c) / x - 1)).toBeLessThan(Math.max((5e-3 * delta) / 1e-3, 1e-4));
    }
  });
  it('regression (fast-check): a denormal p_1 does not break the bracket (sign test, not a product)', () => {
    const law = degreeLawFromPmf('x', [0, 3.5e-323, 0, 1]);
    const r = gfSitePercolation(law, 1);
    expect(r.converged).toBe(true);
    expect(r.S).toBeCloseTo(1, 14);
    expect(gfBondPercolation(law, 1).S).toBeCloseTo(1, 14);
  });
  it("support 1e6: the fixed point agrees with the law's own G1 (independent series) near and far from threshold", () => {
    const law = powerLawHardCutoff(2.5, 1_000_000);
    const qc = randomFailureThreshold(law).q_c!;
    for (const q of [qc * 1.001, qc * 1.5, 1]) {
      const r = gfSitePercolation(law, q);
      expect(r.converged).toBe(true);
      expect(r.S).toBeGreaterThan(0);
      expect(Math.abs(1 - q + q * law.G1(r.u) - r.u)).toBeLessThan(1e-12);
      expect(Math.abs(r.S - q * (1 - law.G0(r.u)))).toBeLessThan(1e-12);
    }
  });
  it('a law whose minimum degree is 3 has u = 0 at q = 1 and S = 1 − p_0', () => {
    const r = gfSitePercolation(regularLaw(3), 1);
    expect(r.u).toBe(0);
    expect(r.S).toBe(1);
  });
  it('laws without a giant component give S = 0', () => {
    const trees = degreeLawFromPmf('t', [0.2, 0.5, 0.3]); // Σk(k−2)p_k = −0.5 + 0 < 0
    expect(gfSitePercolation(trees, 1).S).toBe(0);
    expect(gfBondPercolation(trees, 1).S).toBe(0);
    expect(gfSitePercolation(degreeLawFromPmf('empty', [1]), 1).S).toBe(0);
  });
  it('rejects q outside [0, 1] naming q', () => {
    for (const q of [-0.1, 1.5, NaN]) {
      let err: unknown;
      try {
        gfSitePercolation(law, q);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FragilityInputError);
      expect((err as FragilityInputError).field).toBe('q');
    }
    expect(() => gfBondPercolation(law, 2)).toThrow(/^t:/);
    expect(() => gfSitePercolation(law, [1, 1.5, 1])).toThrow(FragilityInputError);
  });
  it('rejects pk that does not normalise or has a negative entry', () => {
    expect(() => gfSitePercolation(rawLaw([0.5, 0.6]), 1)).toThrow(/sum to 1/);
    expect(() => gfSitePercolation(rawLaw([0.5, -0.1, 0.6]), 1)).toThrow(FragilityInputError);
    expect(() => gfSitePercolation(rawLaw([]), 1)).toThrow(FragilityInputError);
  });
  it('reports non-convergence instead of hanging', () => {
    const t0 = performance.now();
    const r = gfSitePercolation(powerLawHardCutoff(2.5, 100_000), 0.9, { maxIterations: 3, tolerance: 0 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
  it('degree-dependent φ_k: keeping only degree-3 nodes of a 3/1 bimodal law', () => {
    const bi = degreeLawFromPmf('bi', [0, 0.5, 0, 0.5]);
    const r = gfSitePercolation(bi, [0, 0, 0, 1]);
    // only degree-3 nodes survive; edge leads to a kept node with prob 3·0.5/2 = 0.75 → F1(u) = 0.75u²
    // u = 0.25 + 0.75u² → u = 1/3; S = 0.5(1 − u³)
    expect(r.u).toBeCloseTo(1 / 3, 12);
    expect(r.S).toBeCloseTo(0.5 * (1 - 1 / 27), 12);
  });
});

// Checks of the documented examples stricter than their comments (moved from the former gf-doc-examples test).
describe('documented examples, to full precision', () => {
  it('checkDegreeLawMoments(poisson(4)).mean = 4; the coefficient form equals the law form at q = 1', () => {
    const law = poissonLaw(4);
    expect(checkDegreeLawMoments(law).mean).toBeCloseTo(4, 9);
    expect(gfSitePercolationFromCoefficients(law.pk, law.mean).S).toBeCloseTo(gfSitePercolation(law, 1).S, 14);
    expect(randomFailureThreshold(law).q_c!).toBeCloseTo(0.25, 9);
  });
});
