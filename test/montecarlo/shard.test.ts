// Library-level shards (issue 19): runEnsembleShard + writeShard + mergeShards reproduce runEnsemble exactly — every
// double of every curve, not only the CLI's JSON — for a graph object (content-hashed identity) and a random spec.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { runEnsemble } from '../../src/montecarlo/ensemble.ts';
import { mergeShards, runEnsembleShard, writeShard } from '../../src/montecarlo/shard.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-shard-lib-'));

/** A ring of 60 nodes with chords every 7: a fixed graph with a transition inside (0, 1). */
function ringWithChords(): CompactGraph {
  const pairs: [number, number][] = [];
  for (let i = 0; i < 60; i++) pairs.push([i, (i + 1) % 60]);
  for (let i = 0; i < 60; i += 7) pairs.push([i, (i + 29) % 60]);
  return CompactGraph.fromPairs(60, pairs);
}

describe('runEnsembleShard / mergeShards', () => {
  const cases: [string, () => Parameters<typeof runEnsemble>[0]][] = [
    [
      'a graph object, microcanonical',
      () => ({
        graph: ringWithChords(),
        runs: 9,
        seed: 4,
        grid: [0, 0.25, 0.5, 0.75, 1],
        at: [0.6],
        microcanonical: true,
        bootstrap: 50,
      }),
    ],
    [
      'a random spec, bond, second-moment threshold',
      () => ({ graph: 'er:n=400,k=3', mode: 'bond', runs: 5, seed: 8, thresholdObservable: 'second', level: 0.9 }),
    ],
  ];
  for (const [what, make] of cases) {
    it(`${what}: shards 0-3 of 4 merge to the runEnsemble result, bit for bit`, async () => {
      const files: string[] = [];
      for (let i = 0; i < 4; i++) {
        const s = await runEnsembleShard(make(), { index: i, count: 4 });
        expect(s.replicates.map((x) => x.r)).toEqual(
          Array.from({ length: 9 }, (_, r) => r).filter((r) => r % 4 === i && r < make().runs),
        );
        const f = join(dir, `${what.length}-${i}.ndjson`);
        writeShard(s, f);
        files.push(f);
      }
      const { result, header } = mergeShards(files.reverse());
      const direct = await runEnsemble(make());
      expect(result).toEqual(direct); // typed arrays compared element by element; NaN equals NaN
      expect(header.experiment.graph.kind).toBe(typeof make().graph === 'string' ? 'spec' : 'graph');
      expect(readFileSync(files[0], 'utf8').split('\n')[0]).toMatch(/"check":"[0-9a-f]{16}"\}$/);
    });
  }
  it('refuses a shard index outside 0 … N−1', async () => {
    await expect(runEnsembleShard({ graph: 'er:n=100,k=2', runs: 3 }, { index: 2, count: 2 })).rejects.toThrow(
      /shard\.index: 2 is not allowed/,
    );
  });
});
