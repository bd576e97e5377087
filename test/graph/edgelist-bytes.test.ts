// The byte-level fast path of readEdgeList (issue 18) against the string parser, which it must match exactly: the
// same graph (edge order included), the same statistics, or the same error message. parseEdgeListWithStats goes
// line by line through strings and is the reference; readEdgeListWithStats parses the common `u v` lines from bytes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatEdgeList,
  parseEdgeListWithStats,
  readEdgeListWithStats,
  type EdgeListOptions,
} from '../../src/graph/edgelist.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { stream } from '../../src/random/stream.ts';
import { sameGraph } from '../generators/helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'fragility-edgelist-bytes-'));

type Outcome = { error: string } | { graph: ReturnType<typeof parseEdgeListWithStats>['graph']; stats: unknown };

async function both(text: string, opts: EdgeListOptions, name: string): Promise<[Outcome, Outcome]> {
  const path = join(tmp, name);
  writeFileSync(path, text);
  let want: Outcome;
  try {
    const r = parseEdgeListWithStats(text, { ...opts, source: path });
    want = { graph: r.graph, stats: r.stats };
  } catch (e) {
    want = { error: (e as Error).message };
  }
  let got: Outcome;
  try {
    const r = await readEdgeListWithStats(path, opts);
    got = { graph: r.graph, stats: r.stats };
  } catch (e) {
    got = { error: (e as Error).message };
  }
  return [got, want];
}

function expectSame(got: Outcome, want: Outcome): void {
  if ('error' in want) {
    expect(got).toEqual(want);
    return;
  }
  expect('graph' in got).toBe(true);
  if (!('graph' in got)) return;
  expect(got.stats).toEqual(want.stats);
  expect(got.graph.n).toBe(want.graph.n);
  expect(sameGraph(got.graph, want.graph)).toBe(true); // n, m and every edge in order
  expect(got.graph.keys).toEqual(want.graph.keys);
}

describe('readEdgeList byte path = string path', () => {
  it('random files of integer and odd lines, every policy and id mode (fast-check, 400 runs)', async () => {
    const id = fc.oneof(
      fc.integer({ min: 0, max: 12 }).map(String),
      fc.constantFrom('007', '0', '2147483646', '2147483647', '99999999999', '12345678901234567890'),
    );
    const sep = fc.constantFrom(' ', '\t', ',', ' , ', '\t\t', '\r', '\u000b', '\u00a0', '\u3000', ';');
    const lead = fc.constantFrom('', '', ' ', '\t', '\r', '\ufeff', '\u000c');
    const tail = fc.constantFrom('', '', ' ', ' 0.5', ',w=3', '\r', 'x', ' #c', '\u00a0');
    const line = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(lead, id, sep, id, tail).map((p) => p.join('')) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '',
          '#',
          '# fragility edge list: n=20 m=3',
          '# fragility edge list: n=5',
          '  # x',
          'a b',
          'é 3',
          '1',
          '1 ',
          ',1 2',
        ),
      },
    );
    const opts = fc.record({
      ids: fc.constantFrom(undefined, 'auto', 'integer', 'label'),
      selfLoops: fc.constantFrom(undefined, 'keep', 'drop', 'error'),
      duplicates: fc.constantFrom(undefined, 'keep', 'drop', 'error'),
    });
    let i = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        opts,
        async (lines, eol, finalEol, o) => {
          const clean = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as EdgeListOptions;
          const [got, want] = await both(lines.join(eol) + (finalEol ? eol : ''), clean, `p-${i++}.edges`);
          expectSame(got, want);
        },
      ),
      { numRuns: 400, seed: 18 },
    );
  });

  it('a 5 MB file (lines across the 4 MiB read chunks) with a header, and with duplicates dropped', async () => {
    const g = erdosRenyi(200_000, 4 / 199_999, stream(18));
    const text = formatEdgeList(g);
    expect(text.length).toBeGreaterThan(1 << 22);
    const [got, want] = await both(text, {}, 'big.edges');
    expectSame(got, want);
    // the same body twice without its header: every edge of the second half is a duplicate of the first
    const body = text.slice(text.indexOf('\n') + 1);
    const [got2, want2] = await both(body + body, { duplicates: 'drop' }, 'big2.edges');
    expectSame(got2, want2);
    expect('stats' in got2 && (got2.stats as { duplicatesDropped: number }).duplicatesDropped).toBe(g.m);
    const [got3, want3] = await both(body + body, {}, 'big3.edges');
    expect('error' in want3).toBe(true);
    expectSame(got3, want3);
  });
});
