import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompactGraph, Role } from '../../src/graph/compact-graph.ts';
import { FragilityInputError } from '../../src/errors.ts';

describe('CompactGraph', () => {
  it('builds CSR from edges, keeping edge order and self-loop/multi-edge conventions', () => {
    const g = CompactGraph.fromPairs(4, [
      [0, 1],
      [1, 2],
      [2, 2],
      [0, 1],
    ]);
    expect(g.n).toBe(4);
    expect(g.m).toBe(4);
    expect(Array.from(g.degrees())).toEqual([2, 3, 3, 0]);
    expect(Array.from(g.neighbors(0))).toEqual([1, 1]);
    expect(Array.from(g.neighbors(2))).toEqual([1, 2, 2]);
    expect(g.isSimple).toBe(false);
    expect(g.maxDegree).toBe(3);
    expect(g.meanDegree).toBe(2);
    // each half-edge maps to its edge, and every edge id appears exactly twice
    const count = new Int32Array(g.m);
    for (const e of g.halfEdgeEdge) count[e]++;
    expect(Array.from(count)).toEqual([2, 2, 2, 2]);
  });

  it('defines the empty and singleton graphs', () => {
    expect(CompactGraph.empty(0).n).toBe(0);
    expect(CompactGraph.empty(0).meanDegree).toBe(0);
    const one = CompactGraph.empty(1);
    expect(one.degree(0)).toBe(0);
    expect(one.isSimple).toBe(true);
  });

  it('rejects bad input with the field named', () => {
    expect(() => CompactGraph.fromPairs(2, [[0, 2]])).toThrow(FragilityInputError);
    expect(() => CompactGraph.fromPairs(2, [[0, 2]])).toThrow(/edgeTarget\[0\]/);
    expect(() => CompactGraph.empty(-1)).toThrow(/n: -1/);
    expect(() => CompactGraph.empty(2, { roles: new Uint8Array(3) })).toThrow(/roles.length/);
  });

  it('keeps roles, capacities and keys, and maps keys both ways', () => {
    const g = CompactGraph.fromPairs(3, [[0, 1]], {
      roles: Uint8Array.from([Role.Supernode, Role.Client, Role.Client]),
      keys: ['a', 'b', 'c'],
    });
    expect(g.idOf('c')).toBe(2);
    expect(g.idOf('zz')).toBe(-1);
    expect(g.keyOf(1)).toBe('b');
    const h = g.withAttributes({ capacities: Float64Array.from([1, 2, 3]) });
    expect(h.capacities?.[2]).toBe(3);
    expect(h.roles?.[0]).toBe(Role.Supernode);
    expect(h.targets).toBe(g.targets);
  });

  it('property: degree sum = 2m, neighbour lists are symmetric multisets', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 30 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 80 }))),
        ([n, pairs]) => {
          const g = CompactGraph.fromPairs(n, pairs);
          let sum = 0;
          for (let u = 0; u < n; u++) sum += g.degree(u);
          expect(sum).toBe(2 * g.m);
          // count of v in N(u) equals count of u in N(v)
          for (let u = 0; u < n; u++) {
            for (const v of g.neighbors(u)) {
              const a = Array.from(g.neighbors(u)).filter((x) => x === v).length;
              const b = Array.from(g.neighbors(v)).filter((x) => x === u).length;
              expect(a).toBe(b);
            }
          }
          // byte budget: at most 12 bytes per edge end plus 16 per node
          expect(g.byteLength).toBeLessThanOrEqual(12 * 2 * g.m + 16 * n + 4);
        },
      ),
    );
  });
});
