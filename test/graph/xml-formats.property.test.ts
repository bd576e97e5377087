// Properties of the GEXF and GraphML readers (issue 17, point 5): format → parse round trips of multigraphs with
// arbitrary keys (XML-special and non-ASCII characters), roles and capacities; the streaming reader gives the same
// graph whatever the chunking of the document (cuts inside tags, attribute values and entities); the drop policy
// keeps first copies as a direct scan does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { formatGexf, formatGraphml, parseGexf, parseGraphml } from '../../src/graph/xml-formats.ts';
import { XmlGraphReader } from '../../src/graph/xml-reader.ts';
import { edgesOf, multiGraph, type SmallGraph } from '../property-oracles.ts';
import { FragilityInputError } from '../../src/errors.ts';

const formats = {
  gexf: { format: formatGexf, parse: parseGexf },
  graphml: { format: formatGraphml, parse: parseGraphml },
} as const;
const which = fc.constantFrom('gexf' as const, 'graphml' as const);

/** Keys: printable text with the XML specials & < > " ' and non-ASCII; no control characters (XML 1.0 §2.2). */
const keyChar = fc.constantFrom(...'ab Z09_-.&<>"\'é中🙂#;'.split(/(?:)/u));
const key = fc.array(keyChar, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));

/** A multigraph with (half of the time) keys, roles in 0..3 and capacities. */
const graph: fc.Arbitrary<Instance> = multiGraph(20).chain((g) =>
  fc.record({
    g: fc.constant(g),
    keys: fc.option(fc.uniqueArray(key, { minLength: g.n, maxLength: g.n }), { nil: undefined }),
    roles: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: g.n, maxLength: g.n }), { nil: undefined }),
    capacities: fc.option(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: g.n, maxLength: g.n }), {
      nil: undefined,
    }),
  }),
);

interface Instance {
  g: SmallGraph;
  keys?: string[];
  roles?: number[];
  capacities?: number[];
}

function build({ g, keys, roles, capacities }: Instance): CompactGraph {
  return CompactGraph.fromPairs(g.n, g.pairs, {
    keys: keys && g.n > 0 ? keys : undefined,
    roles: roles ? Uint8Array.from(roles) : undefined,
    capacities: capacities ? Float64Array.from(capacities) : undefined,
  });
}

/** The keys of a graph as read back: absent when they are exactly "0".."n-1". */
const keysOf = (g: CompactGraph) => Array.from({ length: g.n }, (_, u) => g.keyOf(u));

describe('GEXF / GraphML: properties', () => {
  it('format → parse is the identity: nodes, keys, edges in order (loops and parallels), roles, capacities', () => {
    fc.assert(
      fc.property(graph, which, (inst, fmt) => {
        const cg = build(inst);
        const back = formats[fmt].parse(formats[fmt].format(cg));
        expect(back.n).toBe(cg.n);
        expect(keysOf(back)).toEqual(keysOf(cg));
        expect(edgesOf(back)).toEqual(edgesOf(cg));
        if (cg.roles && cg.n > 0) expect(Array.from(back.roles!)).toEqual(Array.from(cg.roles));
        if (cg.capacities && cg.n > 0) expect(Array.from(back.capacities!)).toEqual(Array.from(cg.capacities));
      }),
      { numRuns: 150, seed: 61 },
    );
  });

  it('the streaming reader gives the same graph whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(
        graph,
        which,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        (inst, fmt, cutsRaw) => {
          const text = formats[fmt].format(build(inst));
          const cuts = [...new Set(cutsRaw.map((c) => Math.floor(c * text.length)))].sort((a, b) => a - b);
          const reader = new XmlGraphReader(fmt);
          let at = 0;
          for (const c of [...cuts, text.length]) {
            reader.write(text.slice(at, c));
            at = c;
          }
          const chunked = reader.end();
          const whole = formats[fmt].parse(text);
          expect(keysOf(chunked)).toEqual(keysOf(whole));
          expect(edgesOf(chunked)).toEqual(edgesOf(whole));
        },
      ),
      { numRuns: 150, seed: 62 },
    );
  });

  it('drop policy keeps the first copy of each pair, as a direct scan does; error stops iff one exists', () => {
    fc.assert(
      fc.property(multiGraph(15), which, (g, fmt) => {
        const text = formats[fmt].format(CompactGraph.fromPairs(g.n, g.pairs));
        const seen = new Set<string>();
        const kept: Array<[number, number]> = [];
        let bad = 0;
        for (const [a, b] of g.pairs) {
          const k = a < b ? `${a},${b}` : `${b},${a}`;
          if (a === b || seen.has(k)) bad++;
          else seen.add(k), kept.push([a, b]);
        }
        expect(edgesOf(formats[fmt].parse(text, { selfLoops: 'drop', duplicates: 'drop' }))).toEqual(kept);
        const strict = () => formats[fmt].parse(text, { selfLoops: 'error', duplicates: 'error' });
        if (bad === 0) expect(edgesOf(strict())).toEqual(g.pairs);
        else expect(strict).toThrow(FragilityInputError);
      }),
      { numRuns: 150, seed: 63 },
    );
  });
});
