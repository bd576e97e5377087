// Budgets instead of crashes (issue 14): sizes that would exceed the memory budget are refused before anything is
// allocated, with the estimate, the budget and how to raise it. The budget is set small here so that every case
// is refused in microseconds; nothing below allocates more than a few kB.
import { afterEach, describe, expect, it } from 'vitest';
import { FragilityInputError } from '../../src/errors.ts';
import { barabasiAlbert } from '../../src/generators/barabasi-albert.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { checkGraphSpecMemory, graphFromSpec, graphSpecBytes, overlayFromSpec } from '../../src/generators/spec.ts';
import { squareLattice } from '../../src/generators/square-lattice.ts';
import { twoTierOverlay } from '../../src/generators/two-tier.ts';
import { runEnsemble } from '../../src/montecarlo/ensemble.ts';
import { keptPoolInfo } from '../../src/parallel/pool.ts';
import { stream } from '../../src/random/stream.ts';
import { setMemoryBudget, setPlatform } from '../../src/resources.ts';

afterEach(() => {
  setMemoryBudget(undefined);
  setPlatform(undefined);
});

async function refused(f: () => unknown): Promise<string> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(FragilityInputError);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    expect(msg).toMatch(/memory budget of 10 MB \(set by --max-memory\)/);
    expect(msg).toMatch(/would take about [0-9.]+ [kMGT]?B; .*--max-memory or FRAGILITY_MAX_MEMORY/);
    return msg;
  }
  throw new Error('expected a refusal');
}

describe('graph specs and generators are checked against the budget before allocating', () => {
  it('specs: er, square, cubic, ba, rr, ws, two-tier (explicit and overlay) name --graph and the spec', async () => {
    setMemoryBudget(10e6);
    for (const spec of [
      'er:n=1000000,k=4',
      'square:L=2000',
      'cubic:L=200',
      'ba:n=1000000,m=3',
      'rr:n=1000000,k=4',
      'ws:n=1000000,k=4,beta=0.1',
    ]) {
      expect(await refused(() => graphFromSpec(spec, { seed: 1 }))).toContain(
        `--graph: ${JSON.stringify(spec)} is not allowed`,
      );
    }
    const tt = 'two-tier:clients=1000000,supernodes=1000,sn-law=regular(8),cache=8';
    expect(await refused(() => graphFromSpec(tt, { seed: 1 }))).toContain('--graph: "two-tier:');
    expect(await refused(() => overlayFromSpec(tt, { seed: 1 }))).toContain('--graph: "two-tier:');
    // Small graphs pass.
    expect((await graphFromSpec('square:L=10', { seed: 1 })).n).toBe(100);
  });
  it('generators called directly: erdosRenyi, barabasiAlbert, squareLattice, twoTierOverlay', async () => {
    setMemoryBudget(10e6);
    expect(await refused(() => erdosRenyi(1_000_000, 4 / 999_999, stream(1, 0)))).toMatch(/^n: 1000000 is not allowed/);
    expect(await refused(() => barabasiAlbert(1_000_000, 3, stream(1, 0)))).toMatch(/^n: 1000000/);
    expect(await refused(() => squareLattice(2000))).toMatch(/^L: 2000/);
    expect(
      await refused(() =>
        twoTierOverlay({ supernodes: 1000, clients: 2_000_000, cacheSize: 8, coreLaw: 8 }, stream(1, 0)),
      ),
    ).toMatch(/^clients: 2000000/);
  });
  it('the estimate scales with the graph (≈ 8 bytes a node + 24 an edge)', () => {
    expect(graphSpecBytes('square:L=100')).toBe(8 * (10000 + 1) + 24 * 20000);
    expect(graphSpecBytes('edges:data/karate.edges')).toBeUndefined();
    expect(graphSpecBytes('er:n=2000,k=4')! * 1000).toBeCloseTo(graphSpecBytes('er:n=2000000,k=4')!, -7);
  });
  it('copies: one graph per compute thread', async () => {
    setMemoryBudget(10e6);
    const one = graphSpecBytes('er:n=100000,k=4')!;
    expect(one).toBeLessThan(10e6);
    expect(() => checkGraphSpecMemory('er:n=100000,k=4', true, 1)).not.toThrow();
    expect(await refused(() => checkGraphSpecMemory('er:n=100000,k=4', true, 2))).toContain(
      '2 copies of this graph (one per compute thread)',
    );
  });
});

describe('ensembles: the largest --runs is refused up front, not after hours', () => {
  it('runs × q values above the budget: refused before the first replicate', async () => {
    setMemoryBudget(10e6);
    let progress = 0;
    const msg = await refused(() =>
      runEnsemble({ graph: 'square:L=4', runs: 1e7, seed: 1, onProgress: () => progress++ }),
    );
    expect(msg).toMatch(
      /^runs: 10000000 is not allowed; .*10000000 replicates × 201 q values .* would take about 52.2 GB; use fewer runs or grid points, or raise/,
    );
    expect(progress).toBe(0);
    // Random specs are checked once per compute thread before any graph is drawn.
    const g = await refused(() => runEnsemble({ graph: 'er:n=300000,k=4', runs: 2, seed: 1, workers: 2 }));
    expect(g).toContain('2 copies of this graph');
  });
});

describe('workers above the cores', () => {
  it('runEnsemble on a 1-core platform runs workers: 8 in this thread (no pool), same result as 1', async () => {
    setPlatform({ totalMemory: 8e9, cores: 1 });
    const o = { graph: 'square:L=6', runs: 3, seed: 2, grid: [0, 0.5, 1], bootstrap: 5 };
    const eight = await runEnsemble({ ...o, workers: 8 });
    expect(keptPoolInfo()).toBeUndefined();
    const one = await runEnsemble({ ...o, workers: 1 });
    expect(JSON.stringify(eight, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v))).toBe(
      JSON.stringify(one, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)),
    );
  });
});
