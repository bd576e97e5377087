import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Graph from 'graphology';
import { fromGraphology, toGraphology } from '../../src/graph/graphology-adapter.ts';
import { CompactGraph, Role } from '../../src/graph/compact-graph.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { sameGraph } from '../generators/helpers.ts';

const multigraph = fc
  .integer({ min: 0, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      n === 0
        ? fc.constant([] as Array<[number, number]>)
        : fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 120 }),
      fc.boolean(),
      fc.boolean(),
    ),
  );

describe('graphology round trip (fast-check)', () => {
  it('fromGraphology(toGraphology(g)) is the identity on structure, keys, roles and capacities', () => {
    fc.assert(
      fc.property(multigraph, ([n, pairs, withKeys, withAttrs]) => {
        const keys = withKeys ? Array.from({ length: n }, (_, i) => `node-${(i * 7919) % 10007}-${i}`) : undefined;
        const roles = withAttrs
          ? Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? Role.Supernode : Role.Client))
          : undefined;
        const capacities = withAttrs ? Float64Array.from({ length: n }, (_, i) => 1 + i / 4) : undefined;
        const g = CompactGraph.fromPairs(n, pairs, { keys, roles, capacities });
        const graph = toGraphology(g);
        expect(graph.order).toBe(n);
        expect(graph.size).toBe(g.m);
        const back = fromGraphology(graph);
        expect(sameGraph(back, g)).toBe(true);
        const keyOf = (x: CompactGraph) => Array.from({ length: n }, (_, i) => x.keyOf(i));
        expect(keyOf(back)).toEqual(keyOf(g));
        // With n = 0 there is no node to carry a role or capacity attribute: empty arrays come back as absent.
        if (n > 0) {
          expect(back.keys).toEqual(g.keys);
          expect(back.roles).toEqual(g.roles);
          expect(back.capacities).toEqual(g.capacities);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a graphology graph with string keys keeps its key ↔ id map both ways', () => {
    const graph = new Graph({ type: 'undirected' });
    graph.mergeEdge('x', 'y');
    graph.mergeEdge('y', 'z');
    const g = fromGraphology(graph);
    expect(g.keys).toEqual(['x', 'y', 'z']);
    expect(g.idOf('z')).toBe(2);
    const again = toGraphology(g);
    expect(again.nodes()).toEqual(['x', 'y', 'z']);
    expect(again.hasEdge('x', 'y')).toBe(true);
  });

  it('directed pairs become duplicates, handled by the explicit policy', () => {
    const graph = new Graph({ type: 'directed' });
    graph.mergeEdge('a', 'b');
    graph.mergeEdge('b', 'a');
    graph.mergeEdge('a', 'a');
    expect(fromGraphology(graph).m).toBe(3);
    expect(fromGraphology(graph, { duplicates: 'drop', selfLoops: 'drop' }).m).toBe(1);
    expect(() => fromGraphology(graph, { duplicates: 'error' })).toThrow(FragilityInputError);
    expect(() => fromGraphology(graph, { selfLoops: 'error' })).toThrow(/self-loop/);
  });
});
