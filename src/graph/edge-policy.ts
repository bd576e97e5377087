/**
 * Explicit handling of self-loops and duplicate edges when a graph comes from outside (edge lists, graphology,
 * GEXF, GraphML): keep them, drop them, or stop with an error. Never silent.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';

/**
 * What to do with a self-loop or a duplicate edge.
 *
 * @category Graphs
 */
export type EdgePolicy = 'keep' | 'drop' | 'error';

/**
 * Options shared by every graph reader.
 *
 * @category Graphs
 */
export interface ImportEdgeOptions {
  /** Self-loops u–u (default `'error'`). */
  selfLoops?: EdgePolicy;
  /** Duplicate edges: a later edge joining the same unordered pair as an earlier one, `u v` then `v u` included (default `'error'`). */
  duplicates?: EdgePolicy;
}

/** Check a policy value. */
export function checkEdgePolicy(field: string, value: unknown): EdgePolicy {
  if (value === 'keep' || value === 'drop' || value === 'error') return value;
  throw new FragilityInputError(field, value, "'keep', 'drop' or 'error'");
}

/**
 * For each edge, the index of the first earlier edge joining the same unordered pair, or −1. O(n + m).
 * Self-loops are compared like any pair.
 */
export function firstCopyIndex(n: number, source: Int32Array, target: Int32Array, m = source.length): Int32Array {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) start[Math.min(source[e], target[e]) + 1]++;
  for (let u = 0; u < n; u++) start[u + 1] += start[u];
  const order = new Int32Array(m);
  const cursor = start.slice(0, n);
  for (let e = 0; e < m; e++) order[cursor[Math.min(source[e], target[e])]++] = e;
  const first = new Int32Array(m).fill(-1);
  const markU = new Int32Array(n).fill(-1);
  const markE = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    for (let p = start[u]; p < start[u + 1]; p++) {
      const e = order[p];
      const v = Math.max(source[e], target[e]);
      if (markU[v] === u) first[e] = markE[v];
      else {
        markU[v] = u;
        markE[v] = e;
      }
    }
  }
  return first;
}

/**
 * Whether a CSR adjacency holds some unordered pair twice (a duplicate edge, or a second self-loop on a node): the
 * quick test that lets readers skip {@link firstCopyIndex} when, as usual, there is nothing to report. O(n + m) with
 * sequential reads of `targets` and one marker array of n.
 */
export function hasRepeatedPair(n: number, offsets: Int32Array, targets: Int32Array): boolean {
  let mark: Int32Array | undefined; // only for long lists; short ones are compared pairwise (sequential reads only)
  for (let u = 0; u < n; u++) {
    const start = offsets[u];
    const end = offsets[u + 1];
    if (end - start <= 16) {
      let loops = 0;
      for (let p = start; p < end; p++) {
        const v = targets[p];
        if (v === u) {
          if (++loops > 2) return true; // one self-loop puts u twice in its own list
          continue;
        }
        for (let q = start; q < p; q++) if (targets[q] === v) return true;
      }
      continue;
    }
    mark ??= new Int32Array(n).fill(-1);
    let loops = 0;
    for (let p = start; p < end; p++) {
      const v = targets[p];
      if (v === u) {
        if (++loops > 2) return true;
      } else if (mark[v] === u) return true;
      else mark[v] = u;
    }
  }
  return false;
}

/** log2 of the rows per bucket of {@link hasRepeatedEdgePair} (4096 rows: a bucket's entries stay in cache). */
const PAIR_BUCKET_SHIFT = 12;

/**
 * Whether the edge arrays hold some unordered pair twice (a duplicate edge, or a second self-loop on a node): the
 * answer of {@link hasRepeatedPair} from the edges alone, for readers that hand out a graph whose CSR is built on
 * first use (CompactGraph.fromEdges). Each edge is filed under its larger end, at half the cost of a CSR: appended to
 * one run per bucket of 4096 rows (sequential write streams), then each bucket's run is sorted by row in cache and
 * every row checked for a repeat (pairwise for short rows, a marker array for long ones).
 *
 * @complexity O(n + m) time; 6m bytes plus the widest bucket, and 4n for the markers when some row is long.
 */
export function hasRepeatedEdgePair(n: number, source: Int32Array, target: Int32Array, m = source.length): boolean {
  if (m < 2) return false;
  const shift = PAIR_BUCKET_SHIFT;
  const mask = (1 << shift) - 1;
  const nb = ((n - 1) >>> shift) + 1;
  const start = new Int32Array(nb + 1);
  for (let e = 0; e < m; e++) {
    const u = source[e];
    const v = target[e];
    start[((u > v ? u : v) >>> shift) + 1]++;
  }
  let widest = 0;
  for (let b = 0; b < nb; b++) {
    widest = Math.max(widest, start[b + 1]);
    start[b + 1] += start[b];
  }
  const cur = start.slice(0, nb);
  const local = new Uint16Array(m); // larger end within its bucket
  const lower = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const u = source[e];
    const v = target[e];
    const hi = u > v ? u : v;
    const p = cur[hi >>> shift]++;
    local[p] = hi & mask;
    lower[p] = u > v ? v : u;
  }
  const c = new Int32Array((1 << shift) + 1);
  const rows = new Int32Array(widest);
  let mark: Int32Array | undefined;
  for (let b = 0; b < nb; b++) {
    const s0 = start[b];
    const s1 = start[b + 1];
    if (s1 - s0 < 2) continue;
    c.fill(0);
    for (let p = s0; p < s1; p++) c[local[p] + 1]++;
    for (let r = 0; r < 1 << shift; r++) c[r + 1] += c[r];
    for (let p = s0; p < s1; p++) rows[c[local[p]]++] = lower[p];
    // c[r] is now the end of row r in `rows`, and the start of row r + 1
    const base = b << shift;
    let lo = 0;
    for (let r = 0; r < 1 << shift; r++) {
      const hi = c[r];
      if (hi - lo <= 16) {
        for (let p = lo + 1; p < hi; p++) {
          const v = rows[p];
          for (let q = lo; q < p; q++) if (rows[q] === v) return true;
        }
      } else {
        mark ??= new Int32Array(n).fill(-1);
        const u = base + r;
        for (let p = lo; p < hi; p++) {
          const v = rows[p];
          if (mark[v] === u) return true;
          mark[v] = u;
        }
      }
      lo = hi;
    }
  }
  return false;
}
