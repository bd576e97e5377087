// The layer rule of docs/DESIGN.md enforced on every import of src/ (issue 17, point 4): analytic/, montecarlo/ and
// cascade/ never import each other (they meet in compare/), lower layers never import upper ones, models/ imports
// nothing above it. Imports are read with the TypeScript compiler API (static, re-export, dynamic `import()`,
// `typeof import()`, require, worker URLs); the ranks are LAYER_RANK in ./import-graph.ts.
//
// The crossings that exist today are listed in ALLOWED with their reason, so the test passes now and fails on any
// new crossing. When one of them is removed (issue 17 moves betweenness out of cascade/), its allowance must be
// deleted too: an allowance that no import uses fails the test, so the list only shrinks.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type AllowedCrossing, describeCrossing, importsOfText, layerCrossings } from './import-graph.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/layers/', import.meta.url));

/** Crossings of today's src/, each with why it is tolerated. Only exact file pairs: no folder-wide allowance. */
const ALLOWED: AllowedCrossing[] = [
  {
    from: 'montecarlo/watts-cascade.ts',
    to: 'cascade/watts-threshold.ts',
    why: 'the Monte Carlo Watts ensemble replicates the cascade of cascade/watts-threshold.ts (issue 15); to move with it',
  },
];

describe('layer rule on src/', () => {
  const { crossings, edges, unusedAllowances } = layerCrossings(SRC, ALLOWED);

  it('sees the imports of every kind (guards against an empty parse passing vacuously)', () => {
    expect(edges.length).toBeGreaterThan(500);
    const kinds = new Set(edges.filter((e) => e.to !== null).map((e) => e.kind));
    // ensemble.ts / graph-source.ts load generators dynamically, index.ts re-exports, ensemble.ts names its worker by URL.
    for (const kind of ['static', 're-export', 'dynamic', 'url'] as const) expect(kinds).toContain(kind);
    expect(
      edges.some(
        (e) => e.from === 'montecarlo/graph-source.ts' && e.kind === 'dynamic' && e.to === 'generators/erdos-renyi.ts',
      ),
    ).toBe(true);
  });

  it('has no layer crossing beyond the allow-list', () => {
    expect(crossings.map(describeCrossing)).toEqual([]);
  });

  it('has no stale allowance (delete an entry once its crossing is gone)', () => {
    expect(unusedAllowances).toEqual([]);
  });
});

describe('layer checker on a fixture tree (test/fixtures/layers)', () => {
  const { crossings } = layerCrossings(FIXTURE);
  const found = crossings.map((c) => `${c.from} → ${c.to} [${c.kind}, ${c.why}]`).sort();

  it('fails on each kind of crossing and on nothing else', () => {
    expect(found).toEqual([
      'analytic/theory.ts → montecarlo/sweep.ts [dynamic, peer]',
      'models/params.ts → analytic/theory.ts [re-export, upward]',
      'montecarlo/sweep.ts → cascade/load.ts [static, peer]',
      'montecarlo/sweep.ts → cascade/worker.mjs [url, peer]',
      'random/stream.ts → graph/graph.ts [type-query, upward]',
    ]);
  });

  it('an allowance removes exactly its crossing and an unused one is reported', () => {
    const allowed: AllowedCrossing[] = [
      { from: 'montecarlo/', to: 'cascade/', why: 'fixture' },
      { from: 'graph/graph.ts', to: 'cascade/load.ts', why: 'never happens' },
    ];
    const r = layerCrossings(FIXTURE, allowed);
    expect(r.crossings.map((c) => c.from).sort()).toEqual([
      'analytic/theory.ts',
      'models/params.ts',
      'random/stream.ts',
    ]);
    expect(r.unusedAllowances).toEqual([allowed[1]]);
  });

  it('reports every import from or into a layer the rank table does not know', () => {
    const r = layerCrossings(FIXTURE, [], {
      analytic: 6,
      montecarlo: 6,
      cascade: 6,
      models: 5,
      graph: 2,
      errors: 0,
      compare: 8,
    });
    expect(r.crossings.filter((c) => c.why === 'unknown-layer').map((c) => `${c.from} → ${c.to}`)).toEqual([
      'graph/graph.ts → random/stream.ts',
      'random/stream.ts → errors.ts',
      'random/stream.ts → graph/graph.ts',
    ]);
  });

  it('reads imports from the syntax tree, not from comments or strings', () => {
    const text =
      "// import { a } from '../x.ts';\nconst s = \"import('../y.ts')\";\nexport * from '../z.ts';\nawait import(`../w.ts`);";
    expect(importsOfText('a/b.ts', text)).toEqual([
      { spec: '../z.ts', kind: 're-export', line: 3 },
      { spec: '../w.ts', kind: 'dynamic', line: 4 },
    ]);
  });
});
