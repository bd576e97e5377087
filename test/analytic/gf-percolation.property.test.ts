/**
 * fast-check properties of configuration-model percolation by generating functions.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { degreeLawFromPmf, poissonLaw } from '../../src/distributions/index.ts';
import {
  attackThreshold,
  gfBondPercolation,
  gfSitePercolation,
  gfAttackPercolation,
  randomFailureThreshold,
} from '../../src/analytic/index.ts';

/** A random law on k = 0..8 with positive weights (need not have a giant component). */
const lawArb = fc
  .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 9 })
  .filter((w) => w.reduce((a, b) => a + b, 0) > 1e-3)
  .map((w) => degreeLawFromPmf('random', w));

const qArb = fc.double({ min: 0, max: 1, noNaN: true });

describe('properties', () => {
  it('S(q) lies in [0, 1] and is non-decreasing in q (site, bond, attack)', () => {
    fc.assert(
      fc.property(lawArb, qArb, qArb, (law, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        for (const solve of [
          (q: number) => gfSitePercolation(law, q).S,
          (q: number) => gfBondPercolation(law, q).S,
          (q: number) => gfAttackPercolation(law, 1 - q).S,
        ]) {
          const sLo = solve(lo);
          const sHi = solve(hi);
          expect(sLo).toBeGreaterThanOrEqual(0);
          expect(sHi).toBeLessThanOrEqual(1);
          expect(sHi).toBeGreaterThanOrEqual(sLo - 1e-12);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('S = 0 for q < q_c (site and bond)', () => {
    fc.assert(
      fc.property(lawArb, fc.double({ min: 0, max: 0.999999, noNaN: true }), (law, frac) => {
        const t = randomFailureThreshold(law);
        const q = t.q_c === null ? frac : frac * t.q_c;
        expect(gfSitePercolation(law, q).S).toBe(0);
        expect(gfBondPercolation(law, q).S).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('attack: S = 0 once the removed fraction exceeds the attack f_c, and f_c <= the random-failure f_c', () => {
    fc.assert(
      fc.property(lawArb, fc.double({ min: 0, max: 1, noNaN: true }), (law, x) => {
        const a = attackThreshold(law);
        if (a.f_c === null) return;
        const f = a.f_c + x * (1 - a.f_c);
        if (f > a.f_c + 1e-12) expect(gfAttackPercolation(law, f).S).toBe(0);
        expect(a.f_c).toBeLessThanOrEqual(randomFailureThreshold(law).f_c! + 1e-12);
      }),
      { numRuns: 150 },
    );
  });

  it('bond S >= site S at the same occupation', () => {
    fc.assert(
      fc.property(lawArb, qArb, (law, q) => {
        expect(gfBondPercolation(law, q).S).toBeGreaterThanOrEqual(gfSitePercolation(law, q).S - 1e-12);
      }),
      { numRuns: 150 },
    );
  });

  it('every solve converges and its u solves the fixed-point equation', () => {
    fc.assert(
      fc.property(lawArb, qArb, (law, q) => {
        const r = gfSitePercolation(law, q);
        expect(r.converged).toBe(true);
        // u = 1 − q + q·G1(u) for uniform site occupation
        if (r.supercritical) expect(Math.abs(1 - q + q * law.G1(r.u) - r.u)).toBeLessThan(1e-10);
      }),
      { numRuns: 100 },
    );
  });

  it('a Poisson law with a larger mean degree never has a larger q_c', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.01, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (c, dc) => {
          const a = randomFailureThreshold(poissonLaw(c)).q_c!;
          const b = randomFailureThreshold(poissonLaw(c + dc)).q_c!;
          expect(b).toBeLessThanOrEqual(a + 1e-12);
        },
      ),
      { numRuns: 100 },
    );
  });
});
