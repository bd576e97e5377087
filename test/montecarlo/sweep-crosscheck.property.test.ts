// fast-check properties of the Newman–Ziff sweeps, and a cross-check of every step against graphology-components
// on the induced subgraph (site) / the partial edge set (bond).
import fc from 'fast-check';
import Graph from 'graphology';
import { connectedComponents, largestConnectedComponent } from 'graphology-components';
import { describe, expect, it } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { stream } from '../../src/random/stream.ts';
import { ClusterState } from '../../src/montecarlo/cluster-state.ts';
import { randomEdgeOrder, randomOrder } from '../../src/montecarlo/random-order.ts';
import { sweepBond } from '../../src/montecarlo/sweep-bond.ts';
import { sweepSite } from '../../src/montecarlo/sweep-site.ts';

const arbGraph = fc.integer({ min: 0, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges:
      n === 0
        ? fc.constant([] as [number, number][])
        : fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
  }),
);

function componentStats(sizes: number[]): { largest: number; second: number; sumSq: number; count: number } {
  const s = [...sizes].sort((a, b) => b - a);
  return { largest: s[0] ?? 0, second: s[1] ?? 0, sumSq: s.reduce((a, x) => a + x * x, 0), count: s.length };
}

describe('sweep properties', () => {
  it('site: largest never shrinks; cluster sizes sum to the occupied count (histogram)', () => {
    fc.assert(
      fc.property(arbGraph, ({ n, edges, seed }) => {
        const g = CompactGraph.fromPairs(n, edges);
        const order = randomOrder(n, stream(seed, 0));
        const s = sweepSite(g, order);
        for (let k = 1; k <= n; k++) expect(s.largest[k]).toBeGreaterThanOrEqual(s.largest[k - 1]);
        // Replay with the union-find state and check Σ s·count(s) = k after every addition.
        const st = new ClusterState(n);
        for (let k = 1; k <= n; k++) {
          const u = order[n - k];
          st.addSingleton(u);
          for (const v of g.neighbors(u)) if (st.parent[v] !== -1) st.union(u, v);
          let total = 0;
          let clusters = 0;
          for (let sz = 1; sz <= n; sz++) {
            total += sz * st.countBySize[sz];
            clusters += st.countBySize[sz];
          }
          expect(total).toBe(k);
          expect(clusters).toBe(s.clusters[k]);
          expect(st.largest).toBe(s.largest[k]);
        }
      }),
      { numRuns: 150 },
    );
  });
  it('bond: largest never shrinks; clusters = n − (number of merging edges)', () => {
    fc.assert(
      fc.property(arbGraph, ({ n, edges, seed }) => {
        const g = CompactGraph.fromPairs(n, edges);
        const s = sweepBond(g, randomEdgeOrder(g.m, stream(seed, 1)));
        for (let k = 1; k <= g.m; k++) {
          expect(s.largest[k]).toBeGreaterThanOrEqual(s.largest[k - 1]);
          expect(s.clusters[k - 1] - s.clusters[k]).toBeGreaterThanOrEqual(0);
          expect(s.clusters[k - 1] - s.clusters[k]).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('cross-check against graphology-components', () => {
  it('site: every observable after every addition equals the components of the induced subgraph', () => {
    fc.assert(
      fc.property(arbGraph, ({ n, edges, seed }) => {
        const g = CompactGraph.fromPairs(n, edges);
        const order = randomOrder(n, stream(seed, 0));
        const s = sweepSite(g, order);
        const h = new Graph({ type: 'undirected', multi: true, allowSelfLoops: true });
        for (let k = 1; k <= n; k++) {
          const u = order[n - k];
          h.addNode(String(u));
          for (const v of g.neighbors(u)) if (h.hasNode(String(v))) h.addEdge(String(u), String(v));
          expect(s.largest[k]).toBe(largestConnectedComponent(h).length);
          const st = componentStats(connectedComponents(h).map((c) => c.length));
          expect([s.largest[k], s.second[k], s.sumSquares[k], s.clusters[k]]).toEqual([
            st.largest,
            st.second,
            st.sumSq,
            st.count,
          ]);
        }
      }),
      { numRuns: 100 },
    );
  });
  it('bond: every observable after every addition equals the components of the partial graph', () => {
    fc.assert(
      fc.property(arbGraph, ({ n, edges, seed }) => {
        const g = CompactGraph.fromPairs(n, edges);
        const order = randomEdgeOrder(g.m, stream(seed, 0));
        const s = sweepBond(g, order);
        const h = new Graph({ type: 'undirected', multi: true, allowSelfLoops: true });
        for (let u = 0; u < n; u++) h.addNode(String(u));
        for (let k = 0; k <= g.m; k++) {
          if (k > 0) {
            const e = order[g.m - k];
            h.addEdge(String(g.edgeSource[e]), String(g.edgeTarget[e]));
          }
          expect(s.largest[k]).toBe(largestConnectedComponent(h).length);
          const st = componentStats(connectedComponents(h).map((c) => c.length));
          expect([s.largest[k], s.second[k], s.sumSquares[k], s.clusters[k]]).toEqual([
            st.largest,
            st.second,
            st.sumSq,
            st.count,
          ]);
        }
      }),
      { numRuns: 100 },
    );
  });
});
