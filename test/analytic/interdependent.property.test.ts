import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { poissonLaw } from '../../src/distributions/poisson-law.ts';
import {
  interdependentErCritical,
  interdependentErGiant,
  interdependentNetworkCritical,
  interdependentNetworkGiant,
} from '../../src/analytic/interdependent.ts';

describe('interdependent networks: properties', () => {
  it('ER closed form: S(p) is non-decreasing, S <= p, S = 0 below p_c and >= S(p_c) above', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 2.6, max: 20, noNaN: true }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (k, n, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const c = interdependentErCritical(k, n);
          const sLo = interdependentErGiant(k, lo, n).S;
          const sHi = interdependentErGiant(k, hi, n).S;
          expect(sLo).toBeLessThanOrEqual(sHi + 1e-12);
          expect(sHi).toBeLessThanOrEqual(hi);
          if (c.pc === null) expect(sHi).toBe(0);
          else {
            if (hi < c.pc) expect(sHi).toBe(0);
            else expect(sHi).toBeGreaterThanOrEqual(c.SAtPc! - 1e-9);
          }
        },
      ),
      { numRuns: 300, seed: 2 },
    );
  });

  it('more interdependence is more fragile: p_c grows with the number of networks (general solver)', () => {
    fc.assert(
      fc.property(fc.double({ min: 5, max: 12, noNaN: true }), (k) => {
        const law = poissonLaw(k);
        const pc2 = interdependentNetworkCritical([law, law]).pc!;
        const pc3 = interdependentNetworkCritical([law, law, law]).pc!;
        expect(pc3).toBeGreaterThan(pc2);
        expect(interdependentNetworkGiant([law, law, law], 1).S).toBeLessThanOrEqual(
          interdependentNetworkGiant([law, law], 1).S,
        );
      }),
      { numRuns: 15, seed: 4 },
    );
  });
});
