import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { messagePassingPercolation } from '../../src/analytic/message-passing.ts';
import { nonBacktrackingSpectralRadius } from '../../src/analytic/non-backtracking.ts';
import { randomRegular } from '../../src/generators/random-regular.ts';
import { stream } from '../../src/random/stream.ts';
import { denseNonBacktrackingRadius } from './mp-helpers.ts';

/** Arbitrary small multigraph (loops and parallel edges allowed) on 1..14 nodes. */
const smallGraph = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc
      .array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 3 * n })
      .map((pairs) => CompactGraph.fromPairs(n, pairs)),
  );

describe('message passing: properties', () => {
  it('S lies in [0, 1] and is non-decreasing in p, bond and site', () => {
    fc.assert(
      fc.property(
        smallGraph,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (g, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          for (const mode of ['bond', 'site'] as const) {
            const sLo = messagePassingPercolation(g, lo, { mode });
            const sHi = messagePassingPercolation(g, hi, { mode });
            expect(sLo.S).toBeGreaterThanOrEqual(0);
            expect(sHi.S).toBeLessThanOrEqual(1);
            // Monotone map started from 0: the limit is the smallest fixed point, monotone in p. Unconverged runs
            // (critical slowing down on these tiny graphs) are still above the limit only by their residual.
            if (sLo.converged && sHi.converged) expect(sLo.S).toBeLessThanOrEqual(sHi.S + 1e-9);
          }
        },
      ),
      { numRuns: 150, seed: 17 },
    );
  });

  it('bond S >= site S at the same occupation', () => {
    fc.assert(
      fc.property(smallGraph, fc.double({ min: 0, max: 1, noNaN: true }), (g, p) => {
        const bond = messagePassingPercolation(g, p, { mode: 'bond' }).S;
        const site = messagePassingPercolation(g, p, { mode: 'site' }).S;
        expect(bond).toBeGreaterThanOrEqual(site - 1e-15);
      }),
      { numRuns: 150, seed: 23 },
    );
  });

  it('on random regular graphs S equals the configuration-model value', () => {
    // Uniform messages u solving u = 1 − p + p·u^(k−1) are a fixed point on ANY k-regular graph, and the smallest
    // one (the iteration's limit from 0), so the two agree to the solver tolerance even with short cycles.
    // Away from the threshold (p >= 1/(k−1) + 0.1) the iteration converges in well under the bound.
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (k, seed, w) => {
          const p = 1 / (k - 1) + 0.1 + w * (1 - 1 / (k - 1) - 0.1);
          const g = randomRegular(200, k, stream(seed));
          let u = 0;
          for (let t = 0; t < 100000; t++) u = 1 - p + p * u ** (k - 1);
          const bond = messagePassingPercolation(g, p, { mode: 'bond' });
          const site = messagePassingPercolation(g, p, { mode: 'site' });
          expect(bond.converged).toBe(true);
          expect(bond.S).toBeCloseTo(1 - u ** k, 8);
          expect(site.S).toBeCloseTo(p * (1 - u ** k), 8);
        },
      ),
      { numRuns: 40, seed: 5 },
    );
  });
});

describe('non-backtracking radius: properties', () => {
  it('agrees with the explicit 2m×2m matrix on random small multigraphs', () => {
    fc.assert(
      fc.property(smallGraph, (g) => {
        const r = nonBacktrackingSpectralRadius(g);
        const oracle = denseNonBacktrackingRadius(g, 4000);
        // The oracle's growth-rate estimate converges geometrically with ratio |μ2 + 1|/(λ + 1); 1e-4 is loose
        // enough for the slowest small graphs seen and still separates every distinct value tested.
        if (r.converged) expect(Math.abs(r.lambda - oracle)).toBeLessThan(1e-4);
        expect(r.pc === null).toBe(r.lambda === 0);
      }),
      { numRuns: 120, seed: 11 },
    );
  });
});
