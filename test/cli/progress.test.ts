// Progress on stderr (issue 18): sweep and betweenness draw it unless --no-progress, and not under --json when stderr
// is not a terminal (here it is a pipe); betweenness reports its sources chunk by chunk. cascade (motter-lai,
// efficiency), mp, fss and scenario follow the same rules (progressLines / progressBar in src/cli/common.ts).
import { describe, expect, it } from 'vitest';
import { runCliAsync } from './cli-run.ts';
import { type InProcessRun, runCliIn } from './in-process.ts';
import { betweenness, betweennessParallel } from '../../src/cascade/betweenness.ts';
import { barabasiAlbert } from '../../src/generators/barabasi-albert.ts';
import { stream } from '../../src/random/stream.ts';
import { progressLines } from '../../src/cli/common.ts';

/**
 * Run `fragility ...args` in process (test/cli/in-process.ts) with process.stderr.isTTY false, as in a child process
 * whose stderr is a pipe, whatever the terminal the tests run in.
 */
async function inPipe(args: string[]): Promise<InProcessRun> {
  const desc = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
  try {
    return await runCliIn(args);
  } finally {
    if (desc) Object.defineProperty(process.stderr, 'isTTY', desc);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
}

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
    // one child process (a real pipe for stderr); the other cases in process with stderr.isTTY false
    const args = ['betweenness', '--graph', 'ba:n=1000,m=2'];
    const child = runCliAsync(args); // runs while the in-process cases below do
    const json = await inPipe([...args, '--json']);
    const off = await inPipe([...args, '--no-progress']);
    const sweep = await inPipe(['sweep', '--graph', 'er:n=2000,k=4', '--runs', '3', '--bootstrap', '0']);
    const sweepJson = await inPipe(['sweep', '--graph', 'er:n=2000,k=4', '--runs', '3', '--bootstrap', '0', '--json']);
    const plain = await child;
    for (const r of [plain, json, off, sweep, sweepJson]) expect(r.status, r.stderr).toBe(0);
    expect(plain.stderr).toMatch(/betweenness \[.*\] \d+\/1000 sources/);
    expect(json.stderr).toBe('');
    expect(off.stderr).toBe('');
    expect(sweep.stderr).toMatch(/sweep \[.*\] \d+\/3 replicates/);
    expect(sweepJson.stderr).toBe('');
  });
});

describe('progress of cascade, mp, fss (issue 18): lines on stderr unless --no-progress or --json with stderr a pipe', () => {
  // in process with stderr.isTTY false (inPipe); each command's real process is run by test/cli/smoke.test.ts
  const commands: [string, string[], RegExp][] = [
    [
      'mp',
      ['mp', '--graph', 'er:n=2000,k=4', '--mode', 'bond', '--q', '0.5'],
      /^\[\d+\.\d s\] mp: non-backtracking radius: iteration 1\n/m,
    ],
    [
      'cascade motter-lai',
      ['cascade', 'motter-lai', '--graph', 'ba:n=300,m=2', '--alpha', '0.2'],
      /^\[\d+\.\d s\] motter-lai: intact loads: \d+\/300 sources$/m,
    ],
    [
      'cascade efficiency',
      ['cascade', 'efficiency', '--graph', 'ba:n=60,m=2', '--alpha', '0.2'],
      /^\[\d+\.\d s\] efficiency: step 1 \(at most 100; stops at a steady state\)$/m,
    ],
    [
      'fss',
      ['fss', '--lattice', 'square', '--sizes', '8,12', '--runs', '3', '--omega', '2'],
      /fss \[.*\] \d+\/6 replicates/,
    ],
  ];
  for (const [name, args, want] of commands) {
    it(`${name}`, async () => {
      const plain = await inPipe(args);
      const json = await inPipe([...args, '--json']);
      const off = await inPipe([...args, '--no-progress']);
      for (const r of [plain, json, off]) expect(r.status, r.stderr).toBe(0);
      expect(plain.stderr).toMatch(want);
      expect(json.stderr).toBe('');
      expect(off.stderr).toBe('');
      expect(JSON.parse(json.stdout)).toBeTypeOf('object');
    }, 60_000);
  }
});

describe('progressLines (cascade, mp, scenario)', () => {
  function capture(isTTY: boolean, run: () => void): string {
    const desc = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    const write = process.stderr.write;
    let out = '';
    Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
    process.stderr.write = ((s: string) => {
      out += s;
      return true;
    }) as typeof process.stderr.write;
    try {
      run();
    } finally {
      process.stderr.write = write;
      if (desc) Object.defineProperty(process.stderr, 'isTTY', desc);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
    return out;
  }

  it('the first line at once, then at most one unforced line per interval; forced lines always', () => {
    const out = capture(false, () => {
      const say = progressLines({}, 'x', 60_000);
      say('a');
      say('b'); // within the interval: dropped
      say('c', true); // a phase: printed
      say('d');
    });
    expect(out).toMatch(/^\[\d+\.\d s\] x: a\n\[\d+\.\d s\] x: c\n$/);
    expect(capture(false, () => progressLines({}, '')('phase', true))).toMatch(/^\[\d+\.\d s\] phase\n$/);
  });

  it('off with --no-progress; off under --json when stderr is not a terminal, on when it is', () => {
    expect(capture(false, () => progressLines({ progress: false }, 'x')('a', true))).toBe('');
    expect(capture(true, () => progressLines({ progress: false }, 'x')('a', true))).toBe('');
    expect(capture(false, () => progressLines({ json: true }, 'x')('a', true))).toBe('');
    expect(capture(true, () => progressLines({ json: true }, 'x')('a', true))).toMatch(/x: a/);
    expect(capture(false, () => progressLines({ progress: true }, 'x')('a'))).toMatch(/x: a/);
  });

  it('--progress forces it on under --json with stderr a pipe (a batch job); --no-progress turns it off even on a terminal', () => {
    expect(capture(false, () => progressLines({ progress: true, json: true }, 'x')('a', true))).toMatch(/x: a/);
    expect(capture(true, () => progressLines({ progress: false, json: true }, 'x')('a', true))).toBe('');
  });
});
