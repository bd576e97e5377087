// Properties of the Monte Carlo threshold estimators (issue 17, point 5): the parabolic peak locator, the
// bootstrap peak threshold, the largest-gap estimator and the onset threshold on a graph's largest component.
// Estimators that may return null count how often they returned a number and assert a minimum share.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestGapOccupation } from '../../src/montecarlo/largest-gap.ts';
import { onsetThreshold } from '../../src/montecarlo/onset-threshold.ts';
import { peakLocation, peakThreshold } from '../../src/montecarlo/peak-threshold.ts';
import { randomOrder } from '../../src/montecarlo/random-order.ts';
import { sweepSite } from '../../src/montecarlo/sweep-site.ts';
import { stream } from '../../src/random/stream.ts';
import { componentSizes, ringWithChords, simpleGraph, toCompact } from '../property-oracles.ts';

/** A strictly increasing grid of 3..30 points in [0, 1]. */
const grid = fc
  .uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 30 })
  .map((xs) => xs.sort((a, b) => a - b).map((x) => x / 1000));

describe('peak locator and peak threshold: properties', () => {
  it('peakLocation recovers the vertex of a sampled parabola and stays within the bracket of the grid maximum', () => {
    fc.assert(
      fc.property(
        grid,
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.nat(),
        (x, a, b, pick) => {
          const i = 1 + (pick % (x.length - 2)); // an interior grid point; the vertex lies between its neighbours
          const v = x[i - 1] + (x[i + 1] - x[i - 1]) * ((pick % 97) / 96);
          const y = x.map((t) => b - a * (t - v) ** 2);
          const best = y.indexOf(Math.max(...y));
          const p = peakLocation(x, y);
          if (best > 0 && best < x.length - 1) {
            expect(p).toBeGreaterThanOrEqual(x[best - 1]);
            expect(p).toBeLessThanOrEqual(x[best + 1]);
            expect(Math.abs(p - v)).toBeLessThanOrEqual(1e-9); // three points of a parabola determine it
          } else expect(p).toBe(x[best]);
          // Positive affine maps of y keep the peak (up to rounding).
          expect(
            Math.abs(
              peakLocation(
                x,
                y.map((t) => 3 * t + 11),
              ) - p,
            ),
          ).toBeLessThanOrEqual(1e-9);
        },
      ),
      { numRuns: 400, seed: 21 },
    );
  });

  it('peakThreshold: q_c is the peak of the mean curve, its interval is ordered inside the grid, identical curves give a zero-width interval', () => {
    let numeric = 0;
    const runs = 200;
    fc.assert(
      fc.property(
        grid,
        fc.array(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 30, maxLength: 30 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 1e6 }),
        (x, raw, seed) => {
          const curves = raw.map((c) => c.slice(0, x.length));
          const est = peakThreshold(x, curves, { bootstrap: 40, seed });
          expect(peakThreshold(x, curves, { bootstrap: 40, seed })).toEqual(est);
          if (est.q_c === null) {
            expect(est.reason).toMatch(/zero|rising/);
            return;
          }
          numeric++;
          const mean = x.map((_, i) => curves.reduce((s, c) => s + c[i], 0) / curves.length);
          expect(est.q_c).toBe(peakLocation(x, mean));
          if (curves.length >= 2) {
            expect(est.ci[0]).toBeLessThanOrEqual(est.ci[1]);
            expect(est.ci[0]).toBeGreaterThanOrEqual(x[0]);
            expect(est.ci[1]).toBeLessThanOrEqual(x[x.length - 1]);
          } else expect(est.ci.every(Number.isNaN)).toBe(true);
          const same = peakThreshold(x, [curves[0], curves[0], curves[0]], { bootstrap: 20, seed });
          if (same.q_c !== null) for (const e of same.ci) expect(Math.abs(e - same.q_c)).toBeLessThanOrEqual(1e-9);
        },
      ),
      { numRuns: runs, seed: 22 },
    );
    expect(numeric).toBeGreaterThanOrEqual(0.8 * runs);
  });
});

describe('bootstrap interval rounding (regression)', () => {
  it('an interval end between two equal sorted peaks is that peak, not one ulp above the grid', () => {
    // Found by the property above: the percentile interpolation a·(1 − f) + a·f gave 0.9990000000000001 > 0.999.
    const zeros = new Array<number>(3).fill(0);
    const est = peakThreshold([0, 0.001, 0.999], [zeros, [0, 0, 1e-323]], { bootstrap: 40, seed: 1 });
    expect(est.ci[1]).toBeLessThanOrEqual(0.999);
  });
});

describe('largest-gap estimator: properties', () => {
  it('q* = k*/N at the first largest jump of the largest cluster; the jump is at least the mean jump', () => {
    fc.assert(
      fc.property(simpleGraph(1, 80, 2), fc.integer({ min: 0, max: 1e6 }), (g, seed) => {
        const s = sweepSite(toCompact(g), randomOrder(g.n, stream(seed, 0)));
        const qs = largestGapOccupation(s);
        const k = Math.round(qs * s.steps);
        expect(k / s.steps).toBe(qs);
        const jumps = Array.from({ length: s.steps }, (_, i) => s.largest[i + 1] - s.largest[i]);
        const maxJump = Math.max(...jumps);
        expect(jumps[k - 1]).toBe(maxJump);
        expect(jumps.indexOf(maxJump)).toBe(k - 1);
        expect(maxJump).toBeGreaterThanOrEqual((s.largest[s.steps] - s.largest[0]) / s.steps);
        expect(maxJump).toBeGreaterThanOrEqual(1); // site sweep: the first node added makes a cluster of 1
      }),
      { numRuns: 200, seed: 23 },
    );
  });
});

describe('onset threshold: properties', () => {
  it('runs on the largest component, giant non-decreasing in q, q_c interior and prominent when not null', () => {
    let numeric = 0;
    const runs = 40;
    const gridPoints = Array.from({ length: 41 }, (_, i) => i / 40);
    fc.assert(
      fc.property(
        fc.oneof(simpleGraph(1, 60, 3), ringWithChords(10, 60, 30)),
        fc.integer({ min: 1, max: 1e6 }),
        (g, seed) => {
          const opts = { runs: 4, seed, grid: gridPoints, bootstrap: 20 };
          const r = onsetThreshold(toCompact(g), opts);
          const sizes = componentSizes(g);
          expect(r.component.nodes).toBe(Math.max(...sizes));
          expect(r.component.components).toBe(sizes.length);
          expect(r.component.fraction).toBe(r.component.nodes / g.n);
          for (let i = 0; i < r.giant.length; i++) {
            expect(r.giant[i]).toBeGreaterThanOrEqual(-1e-15);
            expect(r.giant[i]).toBeLessThanOrEqual(1 + 1e-12);
            expect(r.chi[i]).toBeGreaterThanOrEqual(0);
            if (i > 0) expect(r.giant[i]).toBeGreaterThanOrEqual(r.giant[i - 1] - 1e-12);
          }
          expect(onsetThreshold(toCompact(g), opts)).toEqual(r);
          if (r.q_c === null) {
            expect(r.reason).toBeTruthy();
            expect(r.ci).toBeNull();
            return;
          }
          numeric++;
          expect(r.q_c).toBeGreaterThan(gridPoints[0]);
          expect(r.q_c).toBeLessThan(gridPoints[gridPoints.length - 1]);
          expect(r.peak.prominence).toBeGreaterThanOrEqual(2);
          expect(r.ci![0]).toBeLessThanOrEqual(r.ci![1]);
        },
      ),
      { numRuns: runs, seed: 24 },
    );
    console.log(`onsetThreshold: ${numeric}/${runs} cases returned a number`);
    expect(numeric).toBeGreaterThanOrEqual(0.25 * runs);
  });
});
