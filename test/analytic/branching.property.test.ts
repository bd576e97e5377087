// Properties of the multi-type branching spectral radius and the two-tier branching model built on it (issue 17,
// point 5). Spectral radius: the closed form of 2×2 non-negative matrices, Perron–Frobenius bounds (min row sum ≤ ρ
// ≤ max row sum), invariance under transposition and relabelling of types, homogeneity and monotonicity in the
// entries. Two-tier: served = 1 − (1 − S_core)^H in [0, 1], non-increasing in the loss and non-decreasing in H; the
// two-type and degree-class matrices have the same radius; f_c is where that radius crosses 1 and equals the
// core's own threshold (clients are leaves).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiTypeSpectralRadius } from '../../src/analytic/multi-type-branching.ts';
import {
  twoTierCriticalLoss,
  twoTierMeanOffspringMatrix,
  twoTierServedFraction,
} from '../../src/analytic/two-tier-branching.ts';
import { bimodalLaw } from '../../src/distributions/bimodal-law.ts';
import { poissonLaw } from '../../src/distributions/poisson-law.ts';
import { powerLawHardCutoff } from '../../src/distributions/power-law.ts';
import { regularLaw } from '../../src/distributions/regular-law.ts';

const rho = (M: number[][]) => multiTypeSpectralRadius(M).spectralRadius;
/**
 * A K×K non-negative matrix, K = 1..5, entries 0 (a third of them, so reducible cases occur) or in [0.01, 5].
 * Entries are kept away from 0: mathjs `eigs` is not backward stable on nearly nilpotent non-normal matrices — for
 * a 6×6 cycle with weights 2e-5, 1e-15, 1e-15 (true ρ ≈ 2.7e-12) it returned 3.3e-6, an absolute error that does
 * not matter where ρ is compared with 1 but would fail any relative check.
 */
const entry = fc.double({ min: 0.01, max: 5, noNaN: true });
const matrix = fc.integer({ min: 1, max: 5 }).chain((K) =>
  fc.array(fc.array(fc.oneof(fc.constant(0), entry, entry), { minLength: K, maxLength: K }), {
    minLength: K,
    maxLength: K,
  }),
);
/** Relative tolerance of the eigen-solver (mathjs eigs, or the power-iteration fallback stopping at 1e-13). */
const close = (a: number, b: number, scale: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-7 * Math.max(1, scale));

describe('multi-type spectral radius: properties', () => {
  it('2×2: equals (a + d)/2 + √(((a − d)/2)² + bc)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
        ([a, b, c, d]) => {
          const exact = (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * c);
          close(
            rho([
              [a, b],
              [c, d],
            ]),
            exact,
            exact,
          );
        },
      ),
      { numRuns: 60, seed: 31 },
    );
  });

  it('lies between the smallest and largest row sums; invariant under transposition and relabelling; ρ(cM) = cρ(M)', () => {
    fc.assert(
      fc.property(matrix, fc.double({ min: 0.1, max: 10, noNaN: true }), fc.nat(), (M, c, shift) => {
        const K = M.length;
        const r = rho(M);
        const sums = M.map((row) => row.reduce((s, x) => s + x, 0));
        expect(r).toBeGreaterThanOrEqual(Math.min(...sums) * (1 - 1e-9) - 1e-9);
        expect(r).toBeLessThanOrEqual(Math.max(...sums) * (1 + 1e-9) + 1e-9);
        close(rho(M.map((_, i) => M.map((row) => row[i]))), r, r);
        const p = (i: number) => (i + shift) % K; // a cyclic relabelling of the types: P M Pᵀ
        close(rho(M.map((_, i) => M.map((_, j) => M[p(i)][p(j)]))), r, r);
        close(rho(M.map((row) => row.map((x) => c * x))), c * r, c * r);
      }),
      { numRuns: 40, seed: 32 },
    );
  });

  it('is monotone in the entries: M ≤ M′ entrywise ⇒ ρ(M) ≤ ρ(M′)', () => {
    fc.assert(
      fc.property(
        matrix,
        fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 25, maxLength: 25 }),
        (M, add) => {
          const K = M.length;
          const bigger = M.map((row, i) => row.map((x, j) => x + add[i * K + j]));
          const r = rho(M);
          expect(rho(bigger)).toBeGreaterThanOrEqual(r - 1e-7 * Math.max(1, r));
        },
      ),
      { numRuns: 40, seed: 33 },
    );
  });
});

const law = fc.oneof(
  fc.double({ min: 0.5, max: 8, noNaN: true }).map((c) => poissonLaw(c)),
  fc.integer({ min: 1, max: 8 }).map((k) => regularLaw(k)),
  fc
    .tuple(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 4, max: 20 }),
      fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    )
    .map(([a, b, w]) => bimodalLaw(a, b, w)),
  fc
    .tuple(fc.double({ min: 2.1, max: 3.5, noNaN: true }), fc.integer({ min: 10, max: 30 }))
    .map(([tau, kmax]) => powerLawHardCutoff(tau, kmax)),
);
const removal = fc.constantFrom('random' as const, 'attack' as const);

describe('two-tier branching: properties', () => {
  it('served = 1 − (1 − S_core)^H in [0, 1], non-increasing in f, non-decreasing in H', () => {
    fc.assert(
      fc.property(
        law,
        fc.integer({ min: 1, max: 8 }),
        removal,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (coreLaw, H, rm, a, b) => {
          const [f1, f2] = a <= b ? [a, b] : [b, a];
          const r1 = twoTierServedFraction({ coreLaw, cacheSize: H }, f1, { removal: rm });
          const r2 = twoTierServedFraction({ coreLaw, cacheSize: H }, f2, { removal: rm });
          const rH = twoTierServedFraction({ coreLaw, cacheSize: H + 1 }, f1, { removal: rm });
          for (const r of [r1, r2]) {
            expect(r.served).toBeGreaterThanOrEqual(0);
            expect(r.served).toBeLessThanOrEqual(1);
            expect(r.served).toBeCloseTo(1 - (1 - r.S_core) ** H, 14);
          }
          expect(r1.S_core).toBeGreaterThanOrEqual(r2.S_core - 1e-9);
          expect(r1.served).toBeGreaterThanOrEqual(r2.served - 1e-9);
          expect(rH.served).toBeGreaterThanOrEqual(r1.served - 1e-12);
        },
      ),
      { numRuns: 100, seed: 34 },
    );
  });

  it('the two-type and degree-class matrices have the same spectral radius, non-increasing in f', () => {
    fc.assert(
      fc.property(
        law,
        fc.integer({ min: 1, max: 5 }),
        removal,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (coreLaw, H, rm, f) => {
          const spec = { coreLaw, cacheSize: H, clientsPerSupernode: 3 };
          const two = rho(twoTierMeanOffspringMatrix(spec, f, { removal: rm }));
          const classes = rho(twoTierMeanOffspringMatrix(spec, f, { removal: rm, types: 'degree-classes' }));
          close(classes, two, two);
          expect(rho(twoTierMeanOffspringMatrix(spec, Math.min(1, f + 0.1), { removal: rm }))).toBeLessThanOrEqual(
            two + 1e-12,
          );
        },
      ),
      { numRuns: 25, seed: 35 },
    );
  });

  it('f_c: ρ(M(f_c)) = 1, equal to the core threshold, served > 0 below and 0 above', () => {
    let numeric = 0;
    const runs = 60;
    fc.assert(
      fc.property(law, fc.integer({ min: 1, max: 5 }), removal, (coreLaw, H, rm) => {
        const spec = { coreLaw, cacheSize: H };
        const r = twoTierCriticalLoss(spec, { removal: rm });
        if (r.f_c === null) {
          expect(r.spectralRadiusIntact).toBeLessThanOrEqual(1 + 1e-12);
          expect(r.reason).toBeTruthy();
          return;
        }
        numeric++;
        expect(r.converged).toBe(true);
        close(rho(twoTierMeanOffspringMatrix(spec, r.f_c, { removal: rm })), 1, 1);
        expect(r.coreThreshold).not.toBeNull();
        expect(Math.abs(r.f_c - r.coreThreshold!)).toBeLessThanOrEqual(1e-6);
        if (r.f_c > 0.02) expect(twoTierServedFraction(spec, r.f_c - 0.02, { removal: rm }).served).toBeGreaterThan(0);
        if (r.f_c < 0.98) expect(twoTierServedFraction(spec, r.f_c + 0.02, { removal: rm }).served).toBeLessThan(1e-6);
      }),
      { numRuns: runs, seed: 36 },
    );
    console.log(`twoTierCriticalLoss: ${numeric}/${runs} laws had a giant core and a number f_c`);
    expect(numeric).toBeGreaterThanOrEqual(0.6 * runs);
  });
});
