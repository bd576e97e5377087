import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkedTargets, CompactGraph } from '../../src/graph/compact-graph.ts';
import { EdgeBuffer } from '../../src/generators/edge-buffer.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { randomOrder } from '../../src/montecarlo/random-order.ts';
import { sweepSite } from '../../src/montecarlo/sweep-site.ts';
import { stream } from '../../src/random/stream.ts';

/**
 * Where two integer arrays differ: null when they have the same length and the same elements, else the first
 * difference. Exactly what `toEqual` checks on these arrays, in a loop: vitest's deep equality walks a 2^19-element
 * Int32Array in ~2.7 s (measured), this in under a millisecond.
 */
function difference(a: ArrayLike<number>, b: ArrayLike<number>): string | null {
  if (a.length !== b.length) return `length ${a.length}, expected ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `[${i}] = ${a[i]}, expected ${b[i]}`;
  return null;
}

const graphs = fc.integer({ min: 0, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    pairs:
      n === 0
        ? fc.constant([] as [number, number][])
        : fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
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
        for (let u = 0; u < n; u++)
          expect(Array.from(g.targets.subarray(g.offsets[u], g.offsets[u + 1]))).toEqual(expected[u]);
        expect(g.offsets[n]).toBe(2 * pairs.length);
        expect(g.m).toBe(pairs.length);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

/** offsets and targets by appending each edge to both endpoints' lists, in edge order (the reference). */
function appendCsr(n: number, pairs: readonly (readonly [number, number])[]): [Int32Array, Int32Array] {
  const deg = new Int32Array(n);
  for (const [u, v] of pairs) {
    deg[u]++;
    deg[v]++;
  }
  const off = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) off[u + 1] = off[u] + deg[u];
  const cur = off.slice(0, n);
  const tg = new Int32Array(2 * pairs.length);
  for (const [u, v] of pairs) {
    tg[cur[u]++] = v;
    tg[cur[v]++] = u;
  }
  return [off, tg];
}

describe('chunkedTargets: the CSR of fromEdges above 2^25 edges, in chunks (issue 18)', () => {
  // fromEdges builds graphs with more than 2^25 edges (ER n = 1e8) chunk by chunk through buckets of 65536 nodes;
  // too large for a unit test, so the same function is run here with chunks of 1..700 edges on graphs that cross
  // the bucket boundaries. It must give exactly the lists of the direct scatter (edge order; self-loops, parallel
  // edges, ids at the bucket edges and n − 1 included).
  const big = fc.integer({ min: 2, max: 200_000 }).chain((n) => {
    const id = fc.oneof(
      fc.nat(n - 1),
      fc.constantFrom(...[0, 1, 65535, 65536, 131071, 131072, n - 2, n - 1].filter((x) => x < n)),
    );
    return fc.record({
      n: fc.constant(n),
      chunk: fc.integer({ min: 1, max: 700 }),
      pairs: fc.array(
        fc.oneof(
          fc.tuple(id, id),
          id.map((u) => [u, u] as [number, number]),
        ),
        { maxLength: 2000 },
      ),
    });
  });
  it('same offsets and targets as appending each edge to both endpoints’ lists (fast-check, 60 runs)', () => {
    fc.assert(
      fc.property(big, ({ n, chunk, pairs }) => {
        const s = Int32Array.from(pairs, (p) => p[0]);
        const t = Int32Array.from(pairs, (p) => p[1]);
        const offsets = new Int32Array(n + 1);
        for (const [u, v] of pairs) {
          offsets[u]++;
          offsets[v]++;
        }
        const targets = chunkedTargets(n, pairs.length, s, t, offsets, chunk);
        const [off, tg] = appendCsr(n, pairs);
        expect(difference(offsets, off)).toBeNull();
        expect(difference(targets, tg)).toBeNull();
      }),
      { numRuns: 60, seed: 18 },
    );
  });
});

describe('CompactGraph.fromEdges through buckets (n > 4096, issue 18)', () => {
  // Above 4096 nodes the CSR is built by a two-pass bucketed distribution; it must give the same lists, in edge
  // order, as the direct scatter (self-loops, parallel edges, ids at bucket edges and at n − 1 included).
  const big = fc.integer({ min: 4097, max: 20_000 }).chain((n) => {
    const id = fc.oneof(
      fc.nat(n - 1),
      fc.constantFrom(...[0, 4095, 4096, 8191, 8192, 16383, 16384, n - 1].filter((x) => x < n)),
    );
    return fc.record({
      n: fc.constant(n),
      pairs: fc.array(
        fc.oneof(
          fc.tuple(id, id),
          id.map((u) => [u, u] as [number, number]),
        ),
        { maxLength: 3000 },
      ),
    });
  });
  it('same offsets and targets as appending each edge to both endpoints’ lists (fast-check, 60 runs)', () => {
    fc.assert(
      fc.property(big, ({ n, pairs }) => {
        const s = Int32Array.from(pairs, (p) => p[0]);
        const t = Int32Array.from(pairs, (p) => p[1]);
        const g = CompactGraph.fromEdges(n, s, t);
        const deg = new Int32Array(n);
        for (const [u, v] of pairs) {
          deg[u]++;
          deg[v]++;
        }
        const off = new Int32Array(n + 1);
        for (let u = 0; u < n; u++) off[u + 1] = off[u] + deg[u];
        const cur = off.slice(0, n);
        const tg = new Int32Array(2 * pairs.length);
        for (const [u, v] of pairs) {
          tg[cur[u]++] = v;
          tg[cur[v]++] = u;
        }
        expect(difference(g.offsets, off)).toBeNull();
        expect(difference(g.targets, tg)).toBeNull();
      }),
      { numRuns: 60, seed: 18 },
    );
  });
});

describe('CompactGraph.fromEdges endpoint checks', () => {
  it('names the first edge with an endpoint outside [0, n), its source before its target, bucketed (n > 4096) or not', () => {
    for (const n of [10, 5000]) {
      const ok = n - 1;
      expect(() => CompactGraph.fromEdges(n, Int32Array.of(0, 1, n), Int32Array.of(1, ok, -1))).toThrow(
        /edgeSource\[2\].*\[0, /,
      );
      expect(() => CompactGraph.fromEdges(n, Int32Array.of(0, 1, 2), Int32Array.of(1, n, -1))).toThrow(
        /edgeTarget\[1\]/,
      );
      expect(() => CompactGraph.fromEdges(n, Int32Array.of(0, -1), Int32Array.of(1, 0))).toThrow(/edgeSource\[1\]/);
      expect(CompactGraph.fromEdges(n, Int32Array.of(0, ok), Int32Array.of(ok, ok)).m).toBe(2);
    }
  });
});

describe('CompactGraph.fromEdges builds its CSR on first use (issue 18)', () => {
  it('a site sweep from n = 2^17 on leaves it unbuilt; a read of targets (or offsets) builds both, as before', () => {
    const n = 1 << 17;
    const g = erdosRenyi(n, 4 / (n - 1), stream(3));
    expect(g.hasCsr).toBe(false);
    const before = g.byteLength;
    sweepSite(g, randomOrder(n, stream(3, 1)));
    expect(g.hasCsr).toBe(false);
    const t = g.targets;
    expect(g.hasCsr).toBe(true);
    expect(t.length).toBe(2 * g.m);
    expect(g.offsets[n]).toBe(2 * g.m);
    expect(g.byteLength).toBe(before + 4 * (n + 1) + 8 * g.m);
    // the same arrays as a graph whose CSR is read first thing
    const h = CompactGraph.fromEdges(n, g.edgeSource, g.edgeTarget);
    expect(h.offsets).toBeInstanceOf(Int32Array);
    expect(h.targets).toBeInstanceOf(Int32Array);
    expect(difference(h.offsets, g.offsets)).toBeNull();
    expect(difference(h.targets, g.targets)).toBeNull();
  });
});
