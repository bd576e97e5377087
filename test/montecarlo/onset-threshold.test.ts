import { describe, it, expect } from 'vitest';
import { onsetThreshold } from '../../src/montecarlo/onset-threshold.ts';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { stream } from '../../src/random/stream.ts';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { FragilityInputError } from '../../src/errors.ts';

function pathGraph(n: number): CompactGraph {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) pairs.push([i, i + 1]);
  return CompactGraph.fromPairs(n, pairs);
}

describe('onsetThreshold', () => {
  it('ER, mean degree 4, n = 4000: the onset lies near 1/c = 0.25 (site and bond) with an interval', () => {
    const g = erdosRenyi(4000, 4 / 3999, stream(3, 0));
    for (const mode of ['site', 'bond'] as const) {
      const o = onsetThreshold(g, { mode, runs: 40, seed: 1 });
      expect(o.q_c).not.toBeNull();
      // Tolerance 0.05: the χ peak of a finite graph sits above q_c by O(q_c·n^(-1/3)) (3 × 0.25 × 4000^(-1/3) ≈ 0.047;
      // Newman & Ziff 2001, finite-size scaling of the pseudo-threshold).
      expect(Math.abs((o.q_c as number) - 0.25)).toBeLessThan(0.05);
      expect(o.ci![0]).toBeLessThanOrEqual(o.q_c as number);
      expect(o.ci![1]).toBeGreaterThanOrEqual(o.q_c as number);
      expect(o.component.components).toBeGreaterThan(1); // ER at c = 4 has small components
      expect(o.method).toBe('onset-lcc-chi');
    }
  });

  it('a disconnected graph: small loopy components do not move the onset (it is that of the largest component)', () => {
    // ER part (n = 500, c = 3) plus 300 disjoint 8-cliques: whole clusters at q = 1 that would dominate any
    // whole-graph cluster-size curve. The onset runs on the largest component only, so it equals (same ids, same
    // streams) the onset of the ER part alone.
    const er = erdosRenyi(500, 3 / 499, stream(9, 0));
    const s = Array.from(er.edgeSource);
    const t = Array.from(er.edgeTarget);
    for (let c = 0; c < 300; c++) {
      const base = 500 + 8 * c;
      for (let a = 0; a < 8; a++)
        for (let b = a + 1; b < 8; b++) {
          s.push(base + a);
          t.push(base + b);
        }
    }
    const g = CompactGraph.fromEdges(2900, Int32Array.from(s), Int32Array.from(t));
    const o = onsetThreshold(g, { mode: 'bond', runs: 20, seed: 1 });
    const alone = onsetThreshold(er, { mode: 'bond', runs: 20, seed: 1 });
    expect(o.q_c).not.toBeNull();
    expect(o.q_c).toBe(alone.q_c);
    expect(o.q_c as number).toBeLessThan(0.6);
    expect(o.component.fraction).toBeLessThan(0.2);
    expect(o.component.components).toBe(alone.component.components + 300);
  });

  it('never returns the grid end: a path on q <= 0.5 gives null with the reason', () => {
    const grid = Array.from({ length: 11 }, (_, i) => i * 0.05);
    const o = onsetThreshold(pathGraph(300), { mode: 'bond', runs: 20, grid });
    expect(o.q_c).toBeNull();
    expect(o.ci).toBeNull();
    expect(o.reason).toMatch(/grid's end/);
    expect(o.peak.atEnd).toBe('end');
  });

  it('property: q_c, when a number, lies strictly inside the grid', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const g = erdosRenyi(300, (1 + seed / 2) / 299, stream(seed, 0));
      const grid = Array.from({ length: 6 + seed }, (_, i) => (0.2 + 0.8 * i) / (5 + seed));
      for (const mode of ['site', 'bond'] as const) {
        const o = onsetThreshold(g, { mode, runs: 5, seed, grid, bootstrap: 0 });
        if (o.q_c === null) expect(o.reason).toBeTruthy();
        else {
          expect(o.q_c).toBeGreaterThan(grid[0]);
          expect(o.q_c).toBeLessThan(grid[grid.length - 1]);
        }
      }
    }
  });

  it('a star (one hub) has no sharp transition: null with the reason', () => {
    const pairs: [number, number][] = [];
    for (let i = 1; i < 200; i++) pairs.push([0, i]);
    const o = onsetThreshold(CompactGraph.fromPairs(200, pairs), { mode: 'site', runs: 20 });
    expect(o.q_c).toBeNull();
    expect(o.reason).toMatch(/no sharp transition/);
  });

  it('is deterministic at a fixed seed and rejects bad input', () => {
    const g = erdosRenyi(500, 4 / 499, stream(1, 0));
    const a = onsetThreshold(g, { mode: 'bond', runs: 5, seed: 4 });
    const b = onsetThreshold(g, { mode: 'bond', runs: 5, seed: 4 });
    expect(a.q_c).toBe(b.q_c);
    expect(a.ci).toEqual(b.ci);
    expect(() => onsetThreshold(g, { runs: 0 })).toThrow(FragilityInputError);
    expect(() => onsetThreshold(g, { grid: [0, 0.5, 0.2, 0.7, 1] })).toThrow(/^grid:/);
    expect(() => onsetThreshold(g, { grid: [0, 1] })).toThrow(/^grid:/);
    expect(() => onsetThreshold(g, { prominence: 0.5 })).toThrow(/^prominence:/);
    expect(() => onsetThreshold(CompactGraph.fromPairs(0, []))).toThrow(/^graph\.n:/);
  });
});
