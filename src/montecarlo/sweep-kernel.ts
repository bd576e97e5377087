/**
 * The Newman–Ziff inner loops of {@link sweepSite} and {@link sweepBond}, fused: the union–find and the cluster-size
 * histogram live in local variables and two typed arrays instead of a {@link ClusterState} object, so that a step
 * touches as few cache lines as possible.
 *
 * Layout: one Int32Array `uf` of length n. `uf[u] = -size` at a root (size ≥ 1), the parent's index (≥ 0) elsewhere,
 * and `ABSENT` (2^31 − 1, never an index since n ≤ 2^31 − 1) for a node not yet added (site sweeps). A node's parent
 * pointer and, at a root, its size share one word, so testing presence, following a pointer and reading a size cost
 * one memory access where the separate `parent` and `size` arrays of ClusterState cost two. Finds use path halving,
 * unions attach the smaller cluster under the larger (ties: the cluster found second under the first, as
 * ClusterState.unionRoots does); the observables (largest, second largest, Σ size², number of clusters) are those of
 * ClusterState, step for step (test/montecarlo/sweep-kernel.test.ts checks equality with it).
 *
 * Both kernels can stream: with a {@link SweepSink} they write into small block arrays and hand each full block to
 * the sink (the replicates of an ensemble take their canonical averages that way, src/montecarlo/canonical.ts,
 * so that a sweep at n = 1e8 does not hold 2 GB of per-step observables).
 *
 * Bond sweeps gather the endpoints of the next block of edges in addition order first (independent loads the
 * processor overlaps), then run the unions over the block; the block is small (64 Ki edges), so memory stays
 * O(n + m) with a small constant. The gather reads an interleaved copy of the endpoints (one cache miss per edge
 * instead of two; measured about 15–20 % of a bond sweep at n = 1e6, m = 2e6).
 *
 * Site sweeps from n = 2^17 on run {@link rankedSiteKernel} on the graph relabelled by addition rank, lower triangle
 * only ({@link rankedLowerCsr}): rows read in sequence, no load for absent neighbours, the same observables.
 *
 * Internal (not exported from the barrel).
 *
 * @module
 */

/** Marker of a node not yet present in `uf`. */
const ABSENT = 0x7fffffff;

/** Edges gathered at a time by the bond kernel. */
const BLOCK = 1 << 16;

/**
 * Largest m for which the bond kernel copies the endpoints into one interleaved array (8m bytes: 512 MiB at this
 * bound); above it the kernel gathers from the two endpoint arrays, so that a sweep at n = 1e8 does not need another
 * 1.6 GB.
 */
const INTERLEAVE_MAX_EDGES = 1 << 26;

/** `[es[0], et[0], es[1], et[1], …]` for the first m edges. */
function interleave(es: Int32Array, et: Int32Array, m: number): Int32Array {
  const pairs = new Int32Array(2 * m);
  for (let e = 0, j = 0; e < m; e++, j += 2) {
    pairs[j] = es[e];
    pairs[j + 1] = et[e];
  }
  return pairs;
}

/** Output arrays of a sweep, index k = configuration after k additions (length steps + 1). */
export interface SweepArrays {
  largest: Int32Array;
  second: Int32Array;
  sumSquares: Float64Array;
  clusters: Int32Array;
}

/**
 * Receives the observables block by block when a kernel streams them (see {@link siteKernel}): `out[0 .. count)`
 * hold the configurations k0, k0 + 1, …, k0 + count − 1 (k0 = 0 first: the empty / all-singleton configuration).
 * The arrays are reused for the next block.
 */
export interface SweepSink {
  block(k0: number, count: number, out: SweepArrays): void;
}

/** Length of the block arrays of a streamed sweep. */
export const STREAM_BLOCK = 1 << 16;

/** Allocate the output arrays for `steps` additions. */
export function sweepArrays(steps: number): SweepArrays {
  return {
    largest: new Int32Array(steps + 1),
    second: new Int32Array(steps + 1),
    sumSquares: new Float64Array(steps + 1),
    clusters: new Int32Array(steps + 1),
  };
}

/**
 * Site sweep: add `ord[n-1], ord[n-2], …, ord[0]` to the empty graph given by `off`/`tgt` (CSR), recording the
 * observables after each addition into `out[1..n]` (index 0 stays 0). With a `sink`, `out` holds one block (arrays
 * of any common length B ≥ 1, zero-filled) and every B configurations are handed to the sink, so that memory is O(B)
 * instead of O(n); the values are the same. `ord = null`: the graph is already relabelled by addition rank (node
 * k − 1 is added at step k; see {@link rankedSiteKernel}).
 */
export function siteKernel(
  n: number,
  off: Int32Array,
  tgt: Int32Array,
  ord: Int32Array | null,
  out: SweepArrays,
  sink?: SweepSink,
): void {
  const uf = new Int32Array(n).fill(ABSENT);
  const cnt = new Int32Array(n + 2);
  const oLargest = out.largest;
  const oSecond = out.second;
  const oSum = out.sumSquares;
  const oClusters = out.clusters;
  let largest = 0;
  let second = 0;
  let sumSquares = 0;
  let clusters = 0;
  const B = sink ? oLargest.length : n + 1;
  let base = 0; // configuration number of out[0]
  let idx = 1; // out[0] is k = 0, the empty graph (zeros)
  if (idx === B) {
    if (sink) sink.block(0, B, out);
    base = B;
    idx = 0;
  }
  for (let k = 1; k <= n; k++) {
    const u = ord === null ? k - 1 : ord[n - k];
    // add u as a singleton
    uf[u] = -1;
    cnt[1]++;
    clusters++;
    sumSquares += 1;
    if (largest < 1) largest = 1;
    // second from the upper bound max(second, 1)
    if (cnt[largest] >= 2) second = largest;
    else {
      let s = second > 1 ? second : 1;
      if (s >= largest) s = largest - 1;
      while (s > 0 && cnt[s] === 0) s--;
      second = s;
    }
    let ru = u;
    for (let p = off[u], end = off[u + 1]; p < end; p++) {
      let x = tgt[p];
      let px = uf[x];
      if (px === ABSENT) continue;
      // find with path halving
      while (px >= 0) {
        const gp = uf[px];
        if (gp < 0) {
          x = px;
          px = gp;
          break;
        }
        uf[x] = gp;
        x = gp;
        px = uf[x];
      }
      // x is the root of v's cluster, px = -size
      if (x === ru) continue;
      let a = -uf[ru];
      let b = -px;
      let root = ru;
      let child = x;
      if (a < b) {
        root = x;
        child = ru;
        const t = a;
        a = b;
        b = t;
      }
      const sz = a + b;
      uf[child] = root;
      uf[root] = -sz;
      cnt[a]--;
      cnt[b]--;
      cnt[sz]++;
      sumSquares += 2 * a * b;
      clusters--;
      const oldLargest = largest;
      let cand: number;
      if (sz > oldLargest) {
        largest = sz;
        if (cnt[oldLargest] > 0) {
          second = oldLargest;
          ru = root;
          continue;
        }
        cand = second;
      } else cand = second > sz ? second : sz;
      if (cnt[largest] >= 2) second = largest;
      else {
        let s = cand < largest ? cand : largest - 1;
        while (s > 0 && cnt[s] === 0) s--;
        second = s;
      }
      ru = root;
    }
    oLargest[idx] = largest;
    oSecond[idx] = second;
    oSum[idx] = sumSquares;
    oClusters[idx] = clusters;
    if (++idx === B) {
      if (sink) sink.block(base, B, out);
      base += B;
      idx = 0;
    }
  }
  if (sink && idx > 0) sink.block(base, idx, out);
}

/** log2 of the rows per bucket of {@link rankedLowerCsr} when all edges are bucketed at once (4096 rows). */
const RANK_BUCKET_SHIFT = 12;
/** log2 of the rows per bucket of {@link rankedLowerCsr} for large graphs (65536: at most 2^15 buckets at n < 2^31). */
const RANK_LARGE_BUCKET_SHIFT = 16;
/**
 * Largest m whose edges {@link rankedLowerCsr} buckets with their ranks stored (transient arrays of 14 bytes per
 * edge: 224 MiB at this bound); above it, with 6 bytes per edge. Measured (ER ⟨k⟩ = 4, CPU, under load): n = 1e6
 * 163 ms stored against 210 ms; n = 1e7 3.6 s against 3.2 s; n = 3e7 12.1 s against 10.9 s.
 */
const RANK_ALL_AT_ONCE_MAX_EDGES = 1 << 24;

/** A site sweep's graph relabelled by addition rank, lower triangle only (see {@link rankedLowerCsr}). */
export interface RankedCsr {
  /** Row offsets, length n + 1. */
  off: Int32Array;
  /** Row entries: row i lists the ranks r < i of the neighbours of the i-th node added. */
  tgt: Int32Array;
}

/**
 * The graph of a site sweep relabelled by addition rank — the node added i-th (`ord[n − 1 − i]`) becomes i — keeping
 * of each edge only the end at its larger rank: row i lists the smaller ranks among the neighbours of node i, i.e.
 * exactly the neighbours present when i is added. Self-loops are dropped (no-ops in a sweep); a parallel edge appears
 * once per copy (harmless). Every row lists its entries in edge order (both paths below give the same arrays).
 *
 * Built from the edge arrays, not from the CSR (whose rows a random order visits at random): the ranks of each
 * edge's ends are independent loads, which the processor overlaps. Up to `allAtOnceMaxEdges` edges, the ranks of
 * both ends are stored, the entries appended to one run per bucket of 4096 consecutive rows (sequential write
 * streams), then each bucket's run, whose rows fit in cache, is counted and distributed to them; transient memory
 * 14 bytes per edge. Above, buckets of 2^16 rows and only the second ends' ranks stored (6 bytes per edge; see
 * rankedByBuckets), so that the build stays within memory at n = 1e8. Result: 4(n + 1) + 4m bytes; 4n more for the
 * ranks while building.
 */
export function rankedLowerCsr(
  n: number,
  es: Int32Array,
  et: Int32Array,
  ord: Int32Array,
  allAtOnceMaxEdges = RANK_ALL_AT_ONCE_MAX_EDGES,
): RankedCsr {
  const m = es.length;
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[ord[n - 1 - i]] = i;
  return m <= allAtOnceMaxEdges ? rankedAllAtOnce(n, es, et, rank) : rankedByBuckets(n, es, et, rank);
}

/** {@link rankedLowerCsr} with all edges bucketed at once. */
function rankedAllAtOnce(n: number, es: Int32Array, et: Int32Array, rank: Int32Array): RankedCsr {
  const m = es.length;
  const shift = RANK_BUCKET_SHIFT;
  const nb = n > 0 ? ((n - 1) >>> shift) + 1 : 0;
  const start = new Int32Array(nb + 1);
  const hiOf = new Int32Array(m); // reused for the result
  let loOf: Int32Array | null = new Int32Array(m);
  let k = 0;
  for (let e = 0; e < m; e++) {
    const a = rank[es[e]];
    const b = rank[et[e]];
    if (a === b) continue;
    const hi = a > b ? a : b;
    hiOf[k] = hi;
    loOf[k] = a > b ? b : a;
    k++;
    start[(hi >>> shift) + 1]++;
  }
  for (let b = 0; b < nb; b++) start[b + 1] += start[b];
  const cur = start.slice(0, nb);
  const local = new Uint16Array(k); // row within its bucket
  const lower = new Int32Array(k);
  const mask = (1 << shift) - 1;
  for (let t = 0; t < k; t++) {
    const hi = hiOf[t];
    const p = cur[hi >>> shift]++;
    local[p] = hi & mask;
    lower[p] = loOf[t];
  }
  loOf = null;
  const off = new Int32Array(n + 1);
  const tgt = hiOf.subarray(0, k);
  const c = new Int32Array(1 << shift);
  for (let b = 0; b < nb; b++) {
    const base = b << shift;
    const rows = Math.min(n - base, 1 << shift);
    c.fill(0, 0, rows);
    const s0 = start[b];
    const s1 = start[b + 1];
    for (let p = s0; p < s1; p++) c[local[p]]++;
    let acc = s0;
    for (let r = 0; r < rows; r++) {
      const d = c[r];
      off[base + r] = acc;
      c[r] = acc;
      acc += d;
    }
    for (let p = s0; p < s1; p++) tgt[c[local[p]]++] = lower[p];
  }
  off[n] = k;
  return { off, tgt };
}

/**
 * {@link rankedLowerCsr} for large graphs, in buckets of 2^16 rows: the ranks of the second ends are looked up once
 * and kept (4 bytes per edge), the first ends' ranks twice (sequential reads for generated graphs, whose edges come
 * ordered by their first end); the entries are appended to their bucket's slice of the result, then each bucket is
 * sorted by row through a small buffer. Transient memory 6 bytes per edge.
 */
function rankedByBuckets(n: number, es: Int32Array, et: Int32Array, rank: Int32Array): RankedCsr {
  const m = es.length;
  const shift = RANK_LARGE_BUCKET_SHIFT;
  const mask = (1 << shift) - 1;
  const nb = n > 0 ? ((n - 1) >>> shift) + 1 : 0;
  const start = new Int32Array(nb + 1);
  let rankOfTarget: Int32Array | null = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const a = rank[es[e]];
    const b = rank[et[e]];
    rankOfTarget[e] = b;
    if (a !== b) start[((a > b ? a : b) >>> shift) + 1]++;
  }
  let widest = 0;
  for (let b = 0; b < nb; b++) {
    widest = Math.max(widest, start[b + 1]);
    start[b + 1] += start[b];
  }
  const k = start[nb];
  const tgt = new Int32Array(k);
  const local = new Uint16Array(k); // row within its bucket
  const cur = start.slice(0, nb);
  for (let e = 0; e < m; e++) {
    const a = rank[es[e]];
    const b = rankOfTarget[e];
    if (a === b) continue;
    const hi = a > b ? a : b;
    const p = cur[hi >>> shift]++;
    local[p] = hi & mask;
    tgt[p] = a > b ? b : a;
  }
  rankOfTarget = null;
  const off = new Int32Array(n + 1);
  const c = new Int32Array(1 << shift);
  const buf = new Int32Array(widest);
  for (let b = 0; b < nb; b++) {
    const base = b << shift;
    const rows = Math.min(n - base, 1 << shift);
    const s0 = start[b];
    const s1 = start[b + 1];
    c.fill(0, 0, rows);
    for (let p = s0; p < s1; p++) c[local[p]]++;
    let acc = s0;
    for (let r = 0; r < rows; r++) {
      const d = c[r];
      off[base + r] = acc;
      c[r] = acc;
      acc += d;
    }
    buf.set(tgt.subarray(s0, s1));
    for (let p = s0; p < s1; p++) tgt[c[local[p]]++] = buf[p - s0];
  }
  off[n] = k;
  return { off, tgt };
}

/**
 * Site sweep on the graph relabelled by addition rank ({@link rankedLowerCsr}): node i is added at step i + 1 and
 * unioned with the nodes of row i, all present. The same observables as {@link siteKernel} for the same graph and
 * order, step for step (the observables depend only on the cluster sizes, which a relabelling does not change), at
 * a fraction of the memory traffic: the rows are read in sequence instead of at random, and an absent neighbour costs
 * nothing instead of a load of its union–find word. `out` and `sink` as in {@link siteKernel}.
 */
export function rankedSiteKernel(n: number, csr: RankedCsr, out: SweepArrays, sink?: SweepSink): void {
  // Row i lists only neighbours added before i, so every neighbour is present when it is read: the plain kernel's
  // absent-neighbour test never fires, and its rows are read in sequence.
  siteKernel(n, csr.off, csr.tgt, null, out, sink);
}

/**
 * Bond sweep: start from n singletons and add the m edges `ord[m-1], …, ord[0]` (edge e joins `es[e]`–`et[e]`), recording
 * the observables after each addition into `out[0..m]`; with a `sink`, block by block as in {@link siteKernel}.
 * `interleaveMaxEdges` (tests) overrides the largest m gathered through an interleaved copy of the endpoints.
 */
export function bondKernel(
  n: number,
  m: number,
  es: Int32Array,
  et: Int32Array,
  ord: Int32Array,
  out: SweepArrays,
  sink?: SweepSink,
  interleaveMaxEdges = INTERLEAVE_MAX_EDGES,
): void {
  const uf = new Int32Array(n).fill(-1);
  const cnt = new Int32Array(n + 2);
  cnt[1] = n;
  const oLargest = out.largest;
  const oSecond = out.second;
  const oSum = out.sumSquares;
  const oClusters = out.clusters;
  let largest = n > 0 ? 1 : 0;
  let second = n > 1 ? 1 : 0;
  let sumSquares = n;
  let clusters = n;
  oLargest[0] = largest;
  oSecond[0] = second;
  oSum[0] = sumSquares;
  oClusters[0] = clusters;
  const B = sink ? oLargest.length : m + 1;
  let base = 0;
  let idx = 1;
  if (idx === B) {
    if (sink) sink.block(0, B, out);
    base = B;
    idx = 0;
  }
  const bu = new Int32Array(Math.min(BLOCK, m));
  const bv = new Int32Array(Math.min(BLOCK, m));
  // Both endpoints of edge e side by side (pairs[2e], pairs[2e + 1]): the gather in random edge order then misses
  // the cache once per edge instead of twice (es and et are separate arrays). 8m bytes, built sequentially.
  const pairs = m <= interleaveMaxEdges ? interleave(es, et, m) : null;
  for (let k0 = 1; k0 <= m; k0 += BLOCK) {
    const k1 = Math.min(m, k0 + BLOCK - 1);
    if (pairs !== null) {
      for (let k = k0, i = 0; k <= k1; k++, i++) {
        const e2 = ord[m - k] << 1;
        bu[i] = pairs[e2];
        bv[i] = pairs[e2 + 1];
      }
    } else {
      for (let k = k0, i = 0; k <= k1; k++, i++) {
        const e = ord[m - k];
        bu[i] = es[e];
        bv[i] = et[e];
      }
    }
    for (let k = k0, i = 0; k <= k1; k++, i++) {
      // find(u), find(v) with path halving
      let x = bu[i];
      let px = uf[x];
      while (px >= 0) {
        const gp = uf[px];
        if (gp < 0) {
          x = px;
          px = gp;
          break;
        }
        uf[x] = gp;
        x = gp;
        px = uf[x];
      }
      let y = bv[i];
      let py = uf[y];
      while (py >= 0) {
        const gp = uf[py];
        if (gp < 0) {
          y = py;
          py = gp;
          break;
        }
        uf[y] = gp;
        y = gp;
        py = uf[y];
      }
      if (x !== y) {
        let a = -px;
        let b = -py;
        let root = x;
        let child = y;
        if (a < b) {
          root = y;
          child = x;
          const t = a;
          a = b;
          b = t;
        }
        const sz = a + b;
        uf[child] = root;
        uf[root] = -sz;
        cnt[a]--;
        cnt[b]--;
        cnt[sz]++;
        sumSquares += 2 * a * b;
        clusters--;
        const oldLargest = largest;
        let cand = -1;
        if (sz > oldLargest) {
          largest = sz;
          if (cnt[oldLargest] > 0) second = oldLargest;
          else cand = second;
        } else cand = second > sz ? second : sz;
        if (cand >= 0) {
          if (cnt[largest] >= 2) second = largest;
          else {
            let s = cand < largest ? cand : largest - 1;
            while (s > 0 && cnt[s] === 0) s--;
            second = s;
          }
        }
      }
      oLargest[idx] = largest;
      oSecond[idx] = second;
      oSum[idx] = sumSquares;
      oClusters[idx] = clusters;
      if (++idx === B) {
        if (sink) sink.block(base, B, out);
        base += B;
        idx = 0;
      }
    }
  }
  if (sink && idx > 0) sink.block(base, idx, out);
}
