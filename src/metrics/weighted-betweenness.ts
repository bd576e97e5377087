/**
 * Weighted shortest paths for efficiency-based cascades: one Dijkstra per source gives both the Brandes betweenness
 * on edge lengths and the global efficiency (the mean of 1/d_ij over pairs).
 *
 * The project's fast betweenness kernels (betweenness.ts, brandes-kernel.mjs) are for unweighted graphs (BFS);
 * efficiency cascades degrade edge efficiencies, so their paths are weighted. This is a plain O(n·m log n) Brandes
 * with a binary heap, meant for graphs of up to a few thousand nodes.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';

/**
 * Result of {@link weightedLoadAndEfficiency}.
 *
 * @category Betweenness
 */
export interface WeightedLoadEfficiency {
  /** Betweenness per node on the edge lengths: unordered pairs counted once, endpoints excluded. */
  load: Float64Array;
  /** Global efficiency Σ_{i≠j} 1/d_ij / (n(n − 1)), over ordered pairs, n the number of nodes of g (0 for n < 2). */
  efficiency: number;
}

/** Relative tolerance under which two path lengths count as equal (ties split the load as in Brandes). */
const TIE = 1e-12;

/**
 * Brandes betweenness and global efficiency for edge lengths ℓ_e (Infinity = edge absent).
 *
 * @param g - the graph (self-loops ignored; parallel edges are distinct paths, as in betweenness.ts).
 * @param length - per edge e (0..m−1) its length ℓ_e > 0, or Infinity when the edge is cut.
 * @param alive - optional per-node flag; dead nodes neither carry load nor count as endpoints, but the efficiency is
 *   still divided by the ORIGINAL n(n − 1).
 * @returns the load per node and the global efficiency.
 * @throws FragilityInputError naming `length` (wrong size, a length <= 0 or NaN) or `alive` (wrong size).
 *
 * @complexity O(n·(n + m) log m) time (one Dijkstra with a lazy binary heap per live source), O(n + m) memory.
 *
 * @model d_ij = min over paths of Σ ℓ_e; σ_ij = number of shortest paths (lengths equal within a relative
 * 1e-12); L_v = Σ_{s<t, s,t≠v} σ_st(v)/σ_st (Brandes 2001 on Dijkstra); E = Σ_{i≠j} 1/d_ij / (n(n − 1)) with
 * 1/∞ = 0 (Latora & Marchiori 2001). With all lengths 1 this is the unweighted betweenness of betweenness.ts.
 *
 * @references U. Brandes, A faster algorithm for betweenness centrality, J. Math. Sociol. 25, 163 (2001),
 * doi:10.1080/0022250X.2001.9732438; V. Latora & M. Marchiori, Efficient behavior of small-world networks, PRL 87,
 * 198701 (2001), doi:10.1103/PhysRevLett.87.198701.
 *
 * @example
 * ```ts
 * const path = CompactGraph.fromPairs(3, [[0, 1], [1, 2]]);
 * weightedLoadAndEfficiency(path, Float64Array.of(1, 1)); // load [0, 1, 0], efficiency (4·1 + 2·0.5)/6 = 5/6
 * ```
 *
 * @category Betweenness
 */
export function weightedLoadAndEfficiency(
  g: CompactGraph,
  length: Float64Array,
  alive?: Uint8Array,
): WeightedLoadEfficiency {
  const { n, m, offsets, targets } = g;
  if (!(length instanceof Float64Array) || length.length !== m)
    throw new FragilityInputError('length', length?.length, `a Float64Array of ${m} edge lengths`);
  for (let e = 0; e < m; e++)
    if (!(length[e] > 0))
      throw new FragilityInputError(`length[${e}]`, length[e], 'a length > 0 (Infinity for a cut edge)');
  if (alive !== undefined && (!(alive instanceof Uint8Array) || alive.length !== n))
    throw new FragilityInputError('alive', alive?.length, `a Uint8Array of length ${n}`);
  const he = g.halfEdgeEdge;
  const load = new Float64Array(n);
  const dist = new Float64Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const done = new Uint8Array(n);
  const order = new Int32Array(n);
  // predecessor lists as a linked list over half-edges: predHead[v], predNext[halfEdge] = next, predNode[halfEdge]
  const predHead = new Int32Array(n);
  const predNext = new Int32Array(2 * m);
  const predNode = new Int32Array(2 * m);
  // lazy binary heap of (key, node)
  const cap = 2 * m + n + 1;
  const hKey = new Float64Array(cap);
  const hNode = new Int32Array(cap);
  let effSum = 0;
  for (let s = 0; s < n; s++) {
    if (alive && !alive[s]) continue;
    dist.fill(Infinity);
    sigma.fill(0);
    delta.fill(0);
    done.fill(0);
    predHead.fill(-1);
    let predCount = 0;
    let hs = 0;
    let count = 0;
    dist[s] = 0;
    sigma[s] = 1;
    // push
    hKey[0] = 0;
    hNode[0] = s;
    hs = 1;
    while (hs > 0) {
      // pop min
      const d = hKey[0];
      const u = hNode[0];
      hs--;
      if (hs > 0) {
        const k = hKey[hs];
        const x = hNode[hs];
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= hs) break;
          if (c + 1 < hs && hKey[c + 1] < hKey[c]) c++;
          if (hKey[c] >= k) break;
          hKey[i] = hKey[c];
          hNode[i] = hNode[c];
          i = c;
        }
        hKey[i] = k;
        hNode[i] = x;
      }
      if (done[u] || d > dist[u]) continue;
      done[u] = 1;
      order[count++] = u;
      if (u !== s) effSum += 1 / d;
      for (let p = offsets[u], e = offsets[u + 1]; p < e; p++) {
        const v = targets[p];
        if (v === u || done[v] || (alive && !alive[v])) continue;
        const l = length[he[p]];
        if (l === Infinity) continue;
        const nd = d + l;
        const dv = dist[v];
        if (nd < dv * (1 - TIE) || dv === Infinity) {
          dist[v] = nd;
          sigma[v] = sigma[u];
          predHead[v] = -1;
          predNode[predCount] = u;
          predNext[predCount] = -1;
          predHead[v] = predCount++;
          // push (v, nd)
          let i = hs++;
          while (i > 0) {
            const par = (i - 1) >> 1;
            if (hKey[par] <= nd) break;
            hKey[i] = hKey[par];
            hNode[i] = hNode[par];
            i = par;
          }
          hKey[i] = nd;
          hNode[i] = v;
        } else if (nd <= dv * (1 + TIE)) {
          sigma[v] += sigma[u];
          predNode[predCount] = u;
          predNext[predCount] = predHead[v];
          predHead[v] = predCount++;
        }
      }
    }
    // dependency accumulation in reverse order of settling
    for (let i = count - 1; i > 0; i--) {
      const w = order[i];
      const coeff = (1 + delta[w]) / sigma[w];
      for (let q = predHead[w]; q >= 0; q = predNext[q]) {
        const v = predNode[q];
        delta[v] += sigma[v] * coeff;
      }
      load[w] += delta[w];
    }
  }
  for (let v = 0; v < n; v++) load[v] /= 2;
  return { load, efficiency: n < 2 ? 0 : effSum / (n * (n - 1)) };
}
