// The multi-source Brandes kernel behind `betweenness` (src/metrics/betweenness.ts), in plain JavaScript so that
// worker threads can load it without a TypeScript loader (registering tsx costs ~0.2 s per thread, longer than a
// whole exact run on 10^4 nodes takes per thread). Types: brandes-kernel.d.mts. Tests: test/metrics/betweenness*.
//
// Algorithm: Brandes (2001) dependency accumulation, run for up to 32 sources at once with a bit-parallel
// multi-source BFS (Then et al., "The More the Merrier: Efficient Multi-Source Graph Traversal", PVLDB 8(4), 2014).
// Bit b of a node's mask stands for source b of the batch. Level by level:
//   - frontier entries (v, f): v sits at the current level for the sources in f;
//   - for each half-edge v → w, m = f & ~seen[w] are the sources for which w is first reached at the next level,
//     i.e. for which v → w is a shortest-path-DAG edge; σ_b(w) += σ_b(v) for each b in m, and (v, w, m) is recorded;
//   - after the level, seen[w] |= (union of its m), and (w, that union) becomes a frontier entry of the next level.
// The backward pass walks the recorded DAG edges in reverse (every edge out of w comes after every edge into w, so
// it is handled first): S_b(v) += 1/σ_b(w) + S_b(w), which gives S_b(v) = Σ_{w succ v} (1 + δ_b(w))/σ_b(w) and
// δ_b(v) = σ_b(v)·S_b(v). A half-edge is scanned once per (node, level) entry instead of once per source, which on
// small-world graphs (a node has a handful of distinct distances to 32 nearby sources) is 5–10× fewer scans; the
// per-source work left is the σ and S arithmetic on DAG edges, the same as in the single-source algorithm.
//
// Callers pass sources in an order that keeps each batch of 32 close together in the graph (betweenness.ts relabels
// the graph in BFS order and takes consecutive ids), so that the 32 BFS fronts move together and share entries.

/** Largest batch: one bit per source in an int32 mask. */
export const MAX_BATCH = 32;

/**
 * Working arrays for {@link brandesBatches}, allocated once per (n, batch width) and reused across calls.
 * @param {number} n
 * @param {number} width
 * @param {number} halfEdges
 */
export function makeKernelWorkspace(n, width, halfEdges) {
  const entryCap = width === 1 ? 0 : Math.max(64, 4 * n);
  return {
    n,
    width,
    seen: new Int32Array(n),
    next: new Int32Array(n),
    // Per (node, source slot): σ and S interleaved, [2·(v·width + b)] and [2·(v·width + b) + 1].
    sp: new Float64Array(2 * n * width),
    entryNode: new Int32Array(entryCap),
    entryMask: new Int32Array(entryCap),
    // DAG edges as triples (v·width, w·width, mask); width 1: pairs (v, w) of the one-source kernel.
    dag: new Int32Array(width === 1 ? 2 * halfEdges + 2 : 3 * Math.max(64, halfEdges)),
    // Width 1 only (the one-source kernel): BFS distances (-1 = unseen) and BFS order.
    dist: width === 1 ? new Int32Array(n).fill(-1) : new Int32Array(0),
    order: width === 1 ? new Int32Array(n + 1) : new Int32Array(0),
    // Running totals: frontier entries (node, level, mask) and (source, reached node) pairs. Their ratio is the
    // number of sources an entry serves, which betweenness.ts probes to choose between the two kernels.
    entries: 0,
    reached: 0,
  };
}

/** @param {Int32Array} a @param {number} need */
function grown(a, need) {
  let size = a.length * 2;
  while (size < need) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * Adds the Brandes dependencies δ_s(v) of the sources `sources[from..to)` to `acc[v]` (and δ_s(v)² to `accSq[v]`
 * when given), in batches of `ws.width` sources. Sources must be distinct node ids. Leaves the workspace clean
 * (all zeros) for the next call. Returns the number of (source, reached node) pairs.
 *
 * @param {Int32Array} offsets CSR offsets (length n + 1)
 * @param {Int32Array} targets CSR targets
 * @param {Int32Array} sources
 * @param {number} from
 * @param {number} to
 * @param {ReturnType<typeof makeKernelWorkspace>} ws
 * @param {Float64Array} acc
 * @param {Float64Array | null} accSq
 * @returns {number}
 */
export function brandesBatches(offsets, targets, sources, from, to, ws, acc, accSq) {
  if (ws.width === 1) {
    let reached = 0;
    for (let i = from; i < to; i++) reached += brandesSingleSource(offsets, targets, sources[i], ws, acc, accSq);
    ws.reached += reached;
    ws.entries += reached;
    return reached;
  }
  const W = ws.width;
  const { seen, next, sp } = ws;
  let entryNode = ws.entryNode;
  let entryMask = ws.entryMask;
  let dag = ws.dag;
  let reached = 0;
  for (let s0 = from; s0 < to; s0 += W) {
    const B = Math.min(W, to - s0);
    // Level 0: one entry per source, its own bit.
    let ne = 0;
    for (let b = 0; b < B; b++) {
      const s = sources[s0 + b];
      seen[s] |= 1 << b;
      sp[2 * (s * W + b)] = 1;
      entryNode[ne] = s;
      entryMask[ne] = 1 << b;
      ne++;
    }
    let levelStart = 0;
    let levelEnd = ne;
    let nd = 0;
    while (levelStart < levelEnd) {
      for (let i = levelStart; i < levelEnd; i++) {
        const v = entryNode[i];
        const f = entryMask[i];
        const vb = v * W;
        const end = offsets[v + 1];
        for (let p = offsets[v]; p < end; p++) {
          const w = targets[p];
          let m = f & ~seen[w];
          if (m === 0) continue;
          if (next[w] === 0) {
            if (ne === entryNode.length) {
              entryNode = grown(entryNode, ne + 1);
              entryMask = grown(entryMask, ne + 1);
            }
            entryNode[ne++] = w;
          }
          next[w] |= m;
          const wb = w * W;
          if (nd + 3 > dag.length) dag = grown(dag, nd + 3);
          dag[nd] = vb;
          dag[nd + 1] = wb;
          dag[nd + 2] = m;
          nd += 3;
          do {
            const b = 31 - Math.clz32(m & -m);
            sp[(wb + b) << 1] += sp[(vb + b) << 1];
            m &= m - 1;
          } while (m !== 0);
        }
      }
      for (let i = levelEnd; i < ne; i++) {
        const w = entryNode[i];
        const m = next[w];
        entryMask[i] = m;
        seen[w] |= m;
        next[w] = 0;
      }
      levelStart = levelEnd;
      levelEnd = ne;
    }
    ws.entries += ne;
    // Backward: S_b(v) += 1/σ_b(w) + S_b(w) over the DAG edges in reverse discovery order.
    for (let q = nd - 3; q >= 0; q -= 3) {
      const vb = dag[q];
      const wb = dag[q + 1];
      let m = dag[q + 2];
      do {
        const b = 31 - Math.clz32(m & -m);
        const wi = (wb + b) << 1;
        sp[((vb + b) << 1) + 1] += 1 / sp[wi] + sp[wi + 1];
        m &= m - 1;
      } while (m !== 0);
    }
    // δ_b(v) = σ_b(v)·S_b(v) for every reached (v, b) except the sources themselves (entries 0..B−1); clean up.
    for (let i = 0; i < ne; i++) {
      const v = entryNode[i];
      const vb = v * W;
      let m = entryMask[i];
      let sum = 0;
      let sumSq = 0;
      do {
        const b = 31 - Math.clz32(m & -m);
        const vi = (vb + b) << 1;
        const d = sp[vi] * sp[vi + 1];
        sum += d;
        sumSq += d * d;
        sp[vi] = 0;
        sp[vi + 1] = 0;
        m &= m - 1;
        reached++;
      } while (m !== 0);
      seen[v] = 0;
      if (i >= B) {
        acc[v] += sum;
        if (accSq !== null) accSq[v] += sumSq;
      }
    }
  }
  ws.entryNode = entryNode;
  ws.entryMask = entryMask;
  ws.dag = dag;
  ws.reached += reached;
  return reached;
}

/**
 * The one-source kernel, for sources that share little (sparse pivots on large-diameter graphs): one BFS from s
 * counting σ, with a branch-free inner loop that records the shortest-path-DAG edges v → w in one flat buffer; σ is
 * summed along them in discovery order, and S(v) += 1/σ(w) + S(w) along them in reverse, so δ(v) = σ(v)·S(v).
 * Uses the σ/S slots of `sp` at width 1. Leaves dist = −1 and the slots zero. Returns the number of nodes reached.
 *
 * @param {Int32Array} offsets
 * @param {Int32Array} targets
 * @param {number} s
 * @param {ReturnType<typeof makeKernelWorkspace>} ws
 * @param {Float64Array} acc
 * @param {Float64Array | null} accSq
 * @returns {number}
 */
function brandesSingleSource(offsets, targets, s, ws, acc, accSq) {
  const { dist, order, sp, dag } = ws;
  dist[s] = 0;
  order[0] = s;
  let head = 0;
  let tail = 1;
  let ns = 0;
  while (head < tail) {
    const v = order[head++];
    const dv = dist[v] + 1;
    const end = offsets[v + 1];
    for (let p = offsets[v]; p < end; p++) {
      // Branch-free: isNew = (w unseen); isNext = (w unseen or at distance dv), since (dw ^ dv) − 1 has its sign
      // bit set exactly when dw === dv or dw < 0 (dv ≥ 1). A branch here would mispredict about once per half-edge.
      const w = targets[p];
      const dw = dist[w];
      const isNew = dw >>> 31;
      const isNext = ((dw ^ dv) - 1) >>> 31;
      dist[w] = dw + isNew * (dv - dw);
      order[tail] = w;
      tail += isNew;
      dag[ns] = v;
      dag[ns + 1] = w;
      ns += isNext << 1;
    }
  }
  sp[2 * s] = 1;
  for (let q = 0; q < ns; q += 2) sp[2 * dag[q + 1]] += sp[2 * dag[q]];
  for (let q = ns - 2; q >= 0; q -= 2) {
    const w = dag[q + 1];
    sp[2 * dag[q] + 1] += 1 / sp[2 * w] + sp[2 * w + 1];
  }
  for (let i = 1; i < tail; i++) {
    const v = order[i];
    const d = sp[2 * v] * sp[2 * v + 1];
    acc[v] += d;
    if (accSq !== null) accSq[v] += d * d;
  }
  for (let i = 0; i < tail; i++) {
    const v = order[i];
    dist[v] = -1;
    sp[2 * v] = 0;
    sp[2 * v + 1] = 0;
  }
  return tail;
}
