// Properties of the edge-list reader and writer (issue 17, point 5): round trips of multigraphs (self-loops and
// parallel edges kept, isolated nodes kept by the header) and of labelled graphs; the self-loop / duplicate
// policies against a direct scan of the text (drop keeps the first copy and counts the rest, error stops iff one
// exists); formatting noise (comments, blank lines, CRLF, commas, extra columns) never changes the graph; the
// streaming file reader equals the in-memory parser.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import {
  formatEdgeList,
  parseEdgeList,
  parseEdgeListWithStats,
  readEdgeListWithStats,
} from '../../src/graph/edgelist.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { edgesOf, multiGraph } from '../property-oracles.ts';

const keep = { selfLoops: 'keep', duplicates: 'keep' } as const;

/** A line-level rendering of one edge with random separators, trailing columns and line endings. */
const rendering = fc.record({
  sep: fc.constantFrom(' ', '\t', ',', '  ', ' , '),
  extra: fc.constantFrom('', ' 1.5', ' 3 2024-01-01', ',w'),
  eol: fc.constantFrom('\n', '\r\n'),
  lead: fc.constantFrom('', ' ', '\t'),
  noise: fc.constantFrom('', '', '# a comment\n', '\n', '   \n', '#\n'),
});

describe('edge list: properties', () => {
  it('format → parse is the identity on multigraphs (integer ids, isolated nodes, self-loops, parallel edges)', () => {
    fc.assert(
      fc.property(multiGraph(30), (g) => {
        const cg = CompactGraph.fromPairs(g.n, g.pairs);
        const back = parseEdgeList(formatEdgeList(cg), keep);
        expect(back.n).toBe(g.n);
        expect(edgesOf(back)).toEqual(edgesOf(cg));
      }),
      { numRuns: 200, seed: 51 },
    );
  });

  it('labelled graphs round-trip by key (every node on an edge); a key the format cannot hold is refused by the writer', () => {
    const key = fc.stringMatching(/^[A-Za-z_.:\-é中0-9]{1,8}$/).filter((k) => !/^\d+$/.test(k));
    const badKey = fc
      .tuple(key, fc.constantFrom(' ', '\t', ',', '#'), key)
      .map(([a, c, b]) => (c === '#' ? `#${a}` : `${a}${c}${b}`));
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { minLength: 2, maxLength: 20 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 40 }),
        badKey,
        (keys, raw, bad) => {
          const pairs = raw.map(([a, b]) => [a % keys.length, b % keys.length] as [number, number]);
          const used = [...new Set(pairs.flat())].sort((a, b) => a - b);
          // Keep only nodes on an edge (an isolated labelled node cannot be written), renumbered in first-use order.
          const order: number[] = [];
          for (const [a, b] of pairs) for (const u of [a, b]) if (!order.includes(u)) order.push(u);
          expect(order.length).toBe(used.length);
          const id = new Map(order.map((u, i) => [u, i]));
          const cg = CompactGraph.fromPairs(
            order.length,
            pairs.map(([a, b]) => [id.get(a)!, id.get(b)!]),
            { keys: order.map((u) => keys[u]) },
          );
          const back = parseEdgeList(formatEdgeList(cg), keep);
          expect(back.keys).toEqual(cg.keys);
          expect(edgesOf(back)).toEqual(edgesOf(cg));
          const withBad = cg.withAttributes({ keys: [bad, ...cg.keys!.slice(1)] });
          if (!cg.keys!.slice(1).includes(bad)) expect(() => formatEdgeList(withBad)).toThrow(/node key/);
        },
      ),
      { numRuns: 150, seed: 52 },
    );
  });

  it('policies: drop keeps first copies and counts the rest, error stops iff a self-loop / duplicate exists; noise is ignored', () => {
    fc.assert(
      fc.property(multiGraph(25), fc.array(rendering, { minLength: 75, maxLength: 75 }), (g, style) => {
        const text = g.pairs
          .map(([a, b], e) => {
            const s = style[e];
            return `${s.noise}${s.lead}${a}${s.sep}${b}${s.extra}${s.eol}`;
          })
          .join('');
        // Direct scan: the first copy of each unordered pair, in file order.
        const seen = new Set<string>();
        const kept: Array<[number, number]> = [];
        let loops = 0;
        let dups = 0;
        for (const [a, b] of g.pairs) {
          if (a === b) {
            loops++;
            continue;
          }
          const k = a < b ? `${a},${b}` : `${b},${a}`;
          if (seen.has(k)) dups++;
          else seen.add(k), kept.push([a, b]);
        }
        const r = parseEdgeListWithStats(text, { selfLoops: 'drop', duplicates: 'drop' });
        expect(edgesOf(r.graph)).toEqual(kept);
        expect(r.stats.selfLoopsDropped).toBe(loops);
        expect(r.stats.duplicatesDropped).toBe(dups);
        expect(r.stats.edges).toBe(kept.length);
        const all = parseEdgeList(text, keep);
        expect(edgesOf(all)).toEqual(g.pairs);
        const strict = () => parseEdgeList(text, { source: 'p.edges' });
        if (loops + dups === 0) expect(edgesOf(strict())).toEqual(g.pairs);
        else expect(strict).toThrow(/p\.edges:\d+/);
      }),
      { numRuns: 200, seed: 53 },
    );
  });

  describe('file reader', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fragility-edgelist-prop-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('readEdgeListWithStats on a file equals parseEdgeListWithStats on its text', async () => {
      let i = 0;
      await fc.assert(
        fc.asyncProperty(multiGraph(30), fc.constantFrom('keep', 'drop'), async (g, policy) => {
          const text = formatEdgeList(CompactGraph.fromPairs(g.n, g.pairs));
          const path = join(dir, `g${i++}.edges`);
          writeFileSync(path, text);
          const opts = { selfLoops: policy, duplicates: policy } as const;
          const fromFile = await readEdgeListWithStats(path, opts);
          const fromText = parseEdgeListWithStats(text, opts);
          expect(edgesOf(fromFile.graph)).toEqual(edgesOf(fromText.graph));
          expect(fromFile.graph.n).toBe(fromText.graph.n);
          expect(fromFile.stats).toEqual(fromText.stats);
        }),
        { numRuns: 40, seed: 54 },
      );
    });
  });

  it('a header whose m disagrees with the body is refused (a truncated file is not a smaller graph)', () => {
    fc.assert(
      fc.property(
        multiGraph(20).filter((g) => g.pairs.length > 0),
        fc.nat(),
        (g, cut) => {
          const text = formatEdgeList(CompactGraph.fromPairs(g.n, g.pairs));
          const lines = text.split('\n');
          const truncated = lines.slice(0, 1 + (cut % g.pairs.length)).join('\n') + '\n'; // header + fewer edges
          expect(() => parseEdgeList(truncated, keep)).toThrow(FragilityInputError);
        },
      ),
      { numRuns: 100, seed: 55 },
    );
  });
});
