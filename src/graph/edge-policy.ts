/**
 * Explicit handling of self-loops and duplicate edges when a graph comes from outside (edge lists, graphology,
 * GEXF, GraphML): keep them, drop them, or stop with an error. Never silent.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';

/** What to do with a self-loop or a duplicate edge. */
export type EdgePolicy = 'keep' | 'drop' | 'error';

/** Options shared by every graph reader. */
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
