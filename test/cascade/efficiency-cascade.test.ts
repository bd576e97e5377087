// The efficiency-based overload cascade (Crucitti, Latora & Marchiori, PRE 69, 045104(R) (2004)) and its weighted
// Brandes kernel: hand-checked cases, graphology-metrics and Floyd–Warshall as oracles, golden values, properties.
import fc from 'fast-check';
import Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import { describe, expect, it } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { weightedLoadAndEfficiency } from '../../src/cascade/weighted-betweenness.ts';
import { efficiencyCascade } from '../../src/cascade/efficiency-cascade.ts';
import { betweenness } from '../../src/cascade/betweenness.ts';
import { barabasiAlbert } from '../../src/generators/barabasi-albert.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { stream } from '../../src/random/stream.ts';

const arbWeighted = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }),
    // Lengths k/8 (k = 2…32), 1 or ∞: multiples of 1/8 add exactly in doubles, so two paths tie exactly when their
    // lengths are equal. weightedLoadAndEfficiency counts lengths within 1e-12 relative as a tie and graphology's
    // oracle compares exactly; with arbitrary doubles the two legitimately differ on near-ties (found by fast-check:
    // a 4-cycle with lengths 1, 0.25000000000000017, 0.25, 1, where 1.25 and 1.2500000000000002 tie for one only).
    lengths: fc.array(
      fc.oneof(
        fc.integer({ min: 2, max: 32 }).map((k) => k / 8),
        fc.constant(1),
        fc.constant(Infinity),
      ),
      { minLength: 30, maxLength: 30 },
    ),
  }),
);

/** All-pairs efficiency by Floyd–Warshall (the oracle). */
function floydEfficiency(g: CompactGraph, len: Float64Array): number {
  const n = g.n;
  const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
  for (let e = 0; e < g.m; e++) {
    const [a, b] = [g.edgeSource[e], g.edgeTarget[e]];
    if (a !== b && len[e] < d[a][b]) d[a][b] = d[b][a] = len[e];
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) s += 1 / d[i][j];
  return s / (n * (n - 1));
}

describe('weightedLoadAndEfficiency', () => {
  it('hand-checked: a path of 3', () => {
    const r = weightedLoadAndEfficiency(
      CompactGraph.fromPairs(3, [
        [0, 1],
        [1, 2],
      ]),
      Float64Array.of(1, 1),
    );
    expect(Array.from(r.load)).toEqual([0, 1, 0]);
    expect(r.efficiency).toBeCloseTo(5 / 6, 15);
  });

  it('near-ties within 1e-12 relative count as ties (the documented TIE of the kernel), exact ones as in Brandes', () => {
    // A 4-cycle 2–1–0–3–2 whose two routes between opposite corners are 1 + 0.25 = 1.25 and
    // 1 + 0.25000000000000017 = 1.2500000000000002: a tie for the kernel, so each corner carries half of the pair
    // of the two others; an exact comparison (graphology) would send each pair by the shorter route only.
    const g = CompactGraph.fromPairs(4, [
      [2, 1],
      [2, 3],
      [0, 1],
      [3, 0],
    ]);
    expect(Array.from(weightedLoadAndEfficiency(g, Float64Array.of(1, 0.25000000000000017, 0.25, 1)).load)).toEqual([
      0.5, 0.5, 0.5, 0.5,
    ]);
    expect(Array.from(weightedLoadAndEfficiency(g, Float64Array.of(1, 0.5, 0.25, 1)).load)).toEqual([1, 1, 0, 0]);
  });

  it('agrees with graphology-metrics (weighted betweenness) and Floyd–Warshall (efficiency); unit lengths = betweenness.ts', () => {
    fc.assert(
      fc.property(arbWeighted, ({ n, edges, lengths }) => {
        // simple graph for the graphology oracle (it merges nothing: we drop self-loops and duplicates)
        const seen = new Set<string>();
        const pairs: [number, number][] = [];
        for (const [a, b] of edges) {
          const key = a < b ? `${a},${b}` : `${b},${a}`;
          if (a !== b && !seen.has(key)) {
            seen.add(key);
            pairs.push([a, b]);
          }
        }
        const g = CompactGraph.fromPairs(n, pairs);
        const len = Float64Array.from(pairs, (_, i) => lengths[i]);
        const r = weightedLoadAndEfficiency(g, len);
        const G = new Graph({ type: 'undirected' });
        for (let i = 0; i < n; i++) G.addNode(String(i));
        pairs.forEach(([a, b], i) => {
          if (len[i] !== Infinity) G.addEdge(String(a), String(b), { weight: len[i] });
        });
        const ref = betweennessCentrality(G, { getEdgeWeight: 'weight', normalized: false });
        for (let i = 0; i < n; i++) expect(r.load[i]).toBeCloseTo(ref[String(i)], 9);
        expect(r.efficiency).toBeCloseTo(floydEfficiency(g, len), 12);
        const ones = weightedLoadAndEfficiency(g, new Float64Array(g.m).fill(1));
        const b = betweenness(g).values;
        for (let i = 0; i < n; i++) expect(ones.load[i]).toBeCloseTo(b[i], 9);
      }),
      { numRuns: 200 },
    );
  });

  it('bad input', () => {
    const g = CompactGraph.fromPairs(3, [[0, 1]]);
    expect(() => weightedLoadAndEfficiency(g, Float64Array.of(1, 1))).toThrow(/length/);
    expect(() => weightedLoadAndEfficiency(g, Float64Array.of(0))).toThrow(/length\[0\]/);
    expect(() => weightedLoadAndEfficiency(g, Float64Array.of(1), new Uint8Array(2))).toThrow(FragilityInputError);
  });
});

describe('efficiencyCascade', () => {
  it('hand-checked: a 4-cycle loses node 0; node 2 carries 1 > C = 0.5 and halves its links (fixed point E/E0 = 1/4)', () => {
    // C4: L0 = 0.5 everywhere, E0 = 10/12. After removing 0: path 1-2-3 (original N = 4): E = 5/12, ratio 1/2; node 2
    // carries load 1 > (1 + α)·0.5 for α < 1: e = 0.5/1 on both of its links (length 2): E = 2.5/12, ratio 1/4, and
    // the load stays 1: a fixed point. α* = 1/0.5 − 1 = 1; at α = 1 nothing is overloaded and E(∞) = E(G − 0).
    const c4 = CompactGraph.fromPairs(4, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
    ]);
    const r = efficiencyCascade(c4, { alpha: 0, trigger: 0 });
    expect(r.E0).toBeCloseTo(10 / 12, 15);
    expect(r.efficiency.map((x) => +x.toFixed(12))).toEqual([1, 0.5, 0.25]);
    expect([r.finalEfficiency, r.period, r.steady, r.noCascadeEfficiency, r.alphaStar]).toEqual([
      0.25,
      1,
      true,
      0.5,
      1,
    ]);
    expect(r.overloaded).toEqual([1, 1]);
    const s = efficiencyCascade(c4, { alpha: 1, trigger: 0 });
    expect([s.finalEfficiency, s.period, s.efficiency.length]).toEqual([0.5, 1, 2]);
  });

  it('hand-checked: removing an end of a path of 4 overloads nobody (E/E0 = 15/26)', () => {
    const p4 = CompactGraph.fromPairs(4, [
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    const r = efficiencyCascade(p4, { alpha: 0, trigger: 0 });
    expect(r.finalEfficiency).toBeCloseTo(15 / 26, 14);
    expect(r.noCascadeEfficiency).toBeCloseTo(15 / 26, 14);
    expect(r.alphaStar).toBe(0);
    expect(r.period).toBe(1);
  });

  it('golden: BA(200, 2), seed 1, top-load trigger, α = 0.2', () => {
    const g = barabasiAlbert(200, 2, stream(1));
    const r = efficiencyCascade(g, { alpha: 0.2 });
    expect([
      r.trigger,
      r.period,
      r.efficiency.length,
      +r.finalEfficiency.toFixed(12),
      +r.noCascadeEfficiency.toFixed(12),
    ]).toEqual(GOLDEN_BA);
    // random trigger from the stream; same stream ⇒ same run
    const a = efficiencyCascade(g, { alpha: 0.2, trigger: 'random', rng: stream(3) });
    const b = efficiencyCascade(g, { alpha: 0.2, trigger: 'random', rng: stream(3) });
    expect(a).toEqual(b);
  });

  it('bad input', () => {
    const g = CompactGraph.fromPairs(3, [
      [0, 1],
      [1, 2],
    ]);
    expect(() => efficiencyCascade(g, { alpha: -1 })).toThrow(/alpha/);
    expect(() => efficiencyCascade(g, { alpha: 0, trigger: 3 })).toThrow(/trigger/);
    expect(() => efficiencyCascade(g, { alpha: 0, trigger: 'random' })).toThrow(/rng/);
    expect(() => efficiencyCascade(CompactGraph.fromPairs(3, []), { alpha: 0 })).toThrow(/graph/);
  });

  it('properties: E(t) <= E(G − trigger) <= E(0) for t >= 1; at α >= α* the cascade stops at once', () => {
    fc.assert(
      fc.property(arbWeighted, fc.double({ min: 0, max: 3, noNaN: true }), fc.nat(13), ({ n, edges }, alpha, t) => {
        const g = CompactGraph.fromPairs(
          n,
          edges.filter(([a, b]) => a !== b),
        );
        if (g.m === 0) return;
        const trigger = t % n;
        const r = efficiencyCascade(g, { alpha, trigger, maxSteps: 200 });
        expect(r.efficiency[0]).toBe(1);
        expect(r.noCascadeEfficiency).toBeLessThanOrEqual(1 + 1e-12);
        for (const x of r.efficiency.slice(1)) expect(x).toBeLessThanOrEqual(r.noCascadeEfficiency + 1e-12);
        expect(r.finalEfficiency).toBeLessThanOrEqual(r.noCascadeEfficiency + 1e-12);
        expect(r.cycleRange[0]).toBeLessThanOrEqual(r.finalEfficiency + 1e-15);
        if (Number.isFinite(r.alphaStar)) {
          const s = efficiencyCascade(g, { alpha: r.alphaStar + 1e-6, trigger });
          expect(s.period).toBe(1);
          expect(s.finalEfficiency).toBeCloseTo(r.noCascadeEfficiency, 12);
        }
      }),
      { numRuns: 150 },
    );
  });
});

// Recorded from this implementation (trigger, period, E(t) values recorded, E(∞)/E(0), no-cascade limit).
const GOLDEN_BA = [2, 2, 28, 0.717161963006, 0.946434622455];

describe('efficiencyCascade seed', () => {
  it('echoes the seed of the stream a random trigger drew from, null when nothing random was drawn', async () => {
    const { stream } = await import('../../src/random/stream.ts');
    const g = CompactGraph.fromPairs(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 0],
      [0, 2],
    ]);
    expect(efficiencyCascade(g, { alpha: 0.1, trigger: 'random', rng: stream(7, 3) }).seed).toBe(7);
    expect(efficiencyCascade(g, { alpha: 0.1 }).seed).toBeNull();
    expect(efficiencyCascade(g, { alpha: 0.1, trigger: 2 }).seed).toBeNull();
  });
});
