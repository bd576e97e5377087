/**
 * Conversion between CompactGraph and graphology graphs, keeping the key ↔ id map.
 *
 * @module
 */
import Graph from 'graphology';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { FragilityInputError } from '../errors.ts';
import { CompactGraph } from './compact-graph.ts';
import { checkEdgePolicy, firstCopyIndex, type ImportEdgeOptions } from './edge-policy.ts';

/**
 * A graphology graph with the same nodes and edges.
 *
 * Node keys are `g.keyOf(u)` (the external keys when the graph has them, else `"0".."n-1"`), added in id order;
 * edge e gets key `String(e)` and is added in edge order. Node attributes: `role` (when `g.roles`) and `capacity`
 * (when `g.capacities`). The graph is an undirected graph, a multigraph when `g` has parallel edges; self-loops are
 * allowed.
 *
 * @param g - the graph.
 * @returns a new graphology `Graph` (type `'undirected'`).
 *
 * @complexity O(n + m) (graphology's Map-backed storage: practical up to a few million edges).
 *
 * @model identity on structure; ids → keys.
 *
 * @references G. Plique, graphology, doi:10.5281/zenodo.5681257.
 *
 * @example
 * ```ts
 * const graph = toGraphology(CompactGraph.fromPairs(3, [[0, 1], [1, 2]]));
 * graph.size; // 2
 * ```
 *
 * @category Interoperability
 */
export function toGraphology(g: CompactGraph): AbstractGraph {
  const graph = new Graph({ type: 'undirected', multi: !g.isSimple, allowSelfLoops: true });
  for (let u = 0; u < g.n; u++) {
    const attrs: Attributes = {};
    if (g.roles) attrs.role = g.roles[u];
    if (g.capacities) attrs.capacity = g.capacities[u];
    graph.addNode(g.keyOf(u), attrs);
  }
  for (let e = 0; e < g.m; e++) graph.addEdgeWithKey(String(e), g.keyOf(g.edgeSource[e]), g.keyOf(g.edgeTarget[e]));
  return graph;
}

/**
 * Options for {@link fromGraphology}.
 *
 * @category Interoperability
 */
export interface FromGraphologyOptions extends ImportEdgeOptions {}

/**
 * A CompactGraph from any graphology graph.
 *
 * Nodes get ids 0..n−1 in graphology's node order; their keys are kept (`keys`), except when they are exactly
 * `"0".."n-1"` in order, in which case ids and keys coincide and no key table is stored. Every graphology edge
 * (directed or not) becomes one undirected edge, in graphology's edge order. Node attributes `role` (integer) and
 * `capacity` (number) are read when present (missing values: role 0 = client, capacity NaN).
 * Self-loops and duplicates follow `opts` (defaults `'keep'` here, because a graphology graph states explicitly
 * whether it is a multigraph; pass `'error'` or `'drop'` to change that). A directed pair u→v, v→u is a duplicate.
 *
 * @param graph - a graphology graph.
 * @param opts - `{ selfLoops = 'keep', duplicates = 'keep' }`.
 * @returns the CompactGraph.
 *
 * @complexity O(n + m).
 *
 * @model identity on structure; keys → ids. `fromGraphology(toGraphology(g))` equals g (same n, edges in the same
 * order, same keys, roles and capacities).
 *
 * @references G. Plique, graphology, doi:10.5281/zenodo.5681257.
 *
 * @example
 * ```ts
 * const graph = toGraphology(CompactGraph.fromPairs(3, [[0, 1], [1, 2]]));
 * const g = fromGraphology(graph);
 * g.keyOf(0); // the first node's key
 * ```
 *
 * @category Interoperability
 */
export function fromGraphology(graph: AbstractGraph, opts: FromGraphologyOptions = {}): CompactGraph {
  const selfLoops = checkEdgePolicy('selfLoops', opts.selfLoops ?? 'keep');
  const duplicates = checkEdgePolicy('duplicates', opts.duplicates ?? 'keep');
  const n = graph.order;
  const keys: string[] = new Array(n);
  const index = new Map<string, number>();
  let canonical = true;
  let hasRole = false;
  let hasCapacity = false;
  let i = 0;
  graph.forEachNode((key, attrs) => {
    keys[i] = key;
    index.set(key, i);
    if (key !== String(i)) canonical = false;
    if (attrs.role !== undefined) hasRole = true;
    if (attrs.capacity !== undefined) hasCapacity = true;
    i++;
  });
  let roles: Uint8Array | undefined;
  let capacities: Float64Array | undefined;
  if (hasRole || hasCapacity) {
    roles = hasRole ? new Uint8Array(n) : undefined;
    capacities = hasCapacity ? new Float64Array(n).fill(NaN) : undefined;
    let j = 0;
    graph.forEachNode((key, attrs) => {
      if (roles && attrs.role !== undefined) {
        const r = Number(attrs.role);
        if (!(Number.isInteger(r) && r >= 0 && r <= 255))
          throw new FragilityInputError(`node ${key}: role`, attrs.role, 'an integer in [0, 255]');
        roles[j] = r;
      }
      if (capacities && attrs.capacity !== undefined) capacities[j] = Number(attrs.capacity);
      j++;
    });
  }
  let src = new Int32Array(graph.size);
  let dst = new Int32Array(graph.size);
  const edgeKeys: string[] = [];
  let e = 0;
  graph.forEachEdge((key, _attrs, s, t) => {
    const u = index.get(s)!;
    const v = index.get(t)!;
    if (u === v) {
      if (selfLoops === 'error') {
        throw new FragilityInputError(`edge ${key}`, `${s}–${t}`, "no self-loop (pass selfLoops: 'keep' or 'drop')");
      }
      if (selfLoops === 'drop') return;
    }
    src[e] = u;
    dst[e] = v;
    edgeKeys.push(key);
    e++;
  });
  if (e < src.length) {
    src = src.slice(0, e);
    dst = dst.slice(0, e);
  }
  if (duplicates !== 'keep') {
    const first = firstCopyIndex(n, src, dst);
    let dups = 0;
    for (let k = 0; k < e; k++) {
      if (first[k] < 0) continue;
      if (duplicates === 'error') {
        throw new FragilityInputError(
          `edge ${edgeKeys[k]}`,
          `${keys[src[k]]}–${keys[dst[k]]}`,
          `no duplicate of edge ${edgeKeys[first[k]]} (pass duplicates: 'keep' or 'drop')`,
        );
      }
      dups++;
    }
    if (dups > 0) {
      const s2 = new Int32Array(e - dups);
      const t2 = new Int32Array(e - dups);
      let j = 0;
      for (let k = 0; k < e; k++) {
        if (first[k] >= 0) continue;
        s2[j] = src[k];
        t2[j] = dst[k];
        j++;
      }
      src = s2;
      dst = t2;
    }
  }
  return CompactGraph.fromEdges(n, src, dst, { roles, capacities, keys: canonical ? undefined : keys });
}
