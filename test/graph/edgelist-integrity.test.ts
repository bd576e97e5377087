// Issue 14 regressions for the edge-list reader: header counts against the body, the header's n against the id range
// and the memory budget before allocating, a line-length limit, streaming line splitting (chunk boundaries, CRLF,
// UTF-8 labels).
import { mkdtempSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatEdgeList,
  MAX_EDGE_LIST_LINE,
  parseEdgeList,
  readEdgeList,
  readEdgeListWithStats,
} from '../../src/graph/edgelist.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { stream } from '../../src/random/stream.ts';
import { sameGraph } from '../generators/helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'fragility-edgelist-integrity-'));

async function readError(path: string): Promise<FragilityInputError> {
  try {
    await readEdgeList(path);
  } catch (e) {
    expect(e).toBeInstanceOf(FragilityInputError);
    expect((e as Error).message).not.toMatch(/\n/);
    return e as FragilityInputError;
  }
  throw new Error('expected a FragilityInputError');
}

describe('edge-list header against the body', () => {
  it('a truncated file (header m larger than the body) is refused, naming both counts', async () => {
    const g = erdosRenyi(200, 0.05, stream(3));
    const text = formatEdgeList(g);
    const cut = text.slice(0, text.lastIndexOf('\n', Math.floor(text.length / 2)) + 1);
    const path = join(tmp, 'truncated.edges');
    writeFileSync(path, cut);
    const e = await readError(path);
    const bodyLines = cut.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
    expect(e.field).toBe(path);
    expect(e.message).toContain(`"${bodyLines} edge lines"`);
    expect(e.message).toContain(`the ${g.m} edge lines its header (line 1) announces`);
    expect(e.message).toMatch(/truncated/);
    // The same text parsed from a string is refused too.
    expect(() => parseEdgeList(cut)).toThrow(/truncated/);
  });

  it('appended edges, and ids beyond the header n, are refused', () => {
    expect(() => parseEdgeList('# fragility edge list: n=3 m=1\n0 1\n1 2\n')).toThrow(/appended/);
    expect(() => parseEdgeList('# fragility edge list: n=3 m=2\n0 1\n1 4\n')).toThrow(/node id 4.*n = 3/);
    expect(() => parseEdgeList('# fragility edge list: n=2 m=2 (node keys)\na b\nb c\n')).toThrow(/3 nodes.*n = 2/);
  });

  it('a complete file still round-trips, and a header without m is not checked', async () => {
    const g = erdosRenyi(300, 0.02, stream(4));
    const path = join(tmp, 'whole.edges');
    writeFileSync(path, formatEdgeList(g));
    expect(sameGraph(await readEdgeList(path), g)).toBe(true);
    expect(parseEdgeList('# fragility edge list: n=9\n0 1\n').n).toBe(9);
  });

  it('header n = 3000000000 is refused before any allocation (it drove the reader to 24 GB)', async () => {
    const path = join(tmp, 'huge-n.edges');
    writeFileSync(path, '# fragility edge list: n=3000000000 m=1\n0 1\n');
    const before = process.memoryUsage().rss;
    const e = await readError(path);
    expect(e.field).toBe(`${path}:1`);
    expect(e.message).toMatch(/n <= 2147483647/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100e6);
  });

  it('header n within the id range but beyond the memory budget is refused with the estimate', async () => {
    const path = join(tmp, 'big-n.edges');
    writeFileSync(path, '# fragility edge list: n=2147483647 m=1\n0 1\n');
    const saved = process.env.FRAGILITY_MAX_MEMORY;
    process.env.FRAGILITY_MAX_MEMORY = '1000000000';
    try {
      const e = await readError(path);
      expect(e.message).toMatch(/memory budget of 1 GB \(set by FRAGILITY_MAX_MEMORY\)/);
      // 20 bytes a node: 2147483647 nodes ≈ 42.9 GB.
      expect(e.message).toMatch(/would take about 42\.9 GB; raise the budget with --max-memory/);
    } finally {
      if (saved === undefined) delete process.env.FRAGILITY_MAX_MEMORY;
      else process.env.FRAGILITY_MAX_MEMORY = saved;
    }
  });
});

describe('edge-list lines', () => {
  it(`a line longer than ${MAX_EDGE_LIST_LINE} bytes is refused with its line number (it ended in a RangeError)`, async () => {
    const path = join(tmp, 'long-line.edges');
    const out = createWriteStream(path);
    out.write('0 1\n1 2\n');
    const block = Buffer.alloc(1 << 16, 'a');
    for (let i = 0; i < 40; i++) out.write(block); // 2.6 MB without a newline
    out.end('\n');
    await once(out, 'finish');
    const e = await readError(path);
    expect(e.field).toBe(`${path}:3`);
    expect(e.message).toMatch(/at most 1048576 bytes/);
  });

  it('a line of exactly the limit is read', async () => {
    const path = join(tmp, 'limit-line.edges');
    const label = 'x'.repeat(MAX_EDGE_LIST_LINE - 2);
    writeFileSync(path, `${label} y\n`);
    const g = await readEdgeList(path);
    expect(g.keys).toEqual([label, 'y']);
  });

  it('streamed reading equals parsing the string, for CRLF, UTF-8 labels and no final newline', async () => {
    // 300 random files; each is read from disk (1 MiB chunks: lines cross chunk boundaries in the large ones) and
    // parsed from the string; both must give the same graph or the same error.
    const label = fc.constantFrom('a', 'b', 'é', 'ß', '节点', '🙂', 'n1', 'n2', '10', '7');
    const line = fc.oneof(
      fc.tuple(label, label, fc.constantFrom(' ', '\t', ',', '  ')).map(([u, v, sep]) => `${u}${sep}${v}`),
      fc.constant('# comment ✓'),
      fc.constant(''),
    );
    let i = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async (lines, eol, finalEol) => {
          const text = lines.join(eol) + (finalEol ? eol : '');
          const path = join(tmp, `prop-${i++}.edges`);
          writeFileSync(path, text);
          const opts = { duplicates: 'keep', selfLoops: 'keep' } as const;
          let want: unknown;
          try {
            want = parseEdgeList(text, { ...opts, source: path });
          } catch (e) {
            want = (e as Error).message;
          }
          let got: unknown;
          try {
            got = (await readEdgeListWithStats(path, opts)).graph;
          } catch (e) {
            got = (e as Error).message;
          }
          if (typeof want === 'string') expect(got).toBe(want);
          else {
            expect(typeof got).toBe('object');
            expect(sameGraph(got as never, want as never)).toBe(true);
            expect((got as { keys?: string[] }).keys).toEqual((want as { keys?: string[] }).keys);
          }
        },
      ),
      { numRuns: 300, seed: 14 },
    );
  });
});
