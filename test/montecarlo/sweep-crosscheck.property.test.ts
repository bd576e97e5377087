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
import { firstFailure } from '../support/first-failure.ts';

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

/**
 * Step k of a sweep against graphology's components of the graph h built so far: undefined when the largest
 * cluster, the second, Σ s² and the number of clusters all agree, else what differs (one expect per sweep, not per
 * step: vitest's expect costs microseconds a call, see test/support/first-failure.ts).
 */
function observablesMismatch(
  k: number,
  s: {
    largest: ArrayLike<number>;
    second: ArrayLike<number>;
    sumSquares: ArrayLike<number>;
    clusters: ArrayLike<number>;
  },
  h: Graph,
): string | undefined {
  const lcc = largestConnectedComponent(h).length;
  const st = componentStats(connectedComponents(h).map((c) => c.length));
  const got = [s.largest[k], s.second[k], s.sumSquares[k], s.clusters[k]];
  const want = [st.largest, st.second, st.sumSq, st.count];
  if (s.largest[k] === lcc && got.every((x, i) => x === want[i])) return undefined;
  return `step ${k}: [largest, second, sumSquares, clusters] = [${got}], graphology [${want}] (largest component ${lcc})`;
}

describe('sweep properties', () => {
  it('site: largest never shrinks; cluster sizes sum to the occupied count (histogram)', () => {
    fc.assert(
      fc.property(arbGraph, ({ n, edges, seed }) => {
        const g = CompactGraph.fromPairs(n, edges);
        const order = randomOrder(n, stream(seed, 0));
        const s = sweepSite(g, order);
        expect(
          firstFailure(
            n,
            (i) => s.largest[i + 1] >= s.largest[i],
            (i) => `largest[${i + 1}] = ${s.largest[i + 1]} < largest[${i}] = ${s.largest[i]}`,
          ),
        ).toBeUndefined();
        // Replay with the union-find state and check Σ s·count(s) = k after every addition (the first step that
        // differs is reported: one expect for the whole replay).
        const st = new ClusterState(n);
        let bad: string | undefined;
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
          if (bad === undefined && (total !== k || clusters !== s.clusters[k] || st.largest !== s.largest[k]))
            bad = `k = ${k}: Σ s·count(s) = ${total}, clusters ${clusters} vs ${s.clusters[k]}, largest ${st.largest} vs ${s.largest[k]}`;
        }
        expect(bad).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });
  it('bond: largest never shrinks; clusters = n − (number of merging edges)', () => {
    fc.assert(
      fc.property(arbGraph, ({ n, edges, seed }) => {
        const g = CompactGraph.fromPairs(n, edges);
        const s = sweepBond(g, randomEdgeOrder(g.m, stream(seed, 1)));
        expect(
          firstFailure(
            g.m,
            (i) =>
              s.largest[i + 1] >= s.largest[i] &&
              s.clusters[i] - s.clusters[i + 1] >= 0 &&
              s.clusters[i] - s.clusters[i + 1] <= 1,
            (i) =>
              `k = ${i + 1}: largest ${s.largest[i]} -> ${s.largest[i + 1]}, clusters ${s.clusters[i]} -> ${s.clusters[i + 1]}`,
          ),
        ).toBeUndefined();
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
        let bad: string | undefined;
        for (let k = 1; k <= n && bad === undefined; k++) {
          const u = order[n - k];
          h.addNode(String(u));
          for (const v of g.neighbors(u)) if (h.hasNode(String(v))) h.addEdge(String(u), String(v));
          bad = observablesMismatch(k, s, h);
        }
        expect(bad).toBeUndefined();
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
        let bad: string | undefined;
        for (let k = 0; k <= g.m && bad === undefined; k++) {
          if (k > 0) {
            const e = order[g.m - k];
            h.addEdge(String(g.edgeSource[e]), String(g.edgeTarget[e]));
          }
          bad = observablesMismatch(k, s, h);
        }
        expect(bad).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});
