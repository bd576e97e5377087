// The .fgb binary graph format (issue 18): round trips (fast-check), every corruption refused with one line naming
// the file, and the CLI path: generate --format fgb, then fgb:PATH / edges:PATH.fgb give what the edge list gives.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { decodeFgb, encodeFgb, readFgb, writeFgb } from '../../src/graph/binary.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { stream } from '../../src/random/stream.ts';
import { runInProcess } from '../cli/in-process.ts';

const tmp = mkdtempSync(join(tmpdir(), 'fragility-fgb-'));

function expectSameGraph(a: CompactGraph, b: CompactGraph): void {
  expect(a.n).toBe(b.n);
  expect(a.m).toBe(b.m);
  for (const k of ['offsets', 'targets', 'edgeSource', 'edgeTarget'] as const)
    expect(Array.from(a[k])).toEqual(Array.from(b[k]));
  expect(a.roles ? Array.from(a.roles) : undefined).toEqual(b.roles ? Array.from(b.roles) : undefined);
  expect(a.keys).toEqual(b.keys);
}

const graphArb = fc.integer({ min: 0, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    pairs:
      n === 0
        ? fc.constant([] as [number, number][])
        : fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 80 }),
    roles: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n })),
    keys: fc.option(fc.uniqueArray(fc.string({ unit: 'grapheme', maxLength: 6 }), { minLength: n, maxLength: n })),
  }),
);

function decodeError(bytes: Uint8Array): string {
  try {
    decodeFgb(bytes, 'x.fgb');
  } catch (e) {
    expect(e).toBeInstanceOf(FragilityInputError);
    expect((e as Error).message).not.toMatch(/\n/);
    return (e as Error).message;
  }
  throw new Error('expected a FragilityInputError');
}

describe('.fgb', () => {
  it('decode(encode(g)) = g: arrays, edge order, roles, keys (fast-check, 300 runs, multigraphs)', () => {
    fc.assert(
      fc.property(graphArb, ({ n, pairs, roles, keys }) => {
        const g = CompactGraph.fromPairs(n, pairs, {
          ...(roles ? { roles: Uint8Array.from(roles) } : {}),
          ...(keys ? { keys } : {}),
        });
        const bytes = encodeFgb(g);
        expect(bytes.length % 4).toBe(0);
        expectSameGraph(decodeFgb(bytes), g);
        // unaligned input is copied, not refused
        const shifted = new Uint8Array(bytes.length + 1);
        shifted.set(bytes, 1);
        expectSameGraph(decodeFgb(shifted.subarray(1)), g);
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  it('every single-byte change, truncation or extension of a file is refused (exit-2 error, one line)', () => {
    const g = CompactGraph.fromPairs(
      5,
      [
        [0, 1],
        [1, 2],
        [3, 4],
        [4, 0],
      ],
      { roles: Uint8Array.from([0, 1, 0, 1, 0]), keys: ['a', 'b', 'c', 'd', 'e'] },
    );
    const bytes = encodeFgb(g);
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes.slice();
      c[i] ^= 0x10;
      decodeError(c); // header fields: magic / version / sizes / flags / checksum; body: checksum
    }
    expect(decodeError(bytes.subarray(0, bytes.length - 4))).toMatch(/truncated/);
    expect(decodeError(bytes.subarray(0, 10))).toMatch(/truncated/);
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes);
    expect(decodeError(longer)).toMatch(/appended/);
    expect(decodeError(new TextEncoder().encode('# fragility edge list: n=2 m=1\n0 1\n'))).toMatch(/magic/);
  });

  it('a consistent checksum does not let an out-of-range id through (ranges are checked as well)', () => {
    const g = CompactGraph.fromPairs(3, [
      [0, 1],
      [1, 2],
    ]);
    const bytes = encodeFgb(g);
    const body = new Int32Array(bytes.buffer, 32);
    body[4 + 1] = 7; // targets[1] = 7 >= n
    const head = new Uint32Array(bytes.buffer, 0, 8);
    let h = 0x811c9dc5;
    for (let i = 0; i < body.length; i++) h = Math.imul(h ^ body[i], 0x01000193);
    head[6] = h >>> 0;
    expect(decodeError(bytes)).toMatch(/targets\[1\] = 7/);
  });

  it('readFgb/writeFgb round trip on disk; self-loop and duplicate policies', async () => {
    const g = erdosRenyi(5000, 4 / 4999, stream(18));
    const path = join(tmp, 'er.fgb');
    await writeFgb(g, path);
    expectSameGraph(await readFgb(path), g);
    const multi = CompactGraph.fromPairs(3, [
      [0, 1],
      [1, 0],
      [2, 2],
    ]);
    const mp = join(tmp, 'multi.fgb');
    await writeFgb(multi, mp);
    expect((await readFgb(mp)).m).toBe(3);
    await expect(readFgb(mp, { selfLoops: 'error' })).rejects.toThrow(/self-loop/);
    await expect(readFgb(mp, { duplicates: 'error' })).rejects.toThrow(/duplicate/);
    await expect(readFgb(join(tmp, 'missing.fgb'))).rejects.toThrow(FragilityInputError);
  });

  it('CLI: generate --format fgb, then sweep on fgb:PATH and edges:PATH.fgb equals the sweep on the edge list; a corrupt file exits 2', async () => {
    const fgb = join(tmp, 'cli.fgb');
    const edges = join(tmp, 'cli.edges');
    expect((await runInProcess('generate', ['--graph', 'er:n=3000,k=4', '--seed', '3', '--out', fgb])).status).toBe(0);
    expect((await runInProcess('generate', ['--graph', 'er:n=3000,k=4', '--seed', '3', '--out', edges])).status).toBe(
      0,
    );
    const sweep = async (spec: string) => {
      const r = await runInProcess('sweep', [
        '--graph',
        spec,
        '--runs',
        '3',
        '--seed',
        '1',
        '--bootstrap',
        '20',
        '--q',
        '0.5',
        '--json',
        '--no-progress',
      ]);
      expect(r.status, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout) as Record<string, unknown>;
      delete j.graph;
      return j;
    };
    const want = await sweep(`edges:${edges}`);
    expect(await sweep(`fgb:${fgb}`)).toEqual(want);
    expect(await sweep(`edges:${fgb}`)).toEqual(want);
    const bytes = readFileSync(fgb);
    bytes[bytes.length - 3] ^= 1;
    const bad = join(tmp, 'bad.fgb');
    writeFileSync(bad, bytes);
    const r = await runInProcess('sweep', ['--graph', `fgb:${bad}`, '--runs', '1', '--json', '--no-progress']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/checksum/);
  });
});
