// Properties of the overload simulation and of the collapse estimate built on it (issue 17, point 5). Tiny runs
// (scale 0.002–0.004: 42 000–84 000 clients, 52–104 supernodes; 1–2 simulated hours) with random parameters.
// simulateOverload: every client is in exactly one state at every sample and at the end (conservation, checked
// also step by step by `checkConservation`), every fraction in [0, 1], the summary agrees with the timeline, the
// healthy state is a fixed point without a trigger, the same seed and index give the same run. collapseProbability:
// each point is the count of its own simulateOverload runs, its Wilson interval holds the fraction, and the
// half-collapse loss lies between the losses that bracket 1/2 and inside its interval.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseProbability } from '../../src/cascade/overload-collapse.ts';
import { simulateOverload } from '../../src/cascade/overload-model.ts';
import type { OverloadParamsInput } from '../../src/models/overload-params.ts';

const params: fc.Arbitrary<OverloadParamsInput> = fc.record({
  scale: fc.constantFrom(0.002, 0.004),
  cacheSize: fc.integer({ min: 5, max: 40 }),
  probesPerAttempt: fc.integer({ min: 1, max: 5 }),
  durationHours: fc.constantFrom(1, 2),
  forcedLoss: fc.option(fc.double({ min: 0, max: 0.6, noNaN: true }), { nil: null }),
  maxAttempts: fc.integer({ min: 2, max: 6 }),
  loginCost: fc.double({ min: 5, max: 60, noNaN: true }),
  admission: fc.double({ min: 0.8, max: 1, noNaN: true }),
});
const run = fc.record({
  seed: fc.integer({ min: 1, max: 1e6 }),
  index: fc.nat(1000),
  initialState: fc.constantFrom('healthy' as const, 'healthy' as const, 'collapsed' as const),
});

const clientSum = (p: { online: number; searching: number; restarting: number; crashed: number; gone: number }) =>
  p.online + p.searching + p.restarting + p.crashed + p.gone;

describe('overload simulation: properties', () => {
  it('conserves clients and supernodes, keeps fractions in [0, 1], summarises its own timeline, is deterministic', () => {
    fc.assert(
      fc.property(params, run, (p, o) => {
        const r = simulateOverload(p, { ...o, checkConservation: true });
        expect(r.seed).toBe(o.seed);
        for (const pt of r.timeline) {
          expect(Math.abs(clientSum(pt) - 1)).toBeLessThanOrEqual(1e-9);
          for (const x of [pt.online, pt.searching, pt.restarting, pt.crashed, pt.gone, pt.supernodesUp]) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1 + 1e-12);
          }
          expect(r.minOnlineFraction).toBeLessThanOrEqual(pt.online + 1e-12);
          expect(r.peakLoginRate).toBeGreaterThanOrEqual(pt.loginRate - 1e-12);
          expect(r.peakTrafficRate).toBeGreaterThanOrEqual(pt.trafficRate - 1e-12);
          expect(pt.trafficRate).toBeGreaterThanOrEqual(pt.loginRate - 1e-9); // traffic counts the requests and more
        }
        const f = r.final;
        expect(Math.abs(clientSum(f) - 1)).toBeLessThanOrEqual(1e-9);
        expect(
          Math.abs(f.supernodesUp + f.supernodesShutDown + f.supernodesCrashed + f.supernodesRejoining - 1),
        ).toBeLessThanOrEqual(1e-9);
        expect(r.collapsed).toBe(r.minOnlineFraction < 0.5); // collapseThreshold of the 2010 defaults
        if (r.recovered) expect(r.recoveredAtHours).not.toBeNull();
        expect(simulateOverload(p, o)).toEqual(r);
      }),
      { numRuns: 12, seed: 81 },
    );
  });

  it('without a trigger (forced loss 0) the healthy network is a fixed point: everyone online, load 1', () => {
    fc.assert(
      fc.property(params, run, (p, o) => {
        const r = simulateOverload(
          { ...p, forcedLoss: 0, forcedClientCrashRatio: 0 },
          { seed: o.seed, index: o.index },
        );
        for (const pt of r.timeline) {
          expect(pt.online).toBe(1);
          expect(pt.supernodesUp).toBe(1);
          expect(pt.searching + pt.restarting + pt.crashed + pt.gone).toBe(0);
          expect(pt.meanLoad).toBeCloseTo(1, 9);
        }
        expect(r.collapsed).toBe(false);
        expect(r.minOnlineFraction).toBe(1);
      }),
      { numRuns: 6, seed: 82 },
    );
  });
});

describe('collapse probability: properties', () => {
  it('points count their own runs, Wilson intervals hold the fraction, the half-collapse loss is bracketed', () => {
    let bracketed = 0;
    const runs = 5;
    fc.assert(
      fc.property(
        // 0 (no collapse) and 0.6 (collapse in most runs) plus one loss between: usually a bracketing pair exists.
        fc.integer({ min: 1, max: 11 }).map((x) => [0.6, x / 20, 0]),
        fc.integer({ min: 1, max: 1e6 }),
        (losses, seed) => {
          const p = { scale: 0.002, cacheSize: 20, probesPerAttempt: 5 };
          const R = 3;
          const r = collapseProbability(p, losses, { runs: R, seed, durationHours: 1 });
          const sorted = [...losses].sort((a, b) => a - b);
          expect(r.points.map((q) => q.loss)).toEqual(sorted);
          r.points.forEach((q, i) => {
            // Oracle: the documented stream of each run, run directly (sampleEvery does not change the dynamics).
            const own = Array.from({ length: R }, (_, k) =>
              simulateOverload({ ...p, forcedLoss: q.loss, durationHours: 1 }, { seed, index: i * R + k }),
            );
            expect(q.collapsed).toBe(own.filter((x) => x.collapsed).length);
            expect(q.meanMinOnline).toBeCloseTo(own.reduce((s, x) => s + x.minOnlineFraction, 0) / R, 12);
            expect(q.fraction).toBe(q.collapsed / R);
            expect(q.ci[0]).toBeLessThanOrEqual(q.fraction);
            expect(q.ci[1]).toBeGreaterThanOrEqual(q.fraction);
            expect(q.ci[0]).toBeGreaterThanOrEqual(0);
            expect(q.ci[1]).toBeLessThanOrEqual(1);
          });
          const h = r.halfCollapseLoss;
          if (h === null) {
            expect(r.reason).toBeTruthy();
            return;
          }
          bracketed++;
          const i = r.points.findIndex((q) => q.fraction >= 0.5);
          expect(i).toBeGreaterThan(0);
          expect(r.points[i - 1].fraction).toBeLessThan(0.5);
          expect(h).toBeGreaterThan(r.points[i - 1].loss);
          expect(h).toBeLessThanOrEqual(r.points[i].loss);
          const [lo, hi] = r.halfCollapseCi;
          if (lo !== null) expect(lo).toBeLessThanOrEqual(h);
          if (hi !== null) expect(hi).toBeGreaterThanOrEqual(h);
        },
      ),
      { numRuns: runs, seed: 83 },
    );
    console.log(`collapseProbability: ${bracketed}/${runs} cases had a half-collapse loss`);
    expect(bracketed).toBeGreaterThanOrEqual(3);
  });
});
