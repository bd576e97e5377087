// Issue 19 for the study-shaped commands: `fss --shard i/N` (one ensemble per size) and `calibrate --shard i/N` (a run
// family: the confirming simulations), merged by `fragility merge`. Sharded-and-merged runs must print the bytes of
// the unsharded run (replicate r of each part draws from its stream(seed, r) only; reductions in replicate order),
// and merge must refuse anything that is not exactly the replicates of one study. In process (test/cli/in-process.ts).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineCheck } from '../../src/montecarlo/checkpoint.ts';
import { mergeStudyShards, runStudyShard, writeStudyShard } from '../../src/montecarlo/study-shard.ts';
import { overloadTimelineFamily, timelinesOfValues } from '../../src/queue/tasks.ts';
import { withOverloadParams, skype2010OverloadParams } from '../../src/models/overload-params.ts';
import { type InProcessRun, runInProcess, oneLineExit2 } from './in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-study-'));
let fileNo = 0;
const tmp = (name: string) => join(dir, `${fileNo++}-${name}`);

// three sizes given out of order (the study sorts them; size i keeps seed + i), different runs per size
const FSS = ['--lattice', 'square', '--sizes', '8,16,12', '--runs', '9,7,8', '--seed', '4'];

async function ok(command: string, args: string[]): Promise<InProcessRun> {
  const r = await runInProcess(command, args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r;
}

async function fssShards(
  args: string[],
  N: number,
  indices = Array.from({ length: N }, (_, i) => i),
): Promise<string[]> {
  const out: string[] = [];
  for (const i of indices) {
    const f = tmp(`fss-${i}of${N}.ndjson`);
    await ok('fss', [...args, '--shard', `${i}/${N}`, '--shard-out', f, '--json']);
    out.push(f);
  }
  return out;
}

let localRun: InProcessRun | undefined;
/** The unsharded fss --json (run once, inside a test: in-process runs capture stdout one at a time). */
async function local(): Promise<InProcessRun> {
  localRun ??= await ok('fss', [...FSS, '--json']);
  return localRun;
}

describe('fss --shard and merge', () => {
  it('shards 0/3, 1/3, 2/3 merged in any order print the unsharded JSON and text byte for byte', async () => {
    const files = await fssShards(FSS, 3);
    const merged = await ok('merge', [files[2], files[0], files[1], '--json']);
    expect(merged.stdout).toBe((await local()).stdout);
    expect((await ok('merge', files)).stdout).toBe((await ok('fss', [...FSS, '--no-progress'])).stdout);
    // the file: a study header, then per size (ascending L) a shard header and its replicates r ≡ i (mod 3)
    const lines = readFileSync(files[1], 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      type: 'study',
      format: 'fragility-study-shard/1',
      command: 'fss',
      shard: { index: 1, count: 3 },
    });
    expect(lines[0].experiments.map((e: { label: string }) => e.label)).toEqual(['L=8', 'L=12', 'L=16']);
    expect(
      lines.map((l) => (l.type === 'header' ? `h${l.reduction.graph}` : l.type === 'replicate' ? l.r : l.type)),
    ).toEqual(['study', 'hsquare:L=8', 1, 4, 7, 'hsquare:L=12', 1, 4, 7, 'hsquare:L=16', 1, 4]);
  });

  it('shards of different N together complete (0/2 with 1/4 and 3/4), and a shard to stdout equals its file', async () => {
    const files = [...(await fssShards(FSS, 2, [0])), ...(await fssShards(FSS, 4, [1, 3]))];
    expect((await ok('merge', [...files, '--json'])).stdout).toBe((await local()).stdout);
    const stdout = await ok('fss', [...FSS, '--shard', '1/4']);
    expect(stdout.stdout).toBe(readFileSync(files[1], 'utf8'));
  });

  it('a missing shard: exit 2 naming the experiment, the replicates and the shard that holds them', async () => {
    const files = await fssShards(FSS, 3, [0, 1]);
    oneLineExit2(
      await runInProcess('merge', files),
      /experiment 1 of 3 \(L=8\): replicates 2, 5, 8 are missing; shard 2\/3 holds them\)$/,
    );
  });

  it('a shard of another study (another seed, another size list): exit 2 naming the difference', async () => {
    const [a] = await fssShards(FSS, 2, [0]);
    const [b] = await fssShards(
      FSS.map((x) => (x === '4' ? '5' : x)),
      2,
      [1],
    );
    oneLineExit2(
      await runInProcess('merge', [a, b]),
      /is not allowed; expected a shard of the study of .* \(experiment 1 \(L=8\) differs from the first file's \(L=8\): fingerprint/,
    );
    const [c] = await fssShards(['--lattice', 'square', '--sizes', '8,12', '--runs', '9,7', '--seed', '4'], 2, [1]);
    oneLineExit2(await runInProcess('merge', [a, c]), /the number of experiments differs: 2 against 3/);
  });

  it('an edited line, a cut file, flags that do not go together: exit 2 naming file and line or the flag', async () => {
    const [a, b] = await fssShards(FSS, 2);
    const lines = readFileSync(b, 'utf8').split('\n');
    const edited = tmp('edited.ndjson');
    writeFileSync(edited, [...lines.slice(0, 2), lines[2].replace('"n":64', '"n":65'), ...lines.slice(3)].join('\n'));
    oneLineExit2(await runInProcess('merge', [a, edited]), /line 3 fails its checksum/);
    const cut = tmp('cut.ndjson');
    writeFileSync(cut, lines.slice(0, 5).join('\n') + '\n');
    oneLineExit2(
      await runInProcess('merge', [a, cut]),
      /\(it holds 1 of the 3 sections its header names \(the file is incomplete\)\)$/,
    );
    oneLineExit2(
      await runInProcess('fss', [...FSS, '--shard', '0/2', '--queue', 'redis://127.0.0.1:1']),
      /--queue: .* used without --shard/,
    );
    oneLineExit2(
      await runInProcess('fss', [...FSS, '--shard-out', tmp('x.ndjson')]),
      /--shard-out: .* used together with --shard i\/N/,
    );
  });
});

describe('run families (the calibration simulations) sharded and merged', () => {
  // a small overload model: half-hour runs at scale 0.003
  const params = withOverloadParams(skype2010OverloadParams, { durationHours: 0.5 });
  const family = overloadTimelineFamily('simulation', params, 0.003, 3, 5);

  it('values of shards 0/2 and 1/2 merged equal the local values; an edited value that keeps its checksum is a conflict', async () => {
    const all = await family.compute([0, 1, 2, 3, 4]);
    const files: string[] = [];
    for (let i = 0; i < 2; i++) {
      const f = tmp(`runs-${i}.ndjson`);
      writeStudyShard(
        await runStudyShard(
          { command: 'calibrate', output: { x: 1 }, ensembles: [], runFamilies: [family] },
          { index: i, count: 2 },
        ),
        f,
      );
      files.push(f);
    }
    const m = mergeStudyShards([files[1], files[0]]);
    expect(JSON.stringify(m.values)).toBe(JSON.stringify([all]));
    expect(timelinesOfValues(m.values[0])[4].length).toBeGreaterThan(2);
    // run 3 forged with a valid checksum (the fingerprint is public): two files disagree on it
    const lines = readFileSync(files[1], 'utf8').trimEnd().split('\n');
    const fp = JSON.parse(lines[1]).fingerprint as string;
    const o = JSON.parse(lines[3]);
    expect(o.r).toBe(3);
    o.value.online[0] = 0.5;
    const body = JSON.stringify({ type: 'run', r: 3, value: o.value }).slice(0, -1);
    lines[3] = `${body},"check":"${lineCheck(fp, body)}"}`;
    const forged = tmp('forged.ndjson');
    writeFileSync(forged, lines.join('\n') + '\n');
    expect(() => mergeStudyShards([...files, forged])).toThrow(
      /experiment 1 of 1 \(simulation\): run 3 appears twice with different values/,
    );
    expect(() => mergeStudyShards([files[0]])).toThrow(
      /run 1, 3 are missing; shard 1\/2 holds them|runs 1, 3 are missing; shard 1\/2 holds them/,
    );
  });

  // The CLI path of calibrate (fit, then this family here, in shards or on the queue) is not run here: each
  // calibrate run costs a fluid solve of ≈ 15 s (37 s at load 19 on the 2-core machine). Checked by hand, see the
  // commit body: skype-2007 --sim-runs 3 --sim-scale 0.02 --seed 2, merged shards == local JSON byte for byte.
});
