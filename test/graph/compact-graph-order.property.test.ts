import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EdgeBuffer } from '../../src/generators/edge-buffer.ts';

const graphs = fc.integer({ min: 0, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    pairs: n === 0 ? fc.constant([] as [number, number][]) : fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
  }),
);

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
