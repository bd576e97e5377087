import { sameArray } from './same-array.ts';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDegreeLaw, type DegreeLaw } from '../../src/distributions/index.ts';

/** Spec strings covering every degree-law family with random parameters (supports kept <= ~1e5 for speed). */
const specArb: fc.Arbitrary<string> = fc.oneof(
  fc.double({ min: 0.01, max: 60, noNaN: true }).map((c) => `poisson(${c})`),
  fc.integer({ min: 1, max: 60 }).map((k) => `regular(${k})`),
  fc
    .tuple(
      fc.double({ min: 0, max: 3.5, noNaN: true }),
      fc.double({ min: 1, max: 300, noNaN: true }),
      fc.integer({ min: 1, max: 5 }),
    )
    .map(([tau, kappa, kmin]) => `powerlaw(${tau},kmin=${kmin},cutoff=${kappa})`),
  fc
    .tuple(
      fc.double({ min: -1, max: 4, noNaN: true }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 2000 }),
    )
    .map(([tau, kmin, extra]) => `powerlaw(${tau},kmin=${kmin},kmax=${kmin + extra})`),
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 6, max: 50_000 })).map(([m, K]) => `ba(${m},kmax=${K})`),
  fc
    // frac2 = 0, 1, or in [1e-9, 1]: subnormal weights (5e-324) make G1 = G0′/<k> a ratio of subnormals.
    .tuple(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 40 }),
      fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 1e-9, max: 1, noNaN: true })),
    )
    .filter(([k1, k2, f]) => (1 - f) * k1 + f * k2 > 0)
    .map(([k1, k2, f]) => `bimodal(${k1},${k2},${f})`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 10, max: 3000 }),
      fc.double({ min: 1.5, max: 3, noNaN: true }),
    )
    .map(([kmin, kmax, tau]) => `expr("k^-${tau}*exp(-k/${kmax / 3})",kmin=${kmin},kmax=${kmax})`),
  fc
    .tuple(
      fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      fc.double({ min: 0.5, max: 10, noNaN: true }),
      fc.integer({ min: 1, max: 20 }),
    )
    .map(([w, c, k]) => `mixture(${w}*poisson(${c}),${1 - w}*regular(${k}))`),
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 8 })
    .filter((pairs) => pairs.some(([k]) => k > 0))
    .map((pairs) => `empirical(${pairs.map(([k, w]) => `${k}:${w}`).join(',')})`),
);

/** Neumaier-compensated sum of f(k)·p_k. */
function directSum(law: DegreeLaw, f: (k: number) => number): number {
  let s = 0;
  let c = 0;
  for (let k = 0; k <= law.kmax; k++) {
    const x = f(k) * law.pk[k];
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

const xArb = fc.double({ min: 0.05, max: 0.95, noNaN: true });

describe('every degree law (fast-check)', () => {
  it('pk is non-negative, sums to 1 within 1e-12, and the moments equal direct sums', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const law = parseDegreeLaw(spec);
        expect(law.pk.length).toBe(law.kmax + 1);
        let ok = true;
        for (const p of law.pk) ok &&= p >= 0;
        expect(ok).toBe(true);
        expect(Math.abs(directSum(law, () => 1) - 1)).toBeLessThan(1e-12);
        expect(law.pk[law.kmin]).toBeGreaterThan(0);
        expect(law.pk[law.kmax]).toBeGreaterThan(0);
        for (let k = 0; k < law.kmin; k++) expect(law.pk[k]).toBe(0);
        expect(Math.abs(law.mean - directSum(law, (k) => k))).toBeLessThanOrEqual(1e-12 * law.mean);
        expect(Math.abs(law.secondMoment - directSum(law, (k) => k * k))).toBeLessThanOrEqual(1e-12 * law.secondMoment);
        expect(law.truncationError).toBeGreaterThanOrEqual(0);
        expect(law.truncationError).toBeLessThan(1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('G0(1) = 1, G1(1) = 1, G0′(1) = <k>, G0″(1) = <k²> − <k>, and G0 matches the direct power sum', () => {
    fc.assert(
      fc.property(specArb, xArb, (spec, x) => {
        const law = parseDegreeLaw(spec);
        expect(Math.abs(law.G0(1) - 1)).toBeLessThan(1e-12);
        expect(Math.abs(law.G1(1) - 1)).toBeLessThan(1e-12);
        expect(Math.abs(law.G0p(1) - law.mean)).toBeLessThanOrEqual(1e-12 * law.mean);
        expect(Math.abs(law.G0pp(1) - (law.secondMoment - law.mean))).toBeLessThanOrEqual(1e-11 * law.secondMoment);
        expect(Math.abs(law.G1p(1) - (law.secondMoment - law.mean) / law.mean)).toBeLessThanOrEqual(
          (1e-11 * law.secondMoment) / law.mean,
        );
        const g0 = directSum(law, (k) => Math.pow(x, k));
        expect(Math.abs(law.G0(x) - g0)).toBeLessThanOrEqual(1e-13 * g0 + 1e-300);
        const g1 = directSum(law, (k) => (k === 0 ? 0 : k * Math.pow(x, k - 1))) / law.mean;
        expect(Math.abs(law.G1(x) - g1)).toBeLessThanOrEqual(1e-13 * g1 + 1e-300);
        expect(law.G0(0)).toBe(law.pk[0]);
        expect(law.G0p(0)).toBe(law.pk.length > 1 ? law.pk[1] : 0);
      }),
      { numRuns: 300 },
    );
  });

  it('derivatives match central finite differences', () => {
    fc.assert(
      fc.property(specArb, xArb, (spec, x) => {
        const law = parseDegreeLaw(spec);
        const h = 1e-6;
        // Central difference error: h²/6·|f‴| (truncation) + ε|f|/h (rounding). For x <= 0.95 the effective degree
        // scale is ~1/(1 − x) <= 20, so f‴/f′ <~ 400 and both terms are ~1e-10 relative to |f| + |f′|: 1e-6 is loose.
        const check = (f: (x: number) => number, fp: (x: number) => number) => {
          const fd = (f(x + h) - f(x - h)) / (2 * h);
          const exact = fp(x);
          const scale = Math.abs(exact) + Math.abs(f(x));
          expect(Math.abs(fd - exact)).toBeLessThanOrEqual(1e-6 * scale + 1e-300);
        };
        check(
          (y) => law.G0(y),
          (y) => law.G0p(y),
        );
        check(
          (y) => law.G0p(y),
          (y) => law.G0pp(y),
        );
        check(
          (y) => law.G1(y),
          (y) => law.G1p(y),
        );
        check(
          (y) => law.G1p(y),
          (y) => law.G1pp(y),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('parse(spec) round-trips through .spec (same canonical spec and identical pk)', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const law = parseDegreeLaw(spec);
        const again = parseDegreeLaw(law.spec);
        expect(again.spec).toBe(law.spec);
        expect(sameArray(again.pk, law.pk)).toBe(true);
        expect(again.truncationError).toBe(law.truncationError);
      }),
      { numRuns: 200 },
    );
  });
});
