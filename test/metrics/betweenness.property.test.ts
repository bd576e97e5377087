import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import edgeBetweennessCentrality from 'graphology-metrics/centrality/edge-betweenness.js';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { betweenness, betweennessFromPivots } from '../../src/metrics/betweenness.ts';
import { edgeBetweenness } from '../../src/metrics/edge-betweenness.ts';
import { simpleGraph as simpleGraphOf } from '../property-oracles.ts';

/** A random simple graph: n ≤ 40 nodes, any edge set (possibly disconnected, isolated nodes allowed). */
const simpleGraph = simpleGraphOf(0, 40, 3);

/** graphology-metrics throws on the empty graph (mnemonist FixedStack of capacity 0): compare on n >= 1. */
const graphologySafe = simpleGraph.filter(({ n }) => n >= 1);

function toGraphology(n: number, pairs: Array<[number, number]>): UndirectedGraph {
  const G = new UndirectedGraph();
  for (let i = 0; i < n; i++) G.addNode(String(i));
  for (const [a, b] of pairs) G.addEdge(String(a), String(b));
  return G;
}

describe('betweenness vs graphology-metrics (property)', () => {
  it('raw values equal graphology normalized:false on an UndirectedGraph (which halves the source sum), 1e-9', () => {
    fc.assert(
      fc.property(graphologySafe, ({ n, pairs }) => {
        const ours = betweenness(CompactGraph.fromPairs(n, pairs)).values;
        const theirs = betweennessCentrality(toGraphology(n, pairs), { getEdgeWeight: null, normalized: false });
        for (let i = 0; i < n; i++) {
          const t = theirs[String(i)];
          expect(Math.abs(ours[i] - t)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(t)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('normalised values equal graphology normalized:true, 1e-9', () => {
    fc.assert(
      fc.property(graphologySafe, ({ n, pairs }) => {
        const ours = betweenness(CompactGraph.fromPairs(n, pairs), { normalized: true }).values;
        const theirs = betweennessCentrality(toGraphology(n, pairs), { getEdgeWeight: null, normalized: true });
        for (let i = 0; i < n; i++) expect(Math.abs(ours[i] - theirs[String(i)])).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it('the pivot estimator with all nodes as pivots (any order) equals the exact values', () => {
    fc.assert(
      fc.property(
        simpleGraph.filter(({ n }) => n >= 1),
        fc.integer(),
        ({ n, pairs }, salt) => {
          const g = CompactGraph.fromPairs(n, pairs);
          const order = Int32Array.from({ length: n }, (_, i) => (i * 7 + Math.abs(salt)) % n);
          const unique = new Set(order).size === n ? order : Int32Array.from({ length: n }, (_, i) => i);
          const est = betweennessFromPivots(g, unique).values;
          const exact = betweenness(g).values;
          for (let i = 0; i < n; i++)
            expect(Math.abs(est[i] - exact[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, exact[i]));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('edgeBetweenness vs graphology-metrics (property)', () => {
  it('raw and normalised edge values equal graphology edge-betweenness, 1e-9', () => {
    fc.assert(
      fc.property(graphologySafe, fc.boolean(), ({ n, pairs }, normalized) => {
        const ours = edgeBetweenness(CompactGraph.fromPairs(n, pairs), { normalized });
        const G = toGraphology(n, pairs);
        const theirs = edgeBetweennessCentrality(G, { getEdgeWeight: null, normalized });
        pairs.forEach(([a, b], e) => {
          const t = theirs[G.edge(String(a), String(b))!];
          expect(Math.abs(ours[e] - t)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(t)));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('hand values: a path, and parallel edges sharing their pairs (self-loop 0)', () => {
    // path 0-1-2: pairs (0,1),(1,2) use one edge each, (0,2) both: [2, 2]
    expect(
      Array.from(
        edgeBetweenness(
          CompactGraph.fromPairs(3, [
            [0, 1],
            [1, 2],
          ]),
        ),
      ),
    ).toEqual([2, 2]);
    // a doubled edge 0=1 plus 1-2: the two copies split every pair through them
    expect(
      Array.from(
        edgeBetweenness(
          CompactGraph.fromPairs(3, [
            [0, 1],
            [0, 1],
            [1, 2],
            [2, 2],
          ]),
        ),
      ),
    ).toEqual([1, 1, 2, 0]);
  });
});
