// Progress on stderr (issue 18): sweep and betweenness draw it unless --no-progress, and not under --json when stderr
// is not a terminal (here it is a pipe); betweenness reports its sources chunk by chunk.
import { describe, expect, it } from 'vitest';
import { runCliAsync } from './cli-run.ts';
import { betweenness, betweennessParallel } from '../../src/cascade/betweenness.ts';
import { barabasiAlbert } from '../../src/generators/barabasi-albert.ts';
import { stream } from '../../src/random/stream.ts';

describe('progress', () => {
  it('betweenness onProgress: non-decreasing, ends at the number of sources, 1 and 2 threads, exact and sampled', async () => {
    const g = barabasiAlbert(1500, 2, stream(1));
    for (const run of [
      (cb: (d: number, t: number) => void) => Promise.resolve(betweenness(g, { onProgress: cb })),
      (cb: (d: number, t: number) => void) => Promise.resolve(betweenness(g, { samples: 300, onProgress: cb })),
      (cb: (d: number, t: number) => void) => betweennessParallel(g, { workers: 2, onProgress: cb }),
    ]) {
      const seen: [number, number][] = [];
      await run((d, t) => seen.push([d, t]));
      expect(seen.length).toBeGreaterThan(1);
      for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
      const [lastDone, total] = seen[seen.length - 1];
      expect(lastDone).toBe(total);
      expect(seen.every(([, t]) => t === total)).toBe(true);
    }
  });

  it('CLI, stderr a pipe: a progress line without --json; nothing with --json or --no-progress', async () => {
    const args = ['betweenness', '--graph', 'ba:n=1000,m=2'];
    const [plain, json, off, sweep, sweepJson] = await Promise.all([
      runCliAsync(args),
      runCliAsync([...args, '--json']),
      runCliAsync([...args, '--no-progress']),
      runCliAsync(['sweep', '--graph', 'er:n=2000,k=4', '--runs', '3', '--bootstrap', '0']),
      runCliAsync(['sweep', '--graph', 'er:n=2000,k=4', '--runs', '3', '--bootstrap', '0', '--json']),
    ]);
    for (const r of [plain, json, off, sweep, sweepJson]) expect(r.status, r.stderr).toBe(0);
    expect(plain.stderr).toMatch(/betweenness \[.*\] \d+\/1000 sources/);
    expect(json.stderr).toBe('');
    expect(off.stderr).toBe('');
    expect(sweep.stderr).toMatch(/sweep \[.*\] \d+\/3 replicates/);
    expect(sweepJson.stderr).toBe('');
  });
});
