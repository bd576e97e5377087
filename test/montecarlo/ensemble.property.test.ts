// Properties of ensembles: 1 worker ≡ 2 workers (bit-identical), resumed ≡ uninterrupted (any cut point).
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { stream } from '../../src/random/stream.ts';
import { type EnsembleResult, runEnsemble } from '../../src/montecarlo/ensemble.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-ens-prop-'));
const grid = Array.from({ length: 21 }, (_, i) => i / 20);

function randomGraph(n: number, m: number, seed: number): CompactGraph {
  const rng = stream(seed, 0);
  const pairs: [number, number][] = [];
  for (let i = 0; i < m; i++) pairs.push([rng.int(n), rng.int(n)]);
  return CompactGraph.fromPairs(n, pairs);
}

function comparable(r: EnsembleResult) {
  const { resumed, retries, ...rest } = r;
  void resumed;
  void retries;
  return JSON.stringify(rest, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
}

describe('ensemble properties', () => {
  it('a resumed run equals an uninterrupted one, whatever the cut point', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom<'site' | 'bond'>('site', 'bond'),
        fc.nat(),
        async (n, runs, seed, mode, cutRaw) => {
          const g = randomGraph(n, 2 * n, seed);
          const file = join(dir, `resume-${seed}-${n}-${runs}.ndjson`);
          const opts = { graph: g, runs, seed, mode, grid, at: [0.5] };
          const full = await runEnsemble({ ...opts, checkpoint: file });
          const lines = readFileSync(file, 'utf8').trim().split('\n');
          const cut = 1 + (cutRaw % lines.length); // keep the header and cut-1 replicates
          writeFileSync(file, lines.slice(0, cut).join('\n') + '\n');
          const resumed = await runEnsemble({ ...opts, checkpoint: file, resume: true });
          expect(resumed.resumed).toBe(cut - 1);
          expect(comparable(resumed)).toBe(comparable(full));
        },
      ),
      { numRuns: 25 },
    );
  });
  it('1 worker and 2 workers give identical results', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 300 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.constantFrom<'site' | 'bond'>('site', 'bond'),
        async (n, runs, seed, mode) => {
          const g = randomGraph(n, 2 * n, Math.abs(seed));
          const opts = { graph: g, runs, seed, mode, grid, at: [0.3, 0.8] };
          const one = await runEnsemble(opts);
          const two = await runEnsemble({ ...opts, workers: 2 });
          expect(comparable(two)).toBe(comparable(one));
        },
      ),
      { numRuns: 3 },
    );
  });
});
