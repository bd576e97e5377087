import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { EdgeBuffer } from '../../src/generators/edge-buffer.ts';
import { stream } from '../../src/random/stream.ts';
import { randomEdgeOrder, randomOrder } from '../../src/montecarlo/random-order.ts';
import { sweepBond } from '../../src/montecarlo/sweep-bond.ts';
import { sweepSite } from '../../src/montecarlo/sweep-site.ts';
import { type SweepResult, SweepWorkspace } from '../../src/montecarlo/sweep-result.ts';

const graphs = fc.integer({ min: 0, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    pairs: n === 0 ? fc.constant([] as [number, number][]) : fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
    mode: fc.constantFrom('site' as const, 'bond' as const),
    seed: fc.nat(1000),
  }),
);

function copy(s: SweepResult) {
  return { steps: s.steps, largest: s.largest.slice(), second: s.second.slice(), sumSquares: s.sumSquares.slice(), clusters: s.clusters.slice() };
}

describe('SweepWorkspace (property)', () => {
  it('a sequence of site and bond sweeps through one workspace equals the same sweeps with fresh arrays', () => {
    fc.assert(
      fc.property(fc.array(graphs, { minLength: 1, maxLength: 6 }), (runs) => {
        const ws = new SweepWorkspace();
        for (const { n, pairs, mode, seed } of runs) {
          const g = CompactGraph.fromPairs(n, pairs);
          const order = mode === 'site' ? randomOrder(n, stream(seed)) : randomEdgeOrder(g.m, stream(seed));
          const sweep = mode === 'site' ? sweepSite : sweepBond;
          const reused = copy(sweep(g, order, { workspace: ws }));
          expect(reused).toEqual(copy(sweep(g, order)));
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe('CompactGraph.fromEdges adjacency order (property)', () => {
  it('lists each node’s neighbours in edge order (u’s entry of edge e before v’s), from exact or over-allocated buffers', () => {
    fc.assert(
      fc.property(graphs, ({ n, pairs }) => {
        const buf = new EdgeBuffer(pairs.length + (pairs.length >> 3)); // slack ≤ 1/8: arrays() returns views
        for (const [u, v] of pairs) buf.push(u, v);
        const g = buf.toGraph(n);
        const expected: number[][] = Array.from({ length: n }, () => []);
        for (const [u, v] of pairs) {
          expected[u].push(v);
          expected[v].push(u);
        }
        for (let u = 0; u < n; u++) expect(Array.from(g.targets.subarray(g.offsets[u], g.offsets[u + 1]))).toEqual(expected[u]);
        expect(g.offsets[n]).toBe(2 * pairs.length);
        expect(g.m).toBe(pairs.length);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
