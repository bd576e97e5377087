// The fused sweep kernels (src/montecarlo/sweep-kernel.ts, issue 18) against the ClusterState loops they replaced:
// every observable at every step must be equal (exact integers; Σ size² is an exact integer in a double here).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { ClusterState } from '../../src/montecarlo/cluster-state.ts';
import { sweepSite } from '../../src/montecarlo/sweep-site.ts';
import { sweepBond } from '../../src/montecarlo/sweep-bond.ts';
import { randomOrder, randomEdgeOrder } from '../../src/montecarlo/random-order.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { barabasiAlbert } from '../../src/generators/barabasi-albert.ts';
import { stream } from '../../src/random/stream.ts';
import type { SweepResult } from '../../src/montecarlo/sweep-result.ts';
import {
  bondKernel,
  rankedLowerCsr,
  rankedSiteKernel,
  siteKernel,
  sweepArrays,
} from '../../src/montecarlo/sweep-kernel.ts';
import { CanonicalAccumulator, canonicalObservables } from '../../src/montecarlo/canonical.ts';
import { largestGapOccupation } from '../../src/montecarlo/largest-gap.ts';
import { runReplicateOnGraph } from '../../src/montecarlo/replicate.ts';

/** The site loop as it was before the fused kernel (ClusterState). */
function referenceSite(g: CompactGraph, ord: Int32Array): Omit<SweepResult, 'mode' | 'n' | 'steps'> {
  const n = g.n;
  const r = {
    largest: new Int32Array(n + 1),
    second: new Int32Array(n + 1),
    sumSquares: new Float64Array(n + 1),
    clusters: new Int32Array(n + 1),
  };
  const st = new ClusterState(n);
  for (let k = 1; k <= n; k++) {
    const u = ord[n - k];
    st.addSingleton(u);
    let ru = u;
    for (let p = g.offsets[u]; p < g.offsets[u + 1]; p++) {
      const v = g.targets[p];
      if (st.parent[v] === -1) continue;
      const rv = st.find(v);
      if (rv !== ru) ru = st.unionRoots(ru, rv);
    }
    r.largest[k] = st.largest;
    r.second[k] = st.second;
    r.sumSquares[k] = st.sumSquares;
    r.clusters[k] = st.clusters;
  }
  return r;
}

/** The bond loop as it was before the fused kernel (ClusterState). */
function referenceBond(g: CompactGraph, ord: Int32Array): Omit<SweepResult, 'mode' | 'n' | 'steps'> {
  const m = g.m;
  const r = {
    largest: new Int32Array(m + 1),
    second: new Int32Array(m + 1),
    sumSquares: new Float64Array(m + 1),
    clusters: new Int32Array(m + 1),
  };
  const st = new ClusterState(g.n);
  st.fillSingletons();
  const rec = (k: number) => {
    r.largest[k] = st.largest;
    r.second[k] = st.second;
    r.sumSquares[k] = st.sumSquares;
    r.clusters[k] = st.clusters;
  };
  rec(0);
  for (let k = 1; k <= m; k++) {
    const e = ord[m - k];
    st.union(g.edgeSource[e], g.edgeTarget[e]);
    rec(k);
  }
  return r;
}

function expectSame(got: SweepResult, want: Omit<SweepResult, 'mode' | 'n' | 'steps'>): void {
  for (const key of ['largest', 'second', 'sumSquares', 'clusters'] as const) {
    expect(got[key].length).toBe(want[key].length);
    let diff = -1;
    for (let k = 0; k < want[key].length; k++) {
      if (got[key][k] !== want[key][k]) {
        diff = k;
        break;
      }
    }
    expect(diff, `${key} first differs at step ${diff}`).toBe(-1);
  }
}

/** Random multigraphs: self-loops and parallel edges included. */
const multigraph = fc.integer({ min: 0, max: 40 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    n === 0
      ? fc.constant([] as [number, number][])
      : fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), {
          maxLength: 120,
        }),
    fc.integer({ min: 0, max: 1e6 }),
  ),
);

describe('fused sweep kernels = ClusterState loops', () => {
  it('site and bond on random multigraphs, random orders (fast-check, 300 runs)', () => {
    fc.assert(
      fc.property(multigraph, ([n, pairs, seed]) => {
        const g = CompactGraph.fromPairs(n, pairs);
        const so = randomOrder(n, stream(seed, 1));
        const bo = randomEdgeOrder(g.m, stream(seed, 2));
        expectSame(sweepSite(g, so), referenceSite(g, so));
        expectSame(sweepBond(g, bo), referenceBond(g, bo));
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  it('ER n = 1e5 (bond: several 64 Ki-edge blocks), BA n = 2e4 (hubs), ER n = 2e5 (site: relabelled kernel)', () => {
    for (const g of [
      erdosRenyi(100_000, 4 / 99_999, stream(5)),
      barabasiAlbert(20_000, 3, stream(6)),
      erdosRenyi(200_000, 4 / 199_999, stream(9)),
    ]) {
      const so = randomOrder(g.n, stream(7, 1));
      const bo = randomEdgeOrder(g.m, stream(7, 2));
      expectSame(sweepSite(g, so), referenceSite(g, so));
      expectSame(sweepBond(g, bo), referenceBond(g, bo));
    }
  });

  it('bond: the gather without the interleaved endpoint copy (used above 2^26 edges) gives the same sequences', () => {
    const g = erdosRenyi(100_000, 4 / 99_999, stream(5));
    const bo = randomEdgeOrder(g.m, stream(7, 2));
    const direct = sweepArrays(g.m);
    bondKernel(g.n, g.m, g.edgeSource, g.edgeTarget, bo, direct, undefined, 0);
    expectSame({ mode: 'bond', n: g.n, steps: g.m, ...direct }, referenceBond(g, bo));
  });
});

describe('site sweep on the graph relabelled by addition rank = plain site kernel', () => {
  const sameArrays = (a: Int32Array, b: Int32Array) => a.length === b.length && a.every((x, i) => x === b[i]);

  it('random multigraphs and orders, both builds, stored and streamed in any block length (fast-check, 300 runs)', () => {
    fc.assert(
      fc.property(
        multigraph,
        fc.integer({ min: -1, max: 7 }),
        fc.integer({ min: 1, max: 9 }),
        ([n, pairs, seed], small, B) => {
          const g = CompactGraph.fromPairs(n, pairs);
          const order = randomOrder(n, stream(seed, 1));
          const csr = rankedLowerCsr(n, g.edgeSource, g.edgeTarget, order);
          // the build for large graphs (used above 2^25 edges; here above `small` edges) gives the very same arrays
          const large = rankedLowerCsr(n, g.edgeSource, g.edgeTarget, order, small);
          expect(sameArrays(large.off, csr.off) && sameArrays(large.tgt, csr.tgt)).toBe(true);
          // row i holds exactly the smaller ranks of i's neighbours, one per non-loop edge
          const rank = new Int32Array(n);
          for (let i = 0; i < n; i++) rank[order[n - 1 - i]] = i;
          const want: number[][] = Array.from({ length: n }, () => []);
          for (let e = 0; e < g.m; e++) {
            const a = rank[g.edgeSource[e]];
            const b = rank[g.edgeTarget[e]];
            if (a !== b) want[Math.max(a, b)].push(Math.min(a, b));
          }
          for (let i = 0; i < n; i++) expect(Array.from(csr.tgt.subarray(csr.off[i], csr.off[i + 1]))).toEqual(want[i]);
          const plain = sweepArrays(n);
          siteKernel(n, g.offsets, g.targets, order, plain);
          const ranked = sweepArrays(n);
          rankedSiteKernel(n, csr, ranked);
          expectSame({ mode: 'site', n, steps: n, ...ranked }, plain);
          // streamed in blocks of B configurations: the same values, block by block
          const got = sweepArrays(n);
          const blocks = sweepArrays(B - 1);
          rankedSiteKernel(n, csr, blocks, {
            block(k0, count, out) {
              for (const key of ['largest', 'second', 'sumSquares', 'clusters'] as const)
                got[key].set(out[key].subarray(0, count), k0);
            },
          });
          expectSame({ mode: 'site', n, steps: n, ...got }, plain);
        },
      ),
      { numRuns: 300, seed: 1818 },
    );
  });
});

describe('streamed sweeps (blocks into the canonical sums) = stored sweeps, bit for bit', () => {
  const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

  it('any block length, site and bond, random multigraphs and q grids (fast-check, 200 runs)', () => {
    fc.assert(
      fc.property(
        multigraph,
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        ([n, pairs, seed], B, qs) => {
          const g = CompactGraph.fromPairs(n, pairs);
          for (const mode of ['site', 'bond'] as const) {
            const order = mode === 'site' ? randomOrder(n, stream(seed, 1)) : randomEdgeOrder(g.m, stream(seed, 2));
            const stored = mode === 'site' ? sweepSite(g, order) : sweepBond(g, order);
            const want = canonicalObservables(stored, qs);
            const acc = new CanonicalAccumulator(stored.steps, n, qs);
            const blocks = sweepArrays(B - 1); // arrays of length B
            if (mode === 'site') siteKernel(n, g.offsets, g.targets, order, blocks, acc);
            else bondKernel(n, g.m, g.edgeSource, g.edgeTarget, order, blocks, acc);
            const got = acc.result();
            expect(same(got.giant, want.giant)).toBe(true);
            expect(same(got.second, want.second)).toBe(true);
            expect(same(got.susceptibility, want.susceptibility)).toBe(true);
            expect(got.gapQ).toBe(largestGapOccupation(stored));
          }
        },
      ),
      { numRuns: 200, seed: 19 },
    );
  });

  it('a replicate on ER n = 2e5 (several 64 Ki blocks) streamed equals the stored path (microcanonical)', () => {
    const g = erdosRenyi(200_000, 4 / 199_999, stream(8));
    const qs = Array.from({ length: 201 }, (_, i) => i / 200);
    for (const mode of ['site', 'bond'] as const) {
      const spec = { r: 0, seed: 1, mode, order: 'random' as const, qs };
      const streamed = runReplicateOnGraph(g, spec, stream(1, 0));
      const stored = runReplicateOnGraph(g, { ...spec, microcanonical: true }, stream(1, 0));
      expect(same(streamed.giant, stored.giant)).toBe(true);
      expect(same(streamed.second, stored.second)).toBe(true);
      expect(same(streamed.susceptibility, stored.susceptibility)).toBe(true);
      expect(streamed.gapQ).toBe(stored.gapQ);
      expect(streamed.steps).toBe(stored.steps);
    }
  });
});
