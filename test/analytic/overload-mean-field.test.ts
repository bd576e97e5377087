import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  overloadCriticalLoss,
  overloadCriticalLossFromParams,
  overloadMeanFieldFixedPoint,
  overloadSurgeFromParams,
  overloadThresholdLaw,
} from '../../src/analytic/overload-mean-field.ts';
import { fiberBundleCritical } from '../../src/analytic/fiber-bundle.ts';
import { uniformCapacity } from '../../src/distributions/uniform-capacity.ts';
import type { CapacityLaw } from '../../src/distributions/types.ts';
import { skype2010OverloadParams } from '../../src/models/overload-params.ts';
import type { FragilityInputError } from '../../src/errors.ts';

/** A constant headroom alpha (degenerate law). */
function constantHeadroom(alpha: number): CapacityLaw {
  return {
    spec: `const(${alpha})`,
    lo: alpha,
    hi: alpha,
    mean: alpha,
    cdf: (x) => (x < alpha ? 0 : 1),
    pdf: () => 0,
    quantile: () => alpha,
    sample: () => alpha,
  };
}

describe('overload mean field', () => {
  it('uniform thresholds on [0, 1] give sigma_c = 1/4 (the fiber bundle it reuses)', () => {
    expect(fiberBundleCritical(uniformCapacity(0, 1)).sigmaC).toBeCloseTo(0.25, 10);
  });

  it('headroom uniform(0, 3): thresholds U(1, 4), sigma_c = max x(4 − x)/3 = 4/3 at x = 2', () => {
    const r = overloadCriticalLoss({ headroom: uniformCapacity(0, 3), surge: 1 });
    expect(r.sigmaC).toBeCloseTo(4 / 3, 8);
    expect(r.xC).toBeCloseTo(2, 5);
    expect(r.fC!).toBeCloseTo(1 - 1 / (4 / 3), 8);
  });

  it('constant headroom alpha: f_c = 1 − s/(1 + alpha) exactly', () => {
    for (const [alpha, s] of [
      [0.5, 1.2],
      [0.2, 1],
      [1, 1.9],
    ]) {
      const r = overloadCriticalLoss({ headroom: constantHeadroom(alpha), surge: s });
      expect(r.sigmaC).toBeCloseTo(1 + alpha, 12);
      expect(r.fC!).toBeCloseTo(1 - s / (1 + alpha), 12);
    }
  });

  it('null with a reason when no loss is needed or none suffices', () => {
    expect(overloadCriticalLoss({ headroom: constantHeadroom(0.5), surge: 2 })).toMatchObject({
      fC: null,
      reason: 'collapse-without-loss',
    });
    expect(overloadCriticalLoss({ headroom: constantHeadroom(0.5), surge: 0 })).toMatchObject({
      fC: null,
      reason: 'no-load',
    });
  });

  it('f_c decreases with the surge and increases with the headroom (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        (a, w, s, ds, da) => {
          const fcOf = (lo: number, surge: number) => {
            const r = overloadCriticalLoss({ headroom: uniformCapacity(lo, lo + w), surge });
            return r.fC ?? (r.reason === 'collapse-without-loss' ? 0 : 1);
          };
          const f0 = fcOf(a, s);
          return fcOf(a, s + ds) <= f0 + 1e-9 && fcOf(a + da, s) >= f0 - 1e-9;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('fixed point: collapse iff s > (1 − f0)·sigma_c, and U = (1 − f0)[1 − F(s/U)] otherwise', () => {
    const h = uniformCapacity(0.25, 0.75); // sigma_c = 1.25
    const a = overloadMeanFieldFixedPoint({ headroom: h, surge: 1.2, loss: 0.275 });
    expect(a.collapse).toBe(true);
    expect(a.sigmaStar).toBeCloseTo(0.725 * 1.25, 12);
    const b = overloadMeanFieldFixedPoint({ headroom: h, surge: 0.8, loss: 0.275 });
    expect(b.collapse).toBe(false);
    const F = overloadThresholdLaw(h).cdf;
    expect(b.U).toBeCloseTo(0.725 * (1 - F(0.8 / b.U)), 10);
  });

  it('the 2010 surge: 42 % of the clients need a new supernode at once', () => {
    const s = overloadSurgeFromParams(skype2010OverloadParams);
    expect(s.needNewSupernode).toBeCloseTo(1 - 0.8 * 0.725, 12);
    expect(s.surge).toBeGreaterThan(1);
  });

  it('self-consistent critical loss of the 2010 defaults (admission model) is ≈ 0.06, near the simulated ≈ 0.1', () => {
    const r = overloadCriticalLossFromParams(skype2010OverloadParams);
    expect(r.fC).not.toBeNull();
    // calibration value 0.063; the band is the "same neighbourhood" as the simulated half-collapse loss 0.097–0.116
    expect(r.fC!).toBeGreaterThan(0.03);
    expect(r.fC!).toBeLessThan(0.15);
    expect(r.surge).toBeCloseTo((1 - r.fC!) * r.sigmaC, 8);
  });

  it('the rehome-all bound is more pessimistic than the admission model', () => {
    const adm = overloadCriticalLossFromParams(skype2010OverloadParams);
    const all = overloadCriticalLossFromParams(skype2010OverloadParams, { model: 'rehome-all' });
    expect(all.fC!).toBeLessThan(adm.fC!);
    expect(all.surge).toBeCloseTo((1 - all.fC!) * all.sigmaC, 8);
    expect(all.sigmaC).toBeGreaterThan(1); // thresholds 1 + alpha
  });

  it('admission model, constant headroom alpha: f_c solves s(f) − 1 = (1 − f)·alpha', () => {
    const p = { ...skype2010OverloadParams, headroom: constantHeadroom(0.5) };
    const r = overloadCriticalLossFromParams(p);
    const s = overloadSurgeFromParams(p, { loss: r.fC!, forced: true }).surge;
    expect(s - 1).toBeCloseTo((1 - r.fC!) * 0.5, 8);
  });

  it('bad input names the field', () => {
    const bad: CapacityLaw = { ...constantHeadroom(0.5), lo: -0.5, spec: 'bad' };
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as FragilityInputError).field;
      }
      return undefined;
    };
    expect(field(() => overloadCriticalLoss({ headroom: bad, surge: 1 }))).toBe('headroom');
    expect(field(() => overloadCriticalLoss({ headroom: constantHeadroom(0.5), surge: -1 }))).toBe('surge');
    expect(field(() => overloadMeanFieldFixedPoint({ headroom: constantHeadroom(0.5), surge: 1, loss: 1.5 }))).toBe(
      'loss',
    );
  });
});
