import { describe, expect, it } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { motterLaiCascade, motterLaiSweep } from '../../src/cascade/motter-lai.ts';
import { betweenness } from '../../src/cascade/betweenness.ts';
import { barabasiAlbert } from '../../src/generators/barabasi-albert.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { stream } from '../../src/random/stream.ts';
import { FragilityInputError } from '../../src/errors.ts';

const ba = barabasiAlbert(300, 2, stream(1));

describe('motterLaiCascade', () => {
  it('hand-checked: removing the centre of a path of 5', () => {
    // Path 0-1-2-3-4, loads [0, 3, 4, 3, 0]; top-load trigger = node 2; the two halves carry no load.
    const path = CompactGraph.fromPairs(5, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    const r = motterLaiCascade(path, { alpha: 0 });
    expect(Array.from(r.triggers)).toEqual([2]);
    expect(r.waves).toBe(0);
    expect(r.failed).toBe(1);
    expect(r.G).toBeCloseTo(2 / 5, 15);
  });

  it('hand-checked: a 4-cycle with two pendants; capacity is compared with load at the boundary α', () => {
    // Cycle 0-1-2-3 with pendants 4 (on 0) and 5 (on 2). Intact loads: L0 = [4.5, 2, 4.5, 2, 0, 0]. Trigger 1:
    // the rest is the path 4-0-3-2-5, where node 3 carries 4 = (1 + α)·2 at α = 1. For α < 1 it fails in wave 1,
    // splitting {4,0} from {2,5} (loads 0: stable), G = 2/6; at α = 1 it holds (load = capacity), G = 5/6.
    const g = CompactGraph.fromPairs(6, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
      [4, 0],
      [5, 2],
    ]);
    expect(Array.from(betweenness(g).values)).toEqual([4.5, 2, 4.5, 2, 0, 0]);
    const a = motterLaiCascade(g, { alpha: 0.5, trigger: [1] });
    expect([a.G, a.waves, a.failed, a.failedPerWave]).toEqual([2 / 6, 1, 2, [1]]);
    expect(Array.from(a.alive)).toEqual([1, 0, 1, 0, 1, 1]);
    const b = motterLaiCascade(g, { alpha: 1, trigger: [1] });
    expect([b.G, b.waves, b.failed]).toEqual([5 / 6, 0, 1]);
  });

  it('G at α = 1 is at least G at α = 0.05 on fixed graphs and seeds', () => {
    for (const [g, trigger, seed] of [
      [ba, 'top-load', 1],
      [ba, 'random', 2],
      [barabasiAlbert(200, 3, stream(5)), 'top-load', 1],
      [erdosRenyi(200, 0.03, stream(7)), 'top-load', 1],
      [erdosRenyi(200, 0.03, stream(7)), 'random', 9],
    ] as const) {
      const [lo, hi] = motterLaiSweep(g, [0.05, 1], { trigger, seed });
      expect(hi.G).toBeGreaterThanOrEqual(lo.G);
    }
  });

  it('is not monotone in α in general (documented counterexample)', () => {
    // erdosRenyi(25, 0.15, stream(4)), top-load trigger: α = 0.3 leaves G = 7/25, α = 0.5 only 3/25 (while
    // failing fewer nodes, 12 vs 13 — the survivors are split differently).
    const pairs: Array<[number, number]> = [
      [3, 2],
      [5, 2],
      [8, 3],
      [10, 1],
      [10, 7],
      [11, 2],
      [11, 8],
      [11, 10],
      [12, 4],
      [12, 5],
      [13, 8],
      [13, 12],
      [14, 0],
      [15, 1],
      [17, 0],
      [17, 3],
      [17, 5],
      [17, 7],
      [17, 11],
      [17, 12],
      [18, 11],
      [18, 14],
      [19, 4],
      [19, 7],
      [19, 11],
      [19, 14],
      [19, 15],
      [20, 7],
      [20, 9],
      [20, 13],
      [20, 18],
      [21, 4],
      [21, 5],
      [21, 9],
      [21, 11],
      [22, 1],
      [23, 2],
      [23, 6],
      [23, 7],
      [24, 0],
      [24, 6],
      [24, 7],
      [24, 11],
      [24, 15],
      [24, 21],
    ];
    const g = CompactGraph.fromPairs(25, pairs);
    const [a, b] = motterLaiSweep(g, [0.3, 0.5]);
    expect(a).toEqual({ alpha: 0.3, G: 0.28, waves: 1, failed: 13, seed: 1 });
    expect(b).toEqual({ alpha: 0.5, G: 0.12, waves: 2, failed: 12, seed: 1 });
  });

  it('α large enough leaves everything but the trigger standing', () => {
    for (const trigger of ['top-load', 'random'] as const) {
      const r = motterLaiCascade(ba, { alpha: 1e6, trigger, seed: 4 });
      expect(r.failed).toBe(1);
      expect(r.waves).toBe(0);
      // G is the giant of the graph without the trigger
      const keep = Array.from({ length: ba.n }, (_, i) => i !== r.triggers[0]);
      expect(r.G).toBeLessThanOrEqual((ba.n - 1) / ba.n);
      expect(r.alive.reduce((s, v) => s + v, 0)).toBe(keep.filter(Boolean).length);
    }
  });

  it('golden runs on BA(300, 2), seed 1 (recorded after the hand checks above; frozen)', () => {
    const pts = motterLaiSweep(ba, [0, 0.2, 1], { trigger: 'top-load' });
    expect(pts).toEqual([
      { alpha: 0, G: 11 / 300, waves: 1, failed: 253, seed: 1 },
      { alpha: 0.2, G: 129 / 300, waves: 4, failed: 148, seed: 1 },
      { alpha: 1, G: 256 / 300, waves: 2, failed: 37, seed: 1 },
    ]);
    const r = motterLaiCascade(ba, { alpha: 0.2 });
    expect(r.failedPerWave.reduce((a, b) => a + b, 1)).toBe(148);
    const rnd = motterLaiCascade(ba, { alpha: 0, trigger: 'random', seed: 3 });
    expect([rnd.G, rnd.waves, rnd.failed]).toEqual(GOLDEN_RANDOM);
    // same seed ⇒ same run; sampled loads report their method
    expect(motterLaiCascade(ba, { alpha: 0, trigger: 'random', seed: 3 }).failedPerWave).toEqual(rnd.failedPerWave);
    expect(motterLaiCascade(ba, { alpha: 0.5, samples: 100, seed: 2 }).loadMethod).toBe('sampled');
  });

  it('explicit trigger sets count as failed', () => {
    const r = motterLaiCascade(ba, { alpha: 1e6, trigger: [0, 1, 2] });
    expect(r.failed).toBe(3);
    expect(Array.from(r.triggers)).toEqual([0, 1, 2]);
  });

  it('rejects bad input: α < 0, empty graph, bad trigger ids, bad samples', () => {
    expect(() => motterLaiCascade(ba, { alpha: -0.1 })).toThrow(FragilityInputError);
    expect(() => motterLaiCascade(ba, { alpha: -0.1 })).toThrow(/alpha/);
    expect(() => motterLaiCascade(ba, { alpha: NaN })).toThrow(/alpha/);
    expect(() => motterLaiCascade(CompactGraph.empty(0), { alpha: 0.1 })).toThrow(/graph/);
    expect(() => motterLaiCascade(ba, { alpha: 0.1, trigger: [300] })).toThrow(/trigger/);
    expect(() => motterLaiCascade(ba, { alpha: 0.1, trigger: [1, 1] })).toThrow(/trigger/);
    expect(() => motterLaiCascade(ba, { alpha: 0.1, trigger: [] })).toThrow(/trigger/);
    expect(() => motterLaiCascade(ba, { alpha: 0.1, samples: 0 })).toThrow(/samples/);
    expect(() => motterLaiSweep(ba, [0.1, -1])).toThrow(/alphas\[1\]/);
  });
});

// random trigger = node 292; failedPerWave [56, 102, 4]
const GOLDEN_RANDOM: number[] = [104 / 300, 3, 163];
