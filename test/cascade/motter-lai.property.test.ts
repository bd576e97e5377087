// Properties of the Motter–Lai cascade (issue 17, point 5): agreement with a brute-force cascade on small graphs
// (loads by the textbook betweenness definition, synchronous waves, the same 1e-10 relative slack as the engine),
// conservation of the failure count, a stable final state, and the sweep equal to single cascades.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { motterLaiCascade, motterLaiSweep } from '../../src/cascade/motter-lai.ts';
import {
  bruteBetweenness,
  componentSizes,
  ringWithChords,
  simpleGraph,
  type SmallGraph,
  toCompact,
} from '../property-oracles.ts';

const alpha = fc.constantFrom(0, 0, 0.05, 0.2, 0.5, 1, 3);
const graph = simpleGraph(1, 11, 3);
/** Rings with chords cascade often (about half the cases), so the brute-force comparison sees real waves. */
const cascading = ringWithChords(3, 11);
const overloaded = (L: number, cap: number) => L > cap + 1e-10 * Math.max(1, cap);

/** The cascade written the obvious way: recompute every load from scratch each wave, fail all overloaded at once. */
function bruteCascade(g: SmallGraph, a: number, triggers: number[]) {
  const L0 = bruteBetweenness(g);
  const alive = new Array<number>(g.n).fill(1);
  for (const t of triggers) alive[t] = 0;
  const perWave: number[] = [];
  for (;;) {
    const L = bruteBetweenness(g, alive);
    const fail = alive.map((x, i) => (x === 1 && overloaded(L[i], (1 + a) * L0[i]) ? i : -1)).filter((i) => i >= 0);
    if (fail.length === 0) break;
    for (const i of fail) alive[i] = 0;
    perWave.push(fail.length);
  }
  const largest = Math.max(0, ...componentSizes(g, alive));
  return { alive, perWave, G: largest / g.n, L0 };
}

describe('Motter–Lai cascade: properties', () => {
  it('equals the brute-force cascade (alive set, waves, G) for explicit and top-load triggers', () => {
    let waves = 0; // cases with at least one overload wave: the comparison must not be only of triggers
    fc.assert(
      fc.property(cascading, alpha, fc.nat(), (g, a, pick) => {
        const cg = toCompact(g);
        // top-load: the node of largest L0, lowest id on ties (exact loads are rationals; compare with a 1e-9 margin).
        const L0 = bruteBetweenness(g);
        const max = Math.max(...L0);
        const top = motterLaiCascade(cg, { alpha: a });
        const t = top.triggers[0];
        expect(L0[t]).toBeGreaterThanOrEqual(max - 1e-9);
        for (let i = 0; i < t; i++) expect(L0[i]).toBeLessThan(max - 1e-9);
        for (const [r, trig] of [
          [top, [t]],
          [motterLaiCascade(cg, { alpha: a, trigger: [pick % g.n] }), [pick % g.n]],
        ] as const) {
          const b = bruteCascade(g, a, [...trig]);
          expect(Array.from(r.alive)).toEqual(b.alive);
          expect(r.failedPerWave).toEqual(b.perWave);
          expect(r.G).toBeCloseTo(b.G, 14);
          if (b.perWave.length > 0) waves++;
        }
      }),
      { numRuns: 120, seed: 17 },
    );
    console.log(`Motter–Lai vs brute force: ${waves}/240 cascades had an overload wave`);
    expect(waves).toBeGreaterThanOrEqual(60);
  });

  it('conserves failures, ends stable, never fails a node of zero initial load, G ≤ survivors/n', () => {
    fc.assert(
      fc.property(
        fc.oneof(graph, cascading),
        alpha,
        fc.uniqueArray(fc.nat({ max: 10 }), { minLength: 1, maxLength: 3 }),
        (g, a, raw) => {
          const trig = [...new Set(raw.map((t) => t % g.n))];
          const r = motterLaiCascade(toCompact(g), { alpha: a, trigger: trig });
          const survivors = Array.from(r.alive).reduce((s, x) => s + x, 0);
          expect(r.failed).toBe(trig.length + r.failedPerWave.reduce((s, x) => s + x, 0));
          expect(r.failed).toBe(g.n - survivors);
          expect(r.waves).toBe(r.failedPerWave.length);
          expect(r.failedPerWave.every((x) => x >= 1)).toBe(true);
          expect(r.G).toBeLessThanOrEqual(survivors / g.n + 1e-15);
          expect(r.G).toBeCloseTo(Math.max(0, ...componentSizes(g, r.alive)) / g.n, 14);
          const L0 = bruteBetweenness(g);
          const L = bruteBetweenness(g, r.alive);
          for (let i = 0; i < g.n; i++) {
            if (r.alive[i]) expect(overloaded(L[i], (1 + a) * L0[i])).toBe(false);
            if (L0[i] === 0 && !trig.includes(i)) expect(r.alive[i]).toBe(1);
          }
        },
      ),
      { numRuns: 120, seed: 5 },
    );
  });

  it('the sweep equals one cascade per α; the same seed gives the same random trigger', () => {
    fc.assert(
      fc.property(
        graph,
        fc.uniqueArray(alpha, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 1000 }),
        (g, alphas, seed) => {
          const cg = toCompact(g);
          const sweep = motterLaiSweep(cg, alphas, { trigger: 'random', seed });
          alphas.forEach((a, k) => {
            const one = motterLaiCascade(cg, { alpha: a, trigger: 'random', seed });
            expect(sweep[k]).toEqual({ alpha: a, G: one.G, waves: one.waves, failed: one.failed, seed });
            expect(one.seed).toBe(seed);
          });
        },
      ),
      { numRuns: 60, seed: 8 },
    );
  });
});
