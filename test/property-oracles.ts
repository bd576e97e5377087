// Shared arbitraries and brute-force oracles for the property tests of issue 17 (point 5). Oracles are written the
// slow, obvious way (all pairs, Floyd–Warshall-like loops, repeated scans) so that they share no code with src/.
import fc from 'fast-check';
import { CompactGraph } from '../src/graph/compact-graph.ts';
import { FragilityInputError } from '../src/errors.ts';

export interface SmallGraph {
  n: number;
  pairs: Array<[number, number]>;
}

/** A random simple graph with minN..maxN nodes and up to `density`·n distinct edges, no self-loops. */
export function simpleGraph(minN: number, maxN: number, density = 2): fc.Arbitrary<SmallGraph> {
  return fc.integer({ min: minN, max: maxN }).chain((n) =>
    fc
      .array(fc.tuple(fc.nat({ max: Math.max(0, n - 1) }), fc.nat({ max: Math.max(0, n - 1) })), {
        maxLength: n < 2 ? 0 : density * n,
      })
      .map((raw) => {
        const seen = new Set<string>();
        const pairs: Array<[number, number]> = [];
        for (const [a, b] of raw) {
          if (a === b) continue;
          const key = a < b ? `${a},${b}` : `${b},${a}`;
          if (seen.has(key)) continue;
          seen.add(key);
          pairs.push([a, b]);
        }
        return { n, pairs };
      }),
  );
}

export const toCompact = (g: SmallGraph) => CompactGraph.fromPairs(g.n, g.pairs);

/** Adjacency sets of the subgraph induced by `alive` (all nodes when omitted). */
export function adjacency(g: SmallGraph, alive?: ArrayLike<number>): Array<Set<number>> {
  const adj = Array.from({ length: g.n }, () => new Set<number>());
  for (const [a, b] of g.pairs) {
    if (alive && (!alive[a] || !alive[b])) continue;
    adj[a].add(b);
    adj[b].add(a);
  }
  return adj;
}

/** Sizes of the connected components among alive nodes (all nodes when omitted), by repeated search. */
export function componentSizes(g: SmallGraph, alive?: ArrayLike<number>): number[] {
  const adj = adjacency(g, alive);
  const seen = new Array<boolean>(g.n).fill(false);
  const sizes: number[] = [];
  for (let s = 0; s < g.n; s++) {
    if (seen[s] || (alive && !alive[s])) continue;
    const stack = [s];
    seen[s] = true;
    let size = 0;
    while (stack.length) {
      const v = stack.pop()!;
      size++;
      for (const w of adj[v]) if (!seen[w]) (seen[w] = true), stack.push(w);
    }
    sizes.push(size);
  }
  return sizes;
}

/**
 * Node betweenness of the subgraph induced by `alive`, unordered pairs counted once, by the textbook definition:
 * Σ_{s<t} σ_st(v)/σ_st with σ_st(v) = σ_sv·σ_vt when d(s,v) + d(v,t) = d(s,t). O(n³) after all-pairs BFS.
 */
export function bruteBetweenness(g: SmallGraph, alive?: ArrayLike<number>): number[] {
  const n = g.n;
  const adj = adjacency(g, alive);
  const on = (v: number) => !alive || !!alive[v];
  const dist: number[][] = [];
  const sigma: number[][] = [];
  for (let s = 0; s < n; s++) {
    const d = new Array<number>(n).fill(Infinity);
    const c = new Array<number>(n).fill(0);
    if (on(s)) {
      d[s] = 0;
      c[s] = 1;
      let frontier = [s];
      while (frontier.length) {
        const next: number[] = [];
        for (const v of frontier) {
          for (const w of adj[v]) {
            if (d[w] === Infinity) (d[w] = d[v] + 1), next.push(w);
            if (d[w] === d[v] + 1) c[w] += c[v];
          }
        }
        frontier = next;
      }
    }
    dist.push(d);
    sigma.push(c);
  }
  const b = new Array<number>(n).fill(0);
  for (let s = 0; s < n; s++) {
    for (let t = s + 1; t < n; t++) {
      if (!on(s) || !on(t) || dist[s][t] === Infinity) continue;
      for (let v = 0; v < n; v++) {
        if (v === s || v === t || !on(v)) continue;
        if (dist[s][v] + dist[v][t] === dist[s][t]) b[v] += (sigma[s][v] * sigma[v][t]) / sigma[s][t];
      }
    }
  }
  return b;
}

/**
 * A cycle through all n nodes plus up to `chords` random extra edges: connected, and removing a node reroutes many
 * paths (load cascades are common, unlike on sparse random graphs where the trigger is often a leaf).
 */
export function ringWithChords(minN: number, maxN: number, chords = maxN): fc.Arbitrary<SmallGraph> {
  return fc.integer({ min: Math.max(3, minN), max: maxN }).chain((n) =>
    fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: chords }).map((extra) => {
      const seen = new Set<string>();
      const pairs: Array<[number, number]> = [];
      const add = (a: number, b: number) => {
        const key = a < b ? `${a},${b}` : `${b},${a}`;
        if (a === b || seen.has(key)) return;
        seen.add(key);
        pairs.push([a, b]);
      };
      for (let i = 0; i < n; i++) add(i, (i + 1) % n);
      for (const [a, b] of extra) add(a, b);
      return { n, pairs };
    }),
  );
}

/** A multigraph: any endpoint pairs, self-loops and repeated pairs included (0..maxN nodes, up to 3n edges). */
export function multiGraph(maxN: number): fc.Arbitrary<SmallGraph> {
  return fc.integer({ min: 0, max: maxN }).chain((n) =>
    fc
      .array(fc.tuple(fc.nat({ max: Math.max(0, n - 1) }), fc.nat({ max: Math.max(0, n - 1) })), {
        maxLength: n === 0 ? 0 : 3 * n,
      })
      .map((pairs) => ({ n, pairs })),
  );
}

/** Same node count and the same edges in the same order (endpoints as stored). */
export function edgesOf(g: {
  n: number;
  m: number;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
}): Array<[number, number]> {
  return Array.from({ length: g.m }, (_, e) => [g.edgeSource[e], g.edgeTarget[e]] as [number, number]);
}

/** The field named by the FragilityInputError that `fn` throws (undefined if it returns); other errors propagate. */
export function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof FragilityInputError) return e.field;
    throw e;
  }
  return undefined;
}
