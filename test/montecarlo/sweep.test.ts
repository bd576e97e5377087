import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FragilityInputError } from '../../src/errors.ts';
import { CompactGraph, Role } from '../../src/graph/compact-graph.ts';
import { stream } from '../../src/random/stream.ts';
import { adaptiveDegreeOrder } from '../../src/montecarlo/adaptive-degree-order.ts';
import { betweennessOrder } from '../../src/montecarlo/betweenness-order.ts';
import { degreeOrder } from '../../src/montecarlo/degree-order.ts';
import { randomEdgeOrder, randomOrder } from '../../src/montecarlo/random-order.ts';
import { supernodesFirstOrder } from '../../src/montecarlo/supernodes-first-order.ts';
import { sweepBond } from '../../src/montecarlo/sweep-bond.ts';
import { meanClusterSizeExcludingLargest } from '../../src/montecarlo/sweep-result.ts';
import { sweepSite } from '../../src/montecarlo/sweep-site.ts';
import { validateOrder } from '../../src/montecarlo/validate-order.ts';

const path3 = CompactGraph.fromPairs(3, [
  [0, 1],
  [1, 2],
]);

describe('sweepSite', () => {
  it('documented example: remove 1, 0, 2 on a path', () => {
    const s = sweepSite(path3, [1, 0, 2]);
    expect(Array.from(s.largest)).toEqual([0, 1, 1, 3]);
    expect(Array.from(s.second)).toEqual([0, 0, 1, 0]);
    expect(Array.from(s.sumSquares)).toEqual([0, 1, 2, 9]);
    expect(Array.from(s.clusters)).toEqual([0, 1, 2, 1]);
    expect(meanClusterSizeExcludingLargest(s, 2)).toBe(1);
    expect(meanClusterSizeExcludingLargest(s, 3)).toBe(0);
  });
  it('n = 0 and n = 1', () => {
    const e = sweepSite(CompactGraph.empty(0), []);
    expect(Array.from(e.largest)).toEqual([0]);
    const one = sweepSite(CompactGraph.empty(1), [0]);
    expect(Array.from(one.largest)).toEqual([0, 1]);
    expect(Array.from(one.second)).toEqual([0, 0]);
  });
  it('ties: two equal clusters make second = largest', () => {
    const g = CompactGraph.fromPairs(4, [
      [0, 1],
      [2, 3],
    ]);
    // add 3, 2, 1, 0
    const s = sweepSite(g, [0, 1, 2, 3]);
    expect(Array.from(s.largest)).toEqual([0, 1, 2, 2, 2]);
    expect(Array.from(s.second)).toEqual([0, 0, 0, 1, 2]);
  });
  it('self-loops and parallel edges change nothing', () => {
    const g = CompactGraph.fromPairs(3, [
      [0, 0],
      [0, 1],
      [0, 1],
      [1, 2],
    ]);
    expect(Array.from(sweepSite(g, [1, 0, 2]).largest)).toEqual([0, 1, 1, 3]);
  });
  it('rejects an order that is not a permutation', () => {
    expect(() => sweepSite(path3, [0, 0, 1])).toThrow(FragilityInputError);
    expect(() => sweepSite(path3, [0, 1])).toThrow(/order/);
    expect(() => sweepSite(path3, [0, 1, 3])).toThrow(/order\[2\]/);
    expect(() => sweepBond(path3, [0, 0])).toThrow(/edgeOrder/);
  });
  it('an Int32Array order (bitset path) is accepted and refused exactly as the same plain array (fast-check)', () => {
    const outcome = (o: ArrayLike<number>, n: number): string => {
      try {
        return `ok ${Array.from(validateOrder(o, n)).join(',')}`;
      } catch (err) {
        return `${(err as Error).constructor.name}: ${(err as Error).message}`;
      }
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 70 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.oneof(
              fc.shuffledSubarray(
                Array.from({ length: n }, (_, i) => i),
                { minLength: n, maxLength: n },
              ),
              fc.array(fc.integer({ min: -2, max: n + 1 }), { minLength: n, maxLength: n }),
            ),
          ),
        ),
        ([n, arr]) => {
          expect(outcome(Int32Array.from(arr), n)).toBe(outcome(arr, n));
        },
      ),
      { numRuns: 300, seed: 18 },
    );
  });
});

describe('sweepBond', () => {
  it('documented example', () => {
    const s = sweepBond(path3, [0, 1]);
    expect(Array.from(s.largest)).toEqual([1, 2, 3]);
    expect(Array.from(s.second)).toEqual([1, 1, 0]);
    expect(Array.from(s.clusters)).toEqual([3, 2, 1]);
    expect(meanClusterSizeExcludingLargest(s, 1)).toBe(1);
  });
  it('m = 0', () => {
    const s = sweepBond(CompactGraph.empty(2), []);
    expect(Array.from(s.largest)).toEqual([1]);
    expect(Array.from(s.second)).toEqual([1]);
  });
});

describe('removal orders', () => {
  const star = CompactGraph.fromPairs(6, [
    [0, 1],
    [0, 2],
    [0, 3],
    [0, 4],
    [4, 5],
  ]);
  it('random orders are seeded permutations', () => {
    const a = randomOrder(100, stream(5, 2));
    expect(validateOrder(a, 100)).toBe(a);
    expect(Array.from(randomOrder(100, stream(5, 2)))).toEqual(Array.from(a));
    expect(Array.from(randomOrder(100, stream(5, 3)))).not.toEqual(Array.from(a));
    expect(validateOrder(randomEdgeOrder(7, stream(1, 0)), 7).length).toBe(7);
  });
  it('static degree: highest first, ties randomized by the stream', () => {
    const o = degreeOrder(star, stream(1, 0));
    expect(o[0]).toBe(0);
    expect(o[1]).toBe(4);
    const tails = new Set<string>();
    for (let r = 0; r < 20; r++) tails.add(Array.from(degreeOrder(star, stream(1, r)).subarray(2)).join(','));
    expect(tails.size).toBeGreaterThan(1);
    for (let r = 0; r < 20; r++) {
      const d = degreeOrder(star, stream(1, r));
      for (let i = 1; i < 6; i++) expect(star.degree(d[i - 1])).toBeGreaterThanOrEqual(star.degree(d[i]));
    }
  });
  it('adaptive degree: recomputed after each removal', () => {
    // After removing hub 0, node 4 (degree 1 now, with 5) ties with 5; leaves 1..3 have degree 0.
    const o = adaptiveDegreeOrder(star, stream(1, 0));
    expect(o[0]).toBe(0);
    expect([4, 5]).toContain(o[1]);
    validateOrder(o, 6);
    // Brute-force check on a random graph: each removed node has maximal current degree.
    const pairs: [number, number][] = [];
    const rng = stream(9, 0);
    for (let i = 0; i < 120; i++) pairs.push([rng.int(40), rng.int(40)]);
    const g = CompactGraph.fromPairs(40, pairs);
    const ord = adaptiveDegreeOrder(g, stream(2, 0));
    const removed = new Uint8Array(40);
    for (const u of ord) {
      const cur = (x: number) =>
        Array.from(g.neighbors(x)).filter((v) => !removed[v] && v !== x).length +
        (2 * Array.from(g.neighbors(x)).filter((v) => v === x).length) / 2;
      let best = -1;
      for (let x = 0; x < 40; x++) if (!removed[x]) best = Math.max(best, cur(x));
      expect(cur(u)).toBe(best);
      removed[u] = 1;
    }
  });
  it('betweenness: the bridge node goes first (static and adaptive)', () => {
    // two triangles joined through node 6
    const g = CompactGraph.fromPairs(7, [
      [0, 1],
      [1, 2],
      [2, 0],
      [3, 4],
      [4, 5],
      [5, 3],
      [2, 6],
      [6, 3],
    ]);
    expect(validateOrder(betweennessOrder(g, { seed: 1 }), 7)[0]).toBe(6);
    const a = betweennessOrder(g, { adaptive: true, seed: 1 });
    expect(validateOrder(a, 7)[0]).toBe(6);
  });
  it('supernodes first', () => {
    const roles = new Uint8Array([Role.Client, Role.Supernode, Role.Client, Role.Supernode]);
    const g = CompactGraph.fromPairs(
      4,
      [
        [0, 1],
        [2, 3],
        [1, 3],
      ],
      { roles },
    );
    const o = supernodesFirstOrder(g, stream(1, 0));
    expect(new Set([o[0], o[1]])).toEqual(new Set([1, 3]));
    expect(() => supernodesFirstOrder(path3, stream(1, 0))).toThrow(/roles/);
  });
});
