// hasRepeatedEdgePair (from the edge arrays, used by the edge-list reader since its graphs build their CSR on first
// use) against hasRepeatedPair (from the CSR): the same answer on random multigraphs, self-loops included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { hasRepeatedEdgePair, hasRepeatedPair } from '../../src/graph/edge-policy.ts';

/** Random multigraphs; a hub joined to many nodes so that some rows are longer than 16 (the marker path). */
const graphs = fc.integer({ min: 1, max: 9000 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60 }),
    hub: fc.uniqueArray(fc.nat(n - 1), { maxLength: 40 }),
    copy: fc.boolean(),
  }),
);

describe('hasRepeatedEdgePair = hasRepeatedPair on the CSR', () => {
  it('random multigraphs with and without a repeated pair, long rows included (fast-check, 400 runs)', () => {
    fc.assert(
      fc.property(graphs, ({ n, pairs, hub, copy }) => {
        const all: [number, number][] = [...pairs, ...hub.map((v) => [n - 1, v] as [number, number])];
        if (copy && all.length > 0) all.push([all[0][1], all[0][0]]); // the first pair again, reversed
        const g = CompactGraph.fromPairs(n, all);
        const want = hasRepeatedPair(n, g.offsets, g.targets);
        expect(hasRepeatedEdgePair(n, g.edgeSource, g.edgeTarget)).toBe(want);
        if (copy && all.length > 0) expect(want).toBe(true);
      }),
      { numRuns: 400, seed: 1819 },
    );
  });

  it('a single self-loop is no repeat, a second one on the same node is', () => {
    const one = CompactGraph.fromPairs(3, [
      [1, 1],
      [0, 1],
    ]);
    expect(hasRepeatedEdgePair(3, one.edgeSource, one.edgeTarget)).toBe(false);
    const two = CompactGraph.fromPairs(3, [
      [1, 1],
      [0, 1],
      [1, 1],
    ]);
    expect(hasRepeatedEdgePair(3, two.edgeSource, two.edgeTarget)).toBe(true);
    expect(hasRepeatedPair(3, two.offsets, two.targets)).toBe(true);
  });
});
