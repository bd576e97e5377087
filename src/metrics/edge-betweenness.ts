/**
 * Exact shortest-path edge betweenness on a {@link CompactGraph} (Brandes 2001, unweighted BFS form), with the
 * conventions of {@link betweenness}: unordered pairs counted once, only pairs in the same component, parallel edges
 * are distinct paths (each copy gets its own share), self-loops carry nothing.
 *
 * @module
 */
import type { CompactGraph } from '../graph/compact-graph.ts';

/**
 * Options for {@link edgeBetweenness}.
 *
 * @category Betweenness
 */
export interface EdgeBetweennessOptions {
  /** Divide by n(n−1)/2, the number of pairs (graphology/networkx convention). Default false. */
  normalized?: boolean;
}

/**
 * Betweenness of every edge: the number of unordered node pairs whose shortest paths run through it, each pair
 * weighted by the fraction of its shortest paths that use the edge (the pair of an edge's own endpoints counts).
 *
 * @param g - the graph.
 * @param opts - `normalized` (default false).
 * @returns a Float64Array of length m indexed by edge id.
 *
 * @complexity O(n·m) time, O(n + m) memory.
 *
 * @model EB(e) = Σ_{s<t} σ_st(e)/σ_st; accumulated as ½ Σ_s Σ_{DAG edges (v→w) = e} σ_sv·(1 + δ_s(w))/σ_sw.
 *
 * @references U. Brandes, J. Math. Sociol. 25, 163 (2001), doi:10.1080/0022250X.2001.9732438; M. Girvan,
 * M. E. J. Newman, PNAS 99, 7821 (2002), doi:10.1073/pnas.122653799.
 *
 * @example
 * ```ts
 * edgeBetweenness(CompactGraph.fromPairs(3, [[0, 1], [1, 2]])); // Float64Array [2, 2]
 * ```
 *
 * @category Betweenness
 */
export function edgeBetweenness(g: CompactGraph, opts: EdgeBetweennessOptions = {}): Float64Array {
  const { n, m, offsets, targets } = g;
  const heEdge = g.halfEdgeEdge;
  const out = new Float64Array(m);
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const coef = new Float64Array(n);
  const order = new Int32Array(n + 1);
  const succ = new Int32Array(targets.length); // half-edge positions of DAG edges, grouped by BFS position
  const succEnd = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    dist[s] = 0;
    sigma[s] = 1;
    order[0] = s;
    let head = 0;
    let tail = 1;
    let ns = 0;
    while (head < tail) {
      const v = order[head];
      const dv = dist[v] + 1;
      const sv = sigma[v];
      const end = offsets[v + 1];
      for (let p = offsets[v]; p < end; p++) {
        const w = targets[p];
        const dw = dist[w];
        const isNew = dw >>> 31;
        const isNext = ((dw ^ dv) - 1) >>> 31;
        dist[w] = dw + isNew * (dv - dw);
        order[tail] = w;
        tail += isNew;
        sigma[w] += isNext * sv;
        succ[ns] = p;
        ns += isNext;
      }
      succEnd[head++] = ns;
    }
    for (let i = tail - 1; i >= 0; i--) {
      const v = order[i];
      const sv = sigma[v];
      let sum = 0;
      const end = succEnd[i];
      for (let q = i === 0 ? 0 : succEnd[i - 1]; q < end; q++) {
        const p = succ[q];
        const c = coef[targets[p]];
        sum += c;
        out[heEdge[p]] += sv * c;
      }
      coef[v] = (1 + sv * sum) / sv;
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i];
      dist[v] = -1;
      sigma[v] = 0;
    }
  }
  const scale = opts.normalized && n > 1 ? 1 / (n * (n - 1)) : 0.5;
  for (let e = 0; e < m; e++) out[e] *= scale;
  return out;
}
