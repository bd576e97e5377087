/**
 * Reference rows G1–G7, G10 and L12 of docs/reference/literature-values.md: configuration-model percolation by
 * generating functions (Callaway, Newman, Strogatz & Watts, PRL 85, 5468 (2000)). Values are closed forms or fixed
 * points, so the tolerances are those of the table (1e-6 for G1–G3 and G7 at the digits shown, 1e-5 for G4 and G10).
 */
import { describe, it, expect } from 'vitest';
import {
  poissonLaw,
  regularLaw,
  powerLawCutoff,
  bimodalLaw,
  barabasiAlbertLaw,
} from '../../src/distributions/index.ts';
import {
  attackThreshold,
  gfAttackPercolation,
  gfBondPercolation,
  gfSitePercolation,
  molloyReedCriterion,
  randomFailureThreshold,
} from '../../src/analytic/index.ts';

describe('G1: intact ER giant, S = 1 − e^(−cS)', () => {
  const rows: Array<[number, number]> = [
    [1.1, 0.176134],
    [1.2, 0.313698],
    [2, 0.796812],
    [3, 0.94048],
    [5, 0.993023],
  ];
  for (const [c, S] of rows) {
    it(`c = ${c}: S = ${S}`, () => {
      const r = gfSitePercolation(poissonLaw(c), 1);
      // table gives 6 decimals: |error| <= 5e-7 rounding + 1e-6 stated tolerance
      expect(Math.abs(r.S - S)).toBeLessThan(1e-6);
      expect(r.converged).toBe(true);
      // and it solves the closed form itself to 1e-10 (Poisson truncation error ~1e-12)
      expect(Math.abs(r.S - (1 - Math.exp(-c * r.S)))).toBeLessThan(1e-10);
    });
  }
});

describe('G2: ER threshold q_c = 1/c (site and bond), f_c = 1 − 1/c', () => {
  for (const c of [1.5, 2, 4, 10]) {
    it(`c = ${c}`, () => {
      const t = randomFailureThreshold(poissonLaw(c));
      expect(t.q_c!).toBeCloseTo(1 / c, 9);
      expect(t.f_c!).toBeCloseTo(1 - 1 / c, 9);
      // site and bond share the threshold: just above it both have a giant, just below neither does
      const law = poissonLaw(c);
      expect(gfSitePercolation(law, (1 / c) * 0.999).S).toBe(0);
      expect(gfBondPercolation(law, (1 / c) * 0.999).S).toBe(0);
      expect(gfSitePercolation(law, Math.min(1, (1 / c) * 1.01)).S).toBeGreaterThan(0);
      expect(gfBondPercolation(law, Math.min(1, (1 / c) * 1.01)).S).toBeGreaterThan(0);
    });
  }
});

describe('G3: site percolation on ER, S = q(1 − e^(−cS))', () => {
  const rows: Array<[number, number, number]> = [
    [4, 0.5, 0.398406],
    [4, 0.3, 0.094109],
    [3, 0.5, 0.291406],
  ];
  for (const [c, q, S] of rows) {
    it(`c = ${c}, q = ${q}: S = ${S}`, () => {
      const r = gfSitePercolation(poissonLaw(c), q);
      expect(Math.abs(r.S - S)).toBeLessThan(1e-6);
    });
  }
});

describe('G4: attack f_c for ER as a Poisson configuration model', () => {
  const rows: Array<[number, number]> = [
    [2, 0.111545],
    [3, 0.252129],
    [4, 0.361646],
    [5, 0.465322],
  ];
  for (const [c, fc] of rows) {
    it(`c = ${c}: f_c = ${fc}`, () => {
      const t = attackThreshold(poissonLaw(c));
      expect(Math.abs(t.f_c! - fc)).toBeLessThan(1e-5);
      expect(t.q_c! + t.f_c!).toBeCloseTo(1, 12);
      // S vanishes past f_c and is positive before it
      expect(gfAttackPercolation(poissonLaw(c), t.f_c! + 1e-4).S).toBe(0);
      expect(gfAttackPercolation(poissonLaw(c), t.f_c! - 1e-3).S).toBeGreaterThan(0);
    });
  }
});

describe('G5: S after attack', () => {
  it('ER c = 4, top 20 % of degrees removed: S = 0.685777', () => {
    const r = gfAttackPercolation(poissonLaw(4), 0.2);
    expect(Math.abs(r.S - 0.685777)).toBeLessThan(1e-6);
  });
});

describe('G6: Molloy–Reed, giant iff Σ k(k − 2) p_k > 0', () => {
  const laws = [
    poissonLaw(0.5),
    poissonLaw(1.5),
    regularLaw(1),
    regularLaw(2),
    regularLaw(3),
    bimodalLaw(1, 3, 0.3), // Σk(k−2)p_k = 0.7·(−1) + 0.3·3 = 0.2 > 0
    bimodalLaw(1, 3, 0.2), // 0.8·(−1) + 0.2·3 = −0.2 < 0
    barabasiAlbertLaw(1),
    powerLawCutoff(2, 10),
    powerLawCutoff(3.5, 50),
  ];
  for (const law of laws) {
    it(law.spec, () => {
      const mr = molloyReedCriterion(law);
      let q = 0;
      for (let k = 0; k < law.pk.length; k++) q += k * (k - 2) * law.pk[k];
      expect(mr.value).toBeCloseTo(q, 10);
      expect(mr.hasGiantComponent).toBe(q > 0);
      expect(gfSitePercolation(law, 1).S > 0).toBe(q > 0);
      expect(randomFailureThreshold(law).q_c === null).toBe(!(q > 0));
    });
  }
});

describe('G7: random 3-regular, u = (1 − q)/q', () => {
  const rows: Array<[number, number, number]> = [
    [0.6, 0.422222, 0.703704],
    [0.75, 0.722222, 0.962963],
  ];
  for (const [q, site, bond] of rows) {
    it(`q = ${q}: site ${site}, bond ${bond}`, () => {
      const law = regularLaw(3);
      const s = gfSitePercolation(law, q);
      const b = gfBondPercolation(law, q);
      expect(Math.abs(s.S - site)).toBeLessThan(1e-6);
      expect(Math.abs(b.S - bond)).toBeLessThan(1e-6);
      // exact closed forms to rounding
      const u = (1 - q) / q;
      expect(s.u).toBeCloseTo(u, 12);
      expect(s.S).toBeCloseTo(q * (1 - u ** 3), 12);
      expect(b.S).toBeCloseTo(1 - u ** 3, 12);
    });
  }
});

describe('G10: p_k ∝ k^(−τ) e^(−k/κ), k >= 1 (CNSW 2000)', () => {
  const rows: Array<[number, number, number, number, number, number]> = [
    [2, 10, 1.792552, 0.328691, 0.587257, 0.084589],
    [2.5, 20, 1.531781, 0.412825, 0.371515, 0.024705],
  ];
  for (const [tau, kappa, mean, qc, S1, S05] of rows) {
    it(`τ = ${tau}, κ = ${kappa}`, () => {
      const law = powerLawCutoff(tau, kappa);
      const t = randomFailureThreshold(law);
      expect(Math.abs(t.meanDegree - mean)).toBeLessThan(1e-5);
      expect(Math.abs(t.q_c! - qc)).toBeLessThan(1e-5);
      expect(Math.abs(gfSitePercolation(law, 1).S - S1)).toBeLessThan(1e-5);
      expect(Math.abs(gfSitePercolation(law, 0.5).S - S05)).toBeLessThan(1e-5);
    });
  }
});

describe('L12: Bethe lattice / random z-regular, p_c = 1/(z − 1) (site and bond)', () => {
  for (const z of [3, 4, 5, 8]) {
    it(`z = ${z}`, () => {
      const law = regularLaw(z);
      const t = randomFailureThreshold(law);
      expect(t.q_c!).toBeCloseTo(1 / (z - 1), 14);
      const pc = 1 / (z - 1);
      expect(gfSitePercolation(law, pc * 0.999).S).toBe(0);
      expect(gfBondPercolation(law, pc * 0.999).S).toBe(0);
      expect(gfSitePercolation(law, pc * 1.01).S).toBeGreaterThan(0);
      expect(gfBondPercolation(law, pc * 1.01).S).toBeGreaterThan(0);
    });
  }
  it('z = 2 (a ring) has no threshold below 1', () => {
    const t = randomFailureThreshold(regularLaw(2));
    expect(t.q_c).toBeNull();
    expect(t.reason).toMatch(/Molloy–Reed/);
  });
});
