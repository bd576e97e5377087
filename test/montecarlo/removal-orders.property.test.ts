// Properties of the targeted removal orders (issue 17, point 5): the static degree order, the adaptive degree order
// and the static / adaptive betweenness orders. Each is a permutation, deterministic in its seed, and greedy by its
// own key, checked against a brute-force key (degree counted on the remaining graph; betweenness by the textbook
// definition in test/property-oracles.ts) at every step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptiveDegreeOrder } from '../../src/montecarlo/adaptive-degree-order.ts';
import { betweennessOrder } from '../../src/montecarlo/betweenness-order.ts';
import { degreeOrder } from '../../src/montecarlo/degree-order.ts';
import { stream } from '../../src/random/stream.ts';
import { adjacency, bruteBetweenness, ringWithChords, simpleGraph, toCompact } from '../property-oracles.ts';

const isPermutation = (order: Int32Array, n: number) =>
  order.length === n && new Set(order).size === n && order.every((u) => u >= 0 && u < n);
const seed = fc.integer({ min: 0, max: 2 ** 31 });

describe('removal orders: properties', () => {
  it('degree order: a permutation with intact-graph degrees non-increasing, same seed ⇒ same order', () => {
    fc.assert(
      fc.property(simpleGraph(0, 40, 3), seed, (g, s) => {
        const cg = toCompact(g);
        const order = degreeOrder(cg, stream(s, 0));
        expect(isPermutation(order, g.n)).toBe(true);
        for (let i = 1; i < g.n; i++) expect(cg.degree(order[i - 1])).toBeGreaterThanOrEqual(cg.degree(order[i]));
        expect(degreeOrder(cg, stream(s, 0))).toEqual(order);
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('adaptive degree order: each removed node has the largest degree among the nodes still present', () => {
    fc.assert(
      fc.property(simpleGraph(0, 30, 3), seed, (g, s) => {
        const order = adaptiveDegreeOrder(toCompact(g), stream(s, 0));
        expect(isPermutation(order, g.n)).toBe(true);
        const present = new Array<number>(g.n).fill(1);
        for (const u of order) {
          const adj = adjacency(g, present);
          const best = Math.max(...adj.map((nb, v) => (present[v] ? nb.size : -1)));
          expect(adj[u].size).toBe(best);
          present[u] = 0;
        }
        expect(adaptiveDegreeOrder(toCompact(g), stream(s, 0))).toEqual(order);
      }),
      { numRuns: 150, seed: 2 },
    );
  });

  it('static betweenness order: intact-graph betweenness non-increasing along the order', () => {
    fc.assert(
      fc.property(fc.oneof(simpleGraph(0, 14, 3), ringWithChords(3, 14)), seed, (g, s) => {
        const order = betweennessOrder(toCompact(g), { seed: s });
        expect(isPermutation(order, g.n)).toBe(true);
        const b = bruteBetweenness(g);
        for (let i = 1; i < g.n; i++) expect(b[order[i - 1]]).toBeGreaterThanOrEqual(b[order[i]] - 1e-9);
        expect(betweennessOrder(toCompact(g), { seed: s })).toEqual(order);
      }),
      { numRuns: 120, seed: 3 },
    );
  });

  it('adaptive betweenness order: each batch holds the largest betweenness of the remaining graph', () => {
    let checked = 0; // removals made while edges remained (after that the order is the random tie-break)
    fc.assert(
      fc.property(
        fc.oneof(simpleGraph(0, 11, 3), ringWithChords(3, 11)),
        seed,
        fc.constantFrom(1, 1, 2, 3),
        (g, s, batch) => {
          const order = betweennessOrder(toCompact(g), { adaptive: true, seed: s, batch });
          expect(isPermutation(order, g.n)).toBe(true);
          const present = new Array<number>(g.n).fill(1);
          for (let pos = 0; pos < g.n; pos += batch) {
            if (!adjacency(g, present).some((nb) => nb.size > 0)) break;
            const b = bruteBetweenness(g, present);
            const chosen = Array.from(order.subarray(pos, pos + batch));
            const rest = b.filter((_, v) => present[v] && !chosen.includes(v));
            const floor = Math.max(-Infinity, ...rest);
            for (const u of chosen) expect(b[u]).toBeGreaterThanOrEqual(floor - 1e-9);
            for (const u of chosen) present[u] = 0;
            checked++;
          }
        },
      ),
      { numRuns: 100, seed: 4 },
    );
    expect(checked).toBeGreaterThanOrEqual(200);
  });
});
