import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatEdgeList,
  parseEdgeList,
  parseEdgeListWithStats,
  readEdgeList,
  readEdgeListWithStats,
  writeEdgeList,
} from '../../src/graph/edgelist.ts';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { stream } from '../../src/random/stream.ts';
import { sameGraph } from '../generators/helpers.ts';

const DATA = new URL('../../data/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'fragility-edgelist-'));

function inputError(fn: () => unknown, field: string, msg: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(FragilityInputError);
  expect((err as FragilityInputError).field).toBe(field);
  expect((err as Error).message).toMatch(msg);
}

describe('reading the shared data sets', () => {
  it('karate: 34 nodes, 78 edges, simple, integer ids', async () => {
    const { graph, stats } = await readEdgeListWithStats(join(DATA, 'karate.edges'));
    expect(graph.n).toBe(34);
    expect(graph.m).toBe(78);
    expect(graph.isSimple).toBe(true);
    expect(stats.ids).toBe('integer');
    expect(stats.lines).toBe(81);
    expect(graph.keys).toBeUndefined();
    // Zachary's club: node 33 (the administrator) has degree 17, node 0 (the instructor) 16.
    expect(graph.degree(33)).toBe(17);
    expect(graph.degree(0)).toBe(16);
  });

  it('power grid: 4941 nodes, 6594 edges', async () => {
    const g = await readEdgeList(join(DATA, 'power.edges'));
    expect(g.n).toBe(4941);
    expect(g.m).toBe(6594);
    expect(g.isSimple).toBe(true);
  });
});

describe('parseEdgeList', () => {
  it('skips comments and blank lines, accepts tabs, commas and extra columns', () => {
    const g = parseEdgeList('# header\n\n0 1\n1\t2  0.5\n  # indented comment\n2,3\r\n');
    expect(g.n).toBe(4);
    expect(Array.from(g.edgeSource)).toEqual([0, 1, 2]);
    expect(Array.from(g.edgeTarget)).toEqual([1, 2, 3]);
  });

  it('arbitrary tokens become labels in order of first appearance; auto switches mid-file', () => {
    const g = parseEdgeList('alice bob\nbob carol\n');
    expect(g.keys).toEqual(['alice', 'bob', 'carol']);
    const h = parseEdgeList('5 7\n7 x\n');
    expect(h.keys).toEqual(['5', '7', 'x']);
    expect(Array.from(h.edgeSource)).toEqual([0, 1]);
    expect(Array.from(h.edgeTarget)).toEqual([1, 2]);
    const lab = parseEdgeList('3 4\n', { ids: 'label' });
    expect(lab.keys).toEqual(['3', '4']);
    expect(lab.n).toBe(2);
  });

  it('integer ids are node ids: gaps become isolated nodes; the n option and the header raise n', () => {
    expect(parseEdgeList('0 5\n').n).toBe(6);
    expect(parseEdgeList('0 1\n', { n: 10 }).n).toBe(10);
    expect(parseEdgeList('# fragility edge list: n=7 m=1\n0 1\n').n).toBe(7);
  });

  it('a malformed line is an error naming the source and the line number', () => {
    inputError(() => parseEdgeList('0 1\n# c\n2\n', { source: 'x.edges' }), 'x.edges:3', /two node ids/);
    inputError(() => parseEdgeList('0 1\na b\n', { ids: 'integer' }), '<text>:2', /non-negative integers/);
  });

  it('self-loops: error by default, or drop / keep when asked', () => {
    inputError(() => parseEdgeList('0 1\n1 1\n'), '<text>:2', /self-loop/);
    const dropped = parseEdgeListWithStats('0 1\n1 1\n', { selfLoops: 'drop' });
    expect(dropped.graph.m).toBe(1);
    expect(dropped.stats.selfLoopsDropped).toBe(1);
    const kept = parseEdgeList('0 1\n1 1\n', { selfLoops: 'keep' });
    expect(kept.m).toBe(2);
    expect(kept.degree(1)).toBe(3);
  });

  it('duplicates (either orientation): error by default naming both lines, or drop / keep', () => {
    inputError(() => parseEdgeList('0 1\n1 2\n1 0\n'), '<text>:3', /same pair as line 1/);
    const d = parseEdgeListWithStats('0 1\n1 2\n1 0\n0 1\n', { duplicates: 'drop' });
    expect(d.graph.m).toBe(2);
    expect(d.stats.duplicatesDropped).toBe(2);
    expect(parseEdgeList('0 1\n1 0\n', { duplicates: 'keep' }).m).toBe(2);
  });

  it('bad options are input errors', () => {
    inputError(
      () => parseEdgeList('0 1\n', { duplicates: 'sometimes' as never }),
      'duplicates',
      /'keep', 'drop' or 'error'/,
    );
    inputError(() => parseEdgeList('0 1\n', { ids: 'hex' as never }), 'ids', /'auto', 'integer' or 'label'/);
  });
});

describe('writing', () => {
  it('formatEdgeList / parseEdgeList round trip keeps isolated nodes (integer ids) and keys (labels)', () => {
    const g = CompactGraph.fromPairs(6, [
      [0, 1],
      [1, 2],
      [4, 2],
    ]);
    const text = formatEdgeList(g);
    expect(text).toBe('# fragility edge list: n=6 m=3\n0 1\n1 2\n4 2\n');
    expect(sameGraph(parseEdgeList(text), g)).toBe(true);
    const keyed = parseEdgeList('a b\nb c\n');
    const back = parseEdgeList(formatEdgeList(keyed));
    expect(back.keys).toEqual(['a', 'b', 'c']);
    expect(sameGraph(back, keyed)).toBe(true);
  });

  it('writeEdgeList streams a large graph and readEdgeList reads it back identically', async () => {
    const g = erdosRenyi(50_000, 8 / 49_999, stream(1));
    const path = join(tmp, 'er.edges');
    await writeEdgeList(g, path);
    const back = await readEdgeList(path);
    expect(sameGraph(back, g)).toBe(true);
    expect(readFileSync(path, 'utf8').split('\n').length).toBe(g.m + 2);
  });

  it('a missing file is an input error naming the path', async () => {
    await expect(readEdgeList(join(tmp, 'missing.edges'))).rejects.toThrow(FragilityInputError);
    writeFileSync(join(tmp, 'bad.edges'), '0 1\n\n1\n');
    await expect(readEdgeList(join(tmp, 'bad.edges'))).rejects.toThrow(/bad\.edges:3/);
  });
});

describe('unreadable paths', () => {
  it('a directory is an input error naming the path', async () => {
    await expect(readEdgeList(tmp)).rejects.toThrow(/path: .*not allowed; expected a readable/);
  });
});
