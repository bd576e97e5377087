// Golden test: fragility's Newman–Ziff sweeps reproduce graph-tool's vertex_percolation / edge_percolation exactly
// on Zachary's karate club for a fixed removal order. Fixture made by scripts/make-graph-tool-fixtures.py
// (graph-tool 2.45, Debian python3-graph-tool); semantics mapping: largest[k] = graph-tool sizes[k-1].
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { sweepBond } from '../../src/montecarlo/sweep-bond.ts';
import { sweepSite } from '../../src/montecarlo/sweep-site.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const fixture = JSON.parse(readFileSync(here('../fixtures/karate-percolation.json'), 'utf8'));

function karate(): CompactGraph {
  // An identical copy of data/karate.edges, kept beside the other golden fixtures.
  const text = readFileSync(here('../fixtures/karate.edges'), 'utf8');
  const pairs: [number, number][] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const [u, v] = t.split(/\s+/).map(Number);
    pairs.push([u, v]);
  }
  return CompactGraph.fromPairs(34, pairs);
}

describe('golden: graph-tool percolation on the karate club', () => {
  const g = karate();
  it('has the fixture graph', () => {
    expect(g.n).toBe(fixture.n);
    expect(g.m).toBe(fixture.m);
  });
  it('site: largest cluster after each addition equals vertex_percolation', () => {
    const s = sweepSite(g, fixture.vertexRemovalOrder);
    expect(s.largest[0]).toBe(0);
    expect(Array.from(s.largest.subarray(1))).toEqual(fixture.site.largest);
  });
  it('bond: largest cluster after each addition equals edge_percolation', () => {
    const s = sweepBond(g, fixture.edgeRemovalOrder);
    expect(s.largest[0]).toBe(1);
    expect(Array.from(s.largest.subarray(1))).toEqual(fixture.bond.largest);
  });
});
