/**
 * Smoke test of the benchmark harness's pure parts (no timings are asserted).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allAgree,
  checkGnpEdgeCount,
  compareFields,
  compareRelative,
  compareSequences,
  parseNumbers,
} from '../../bench/lib/agree.ts';
import { bestPeer, consoleTable, markdownReport } from '../../bench/lib/report.ts';
import { formatMs, formatRatio, formatSummary, median, speedRatio, summarize } from '../../bench/lib/stats.ts';
import { MAX_REPS, timeReps } from '../../bench/lib/timing.ts';
import { FunctionUnavailable, libFunction } from '../../bench/lib/resolve.ts';
import type { Row } from '../../bench/workloads/index.ts';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { sweepSite } from '../../src/montecarlo/sweep-site.ts';

describe('timing summaries', () => {
  it('median, min, max of odd and even samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
    expect(summarize([5, 1, 9, 3])).toEqual({ median: 4, min: 1, max: 9, reps: 4 });
  });

  it('ratio = peer / fragility, formatted with a precision that depends on its size', () => {
    expect(speedRatio(30, 10)).toBe(3);
    expect(speedRatio(undefined, 10)).toBeNaN();
    expect(speedRatio(5, 0)).toBeNaN();
    expect(formatRatio(3)).toBe('3.00×');
    expect(formatRatio(0.714)).toBe('0.71×');
    expect(formatRatio(12.345)).toBe('12.3×');
    expect(formatRatio(123.4)).toBe('123×');
    expect(formatRatio(NaN)).toBe('–');
  });

  it('durations keep 2–4 significant digits', () => {
    expect(formatMs(0.8412)).toBe('0.841 ms');
    expect(formatMs(4.213)).toBe('4.21 ms');
    expect(formatMs(312.4)).toBe('312 ms');
    expect(formatMs(4213)).toBe('4.21 s');
    expect(formatMs(42130)).toBe('42.1 s');
    expect(formatSummary({ median: 20, min: 10, max: 30, reps: 3 })).toBe('20 ms [10 ms–30 ms]');
    expect(formatSummary({ median: 2000, min: 2000, max: 2000, reps: 1 })).toBe('2.00 s (1 run)');
  });

  it('timeReps runs warm-up + reps, and repeats fast operations up to the cap', async () => {
    let calls = 0;
    const slow = await timeReps(
      () => {
        calls++;
        const t = performance.now();
        while (performance.now() - t < 200); // 3 × 200 ms exceed the 500 ms total: no extra repetitions
        return calls;
      },
      { warmup: 1, reps: 3 },
    );
    expect(slow.times).toHaveLength(3);
    expect(slow.last).toBe(4);
    const fast = await timeReps(() => 1, { warmup: 1, reps: 3 });
    expect(fast.times).toHaveLength(MAX_REPS);
    const single = await timeReps(() => 1, { warmup: 0, reps: 1 });
    expect(single.times).toHaveLength(1);
  });
});

describe('agreement checks', () => {
  it('sequences: identical, or the first difference', () => {
    expect(compareSequences([1, 2, 3], Int32Array.from([1, 2, 3])).ok).toBe(true);
    const bad = compareSequences([1, 2, 3], [1, 5, 3]);
    expect(bad.ok).toBe(false);
    expect(bad.detail).toContain('index 1');
    expect(compareSequences([1, 2], [1, 2, 3]).ok).toBe(false);
  });

  it('relative tolerance 1e-9 with a floor of 1 for tiny values', () => {
    expect(compareRelative([1e6, 0, 2.5], [1e6 * (1 + 5e-10), 1e-12, 2.5]).ok).toBe(true);
    expect(compareRelative([1e6], [1e6 * (1 + 2e-9)]).ok).toBe(false);
    expect(compareRelative([1], [NaN]).ok).toBe(false);
  });

  it('fields, G(n,p) edge counts and conjunctions', () => {
    expect(compareFields({ G: 0.5, waves: 3 }, { G: 0.5, waves: 3 }, ['G', 'waves']).ok).toBe(true);
    expect(compareFields({ G: 0.5 }, { G: 0.25 }, ['G']).detail).toBe('G 0.5 vs 0.25');
    // n = 1e4, p = 4e-4: mean 19998, sd ≈ 141.4
    expect(checkGnpEdgeCount(10_000, 4 / 9999, 20_000).ok).toBe(true);
    expect(checkGnpEdgeCount(10_000, 4 / 9999, 21_000).ok).toBe(false);
    expect(
      allAgree([
        { ok: true, detail: 'a' },
        { ok: false, detail: 'b' },
      ]),
    ).toEqual({ ok: false, detail: 'a; FAIL b' });
    expect(Array.from(parseNumbers(' 1 2\n3.5 \n'))).toEqual([1, 2, 3.5]);
  });

  it('aligns fragility’s sweep with graph-tool’s convention on a tiny input', () => {
    // graph-tool's vertex_percolation(g, [2, 0, 1]) on the path 0–1–2 returns sizes [1, 1, 3] (measured with
    // graph-tool 2.45): the addition order is the reverse of fragility's removal order [1, 0, 2], and sizes[i] is
    // fragility's largest[i + 1].
    const g = CompactGraph.fromPairs(3, [
      [0, 1],
      [1, 2],
    ]);
    const s = sweepSite(g, [1, 0, 2]);
    expect(compareSequences(s.largest.subarray(1), [1, 1, 3]).ok).toBe(true);
  });
});

describe('graph-tool peer on a tiny input (skipped when graph-tool is not installed)', () => {
  const hasGraphTool = spawnSync('/usr/bin/python3', ['-c', 'import graph_tool'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!hasGraphTool)(
    'bench/peers.py gt-site gives fragility’s largest-cluster sequence',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'bench-'));
      // a triangle 0-1-2 with a tail 2-3 and an isolated node 4; removal order [2, 4, 0, 3, 1]
      const g = CompactGraph.fromPairs(5, [
        [0, 1],
        [1, 2],
        [0, 2],
        [2, 3],
      ]);
      const order = [2, 4, 0, 3, 1];
      writeFileSync(join(dir, 'g.edges'), '# test\n0 1\n1 2\n0 2\n2 3\n');
      writeFileSync(join(dir, 'g.order'), [...order].reverse().join(' '));
      const r = spawnSync(
        '/usr/bin/python3',
        ['bench/peers.py', 'gt-site', join(dir, 'g.edges'), join(dir, 'g.order'), '5', join(dir, 'gt.out'), '0', '1'],
        {
          encoding: 'utf8',
        },
      );
      expect(r.status).toBe(0);
      const theirs = parseNumbers(readFileSync(join(dir, 'gt.out'), 'utf8'));
      expect(Array.from(theirs)).toEqual(Array.from(sweepSite(g, order).largest.subarray(1)));
    },
    60_000,
  );
});

describe('late binding and report', () => {
  it('a missing library function is reported, not thrown as a crash', async () => {
    await expect(
      libFunction('noSuchFunction', 'montecarlo/index.ts', 'montecarlo/sweep-site.ts'),
    ).rejects.toBeInstanceOf(FunctionUnavailable);
    expect(typeof (await libFunction('sweepSite', 'montecarlo/no-such-barrel.ts', 'montecarlo/sweep-site.ts'))).toBe(
      'function',
    );
  });

  it('tables mark failed agreements, skipped workloads and the best peer', () => {
    const rows: Row[] = [
      {
        id: 'a',
        title: 'site sweep',
        fragility: summarize([10, 12, 11]),
        peakRssMB: 200,
        peers: [
          { name: 'graph-tool', summary: summarize([20, 22, 21]), ratio: 21 / 11 },
          { name: 'networkx', summary: summarize([200, 220, 210]), ratio: 210 / 11 },
        ],
        agreement: { ok: false, detail: 'first difference at index 3' },
        notes: [],
      },
      { id: 'b', title: 'overload', peers: [], skipped: 'simulateOverload not available', notes: [] },
    ];
    expect(bestPeer(rows[0])?.name).toBe('graph-tool');
    const text = consoleTable(rows);
    expect(text).toContain('FAIL');
    expect(text).toContain('skipped: simulateOverload not available');
    expect(text).toContain('graph-tool 21 ms (1.91×)');
    const md = markdownReport(rows, {
      date: '2026-01-01T00:00:00Z',
      cpu: 'test CPU',
      cores: 2,
      memoryGB: 4,
      node: 'v20',
      npm: '11',
      versions: { python: '3.11', 'graph-tool': '2.45', 'python-igraph': '0.10', networkx: '2.8' },
      loadStart: [5, 5, 5],
      loadEnd: [5, 5, 5],
      command: 'npm run bench',
    });
    expect(md).toContain('test CPU, 2 cores');
    expect(md).toContain('Measured under load');
    expect(md).toContain('| site sweep | 11 ms [10 ms–12 ms] | 200 MB |');
    expect(md).toContain('agreement FAILED: first difference at index 3');
  });
});
