// Reference rows K1–K4 and K7 (docs/reference/literature-values.md): non-backtracking radius and message passing
// (Karrer, Newman & Zdeborová, PRL 113, 208702 (2014)).
import { describe, it, expect } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { readEdgeList } from '../../src/graph/edgelist.ts';
import { randomRegular } from '../../src/generators/random-regular.ts';
import { stream } from '../../src/random/stream.ts';
import { messagePassingPercolation } from '../../src/analytic/message-passing.ts';
import { nonBacktrackingSpectralRadius } from '../../src/analytic/non-backtracking.ts';

function complete(n: number): CompactGraph {
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
  return CompactGraph.fromPairs(n, pairs);
}

describe('K1: complete graph K_n, λ_max(B) = n − 2', () => {
  it('K5: λ = 3, p_c = 1/3', () => {
    const r = nonBacktrackingSpectralRadius(complete(5));
    expect(r.lambda).toBeCloseTo(3, 9);
    expect(r.pc).toBeCloseTo(1 / 3, 9);
  });
  it('K_n for n = 4 … 30', () => {
    for (let n = 4; n <= 30; n += 2) expect(nonBacktrackingSpectralRadius(complete(n)).lambda).toBeCloseTo(n - 2, 8);
  });
});

describe('K2: k-regular graphs, λ_max(B) = k − 1', () => {
  it('random k-regular graphs, n = 1000, k = 3 … 6', () => {
    for (let k = 3; k <= 6; k++) {
      const r = nonBacktrackingSpectralRadius(randomRegular(1000, k, stream(42, k)));
      expect(r.converged).toBe(true);
      expect(r.lambda).toBeCloseTo(k - 1, 9);
    }
  });
});

describe('K3: cycles λ = 1 (p_c = 1); trees and forests λ = 0 (no threshold)', () => {
  it('cycle C_12', () => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < 12; i++) pairs.push([i, (i + 1) % 12]);
    const r = nonBacktrackingSpectralRadius(CompactGraph.fromPairs(12, pairs));
    expect(r.lambda).toBe(1);
    expect(r.pc).toBe(1);
  });
  it('a binary tree and a forest: λ = 0, p_c = null with a reason', () => {
    const tree: [number, number][] = [];
    for (let i = 1; i < 63; i++) tree.push([i, (i - 1) >> 1]);
    for (const g of [
      CompactGraph.fromPairs(63, tree),
      CompactGraph.fromPairs(8, [
        [0, 1],
        [2, 3],
        [3, 4],
        [5, 6],
      ]),
    ]) {
      const r = nonBacktrackingSpectralRadius(g);
      expect(r.lambda).toBe(0);
      expect(r.pc).toBeNull();
      expect(r.reason).toMatch(/no cycle/);
    }
  });
});

describe('K4: Zachary karate club', () => {
  it('λ_max(B) = 5.2927806445 (1e-8), p_c = 0.188937', async () => {
    const g = await readEdgeList('test/fixtures/karate.edges');
    expect(g.n).toBe(34);
    expect(g.m).toBe(78);
    const r = nonBacktrackingSpectralRadius(g);
    expect(Math.abs(r.lambda - 5.2927806445)).toBeLessThan(1e-8);
    expect(r.pc!).toBeCloseTo(0.188937, 6);
  });
});

describe('K7: message passing on a random 3-regular graph, n = 3000, bond p = 0.75', () => {
  it('S = 0.962963 (= 26/27, the configuration-model value G7)', () => {
    const g = randomRegular(3000, 3, stream(7));
    const r = messagePassingPercolation(g, 0.75, { mode: 'bond' });
    expect(r.converged).toBe(true);
    // Exact, not only tree-like: on any 3-regular graph the uniform messages u = 1/3 are the smallest fixed point,
    // so the few short cycles of a finite random regular graph do not move S at all (to the solver tolerance).
    expect(Math.abs(r.S - 26 / 27)).toBeLessThan(1e-9);
    expect(r.S).toBeCloseTo(0.962963, 6);
    // the site counterpart (G7): q(1 − u³) = 0.722222
    expect(messagePassingPercolation(g, 0.75, { mode: 'site' }).S).toBeCloseTo(0.722222, 6);
  });
});
