// Issue 15 acceptance: "on a clustered real network in the repository, loop-corrected message passing (r = 2) lies
// within 0.015 of the Monte Carlo mean at q ∈ {0.4, 0.6, 0.8}, site and bond, where the tree-like method misses by
// more". Network: data/hep-th.edges, the arXiv hep-th co-authorship network 1995–1999 (M. E. J. Newman, PNAS 98, 404
// (2001)): 8 361 nodes, 15 751 edges, transitivity 0.33, largest component 5 835 nodes.
// Method: G. T. Cantwell & M. E. J. Newman, PNAS 116, 23398 (2019). Quantity compared: the Monte Carlo mean of the
// largest-cluster fraction (Newman–Ziff canonical average at q, as a fraction of all n nodes) against
// `SLargestComponent`, the message-passing giant restricted to the graph's largest connected component (the graph is
// disconnected: the all-node S also counts small loopy components, see the Model note of messagePassingLoops).
//
// HEAVY (measured 2026-12-03 on the loaded 2-core machine: 19.6 s CPU, median of 3, after the reach-mask loop
// programs and the prepared r = 0 baseline; 33.1 s before; most of it the six r = 2 solves and the Monte Carlo
// ensembles; kept out of the unit tests).
import { describe, expect, it } from 'vitest';
import { prepareMessagePassingLoops } from '../../src/analytic/message-passing-loops.ts';
import { readEdgeList } from '../../src/graph/edgelist.ts';
import { runEnsemble } from '../../src/montecarlo/ensemble.ts';

const hepThPath = new URL('../../data/hep-th.edges', import.meta.url).pathname;

describe('loop-corrected message passing on a clustered real network (issue 15 acceptance)', () => {
  it('hep-th co-authorship: r = 2 within 0.015 of Monte Carlo at q = 0.4, 0.6, 0.8 (site and bond); r = 0 is not', async () => {
    const g = await readEdgeList(hepThPath);
    expect([g.n, g.m]).toEqual([8361, 15751]);
    // r = 2 settings: 300 sampled configurations per factor above exactLimit = 12 random elements, and nodes whose
    // radius-2 neighbourhood holds a factor above 30 (hubs, long author lists) reduced to radius 1 or 0 (counted in
    // work.reduced). Sampling noise: S is an average over thousands of factors; measured at site q = 0.6, S moved
    // by 1e-6 between 300 and 1000 samples. Message tolerance 1e-7 (default 1e-10; S moved by 8e-12 at site
    // q = 0.6, 16 sweeps instead of 21).
    // The library defaults (4000 samples, maxFactorSize 60) take minutes per point here. Measured with exactly these
    // settings and seeds (notebook 05 §5b): r2 − MC = site +0.0059 / +0.0052 / +0.0027, bond +0.0033 / +0.0010 /
    // +0.0007 at q = 0.4 / 0.6 / 0.8; with 500 samples and 200 replicates (seed 11) the same within 0.0005.
    const loopOpts = { r: 2, samples: 300, maxFactorSize: 30, tolerance: 1e-7, seed: 1 } as const;
    const QS = [0.4, 0.6, 0.8];
    // One prepared graph for the six r = 2 points: neighbourhoods and factors are built once per mode (the results
    // are those of messagePassingLoops(g, q, { ...loopOpts, mode }), bit for bit).
    const loops = prepareMessagePassingLoops(g, loopOpts);
    // The tree-like baseline likewise, r = 0 (the same values as messagePassingLoops(g, q, { r: 0, mode, tolerance:
    // 1e-7 }), bit for bit).
    const tree = prepareMessagePassingLoops(g, { r: 0, tolerance: 1e-7 });
    for (const mode of ['site', 'bond'] as const) {
      // 100 Newman–Ziff replicates: 95 % CI half-widths measured <= 0.0018 — asserted < 0.003, a fifth of the
      // 0.015 tolerance, so the comparison is not decided by Monte Carlo noise.
      const mc = await runEnsemble({ graph: g, mode, runs: 100, seed: 2001, at: QS, bootstrap: 0 });
      let r0Worst = 0;
      for (const a of mc.at) {
        expect((a.ci[1] - a.ci[0]) / 2).toBeLessThan(0.003);
        const r2 = loops.solve(a.q, { mode });
        const r0 = tree.solve(a.q, { mode });
        expect(r2.converged).toBe(true);
        const d2 = Math.abs(r2.SLargestComponent - a.S);
        const d0 = Math.abs(r0.SLargestComponent - a.S);
        // Tolerance 0.015: the issue-15 acceptance bound.
        expect(d2, `${mode} q=${a.q}: r=2 ${r2.SLargestComponent} vs MC ${a.S}`).toBeLessThan(0.015);
        // The loop correction moves message passing towards the simulation at every point.
        expect(d2).toBeLessThan(d0);
        r0Worst = Math.max(r0Worst, d0);
      }
      // "Where the tree-like method misses by more": r = 0 is off by more than 0.015 on this graph (measured: site
      // 0.055 / 0.058 / 0.037, bond 0.044 / 0.027 / 0.011 at q = 0.4 / 0.6 / 0.8).
      expect(r0Worst).toBeGreaterThan(0.015);
    }
  }, 900_000);
});
