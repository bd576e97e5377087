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
