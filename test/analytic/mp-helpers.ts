// Small graph builders shared by the message-passing and non-backtracking tests (not a test file itself).
import { CompactGraph } from '../../src/graph/compact-graph.ts';

export function complete(n: number): CompactGraph {
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
  return CompactGraph.fromPairs(n, pairs);
}

export function cycle(n: number): CompactGraph {
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) pairs.push([i, (i + 1) % n]);
  return CompactGraph.fromPairs(n, pairs);
}

export function path(n: number): CompactGraph {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) pairs.push([i, i + 1]);
  return CompactGraph.fromPairs(n, pairs);
}

/** Periodic L×L square lattice (4-regular, bipartite for even L). */
export function torus(L: number): CompactGraph {
  const pairs: [number, number][] = [];
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      const u = i * L + j;
      pairs.push([u, i * L + ((j + 1) % L)]);
      pairs.push([u, ((i + 1) % L) * L + j]);
    }
  }
  return CompactGraph.fromPairs(L * L, pairs);
}

/** The d-dimensional hypercube (d-regular, bipartite). */
export function hypercube(d: number): CompactGraph {
  const n = 1 << d;
  const pairs: [number, number][] = [];
  for (let u = 0; u < n; u++) for (let b = 0; b < d; b++) if (!(u & (1 << b))) pairs.push([u, u | (1 << b)]);
  return CompactGraph.fromPairs(n, pairs);
}

/** The Petersen graph (3-regular, not bipartite). */
export function petersen(): CompactGraph {
  const pairs: [number, number][] = [];
  for (let i = 0; i < 5; i++) {
    pairs.push([i, (i + 1) % 5]);
    pairs.push([i, i + 5]);
    pairs.push([5 + i, 5 + ((i + 2) % 5)]);
  }
  return CompactGraph.fromPairs(10, pairs);
}

/**
 * Independent oracle for λ_max(B): the 2m×2m non-backtracking matrix built explicitly, nilpotency tested by B^(2m+1)·1,
 * then power iteration on B + I (non-negative, aperiodic on every irreducible class) for `steps` steps.
 */
export function denseNonBacktrackingRadius(g: CompactGraph, steps = 20000): number {
  // directed edges (u→v) for every half-edge p at u, ignoring self-loops
  const tails: number[] = [];
  const heads: number[] = [];
  const edgeOf: number[] = [];
  for (let u = 0; u < g.n; u++) {
    for (let p = g.offsets[u]; p < g.offsets[u + 1]; p++) {
      const v = g.targets[p];
      if (v === u) continue;
      tails.push(u);
      heads.push(v);
      edgeOf.push(g.halfEdgeEdge[p]);
    }
  }
  const M = tails.length;
  if (M === 0) return 0;
  // B[a][b] = 1 if head(a) = tail(b) and b is not the reverse of a (same edge id)
  const succ: number[][] = [];
  for (let a = 0; a < M; a++) {
    const s: number[] = [];
    for (let b = 0; b < M; b++) if (heads[a] === tails[b] && edgeOf[a] !== edgeOf[b]) s.push(b);
    succ.push(s);
  }
  const apply = (v: Float64Array, shift: number): Float64Array => {
    const w = new Float64Array(M);
    for (let a = 0; a < M; a++) {
      let s = shift * v[a];
      for (const b of succ[a]) s += v[b];
      w[a] = s;
    }
    return w;
  };
  let v: Float64Array = new Float64Array(M).fill(1);
  for (let t = 0; t <= M; t++) v = apply(v, 0);
  if (v.every((x) => x === 0)) return 0;
  v = new Float64Array(M).fill(1);
  let ratio = 1;
  for (let t = 0; t < steps; t++) {
    const w = apply(v, 1);
    let sv = 0;
    let sw = 0;
    for (let a = 0; a < M; a++) {
      sv += v[a];
      sw += w[a];
    }
    ratio = sw / sv;
    for (let a = 0; a < M; a++) w[a] /= sw;
    v = w;
  }
  return ratio - 1;
}
