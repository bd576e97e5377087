/**
 * Connected components of a CompactGraph: their number and the size of the largest one.
 *
 * @module
 */
import type { CompactGraph } from './compact-graph.ts';

/**
 * The result of {@link componentSummary}.
 *
 * @category Graphs
 */
export interface ComponentSummary {
  /** Number of connected components (isolated nodes count; 0 for n = 0). */
  count: number;
  /** Size of the largest component (0 for n = 0). */
  largest: number;
  /** Component label of each node, 0..count-1 in order of the smallest node id. */
  labels: Int32Array;
  /** Label of the largest component (ties: the one holding the smallest node id; -1 for n = 0). */
  largestLabel: number;
}

/**
 * Label the connected components of a graph by breadth-first search.
 *
 * @param g - the graph, or any CSR adjacency with the same `n`, `offsets`, `targets` (self-loops and parallel edges
 *   allowed).
 * @returns the number of components, the largest size and its label, and a label per node.
 *
 * @complexity O(n + m) time, O(n) memory (an explicit queue, no recursion).
 *
 * @model u and v are in one component iff a path joins them.
 *
 * @references J. Hopcroft, R. Tarjan, "Efficient algorithms for graph manipulation", CACM 16, 372 (1973),
 * doi:10.1145/362248.362272.
 *
 * @example
 * ```ts
 * componentSummary(CompactGraph.fromPairs(4, [[0, 1], [2, 3]])); // count 2, largest 2
 * ```
 *
 * @category Graphs
 */
export function componentSummary(g: Pick<CompactGraph, 'n' | 'offsets' | 'targets'>): ComponentSummary {
  const { n, offsets, targets } = g;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let count = 0;
  let largest = 0;
  let largestLabel = -1;
  for (let s = 0; s < n; s++) {
    if (labels[s] >= 0) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    labels[s] = count;
    while (head < tail) {
      const u = queue[head++];
      for (let p = offsets[u]; p < offsets[u + 1]; p++) {
        const v = targets[p];
        if (labels[v] < 0) {
          labels[v] = count;
          queue[tail++] = v;
        }
      }
    }
    if (tail > largest) {
      largest = tail;
      largestLabel = count;
    }
    count++;
  }
  return { count, largest, labels, largestLabel };
}
