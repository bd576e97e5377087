// Properties of the canonical (binomial) convolution of Newman & Ziff 2001, eq. (2) (issue 17, point 5): agreement
// with the full binomial sum computed the direct way, linearity, exact binomial moments, monotonicity in q of the
// average of a non-decreasing sequence, the end points, and canonicalObservables equal to canonicalAverage.
// Tolerance 1e-12 relative to max|X|: the window drops weights below 1e-17 of the mode (mass < N·1e-17) and its
// renormalised sum rounds at (window length)·ε (src/montecarlo/binomial-window.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAverage, canonicalObservables } from '../../src/montecarlo/canonical.ts';
import { randomOrder } from '../../src/montecarlo/random-order.ts';
import { sweepSite } from '../../src/montecarlo/sweep-site.ts';
import { stream } from '../../src/random/stream.ts';
import { simpleGraph, toCompact } from '../property-oracles.ts';

/** Σ_k C(N,k) q^k (1−q)^(N−k) X_k with C(N,k) by Pascal's rule: the whole sum, no window, no logs. */
function directAverage(X: number[], q: number): number {
  const N = X.length - 1;
  let row = [1];
  for (let i = 0; i < N; i++) row = row.map((c, k) => c + (k > 0 ? row[k - 1] : 0)).concat(1);
  return X.reduce((s, x, k) => s + row[k] * q ** k * (1 - q) ** (N - k) * x, 0);
}

const values = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 61 });
const q = fc.double({ min: 0, max: 1, noNaN: true });
const tol = (X: ArrayLike<number>) => 1e-12 * Math.max(1, ...Array.from(X, Math.abs));

describe('canonical convolution: properties', () => {
  it('equals the direct binomial sum (N ≤ 60)', () => {
    fc.assert(
      fc.property(values, fc.array(q, { minLength: 1, maxLength: 5 }), (X, qs) => {
        const out = canonicalAverage(X, qs);
        qs.forEach((p, i) => expect(Math.abs(out[i] - directAverage(X, p))).toBeLessThanOrEqual(tol(X)));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('is linear, keeps constants, and gives the binomial mean Nq and second moment Nq(1−q) + (Nq)²', () => {
    fc.assert(
      fc.property(
        values,
        values,
        fc.double({ min: -5, max: 5, noNaN: true }),
        q,
        fc.integer({ min: 0, max: 2000 }),
        (X, Y0, a, p, N) => {
          const Y = Array.from({ length: X.length }, (_, k) => Y0[k % Y0.length]);
          const lhs = canonicalAverage(
            X.map((x, k) => a * x + Y[k]),
            [p],
          )[0];
          const rhs = a * canonicalAverage(X, [p])[0] + canonicalAverage(Y, [p])[0];
          expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * (Math.abs(a) + 1) * 1e3); // |aX + Y| ≤ (|a| + 1)·1e3
          const k = Array.from({ length: N + 1 }, (_, i) => i);
          expect(canonicalAverage(new Array(N + 1).fill(7.25), [p])[0]).toBeCloseTo(7.25, 12);
          expect(Math.abs(canonicalAverage(k, [p])[0] - N * p)).toBeLessThanOrEqual(1e-12 * Math.max(1, N));
          const m2 = canonicalAverage(
            k.map((i) => i * i),
            [p],
          )[0];
          expect(Math.abs(m2 - (N * p * (1 - p) + (N * p) ** 2))).toBeLessThanOrEqual(1e-12 * Math.max(1, N * N));
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  });

  it('a non-decreasing sequence has a non-decreasing average in q, X_0 at q = 0 and X_N at q = 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.array(q, { minLength: 2, maxLength: 8 }),
        (steps, qs) => {
          const X = steps.reduce<number[]>((acc, d) => (acc.push((acc.at(-1) ?? 0) + d), acc), []);
          const sorted = [...qs].sort((x, y) => x - y);
          const out = canonicalAverage(X, sorted);
          for (let i = 1; i < out.length; i++) expect(out[i]).toBeGreaterThanOrEqual(out[i - 1] - tol(X));
          const [at0, at1] = canonicalAverage(X, [0, 1]);
          expect(at0).toBe(X[0]);
          expect(at1).toBe(X[X.length - 1]);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it('canonicalObservables of a sweep equal canonicalAverage of its series; 0 ≤ second ≤ giant ≤ 1, χ ≥ 0', () => {
    fc.assert(
      fc.property(
        simpleGraph(1, 60, 2),
        fc.integer({ min: 0, max: 1e6 }),
        fc.array(q, { minLength: 1, maxLength: 6 }),
        (g, seed, qs) => {
          const s = sweepSite(toCompact(g), randomOrder(g.n, stream(seed, 0)));
          const c = canonicalObservables(s, qs);
          const giant = canonicalAverage(s.largest, qs, 1 / g.n);
          const second = canonicalAverage(s.second, qs, 1 / g.n);
          const chi = canonicalAverage(
            Array.from(s.sumSquares, (x, k) => x - s.largest[k] ** 2),
            qs,
            1 / g.n,
          );
          qs.forEach((_, i) => {
            expect(c.giant[i]).toBeCloseTo(giant[i], 12);
            expect(c.second[i]).toBeCloseTo(second[i], 12);
            expect(c.susceptibility[i]).toBeCloseTo(chi[i], 10);
            expect(c.second[i]).toBeGreaterThanOrEqual(-1e-15);
            expect(c.second[i]).toBeLessThanOrEqual(c.giant[i] + 1e-12);
            expect(c.giant[i]).toBeLessThanOrEqual(1 + 1e-12);
            expect(c.susceptibility[i]).toBeGreaterThanOrEqual(-1e-12);
          });
        },
      ),
      { numRuns: 150, seed: 14 },
    );
  });
});
