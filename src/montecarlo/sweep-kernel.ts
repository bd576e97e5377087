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
 * instead of O(n); the values are the same.
 */
export function siteKernel(n: number, off: Int32Array, tgt: Int32Array, ord: Int32Array, out: SweepArrays, sink?: SweepSink): void {
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
    const u = ord[n - k];
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
