// Issue 19 part 1: `sweep --shard i/N` and `fragility merge`. Sharded-and-merged runs must print byte-identical
// output to the unsharded run (replicate r draws from stream(seed, r) only; the reduction is in replicate order), and
// merge must refuse anything that is not exactly the replicates 0 … R−1 of one experiment. In process
// (test/cli/in-process.ts) except one spawned run that checks the real stdout stream.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineCheck } from '../../src/montecarlo/checkpoint.ts';
import { integerRanges, parseShard, shardReplicates } from '../../src/montecarlo/shard.ts';
import { runCli } from './cli-run.ts';
import { type InProcessRun, runInProcess, oneLineExit2 } from './in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-shard-'));
let fileNo = 0;
const tmp = (name: string) => join(dir, `${fileNo++}-${name}`);

const BASE = ['--graph', 'rr:n=2000,k=3', '--runs', '7', '--seed', '3'];

async function ok(command: string, args: string[]): Promise<InProcessRun> {
  const r = await runInProcess(command, args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r;
}

/** Run shards i/N of `args` to files; return their paths. */
async function shards(args: string[], N: number, indices = Array.from({ length: N }, (_, i) => i)): Promise<string[]> {
  const out: string[] = [];
  for (const i of indices) {
    const f = tmp(`s${i}of${N}.ndjson`);
    await ok('sweep', [...args, '--shard', `${i}/${N}`, '--shard-out', f, '--no-progress']);
    out.push(f);
  }
  return out;
}

const unsharded = new Map<string, Promise<InProcessRun>>();
function full(args: string[], json = true): Promise<InProcessRun> {
  const key = JSON.stringify([args, json]);
  if (!unsharded.has(key)) unsharded.set(key, ok('sweep', [...args, ...(json ? ['--json'] : []), '--no-progress']));
  return unsharded.get(key)!;
}

describe('shard helpers', () => {
  it('shard i of N holds r with r mod N = i', () => {
    expect(shardReplicates(7, { index: 1, count: 3 })).toEqual([1, 4]);
    expect(shardReplicates(7, { index: 0, count: 3 })).toEqual([0, 3, 6]);
    expect(shardReplicates(3, { index: 4, count: 5 })).toEqual([]);
  });
  it('parses i/N and refuses anything else', () => {
    expect(parseShard('--shard', '2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['3/3', '1/0', '-1/3', 'a/b', '1', '1/2/3', ''])
      expect(() => parseShard('--shard', bad)).toThrow(/--shard: .*expected i\/N/);
  });
  it('prints integer sets as ranges', () => {
    expect(integerRanges([1, 2, 3, 7, 9, 10])).toBe('1-3, 7, 9-10');
    expect(integerRanges([4])).toBe('4');
  });
});

describe('sweep --shard + merge = the unsharded run, byte for byte', () => {
  it('rr:n=2000,k=3 --runs 7 --seed 3: shards 0/3, 1/3, 2/3 (JSON and text)', async () => {
    const files = await shards(BASE, 3);
    const merged = await ok('merge', [...files, '--json']);
    expect(merged.stdout).toBe((await full(BASE)).stdout);
    expect(JSON.parse(merged.stdout).runs).toBe(7);
    // Files in any order; the text report too.
    const text = await ok('merge', [files[2], files[0], files[1]]);
    expect(text.stdout).toBe((await full(BASE, false)).stdout);
    // Replicates are written in increasing r: shard 1/3 holds r = 1, 4.
    const lines = readFileSync(files[1], 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).r)).toEqual([undefined, 1, 4]);
    const header = JSON.parse(lines[0]);
    expect(header).toMatchObject({ format: 'fragility-sweep-checkpoint/2', runs: 7, shard: { index: 1, count: 3 } });
  });

  it('N = 1 and N > runs (shards 7, 8, 9 of 10 hold no replicate)', async () => {
    const one = await shards(BASE, 1);
    expect((await ok('merge', [...one, '--json'])).stdout).toBe((await full(BASE)).stdout);
    const ten = await shards(BASE, 10);
    expect(readFileSync(ten[9], 'utf8').trimEnd().split('\n')).toHaveLength(1); // header only
    expect((await ok('merge', [...ten, '--json'])).stdout).toBe((await full(BASE)).stdout);
  });

  it('a shard to stdout equals its --shard-out file; --json with --shard-out prints a summary', async () => {
    const f = tmp('s.ndjson');
    const summary = await ok('sweep', [...BASE, '--shard', '2/3', '--shard-out', f, '--json']);
    expect(JSON.parse(summary.stdout)).toMatchObject({
      shard: { index: 2, count: 3 },
      runs: 7,
      replicates: 2,
      file: f,
    });
    const stdout = await ok('sweep', [...BASE, '--shard', '2/3']);
    expect(stdout.stdout).toBe(readFileSync(f, 'utf8'));
  });

  it('--shard with --checkpoint/--resume; a shard file resumes as a checkpoint', async () => {
    const ck = tmp('ck.ndjson');
    const first = await ok('sweep', [...BASE, '--shard', '1/3', '--checkpoint', ck]);
    const again = await ok('sweep', [...BASE, '--shard', '1/3', '--checkpoint', ck, '--resume']); // all from the checkpoint
    expect(again.stdout).toBe(first.stdout);
    const shardFile = tmp('as-ck.ndjson');
    writeFileSync(shardFile, first.stdout);
    const resumed = await ok('sweep', [...BASE, '--checkpoint', shardFile, '--resume', '--json']);
    const direct = JSON.parse((await full(BASE)).stdout);
    expect(JSON.parse(resumed.stdout)).toEqual({ ...direct, resumed: 2 }); // r = 1, 4 taken from the shard
  });

  it('the same shard bytes for --workers 1 and 2', async () => {
    const a = await ok('sweep', [...BASE, '--shard', '0/2', '--workers', '1']);
    const b = await ok('sweep', [...BASE, '--shard', '0/2', '--workers', '2']);
    expect(b.stdout).toBe(a.stdout);
  });

  it('a file graph (edges:data/karate.edges), degree order, gap estimator', async () => {
    const args = [
      '--graph',
      'edges:data/karate.edges',
      '--runs',
      '5',
      '--seed',
      '11',
      '--order',
      'degree',
      '--estimator',
      'gap',
      '--q',
      '0.3,0.7',
    ];
    const files = await shards(args, 2);
    expect((await ok('merge', [...files, '--json'])).stdout).toBe((await full(args)).stdout);
    const header = JSON.parse(readFileSync(files[0], 'utf8').split('\n')[0]);
    expect(header.experiment.graph).toMatchObject({ kind: 'file', spec: 'edges:data/karate.edges' });
    expect(header.output).toEqual({ command: 'sweep', graph: 'edges:data/karate.edges', estimator: 'gap' });
  });

  it('the wrapping estimator on a periodic lattice (square:L=16, bond)', async () => {
    const args = [
      '--graph',
      'square:L=16',
      '--mode',
      'bond',
      '--runs',
      '6',
      '--seed',
      '5',
      '--estimator',
      'wrapping',
      '--grid-points',
      '51',
    ];
    const files = await shards(args, 4);
    expect((await ok('merge', [...files, '--json'])).stdout).toBe((await full(args)).stdout);
  });

  it('property: for random R <= 12 and N <= 5, merge(shards) === the unsharded JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        async (R, N, seed) => {
          const args = [
            '--graph',
            'er:n=300,k=3',
            '--runs',
            String(R),
            '--seed',
            String(seed),
            '--grid-points',
            '41',
            '--q',
            '0.5',
          ];
          const files = await shards(args, N);
          const merged = await ok('merge', [...files, '--json']);
          const direct = await ok('sweep', [...args, '--json', '--no-progress']);
          expect(merged.stdout).toBe(direct.stdout);
        },
      ),
      { numRuns: 25, seed: 19 },
    );
  }, 120_000);
});

describe('merge refuses what is not one complete experiment (exit 2, one line)', () => {
  it('a shard from another experiment: different seed', async () => {
    const [s0, s1] = await shards(BASE, 3, [0, 1]);
    const [other] = await shards(['--graph', 'rr:n=2000,k=3', '--runs', '7', '--seed', '4'], 3, [2]);
    oneLineExit2(
      await runInProcess('merge', [s0, s1, other]),
      new RegExp(
        `^fragility: merge: "${other}" is not allowed; .*experiment\\.seed differs: this file has 4, .* has 3\\)$`,
      ),
    );
  });

  it('a shard from another experiment: same path, different graph file content', async () => {
    const g = tmp('g.edges');
    copyFileSync('data/karate.edges', g);
    const args = ['--graph', `edges:${g}`, '--runs', '4', '--seed', '2'];
    const [s0] = await shards(args, 2, [0]);
    writeFileSync(g, readFileSync(g, 'utf8') + '0 9\n'); // one more edge
    const [s1] = await shards(args, 2, [1]);
    oneLineExit2(
      await runInProcess('merge', [s0, s1]),
      /^fragility: merge: .*experiment\.graph\.(bytes|sha256) differs: this file has .*\)$/,
    );
  });

  it('a different runs, or different report options', async () => {
    const [s0] = await shards(BASE, 2, [0]);
    const [s1] = await shards(['--graph', 'rr:n=2000,k=3', '--runs', '8', '--seed', '3'], 2, [1]);
    oneLineExit2(
      await runInProcess('merge', [s0, s1]),
      /^fragility: merge: .*runs differs: this file has 8, .* has 7\)$/,
    );
    const [g1] = await shards([...BASE, '--estimator', 'gap'], 2, [1]);
    oneLineExit2(
      await runInProcess('merge', [s0, g1]),
      /^fragility: merge: .*output\.estimator differs: this file has "gap", .* has "susceptibility"\)$/,
    );
  });

  it('a missing shard: names the missing replicates and the shard that holds them', async () => {
    const files = await shards(BASE, 3);
    oneLineExit2(
      await runInProcess('merge', [files[0], files[2]]),
      /^fragility: merge: "2 files" is not allowed; expected every replicate 0-6 .*\(replicates 1, 4 are missing; shard 1\/3 holds them\)$/,
    );
    const four = await shards(['--graph', 'rr:n=2000,k=3', '--runs', '12', '--seed', '3'], 4, [0, 3]);
    oneLineExit2(
      await runInProcess('merge', four),
      /\(replicates 1-2, 5-6, 9-10 are missing; shards 1\/4, 2\/4 hold them\)$/,
    );
  });

  it('a duplicate: the same numbers are accepted, different numbers are refused naming the replicate', async () => {
    const files = await shards(BASE, 3);
    expect((await ok('merge', [...files, files[1], '--json'])).stdout).toBe((await full(BASE)).stdout);
    // A forged copy of shard 1/3: replicate 4's giant curve changed, its checksum recomputed (a wrong computation,
    // not damage on disk).
    const lines = readFileSync(files[1], 'utf8').trimEnd().split('\n');
    const o = JSON.parse(lines[2]);
    expect(o.r).toBe(4);
    o.giant[100] = o.giant[100] + 1e-9;
    delete o.check;
    const body = JSON.stringify(o).slice(0, -1);
    const fingerprint = JSON.parse(lines[0]).fingerprint;
    lines[2] = `${body},"check":"${lineCheck(fingerprint, body)}"}`;
    const forged = tmp('forged.ndjson');
    writeFileSync(forged, lines.join('\n') + '\n');
    oneLineExit2(
      await runInProcess('merge', [...files, forged]),
      /\(replicate 4 appears twice with different numbers\)$/,
    );
  });

  it('a corrupted line, a cut file, a checkpoint without a shard header, a missing file', async () => {
    const files = await shards(BASE, 3);
    const text = readFileSync(files[2], 'utf8');
    const bad = tmp('bad.ndjson');
    const l2 = text.indexOf('\n') + 1;
    const digit = text.indexOf('0.', text.indexOf('"giant"', l2)) + 2;
    writeFileSync(bad, text.slice(0, digit) + (text[digit] === '9' ? '8' : '9') + text.slice(digit + 1));
    oneLineExit2(
      await runInProcess('merge', [files[0], files[1], bad]),
      /\(line 2 fails its checksum \(damaged, edited, or copied from another experiment\)\)$/,
    );
    const cut = tmp('cut.ndjson');
    writeFileSync(cut, text.slice(0, text.length - 40));
    oneLineExit2(
      await runInProcess('merge', [files[0], files[1], cut]),
      /\(line 3 has no newline \(the file was cut while written\)\)$/,
    );
    const ck = tmp('ck.ndjson');
    await ok('sweep', [...BASE, '--checkpoint', ck, '--json']);
    oneLineExit2(await runInProcess('merge', [ck]), /without a shard descriptor/);
    oneLineExit2(await runInProcess('merge', [join(dir, 'absent.ndjson')]), /^fragility: merge: .*no such file\)$/);
  });
});

describe('sweep --shard input checks (exit 2 before any work)', () => {
  const cases: [string[], RegExp][] = [
    [
      ['--shard', '3/3'],
      /--shard: "3\/3" is not allowed; expected i\/N with N an integer in \[1, 1000000000\] and i an integer in \[0, N-1\]/,
    ],
    [['--shard', 'x'], /--shard: "x" is not allowed; expected i\/N/],
    [['--shard', '0/0'], /--shard: "0\/0" is not allowed/],
    [['--shard-out', '/tmp/x.ndjson'], /^fragility: --shard-out: .* expected used together with --shard i\/N$/],
    [
      ['--shard', '0/2', '--json'],
      /^fragility: --json: true is not allowed; expected used with --shard only together with --shard-out FILE/,
    ],
  ];
  for (const [extra, pattern] of cases) {
    it(`${extra.join(' ')}: exit 2`, async () => {
      oneLineExit2(await runInProcess('sweep', ['--graph', 'er:n=1000000000,k=4', '--runs', '3', ...extra]), pattern);
    });
  }
  it('--shard-out in a missing folder', async () => {
    oneLineExit2(
      await runInProcess('sweep', [...BASE, '--shard', '0/2', '--shard-out', join(dir, 'nope', 's.ndjson')]),
      /^fragility: --shard-out: .*ENOENT\)$/,
    );
  });
});

describe('real processes', () => {
  it('fragility sweep --shard to stdout, merged by fragility merge in a child process', async () => {
    const files = await shards(BASE, 2, [1]);
    const s0 = runCli(['sweep', ...BASE, '--shard', '0/2']); // spawned: the real stdout stream
    expect(s0.status).toBe(0);
    const f0 = tmp('stdout-s0.ndjson');
    writeFileSync(f0, s0.stdout);
    const merged = runCli(['merge', f0, files[0], '--json']); // spawned: merge registered in main.ts's COMMANDS
    expect(merged.status).toBe(0);
    expect(merged.stdout).toBe((await full(BASE)).stdout);
  }, 60_000);
});
