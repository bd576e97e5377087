import { describe, it, expect } from 'vitest';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { FragilityInputError } from '../../src/errors.ts';
import {
  nonBacktrackingSpectralRadius,
  NON_BACKTRACKING_NO_CYCLE_REASON,
} from '../../src/analytic/non-backtracking.ts';
import { complete, cycle, denseNonBacktrackingRadius, hypercube, path, petersen, torus } from './mp-helpers.ts';

describe('nonBacktrackingSpectralRadius', () => {
  it('complete graphs: n − 2', () => {
    for (let n = 4; n <= 9; n++) {
      const r = nonBacktrackingSpectralRadius(complete(n));
      expect(r.converged).toBe(true);
      expect(r.lambda).toBeCloseTo(n - 2, 9);
      expect(r.pc).toBeCloseTo(1 / (n - 2), 9);
    }
  });

  it('regular graphs, bipartite ones included (−λ is an eigenvalue too): k − 1', () => {
    expect(nonBacktrackingSpectralRadius(petersen()).lambda).toBeCloseTo(2, 9);
    expect(nonBacktrackingSpectralRadius(torus(8)).lambda).toBeCloseTo(3, 9); // bipartite 4-regular
    expect(nonBacktrackingSpectralRadius(torus(7)).lambda).toBeCloseTo(3, 9);
    expect(nonBacktrackingSpectralRadius(hypercube(5)).lambda).toBeCloseTo(4, 9); // bipartite 5-regular
    const k33 = CompactGraph.fromPairs(6, [
      [0, 3],
      [0, 4],
      [0, 5],
      [1, 3],
      [1, 4],
      [1, 5],
      [2, 3],
      [2, 4],
      [2, 5],
    ]);
    expect(nonBacktrackingSpectralRadius(k33).lambda).toBeCloseTo(2, 9);
  });

  it('a period-6 graph (theta graph with three paths of length 3): λ = 2^(1/3)', () => {
    const g = CompactGraph.fromPairs(8, [
      [0, 2],
      [2, 3],
      [3, 1],
      [0, 4],
      [4, 5],
      [5, 1],
      [0, 6],
      [6, 7],
      [7, 1],
    ]);
    const r = nonBacktrackingSpectralRadius(g);
    expect(r.converged).toBe(true);
    expect(r.lambda).toBeCloseTo(2 ** (1 / 3), 9);
  });

  it('cycles (and cycles with trees attached, a double edge): exactly 1', () => {
    for (const g of [
      cycle(3),
      cycle(10),
      CompactGraph.fromPairs(6, [
        [0, 1],
        [1, 2],
        [2, 0],
        [2, 3],
        [3, 4],
        [3, 5],
      ]),
      CompactGraph.fromPairs(2, [
        [0, 1],
        [0, 1],
      ]),
    ]) {
      const r = nonBacktrackingSpectralRadius(g);
      expect(r.lambda).toBe(1);
      expect(r.pc).toBe(1);
      expect(r.iterations).toBe(0);
    }
  });

  it('trees, forests, edgeless graphs: λ = 0, p_c null with a reason, no division by zero', () => {
    const star = CompactGraph.fromPairs(5, [
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
    const forest = CompactGraph.fromPairs(7, [
      [0, 1],
      [1, 2],
      [3, 4],
      [4, 5],
      [4, 6],
    ]);
    const loopTree = CompactGraph.fromPairs(3, [
      [0, 1],
      [1, 2],
      [1, 1],
    ]); // a self-loop is ignored
    for (const g of [path(10), star, forest, CompactGraph.empty(3), CompactGraph.empty(1), loopTree]) {
      const r = nonBacktrackingSpectralRadius(g);
      expect(r.lambda).toBe(0);
      expect(r.pc).toBeNull();
      expect(r.reason).toBe(NON_BACKTRACKING_NO_CYCLE_REASON);
    }
  });

  it('the largest component wins on disconnected graphs', () => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) pairs.push([i, j]); // K5: 3
    pairs.push([5, 6], [6, 7], [7, 5]); // a triangle: 1
    pairs.push([8, 9]); // a tree
    expect(nonBacktrackingSpectralRadius(CompactGraph.fromPairs(10, pairs)).lambda).toBeCloseTo(3, 9);
  });

  it('matches an explicit 2m×2m non-backtracking matrix on small irregular graphs', () => {
    const graphs = [
      CompactGraph.fromPairs(6, [
        [0, 1],
        [1, 2],
        [2, 0],
        [2, 3],
        [3, 4],
        [4, 5],
        [5, 3],
        [0, 4],
      ]),
      CompactGraph.fromPairs(7, [
        [0, 1],
        [0, 2],
        [0, 3],
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 5],
        [5, 6],
        [6, 4],
        [1, 1],
      ]),
      CompactGraph.fromPairs(4, [
        [0, 1],
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 0],
      ]), // a parallel edge
    ];
    for (const g of graphs) {
      expect(nonBacktrackingSpectralRadius(g).lambda).toBeCloseTo(denseNonBacktrackingRadius(g), 6);
    }
  });

  it('reports non-convergence instead of hanging', () => {
    const r = nonBacktrackingSpectralRadius(petersen(), { maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
  });

  it('rejects the graph with no nodes and bad options', () => {
    expect(() => nonBacktrackingSpectralRadius(CompactGraph.empty(0))).toThrow(FragilityInputError);
    expect(() => nonBacktrackingSpectralRadius(cycle(4), { tolerance: -1 })).toThrow(FragilityInputError);
    expect(() => nonBacktrackingSpectralRadius(cycle(4), { maxIterations: 0.5 })).toThrow(FragilityInputError);
  });
});
