import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { uniformCapacity } from '../../src/distributions/uniform-capacity.ts';
import { weibullCapacity } from '../../src/distributions/weibull-capacity.ts';
import { lognormalCapacity } from '../../src/distributions/lognormal-capacity.ts';
import { fiberBundleCritical, fiberBundleFixedPoint } from '../../src/analytic/fiber-bundle.ts';

const law = fc.oneof(
  fc
    .tuple(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0.05, max: 3, noNaN: true }))
    .map(([a, w]) => uniformCapacity(a, a + w)),
  fc
    .tuple(fc.double({ min: 0.5, max: 6, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true }))
    .map(([r, s]) => weibullCapacity(r, s)),
  fc
    .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 1.5, noNaN: true }))
    .map(([m, s]) => lognormalCapacity(m, s)),
);

describe('fiber bundle: properties', () => {
  it('U*(σ) is non-increasing in σ and lies in [0, 1 − f0]', () => {
    fc.assert(
      fc.property(
        law,
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        (l, f0, a, b) => {
          const sc = fiberBundleCritical(l).sigmaC;
          const [s1, s2] = a <= b ? [a * sc, b * sc] : [b * sc, a * sc];
          const r1 = fiberBundleFixedPoint(l, s1, { f0 });
          const r2 = fiberBundleFixedPoint(l, s2, { f0 });
          expect(r1.U).toBeGreaterThanOrEqual(r2.U - 1e-12);
          for (const r of [r1, r2]) {
            expect(r.U).toBeGreaterThanOrEqual(0);
            expect(r.U).toBeLessThanOrEqual(1 - f0 + 1e-15);
            expect(r.collapse).toBe(r.sigma > (1 - f0) * sc);
          }
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });

  it('σ_c is the maximum of x(1 − F(x)): no sampled x carries more', () => {
    fc.assert(
      fc.property(law, fc.double({ min: 0, max: 1, noNaN: true }), (l, u) => {
        const c = fiberBundleCritical(l);
        const x = l.quantile(1e-9 + u * (1 - 2e-9));
        expect(x * (1 - l.cdf(x))).toBeLessThanOrEqual(c.sigmaC * (1 + 1e-12));
        expect(c.UC).toBeCloseTo(1 - l.cdf(c.xC), 14);
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
