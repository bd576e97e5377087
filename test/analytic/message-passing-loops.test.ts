import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { FragilityInputError } from '../../src/errors.ts';
import {
  bernoulliThreshold,
  occupiedBits,
  messagePassingLoops,
  prepareMessagePassingLoops,
  type LoopMessagePassingResult,
} from '../../src/analytic/message-passing-loops.ts';
import { messagePassingPercolation } from '../../src/analytic/message-passing.ts';
import { readEdgeList } from '../../src/graph/edgelist.ts';
import { stream } from '../../src/random/stream.ts';
import { shuffleInPlace } from '../../src/random/shuffle.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { runEnsemble } from '../../src/montecarlo/ensemble.ts';
import { complete, cycle } from './mp-helpers.ts';

const karatePath = new URL('../../data/karate.edges', import.meta.url).pathname;

/**
 * A random graph in which every node lies in `perNode` triangles (triangle stubs paired at random; a triple with a
 * repeated node is dropped, a repeated edge kept once). Locally its only short loops are the triangles, so r = 1
 * should be (nearly) exact while r = 0 is not.
 */
function triangleGraph(n: number, perNode: number, seed: number): CompactGraph {
  const stubs: number[] = [];
  for (let i = 0; i < n; i++) for (let k = 0; k < perNode; k++) stubs.push(i);
  shuffleInPlace(stream(seed, 0), stubs);
  const seen = new Set<number>();
  const s: number[] = [];
  const t: number[] = [];
  const add = (a: number, b: number): void => {
    const key = Math.min(a, b) * n + Math.max(a, b);
    if (seen.has(key)) return;
    seen.add(key);
    s.push(a);
    t.push(b);
  };
  for (let k = 0; k + 2 < stubs.length; k += 3) {
    const [a, b, c] = [stubs[k], stubs[k + 1], stubs[k + 2]];
    if (a === b || b === c || a === c) continue;
    add(a, b);
    add(b, c);
    add(a, c);
  }
  return CompactGraph.fromEdges(n, Int32Array.from(s), Int32Array.from(t));
}

describe('messagePassingLoops', () => {
  it('r = 0 reproduces the tree-like message passing (bond and site) on karate and on an ER graph', async () => {
    const karate = await readEdgeList(karatePath);
    const er = erdosRenyi(400, 3 / 399, stream(5, 0));
    for (const g of [karate, er]) {
      for (const mode of ['bond', 'site'] as const) {
        for (const q of [0.2, 0.5, 0.9]) {
          const a = messagePassingLoops(g, q, { r: 0, mode, tolerance: 1e-13 });
          const b = messagePassingPercolation(g, q, { mode, tolerance: 1e-13 });
          expect(a.converged).toBe(true);
          // Same fixed point reached by two different iterations: agreement to 1e-9 (tolerances 1e-13 per sweep).
          expect(Math.abs(a.S - b.S)).toBeLessThan(1e-9);
          expect(a.work.sampledFactors).toBe(0);
        }
      }
    }
  });

  it('on a forest every radius gives the same answer (no loops to correct)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (n, seed, q) => {
          const rng = stream(seed, 1);
          const s: number[] = [];
          const t: number[] = [];
          for (let v = 1; v < n; v++) {
            if (rng.next() < 0.9) {
              s.push(v);
              t.push(rng.int(v));
            }
          }
          const g = CompactGraph.fromEdges(n, Int32Array.from(s), Int32Array.from(t));
          for (const mode of ['bond', 'site'] as const) {
            const r0 = messagePassingLoops(g, q, { r: 0, mode });
            for (const r of [1, 2])
              expect(Math.abs(messagePassingLoops(g, q, { r, mode }).S - r0.S)).toBeLessThan(1e-12);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a clique covered by its neighbourhoods has no giant component; the tree-like method says it has', () => {
    const k5 = complete(5);
    for (const mode of ['bond', 'site'] as const) {
      // r = 1: every edge of K5 is on a triangle through every node, so N_{j\i} is empty and u = 1.
      expect(messagePassingLoops(k5, 0.9, { r: 1, mode }).S).toBe(0);
      expect(messagePassingLoops(k5, 0.9, { r: 0, mode }).S).toBeGreaterThan(0.5);
    }
    // A 6-cycle: r = 2 sees cycles of length <= 4 only, r = 4 would be needed; every radius sees "loops" at t = 1.
    expect(messagePassingLoops(cycle(6), 1, { r: 2 }).S).toBe(1);
  });

  it("SLargestComponent keeps only the largest component: at t = 1 it equals that component's fraction", () => {
    // A 20-cycle with a chord (largest component, 20 nodes) plus four disjoint 5-cycles (loops longer than r + 2 = 4).
    const pairs: [number, number][] = [];
    for (let i = 0; i < 20; i++) pairs.push([i, (i + 1) % 20]);
    pairs.push([0, 10]);
    for (let c = 0; c < 4; c++) for (let i = 0; i < 5; i++) pairs.push([20 + 5 * c + i, 20 + 5 * c + ((i + 1) % 5)]);
    const g = CompactGraph.fromPairs(40, pairs);
    for (const r of [0, 1, 2]) {
      const res = messagePassingLoops(g, 1, { r });
      expect(res.S).toBe(1); // the artefact: the small cycles count as "giant"
      expect(res.largestComponent).toBe(20);
      expect(res.SLargestComponent).toBe(0.5);
    }
  });

  it('r = 1 matches Monte Carlo on a random triangle graph where r = 0 does not', async () => {
    // Graph: n = 3000, every node in 2 triangles (degree ~4), seed 7. Simulation: 100 Newman–Ziff replicates.
    // Tolerance 0.006 = the finite-size allowance for n = 3000 away from the threshold (measured |r1 − MC| <= 0.0011
    // at q = 0.6, 0.8 with MC CI half-widths <= 0.003) — Cantwell & Newman (PNAS 2019, Fig. 2) report agreement
    // within symbol size on clustered graphs; r = 0 must miss by more than the tolerance at q = 0.6.
    const g = triangleGraph(3000, 2, 7);
    for (const mode of ['bond', 'site'] as const) {
      const mc = await runEnsemble({ graph: g, mode, runs: 100, seed: 1, at: [0.6, 0.8] });
      for (const a of mc.at) {
        const r1 = messagePassingLoops(g, a.q, { r: 1, mode }).SLargestComponent;
        expect(Math.abs(r1 - a.S)).toBeLessThan(0.006);
        if (a.q === 0.6)
          expect(Math.abs(messagePassingLoops(g, a.q, { r: 0, mode }).SLargestComponent - a.S)).toBeGreaterThan(0.006);
      }
    }
  }, 60_000);

  it('karate club (transitivity 0.26), bond: r = 1 within 0.015 of Monte Carlo at q = 0.4, 0.6, 0.8; r = 0 misses at 0.4', async () => {
    // Tolerance 0.015: the issue-15 acceptance bound. Simulation: 400 Newman–Ziff replicates (CI half-width <= 0.01).
    // Measured (1000 replicates): MC 0.7155 / 0.9065 / 0.9797; r = 1 0.7120 / 0.9076 / 0.9788; r = 0 0.7383 at 0.4.
    // Not claimed here: site percolation (r = 1 is 0.06 low at q = 0.4) and r = 2, whose neighbourhoods cover most of
    // this 34-node graph, so that it finds no giant at q = 0.4 (a finite graph has none) — see notebook 05.
    const karate = await readEdgeList(karatePath);
    const mc = await runEnsemble({
      graph: karate,
      mode: 'bond',
      runs: 400,
      seed: 11,
      at: [0.4, 0.6, 0.8],
      bootstrap: 0,
    });
    for (const a of mc.at) {
      const r1 = messagePassingLoops(karate, a.q, { r: 1, mode: 'bond' }).SLargestComponent;
      expect(Math.abs(r1 - a.S)).toBeLessThan(0.015);
      if (a.q === 0.4)
        expect(
          Math.abs(messagePassingLoops(karate, a.q, { r: 0, mode: 'bond' }).SLargestComponent - a.S),
        ).toBeGreaterThan(0.015);
    }
  });

  it('is deterministic at a fixed seed (golden values, karate r = 2) and sampling noise stays within its bound', async () => {
    const karate = await readEdgeList(karatePath);
    const a = messagePassingLoops(karate, 0.8, { r: 2, mode: 'bond', seed: 3, samples: 2000 });
    const b = messagePassingLoops(karate, 0.8, { r: 2, mode: 'bond', seed: 3, samples: 2000 });
    expect(a.S).toBe(b.S);
    expect(a.work.sampledFactors).toBeGreaterThan(0);
    expect(a.work.factorStandardError).toBeCloseTo(0.5 / Math.sqrt(2000), 15);
    // Another seed: S moves by far less than one factor's standard-error bound.
    const c = messagePassingLoops(karate, 0.8, { r: 2, mode: 'bond', seed: 4, samples: 2000 });
    expect(Math.abs(c.S - a.S)).toBeLessThan(a.work.factorStandardError);
    expect(a.S).toBeCloseTo(GOLDEN_KARATE_R2_BOND_08, 12);
  });

  it('factors of more than 31 nodes (classes as member lists) keep their values (golden, bit for bit)', () => {
    // An ER graph with a wheel: node 300 joined to 0..39, which form a cycle. Its r = 1 factor (the rim) has 41
    // nodes, above the 31 of the reach-mask factors. Golden values: messagePassingLoops of commit 2c0c7aa (before
    // the reach-mask programs), same options; exact equality.
    const er = erdosRenyi(300, 4 / 299, stream(3, 0));
    const s: number[] = [];
    const t: number[] = [];
    for (let v = 0; v < er.n; v++)
      for (let p = er.offsets[v]; p < er.offsets[v + 1]; p++)
        if (er.targets[p] > v) {
          s.push(v);
          t.push(er.targets[p]);
        }
    for (let i = 0; i < 40; i++) {
      s.push(300, i);
      t.push(i, (i + 1) % 40);
    }
    const g = CompactGraph.fromEdges(301, Int32Array.from(s), Int32Array.from(t));
    const opts = { r: 1, exactLimit: 4, samples: 200, seed: 9, maxFactorSize: 200 };
    const bond = messagePassingLoops(g, 0.7, { ...opts, mode: 'bond' });
    const site = messagePassingLoops(g, 0.7, { ...opts, mode: 'site' });
    expect([bond.S, bond.iterations, bond.work.exactFactors, bond.work.sampledFactors]).toEqual([
      0.9217341527671398, 10, 1171, 93,
    ]);
    expect([site.S, site.iterations, site.work.exactFactors, site.work.sampledFactors]).toEqual([
      0.645052696341177, 10, 1221, 43,
    ]);
  });

  it('occupiedBits draws exactly the bits of rng.next() < q, from the same words', () => {
    const check = (seed: number, q: number, size: number): void => {
      const ref = stream(seed, 1);
      let bits = 0;
      for (let b = 0; b < size; b++) if (ref.next() < q) bits |= 1 << b;
      const rng = stream(seed, 1);
      const { hi, lo } = bernoulliThreshold(q);
      expect(occupiedBits(rng, size, hi, lo)).toBe(bits);
      expect(rng.nextUint32()).toBe(ref.nextUint32()); // same number of words drawn
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.oneof(fc.constantFrom(0, 1, 2 ** -53, 0.5, 1 - 2 ** -53), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.integer({ min: 1, max: 31 }),
        check,
      ),
    );
    // The rare branch where the first word equals the threshold's high part (probability 2^-27 per draw): q set to
    // the first draw N / 2^53 itself (not below: bit 0) and one step above it (bit 1).
    for (const seed of [1, 2, 3]) {
      const u = stream(seed, 1).next();
      for (const q of [u - 2 ** -53, u, u + 2 ** -53]) check(seed, q, 1);
    }
  });

  it('bounds the work on hubs: maxFactorSize reduces the radius of the nodes that exceed it and says so', async () => {
    const karate = await readEdgeList(karatePath);
    const res = messagePassingLoops(karate, 0.6, { r: 2, maxFactorSize: 8 });
    expect(res.work.reduced).toBeGreaterThan(0);
    expect(res.work.radiusCount.reduce((x, y) => x + y, 0)).toBe(34);
    expect(res.work.radiusCount[2]).toBe(34 - res.work.reduced);
  });

  it('rejects bad input with FragilityInputError naming the field', () => {
    const g = cycle(5);
    expect(() => messagePassingLoops(g, 0.5, { r: 3 })).toThrow(FragilityInputError);
    expect(() => messagePassingLoops(g, 0.5, { r: 3 })).toThrow(/^r:/);
    expect(() => messagePassingLoops(g, 1.5)).toThrow(/^t:/);
    expect(() => messagePassingLoops(g, 0.5, { mode: 'site', samples: 0 })).toThrow(/^samples:/);
    expect(() => messagePassingLoops(g, 0.5, { exactLimit: 30 })).toThrow(/^exactLimit:/);
    expect(() => messagePassingLoops(CompactGraph.fromPairs(0, []), 0.5)).toThrow(/^graph\.n:/);
  });
});

describe('prepareMessagePassingLoops', () => {
  /** Bit-for-bit equality of two results (nodeProbability compared byte by byte). */
  function expectSameResult(a: LoopMessagePassingResult, b: LoopMessagePassingResult): void {
    expect(Buffer.from(a.nodeProbability.buffer, a.nodeProbability.byteOffset, a.nodeProbability.byteLength)).toEqual(
      Buffer.from(b.nodeProbability.buffer, b.nodeProbability.byteOffset, b.nodeProbability.byteLength),
    );
    expect({ ...a, nodeProbability: null }).toStrictEqual({ ...b, nodeProbability: null });
  }

  it('reproduces the values of messagePassingLoops before the prepared API, bit for bit (karate, r = 2, sampled factors)', async () => {
    // Golden values: messagePassingLoops of commit 7e1b2d5 (before the prepared API and the sweep changes), same
    // options; exact equality. Solved in an order that alternates the modes and revisits one.
    const karate = await readEdgeList(karatePath);
    const loops = prepareMessagePassingLoops(karate, { r: 2, seed: 3, samples: 500, exactLimit: 8 });
    const site08 = loops.solve(0.8, { mode: 'site' });
    const bond05 = loops.solve(0.5);
    const site05 = loops.solve(0.5, { mode: 'site' });
    expect([site08.S, site08.iterations, site08.work.exactFactors, site08.work.sampledFactors]).toEqual([
      0.7588379500777225, 13, 114, 145,
    ]);
    expect([bond05.S, bond05.iterations, bond05.work.exactFactors, bond05.work.sampledFactors]).toEqual([
      0.7664277375832941, 32, 76, 183,
    ]);
    expect([site05.S, site05.iterations]).toEqual([0.16203095549685326, 89]);
    expectSameResult(loops.solve(0.8, { mode: 'site' }), site08);
    expectSameResult(
      messagePassingLoops(karate, 0.5, { r: 2, seed: 3, samples: 500, exactLimit: 8, mode: 'site' }),
      site05,
    );
  });

  it('property: any sequence of solves of one prepared graph equals fresh messagePassingLoops calls, bit for bit', () => {
    const point = fc.record({
      q: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
      mode: fc.constantFrom('bond' as const, 'site' as const),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0.1, max: 0.7, noNaN: true }),
        fc.record({
          r: fc.integer({ min: 0, max: 2 }),
          exactLimit: fc.integer({ min: 1, max: 8 }),
          samples: fc.integer({ min: 1, max: 60 }),
          maxFactorSize: fc.integer({ min: 1, max: 40 }),
          seed: fc.integer({ min: -5, max: 5 }),
        }),
        fc.array(point, { minLength: 1, maxLength: 4 }),
        (n, gseed, density, opts, points) => {
          const g = erdosRenyi(n, density, stream(gseed, 0));
          const loops = prepareMessagePassingLoops(g, opts);
          for (const { q, mode } of points)
            expectSameResult(loops.solve(q, { mode }), messagePassingLoops(g, q, { ...opts, mode }));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('takes mode, tolerance and maxIterations per solve, the prepared options otherwise', async () => {
    const karate = await readEdgeList(karatePath);
    const loops = prepareMessagePassingLoops(karate, { r: 1, mode: 'site', maxIterations: 2 });
    expect(loops.n).toBe(34);
    expect(loops.r).toBe(1);
    const a = loops.solve(0.6);
    expect([a.mode, a.iterations, a.converged]).toEqual(['site', 2, false]);
    const seen: number[] = [];
    const b = loops.solve(0.6, { mode: 'bond', maxIterations: 500, tolerance: 1e-6, onIteration: (k) => seen.push(k) });
    expect(b.mode).toBe('bond');
    expect(b.converged).toBe(true);
    expect(seen.length).toBe(b.iterations);
    expectSameResult(b, messagePassingLoops(karate, 0.6, { r: 1, mode: 'bond', tolerance: 1e-6, maxIterations: 500 }));
  });

  it('rejects bad input with FragilityInputError naming the field, before any work', () => {
    const g = cycle(5);
    expect(() => prepareMessagePassingLoops(g, { r: 3 })).toThrow(/^r:/);
    expect(() => prepareMessagePassingLoops(g, { samples: 0 })).toThrow(/^samples:/);
    expect(() => prepareMessagePassingLoops(CompactGraph.fromPairs(0, []))).toThrow(/^graph\.n:/);
    const loops = prepareMessagePassingLoops(g);
    expect(() => loops.solve(1.5)).toThrow(FragilityInputError);
    expect(() => loops.solve(1.5)).toThrow(/^t:/);
    expect(() => loops.solve(-0.1, { mode: 'site' })).toThrow(/^q:/);
    expect(() => loops.solve(0.5, { mode: 'both' as 'bond' })).toThrow(/^mode:/);
    expect(() => loops.solve(0.5, { tolerance: 2 })).toThrow(/^tolerance:/);
  });
});

/** Computed once with this code at seed 3, 2000 samples (regression guard for the deterministic sampling). */
const GOLDEN_KARATE_R2_BOND_08 = 0.9787351937855947;
