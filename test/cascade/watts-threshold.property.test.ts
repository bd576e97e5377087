// Properties of the Watts threshold cascade (issue 17, point 5): the breadth-first engine equals the synchronous
// rounds of the model written directly (final active set and number of rounds), the final state is stable, and the
// cascade is monotone in the seed set and in the thresholds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WATTS_ACTIVATION_SLACK, wattsThresholdCascade } from '../../src/cascade/watts-threshold.ts';
import { adjacency, simpleGraph, type SmallGraph, toCompact } from '../property-oracles.ts';

const activates = (m: number, k: number, phi: number) =>
  k >= 1 && m >= 1 && m >= phi * k * (1 - WATTS_ACTIVATION_SLACK);

/** Synchronous rounds: every inactive node whose active-neighbour count reaches φ·k activates at once. */
function synchronous(g: SmallGraph, phi: number[], seeds: number[]) {
  const adj = adjacency(g);
  const active = new Array<number>(g.n).fill(0);
  for (const s of seeds) active[s] = 1;
  let rounds = 0;
  for (;;) {
    const next = active.map((a, v) =>
      a ? 0 : activates([...adj[v]].filter((w) => active[w]).length, adj[v].size, phi[v]) ? 1 : 0,
    );
    if (!next.some(Boolean)) break;
    next.forEach((x, v) => x && (active[v] = 1));
    rounds++;
  }
  return { active, rounds };
}

/** A graph, one threshold per node in [0, 0.6] (a few exactly 1/k-type ties: 1/4, 1/3, 1/2), and 1–3 seeds. */
const instance = simpleGraph(1, 40, 2).chain((g) =>
  fc.record({
    g: fc.constant(g),
    phi: fc.array(fc.oneof(fc.double({ min: 0, max: 0.6, noNaN: true }), fc.constantFrom(0.25, 1 / 3, 0.5)), {
      minLength: g.n,
      maxLength: g.n,
    }),
    seeds: fc.array(fc.nat({ max: g.n - 1 }), { minLength: 1, maxLength: 3 }),
  }),
);

describe('Watts threshold cascade: properties', () => {
  it('equals the synchronous rounds of the model (active set, generations), and the end state is stable', () => {
    let spread = 0; // cases where the cascade went beyond its seeds
    const runs = 150;
    fc.assert(
      fc.property(instance, ({ g, phi, seeds }) => {
        const r = wattsThresholdCascade(toCompact(g), { thresholds: phi, seeds });
        const s = synchronous(g, phi, seeds);
        expect(Array.from(r.active)).toEqual(s.active);
        expect(r.generations).toBe(s.rounds);
        expect(r.seeds).toBe(new Set(seeds).size);
        expect(r.activated).toBe(s.active.reduce((a, b) => a + b, 0));
        expect(r.size).toBe(r.activated / g.n);
        const adj = adjacency(g);
        for (let v = 0; v < g.n; v++) {
          if (!r.active[v])
            expect(activates([...adj[v]].filter((w) => r.active[w]).length, adj[v].size, phi[v])).toBe(false);
        }
        if (r.activated > r.seeds) spread++;
      }),
      { numRuns: runs, seed: 41 },
    );
    console.log(`Watts cascade: ${spread}/${runs} cases spread beyond the seeds`);
    expect(spread).toBeGreaterThanOrEqual(0.3 * runs);
  });

  it('is monotone: more seeds or lower thresholds never deactivate a node; a uniform φ equals the per-node array', () => {
    fc.assert(
      fc.property(
        instance,
        fc.nat(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }),
        ({ g, phi, seeds }, extra, shrink) => {
          const cg = toCompact(g);
          const base = wattsThresholdCascade(cg, { thresholds: phi, seeds }).active;
          const more = wattsThresholdCascade(cg, { thresholds: phi, seeds: [...seeds, extra % g.n] }).active;
          const lower = wattsThresholdCascade(cg, { thresholds: phi.map((x, v) => x * shrink[v]), seeds }).active;
          for (let v = 0; v < g.n; v++) {
            expect(more[v]).toBeGreaterThanOrEqual(base[v]);
            expect(lower[v]).toBeGreaterThanOrEqual(base[v]);
          }
          const u = Math.max(1e-9, phi[0]);
          expect(wattsThresholdCascade(cg, { thresholds: u, seeds })).toEqual(
            wattsThresholdCascade(cg, { thresholds: new Array(g.n).fill(u), seeds }),
          );
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});
