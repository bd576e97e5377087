import type { CompactGraph } from '../../src/graph/compact-graph.ts';

/** Same node count and the same edges in the same order. */
export function sameGraph(a: CompactGraph, b: CompactGraph): boolean {
  if (a.n !== b.n || a.m !== b.m) return false;
  for (let e = 0; e < a.m; e++) {
    if (a.edgeSource[e] !== b.edgeSource[e] || a.edgeTarget[e] !== b.edgeTarget[e]) return false;
  }
  return true;
}

/** Σ degrees. */
export function degreeSum(g: CompactGraph): number {
  let s = 0;
  for (let u = 0; u < g.n; u++) s += g.degree(u);
  return s;
}

/** Upper 0.1 % point of chi-square with df degrees of freedom (Wilson–Hilferty, accurate to ~1 % for df >= 3). */
export function chiSquareCritical999(df: number): number {
  const z = 3.0902;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}
