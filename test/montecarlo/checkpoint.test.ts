// Checkpoints that know their experiment (issue 14): a resume on another graph file, other options, a damaged or
// foreign line is refused with one line naming what differs; a run killed with SIGKILL resumes to exactly the
// uninterrupted result.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FragilityInputError } from '../../src/errors.ts';
import { CHECKPOINT_FORMAT, experimentFingerprint, type ExperimentIdentity } from '../../src/montecarlo/checkpoint.ts';
import { defaultOccupationGrid, runEnsemble, type EnsembleResult } from '../../src/montecarlo/ensemble.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fragility-checkpoint-'));
const grid = [0, 0.25, 0.5, 0.6, 0.75, 1];

function strip(r: EnsembleResult): string {
  const { resumed, retries, ...rest } = r;
  void resumed;
  void retries;
  return JSON.stringify(rest, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FragilityInputError);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('expected a refusal');
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

describe('experimentFingerprint', () => {
  const id: ExperimentIdentity = {
    graph: { kind: 'spec', spec: 'er:n=100,k=4' },
    seed: 1,
    mode: 'site',
    order: 'random',
    qs: [0, 0.5, 1],
    microcanonical: false,
    betweennessSamples: null,
  };
  it('is independent of key order and changes with every field', () => {
    const reordered = JSON.parse(
      JSON.stringify({
        qs: id.qs,
        betweennessSamples: null,
        order: 'random',
        mode: 'site',
        seed: 1,
        microcanonical: false,
        graph: { spec: 'er:n=100,k=4', kind: 'spec' },
      }),
    );
    expect(experimentFingerprint(reordered)).toBe(experimentFingerprint(id));
    const variants: ExperimentIdentity[] = [
      { ...id, graph: { kind: 'spec', spec: 'er:n=100,k=5' } },
      { ...id, seed: 2 },
      { ...id, mode: 'bond' },
      { ...id, order: 'degree' },
      { ...id, qs: [0, 0.5] },
      { ...id, microcanonical: true },
      { ...id, betweennessSamples: 10 },
    ];
    const all = new Set([id, ...variants].map(experimentFingerprint));
    expect(all.size).toBe(variants.length + 1);
    expect(experimentFingerprint(id)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('resume refuses another experiment', () => {
  it('another graph FILE under the same spec string: refused, naming graph.sha256', async () => {
    const file = join(dir, 'g.edges');
    writeFileSync(file, '0 1\n1 2\n2 3\n3 0\n0 2\n');
    const ck = join(dir, 'file.ndjson');
    const spec = `edges:${file}`;
    await runEnsemble({ graph: spec, runs: 3, seed: 1, grid, checkpoint: ck });
    expect(JSON.parse(lines(ck)[0]).experiment.graph.kind).toBe('file');
    // Same bytes: resumes. Changed bytes (same path, same spec): refused.
    expect((await runEnsemble({ graph: spec, runs: 3, seed: 1, grid, checkpoint: ck, resume: true })).resumed).toBe(3);
    writeFileSync(file, '0 1\n1 2\n2 3\n3 0\n1 3\n');
    const msg = await refusal(runEnsemble({ graph: spec, runs: 3, seed: 1, grid, checkpoint: ck, resume: true }));
    expect(msg).toMatch(/^--checkpoint: .*\(graph\.sha256 differs: the file has "[0-9a-f]+", this run has "[0-9a-f]+"/);
  });
  it('other replicate options (betweenness pivots, q grid, mode, order) are refused by name', async () => {
    const ck = join(dir, 'opts.ndjson');
    const base = {
      graph: 'square:L=6',
      runs: 2,
      seed: 1,
      grid,
      order: 'betweenness' as const,
      betweennessSamples: 4,
      checkpoint: ck,
    };
    await runEnsemble(base);
    expect(await refusal(runEnsemble({ ...base, betweennessSamples: 5, resume: true }))).toMatch(
      /betweennessSamples differs: the file has 4, this run has 5/,
    );
    expect(await refusal(runEnsemble({ ...base, at: [0.3], resume: true }))).toMatch(/qs differs/);
    expect(await refusal(runEnsemble({ ...base, order: 'degree', resume: true }))).toMatch(
      /order differs: the file has "betweenness", this run has "degree"/,
    );
    expect(await refusal(runEnsemble({ ...base, graph: 'square:L=7', resume: true }))).toMatch(/graph\.spec differs/);
  });
  it('a version-1 checkpoint (spec only, no content) is refused with a reason', async () => {
    const ck = join(dir, 'v1.ndjson');
    writeFileSync(
      ck,
      JSON.stringify({ type: 'header', format: 'fragility-sweep-checkpoint/1', spec: 'square:L=6', seed: 1 }) + '\n',
    );
    expect(
      await refusal(runEnsemble({ graph: 'square:L=6', runs: 2, seed: 1, grid, checkpoint: ck, resume: true })),
    ).toMatch(/format fragility-sweep-checkpoint\/1, which does not record the graph content/);
  });
});

describe('resume refuses damaged lines', () => {
  const opts = { graph: 'square:L=8', runs: 4, seed: 2, grid };
  async function written(name: string): Promise<string[]> {
    const ck = join(dir, name);
    await runEnsemble({ ...opts, checkpoint: ck });
    return lines(ck);
  }
  const damage: [string, (l: string[]) => string[], RegExp][] = [
    [
      'a truncated array',
      (l) => [l[0], l[1].replace(/"giant":\[[^\]]*\]/, '"giant":[0.5]'), ...l.slice(2)],
      /line 2 is not a valid replicate \(giant: /,
    ],
    [
      'strings in place of numbers',
      (l) => [l[0], l[1].replace(/"gapQ":([0-9.e-]+)/, '"gapQ":"$1"'), ...l.slice(2)],
      /line 2 is not a valid replicate \(gapQ: /,
    ],
    [
      'an edited number (valid schema)',
      (l) => [l[0], l[1], l[2].replace(/"giant":\[0,/, '"giant":[0.001,'), ...l.slice(3)],
      /line 3 fails its checksum/,
    ],
    ['a torn line in the middle', (l) => [l[0], l[1].slice(0, 40), ...l.slice(2)], /line 2 is not JSON/],
    [
      'an edited header',
      (l) => [l[0].replace('"runs":4', '"runs":4,"x":1'), ...l.slice(1)],
      /line 1 is not a valid header/,
    ],
    [
      'a header fingerprint that does not match its experiment',
      (l) => [l[0].replace('"seed":2', '"seed":3'), ...l.slice(1)],
      /header fingerprint does not match/,
    ],
    [
      'an unknown field',
      (l) => [l[0], l[1].replace('"type":"replicate",', '"type":"replicate","extra":1,'), ...l.slice(2)],
      /line 2 is not a valid replicate/,
    ],
  ];
  for (const [what, edit, expected] of damage) {
    it(`${what}: exit-2 error naming the line`, async () => {
      const l = await written(`damage-${what.replace(/\W+/g, '-')}.ndjson`);
      const ck = join(dir, `damaged-${what.replace(/\W+/g, '-')}.ndjson`);
      writeFileSync(ck, edit(l).join('\n') + '\n');
      expect(await refusal(runEnsemble({ ...opts, checkpoint: ck, resume: true }))).toMatch(expected);
    });
  }
  it('a line copied from another experiment fails its checksum (never mixed)', async () => {
    const a = await written('mix-a.ndjson');
    const ckB = join(dir, 'mix-b.ndjson');
    await runEnsemble({ ...opts, graph: 'square:L=9', checkpoint: ckB });
    const b = lines(ckB);
    // Replicate 1 of experiment B pasted in place of replicate 1 of A (same schema: same q grid).
    const ck = join(dir, 'mixed.ndjson');
    writeFileSync(ck, [a[0], a[1], b[2]].join('\n') + '\n');
    expect(await refusal(runEnsemble({ ...opts, checkpoint: ck, resume: true }))).toMatch(/line 3 fails its checksum/);
  });
  it('a final line without its newline (a write cut by a kill) is dropped, the rest resumed', async () => {
    const l = await written('torn.ndjson');
    const ck = join(dir, 'torn2.ndjson');
    writeFileSync(ck, l.slice(0, 3).join('\n') + '\n' + l[3].slice(0, 60));
    const full = await runEnsemble(opts);
    const res = await runEnsemble({ ...opts, checkpoint: ck, resume: true });
    expect(res.resumed).toBe(2);
    expect(strip(res)).toBe(strip(full));
    expect(lines(ck)).toHaveLength(5);
  });
  it('the header carries the v2 format and lines carry a 16-hex checksum', async () => {
    const l = await written('format.ndjson');
    const h = JSON.parse(l[0]);
    expect(h.format).toBe(CHECKPOINT_FORMAT);
    expect(h.fingerprint).toBe(experimentFingerprint(h.experiment));
    for (const line of l.slice(1)) expect(line).toMatch(/,"check":"[0-9a-f]{16}"\}$/);
  });
});

describe('large checkpoints are read in chunks', () => {
  it('a file over 1 MiB (lines across chunk boundaries) resumes to the uninterrupted result', async () => {
    const ck = join(dir, 'large.ndjson');
    const opts = { graph: 'square:L=4', runs: 150, seed: 9, grid: defaultOccupationGrid(201), bootstrap: 10 };
    const full = await runEnsemble({ ...opts, checkpoint: ck });
    const text = readFileSync(ck, 'utf8');
    expect(text.length).toBeGreaterThan(1 << 20);
    const cut = text.lastIndexOf('\n', text.length - 2) + 100; // kill in the middle of the last line
    writeFileSync(ck, text.slice(0, cut));
    const res = await runEnsemble({ ...opts, checkpoint: ck, resume: true });
    expect(res.resumed).toBe(149);
    expect(strip(res)).toBe(strip(full));
    expect(readFileSync(ck, 'utf8')).toBe(text);
  });
});

describe('kill -9 then --resume', () => {
  it('a sweep killed with SIGKILL resumes to exactly the uninterrupted result', async () => {
    const ck = join(dir, 'killed.ndjson');
    const args = [
      'bin/fragility.js',
      'sweep',
      '--graph',
      'square:L=120',
      '--runs',
      '40',
      '--seed',
      '5',
      '--json',
      '--no-progress',
      '--checkpoint',
      ck,
    ];
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Kill as soon as a few replicates are on disk (polled every 10 ms; the run needs several seconds).
    let killedAt = -1;
    for (let t = 0; t < 20_000 && killedAt < 0; t += 10) {
      await new Promise((r) => setTimeout(r, 10));
      if (existsSync(ck) && lines(ck).length >= 4) {
        child.kill('SIGKILL');
        killedAt = lines(ck).length - 1;
      }
    }
    await exited;
    expect(killedAt).toBeGreaterThanOrEqual(3);
    const onDisk = readFileSync(ck, 'utf8');
    copyFileSync(ck, ck + '.at-kill');
    const done = onDisk.split('\n').filter((l) => l.startsWith('{"type":"replicate"') && l.endsWith('}')).length;
    expect(done).toBeLessThan(40); // really interrupted
    const opts = { graph: 'square:L=120', runs: 40, seed: 5, grid: defaultOccupationGrid(201), at: [], bootstrap: 200 };
    const resumed = await runEnsemble({ ...opts, checkpoint: ck, resume: true });
    expect(resumed.resumed).toBeGreaterThanOrEqual(3);
    expect(resumed.resumed).toBeLessThanOrEqual(done);
    const full = await runEnsemble(opts);
    expect(strip(resumed)).toBe(strip(full));
  }, 60_000);
});
