import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatGexf,
  formatGraphml,
  parseGexf,
  parseGraphml,
  readGexf,
  readGraphml,
  writeGexf,
  writeGraphml,
} from '../../src/graph/xml-formats.ts';
import { readEdgeList } from '../../src/graph/edgelist.ts';
import { CompactGraph, Role } from '../../src/graph/compact-graph.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { twoTierOverlay, twoTierToCompactGraph } from '../../src/generators/two-tier.ts';
import { stream } from '../../src/random/stream.ts';
import { sameGraph } from '../generators/helpers.ts';

const DATA = new URL('../../data/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'fragility-xml-'));

describe('GEXF and GraphML', () => {
  it('karate survives GEXF and GraphML file round trips', async () => {
    const g = await readEdgeList(join(DATA, 'karate.edges'));
    await writeGexf(g, join(tmp, 'karate.gexf'));
    await writeGraphml(g, join(tmp, 'karate.graphml'));
    const a = await readGexf(join(tmp, 'karate.gexf'));
    const b = await readGraphml(join(tmp, 'karate.graphml'));
    expect(sameGraph(a, g)).toBe(true);
    expect(sameGraph(b, g)).toBe(true);
    expect(a.keys).toBeUndefined();
  });

  it('power grid survives GraphML', async () => {
    const g = await readEdgeList(join(DATA, 'power.edges'));
    expect(sameGraph(parseGraphml(formatGraphml(g)), g)).toBe(true);
  });

  it('keys, roles, capacities, self-loops and parallel edges round trip', () => {
    const g = CompactGraph.fromPairs(
      3,
      [
        [0, 1],
        [1, 0],
        [2, 2],
      ],
      {
        keys: ['a&b', 'c<d', 'e"f'],
        roles: Uint8Array.of(Role.Supernode, Role.Client, Role.Ultrapeer),
        capacities: Float64Array.of(1.5, 0, 2),
      },
    );
    for (const back of [parseGexf(formatGexf(g)), parseGraphml(formatGraphml(g))]) {
      expect(sameGraph(back, g)).toBe(true);
      expect(back.keys).toEqual(g.keys);
      expect(back.roles).toEqual(g.roles);
      expect(back.capacities).toEqual(g.capacities);
    }
  });

  it('a two-tier overlay graph keeps its roles through GraphML', () => {
    const g = twoTierToCompactGraph(
      twoTierOverlay({ supernodes: 20, clients: 100, coreLaw: 4, cacheSize: 2 }, stream(1)),
    );
    const back = parseGraphml(formatGraphml(g));
    expect(back.roles).toEqual(g.roles);
    expect(sameGraph(back, g)).toBe(true);
  });

  it('malformed XML and missing files are input errors', async () => {
    writeFileSync(join(tmp, 'bad.graphml'), '<graphml><graph><edge source="a" target="b"/></graph></graphml>');
    await expect(readGraphml(join(tmp, 'bad.graphml'))).rejects.toThrow(FragilityInputError);
    await expect(readGexf(join(tmp, 'none.gexf'))).rejects.toThrow(FragilityInputError);
  });
});
