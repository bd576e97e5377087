import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FragilityInputError } from '../../src/errors.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { stream } from '../../src/random/stream.ts';
import { type EnsembleResult, runEnsemble } from '../../src/montecarlo/ensemble.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-ensemble-'));
const g = erdosRenyi(2000, 4 / 2000, stream(11, 0));
const grid = Array.from({ length: 51 }, (_, i) => i / 50);

function strip(r: EnsembleResult) {
  // Everything but bookkeeping (resumed / retries) must be identical.
  const { resumed, retries, ...rest } = r;
  void resumed;
  void retries;
  return JSON.parse(JSON.stringify(rest, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
}

describe('runEnsemble (in process)', () => {
  it('is seeded: same seed same result, other seed other result', async () => {
    const a = await runEnsemble({ graph: g, runs: 4, seed: 5, grid, at: [0.5] });
    const b = await runEnsemble({ graph: g, runs: 4, seed: 5, grid, at: [0.5] });
    const c = await runEnsemble({ graph: g, runs: 4, seed: 6, grid, at: [0.5] });
    expect(strip(a)).toEqual(strip(b));
    expect(a.at[0].S).not.toBe(c.at[0].S);
    expect(a.at[0].ci[0]).toBeLessThan(a.at[0].S);
    expect(a.at[0].ci[1]).toBeGreaterThan(a.at[0].S);
    expect(a.giant.mean[0]).toBe(0);
    expect(a.giant.mean[50]).toBeCloseTo(a.giant.mean[50], 12);
  });
  it('a graph factory draws one graph per replicate', async () => {
    const seen: number[] = [];
    const res = await runEnsemble({
      graph: (graphSeed, r) => {
        seen.push(r);
        return erdosRenyi(500, 4 / 500, stream(graphSeed, 0));
      },
      runs: 3,
      seed: 2,
      grid,
      at: [0.6],
    });
    expect(seen).toEqual([0, 1, 2]);
    expect(res.graphPerReplicate).toBe(true);
  });
  it('microcanonical means and variances per occupied count', async () => {
    const res = await runEnsemble({ graph: g, runs: 3, seed: 1, grid, microcanonical: true });
    const mc = res.microcanonical!;
    expect(mc.mean.length).toBe(g.n + 1);
    expect(mc.mean[0]).toBe(0);
    expect(mc.variance[g.n]).toBe(0); // the intact graph is the same in every replicate
    for (let k = 1; k <= g.n; k++) expect(mc.mean[k]).toBeGreaterThanOrEqual(mc.mean[k - 1]);
  });
  it('rejects bad input naming the field', async () => {
    const bad = async (o: object, field: RegExp) => {
      await expect(runEnsemble({ graph: g, runs: 2, ...o } as never)).rejects.toThrow(FragilityInputError);
      await expect(runEnsemble({ graph: g, runs: 2, ...o } as never)).rejects.toThrow(field);
    };
    await bad({ runs: 0 }, /runs/);
    await bad({ runs: 1.5 }, /runs/);
    await bad({ at: [1.5] }, /^at/);
    await bad({ at: [-0.1] }, /^at/);
    await bad({ order: 'most-popular' }, /order/);
    await bad({ order: [0, 0, 1] }, /order/);
    await bad({ mode: 'bond', order: 'degree' }, /order/);
    await bad({ mode: 'percolation' }, /mode/);
    await bad({ graph: () => g, workers: 2 }, /workers/);
  });
  it('edge cases: n = 0, n = 1, m = 0 (bond), one run', async () => {
    const { CompactGraph } = await import('../../src/graph/compact-graph.ts');
    const empty = await runEnsemble({ graph: CompactGraph.empty(0), runs: 2, grid: [0, 1], at: [0.5] });
    expect(empty.at[0].S).toBe(0);
    const one = await runEnsemble({ graph: CompactGraph.empty(1), runs: 2, grid: [0, 1], at: [0, 1] });
    expect(one.at.map((a) => a.S)).toEqual([0, 1]);
    const bond = await runEnsemble({ graph: CompactGraph.empty(3), mode: 'bond', runs: 2, grid: [0, 1], at: [0.5] });
    expect(bond.at[0].S).toBeCloseTo(1 / 3, 15);
    const single = await runEnsemble({ graph: g, runs: 1, grid, at: [0.5] });
    expect(Number.isNaN(single.at[0].sd)).toBe(true);
    expect(Number.isNaN(single.threshold.ci[0])).toBe(true);
  });
  it('custom orders are used as given', async () => {
    const order = Array.from({ length: g.n }, (_, i) => i);
    const res = await runEnsemble({ graph: g, runs: 2, seed: 1, order, grid, at: [0.5] });
    expect(res.order).toBe('custom');
    expect(res.at[0].sd).toBe(0); // same order in every replicate
    const calls: number[] = [];
    const strat = await runEnsemble({
      graph: g,
      runs: 3,
      seed: 1,
      grid,
      at: [0.5],
      order: (h, rng) => {
        calls.push(rng.index);
        return Array.from({ length: h.n }, (_, i) => h.n - 1 - i);
      },
    });
    expect(calls).toEqual([0, 1, 2]);
    expect(strat.order).toBe('custom');
    await expect(runEnsemble({ graph: g, runs: 2, order: () => [], workers: 2 })).rejects.toThrow(/workers/);
    await expect(runEnsemble({ graph: g, runs: 2, order: () => [0, 1] })).rejects.toThrow(/order/);
  });
});

describe('checkpoints', () => {
  it('resume skips finished replicates and equals an uninterrupted run; a torn last line is dropped', async () => {
    const file = join(dir, 'a.ndjson');
    const full = await runEnsemble({ graph: g, runs: 6, seed: 3, grid, at: [0.4], checkpoint: file });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBe(7);
    // Simulate a kill after 3 replicates, in the middle of writing the 4th.
    writeFileSync(file, lines.slice(0, 4).join('\n') + '\n' + lines[4].slice(0, 25));
    const progress: number[] = [];
    const resumed = await runEnsemble({
      graph: g,
      runs: 6,
      seed: 3,
      grid,
      at: [0.4],
      checkpoint: file,
      resume: true,
      onProgress: (d) => progress.push(d),
    });
    expect(resumed.resumed).toBe(3);
    expect(progress).toEqual([3, 4, 5, 6]);
    expect(strip(resumed)).toEqual(strip(full));
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBe(7);
  });
  it('microcanonical sequences survive a checkpoint (base64) and resume bit-identically', async () => {
    const file = join(dir, 'micro.ndjson');
    const o = { graph: g, runs: 4, seed: 2, grid: [0, 0.5, 1], microcanonical: true, checkpoint: file };
    const full = await runEnsemble(o);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, lines.slice(0, 3).join('\n') + '\n');
    const resumed = await runEnsemble({ ...o, resume: true });
    expect(resumed.resumed).toBe(2);
    expect(strip(resumed)).toEqual(strip(full));
  });
  it('a checkpoint of another run is refused', async () => {
    const file = join(dir, 'b.ndjson');
    await runEnsemble({ graph: g, runs: 2, seed: 3, grid, checkpoint: file });
    await expect(runEnsemble({ graph: g, runs: 2, seed: 4, grid, checkpoint: file, resume: true })).rejects.toThrow(
      /checkpoint.*seed differs/,
    );
    // runs is not part of the experiment (replicate r depends on (seed, r) only): more runs reuse the finished ones.
    const more = await runEnsemble({ graph: g, runs: 3, seed: 3, grid, checkpoint: file, resume: true });
    expect(more.resumed).toBe(2);
    writeFileSync(file, 'not json\n');
    await expect(runEnsemble({ graph: g, runs: 2, seed: 3, grid, checkpoint: file, resume: true })).rejects.toThrow(
      /checkpoint/,
    );
  });
});

describe('worker pool', () => {
  it('2 workers give exactly the 1-worker result (fixed graph and random spec), and a crashed task is retried', async () => {
    const one = await runEnsemble({ graph: g, runs: 5, seed: 9, grid, at: [0.5] });
    const marker = join(dir, 'crash-marker');
    const two = await runEnsemble({ graph: g, runs: 5, seed: 9, grid, at: [0.5], workers: 2, crashMarker: marker });
    // The crash loses every task in flight on that worker (up to 2: the pool queues two per thread); each is retried.
    expect(two.retries).toBeGreaterThanOrEqual(1);
    expect(two.retries).toBeLessThanOrEqual(2);
    expect(readFileSync(marker, 'utf8')).toContain('crashed');
    expect(strip(two)).toEqual(strip(one));
    const spec = 'er:n=3000,k=3';
    const s1 = await runEnsemble({ graph: spec, runs: 4, seed: 2, grid, at: [0.7] });
    const s2 = await runEnsemble({ graph: spec, runs: 4, seed: 2, grid, at: [0.7], workers: 2 });
    expect(s1.graphPerReplicate).toBe(true);
    expect(strip(s2)).toEqual(strip(s1));
  });
});
