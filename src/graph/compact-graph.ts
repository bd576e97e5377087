/**
 * CompactGraph: an immutable undirected graph in compressed sparse row (CSR) form.
 *
 * Nodes are dense integers 0..n-1. Edge e (0..m-1) joins `edgeSource[e]` and `edgeTarget[e]`; the order of edges is
 * the order they were given in, and it is the order bond percolation and edge ids refer to. The neighbours of u are
 * `targets[offsets[u] .. offsets[u+1])`, each position being one *half-edge* (edge end). A self-loop u–u puts u twice
 * in its own list (it adds 2 to the degree); parallel edges appear once per copy. Whether a graph may hold them is
 * decided where it is built (generators and readers take an explicit option), never silently here.
 *
 * Memory: 4 bytes per half-edge for `targets`, 4 per half-edge for the edge arrays (8 per edge), 4 per node for
 * `offsets`, plus optional roles (1 byte per node) and capacities (8 bytes per node): at most 12 bytes per edge end
 * and 16 per node with the lazily built half-edge → edge index. A graph made from edge arrays builds its CSR on first
 * use ({@link CompactGraph.offsets}).
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';

/**
 * Node roles in two-tier overlays.
 *
 * @category Graphs
 */
export const Role = {
  /** An ordinary peer: does not relay, attaches to supernodes. */
  Client: 0,
  /** A supernode (Skype) — part of the relaying core. */
  Supernode: 1,
  /** A Gnutella ultrapeer. */
  Ultrapeer: 2,
  /** A dedicated high-capacity supernode injected during recovery. */
  MegaSupernode: 3,
} as const;
/**
 * The numeric value of a {@link Role}.
 *
 * @category Graphs
 */
export type RoleValue = (typeof Role)[keyof typeof Role];

/**
 * Options for {@link CompactGraph.fromEdges}.
 *
 * @category Graphs
 */
export interface CompactGraphOptions {
  /** Per-node role (see {@link Role}); length n. */
  roles?: Uint8Array;
  /** Per-node capacity; length n. */
  capacities?: Float64Array;
  /** Node keys (id → key) when the graph came from outside with its own names; length n. */
  keys?: readonly string[];
}

/** log2 of the nodes per bucket of {@link bucketedTargets} (4096: a bucket's cursors and targets stay in cache). */
const BUCKET_SHIFT = 12;
const BUCKET_NODES = 1 << BUCKET_SHIFT;
/** Largest m built through buckets (their transient arrays take 12m bytes: 384 MiB at this bound). */
const BUCKETED_MAX_EDGES = 1 << 25;

/**
 * The CSR targets of {@link CompactGraph.fromEdges} in two cache-friendly passes instead of one scatter over the
 * whole target array (two random writes per edge, a cache miss each once 2m ints outgrow the cache): the half-edges
 * are first appended, in edge order, to one run per bucket of 4096 consecutive node ids (n/4096 sequential write
 * streams), then each bucket's run is distributed to its nodes' lists, whose cursors and targets fit in cache. Both
 * passes are stable, so every list is in edge order, exactly as the direct scatter builds it. `offsets` holds the
 * degrees on entry and the CSR offsets on return. Measured (ER n = 1e6, m = 2e6, CPU, under load): 301 → 177 ms.
 */
function bucketedTargets(n: number, m: number, es: Int32Array, et: Int32Array, offsets: Int32Array): Int32Array {
  const nb = ((n - 1) >>> BUCKET_SHIFT) + 1;
  const start = new Int32Array(nb + 1);
  for (let b = 0; b < nb; b++) {
    const hi = Math.min(n, (b + 1) << BUCKET_SHIFT);
    let d = 0;
    for (let u = b << BUCKET_SHIFT; u < hi; u++) d += offsets[u];
    start[b + 1] = start[b] + d;
  }
  const cur = start.slice(0, nb);
  const local = new Uint16Array(2 * m); // owner id within its bucket
  const other = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    const u = es[e];
    const v = et[e];
    let p = cur[u >>> BUCKET_SHIFT]++;
    local[p] = u & (BUCKET_NODES - 1);
    other[p] = v;
    p = cur[v >>> BUCKET_SHIFT]++;
    local[p] = v & (BUCKET_NODES - 1);
    other[p] = u;
  }
  // degrees → offsets (exclusive prefix sums), and a cursor per node
  let acc = 0;
  for (let u = 0; u < n; u++) {
    const d = offsets[u];
    offsets[u] = acc;
    acc += d;
  }
  offsets[n] = acc;
  const targets = new Int32Array(2 * m);
  const cursor = offsets.slice(0, n);
  for (let b = 0; b < nb; b++) {
    const base = b << BUCKET_SHIFT;
    for (let p = start[b], end = start[b + 1]; p < end; p++) targets[cursor[base + local[p]]++] = other[p];
  }
  return targets;
}

/** log2 of the nodes per bucket of {@link chunkedTargets} (65536: at most 2^15 buckets at n < 2^31). */
const CHUNK_BUCKET_SHIFT = 16;
/** Edges bucketed at a time by {@link chunkedTargets} (transient arrays of 12 bytes per edge: 48 MiB). */
const CHUNK_EDGES = 1 << 22;

/**
 * The CSR targets of {@link CompactGraph.fromEdges} for graphs too large for {@link bucketedTargets} (whose transient
 * arrays take 12m bytes): the same two cache-friendly passes, over chunks of `chunkEdges` edges taken from the last
 * to the first. Within a chunk the half-edges are appended, in decreasing edge order, to one run per bucket of 2^16
 * consecutive node ids; each run is then written into its nodes' lists from their ends backwards (the offsets serve
 * as decrementing cursors), so that every list comes out in increasing edge order, exactly as the direct scatter
 * builds it. A write lands in one bucket's slice of `targets` and `offsets` (a few hundred pages) instead of
 * anywhere in arrays of gigabytes: far fewer TLB and cache misses at n = 1e8. `offsets` holds the degrees on entry
 * and the CSR offsets on return; the extra memory is 12 bytes per edge of one chunk.
 */
export function chunkedTargets(
  n: number,
  m: number,
  es: Int32Array,
  et: Int32Array,
  offsets: Int32Array,
  chunkEdges = CHUNK_EDGES,
): Int32Array {
  const shift = CHUNK_BUCKET_SHIFT;
  const mask = (1 << shift) - 1;
  const nb = ((n - 1) >>> shift) + 1;
  for (let u = 1; u < n; u++) offsets[u] += offsets[u - 1]; // inclusive prefix sums: the end of each list
  offsets[n] = 2 * m;
  const targets = new Int32Array(2 * m);
  const c = Math.max(1, Math.min(chunkEdges, m));
  const local = new Uint16Array(2 * c); // owner id within its bucket
  const other = new Int32Array(2 * c);
  const start = new Int32Array(nb + 1);
  const cur = new Int32Array(nb);
  for (let hi = m; hi > 0; hi -= c) {
    const lo = Math.max(0, hi - c);
    start.fill(0);
    for (let e = lo; e < hi; e++) {
      start[(es[e] >>> shift) + 1]++;
      start[(et[e] >>> shift) + 1]++;
    }
    for (let b = 0; b < nb; b++) start[b + 1] += start[b];
    cur.set(start.subarray(0, nb));
    for (let e = hi - 1; e >= lo; e--) {
      const u = es[e];
      const v = et[e];
      let p = cur[v >>> shift]++; // v first, as the direct scatter: targets[--offsets[v]] = u, then u
      local[p] = v & mask;
      other[p] = u;
      p = cur[u >>> shift]++;
      local[p] = u & mask;
      other[p] = v;
    }
    for (let b = 0; b < nb; b++) {
      const base = b << shift;
      for (let p = start[b], end = start[b + 1]; p < end; p++) targets[--offsets[base + local[p]]] = other[p];
    }
  }
  return targets;
}

/**
 * An immutable undirected (multi)graph in CSR form. See the module documentation.
 *
 * @category Graphs
 */
export class CompactGraph {
  /** Number of nodes. */
  readonly n: number;
  /** Number of edges (self-loops and parallel copies each count once). */
  readonly m: number;
  /**
   * The CSR arrays (see {@link CompactGraph.offsets}), undefined until built; one cell shared with the copies made by
   * {@link CompactGraph.withAttributes}, so that they build it once and share it.
   */
  #csr: { offsets?: Int32Array; targets?: Int32Array };
  /** First endpoint of each edge, length m. */
  readonly edgeSource: Int32Array;
  /** Second endpoint of each edge, length m. */
  readonly edgeTarget: Int32Array;
  /** Optional per-node roles. */
  readonly roles?: Uint8Array;
  /** Optional per-node capacities. */
  readonly capacities?: Float64Array;
  /** Optional node keys (id → key). */
  readonly keys?: readonly string[];

  private _halfEdgeEdge?: Int32Array;
  private _keyIndex?: Map<string, number>;
  private _maxDegree?: number;
  private _simple?: boolean;

  private constructor(
    n: number,
    csr: { offsets?: Int32Array; targets?: Int32Array },
    edgeSource: Int32Array,
    edgeTarget: Int32Array,
    opts: CompactGraphOptions,
    halfEdgeEdge?: Int32Array,
  ) {
    this.n = n;
    this.m = edgeSource.length;
    this.#csr = csr;
    this.edgeSource = edgeSource;
    this.edgeTarget = edgeTarget;
    if (opts.roles) this.roles = opts.roles;
    if (opts.capacities) this.capacities = opts.capacities;
    if (opts.keys) this.keys = opts.keys;
    this._halfEdgeEdge = halfEdgeEdge;
  }

  /**
   * Build a graph from parallel endpoint arrays in O(n + m) (counting sort). The arrays are kept, not copied:
   * do not modify them afterwards.
   *
   * @param n - number of nodes, an integer >= 0.
   * @param edgeSource - first endpoints, integers in [0, n).
   * @param edgeTarget - second endpoints, same length.
   */
  static fromEdges(
    n: number,
    edgeSource: Int32Array,
    edgeTarget: Int32Array,
    opts: CompactGraphOptions = {},
  ): CompactGraph {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff)
      throw new FragilityInputError('n', n, 'an integer in [0, 2^31-1]');
    if (edgeSource.length !== edgeTarget.length) {
      throw new FragilityInputError(
        'edgeTarget.length',
        edgeTarget.length,
        `the length of edgeSource (${edgeSource.length})`,
      );
    }
    const m = edgeSource.length;
    if (2 * m > 0x7fffffff) throw new FragilityInputError('m', m, 'at most 2^30 - 1 edges');
    if (opts.roles && opts.roles.length !== n)
      throw new FragilityInputError('roles.length', opts.roles.length, `n (${n})`);
    if (opts.capacities && opts.capacities.length !== n) {
      throw new FragilityInputError('capacities.length', opts.capacities.length, `n (${n})`);
    }
    if (opts.keys && opts.keys.length !== n) throw new FragilityInputError('keys.length', opts.keys.length, `n (${n})`);
    // One branch-free pass: the sign bit of `bad` is set iff some endpoint is < 0 or > n − 1; then the first one is named.
    let bad = 0;
    for (let e = 0; e < m; e++) {
      const u = edgeSource[e];
      const v = edgeTarget[e];
      bad |= u | v | (n - 1 - u) | (n - 1 - v);
    }
    if (bad < 0) {
      for (let e = 0; e < m; e++) {
        const u = edgeSource[e];
        const v = edgeTarget[e];
        if (!(u >= 0 && u < n)) throw new FragilityInputError(`edgeSource[${e}]`, u, `a node id in [0, ${n - 1}]`);
        if (!(v >= 0 && v < n)) throw new FragilityInputError(`edgeTarget[${e}]`, v, `a node id in [0, ${n - 1}]`);
      }
    }
    // The CSR is built on first use (see offsets): a site sweep from n = 2^17 on needs only the edge arrays.
    return new CompactGraph(n, {}, edgeSource, edgeTarget, opts);
  }

  /**
   * CSR offsets, length n + 1: node u's half-edges are `offsets[u] .. offsets[u+1]-1`. A graph made by
   * {@link CompactGraph.fromEdges} builds its CSR (offsets and targets) on the first read of either, in O(n + m): what
   * only needs the edge arrays — a site sweep from n = 2^17 on (src/montecarlo/sweep-site.ts), a bond sweep, a
   * writer of edge lists — never pays for it (at n = 1e8, ⟨k⟩ = 4: 2 GB and tens of seconds).
   */
  get offsets(): Int32Array {
    return this.#csr.offsets ?? this.#buildCsr();
  }

  /** CSR targets, length 2m: the neighbour at each half-edge (built with {@link CompactGraph.offsets}). */
  get targets(): Int32Array {
    if (this.#csr.targets === undefined) this.#buildCsr();
    return this.#csr.targets as Int32Array;
  }

  /** Whether the CSR arrays exist yet (they are built on first use; see {@link CompactGraph.offsets}). */
  get hasCsr(): boolean {
    return this.#csr.offsets !== undefined;
  }

  /**
   * Build the CSR from the edge arrays; returns the offsets. Degrees into offsets[u], then the targets by buckets
   * (bucketedTargets, chunkedTargets) or, for small n, inclusive prefix sums and a scatter in reverse with
   * decrementing cursors: each offsets[u] ends at the start of u's range, and every adjacency list comes out in edge
   * order (as a forward append would give) without a separate cursor array.
   */
  #buildCsr(): Int32Array {
    const n = this.n;
    const m = this.m;
    const edgeSource = this.edgeSource;
    const edgeTarget = this.edgeTarget;
    const offsets = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      offsets[edgeSource[e]]++;
      offsets[edgeTarget[e]]++;
    }
    let targets: Int32Array;
    if (n > BUCKET_NODES && m <= BUCKETED_MAX_EDGES) targets = bucketedTargets(n, m, edgeSource, edgeTarget, offsets);
    else if (n > BUCKET_NODES) targets = chunkedTargets(n, m, edgeSource, edgeTarget, offsets);
    else {
      for (let u = 1; u < n; u++) offsets[u] += offsets[u - 1];
      offsets[n] = 2 * m;
      targets = new Int32Array(2 * m);
      for (let e = m - 1; e >= 0; e--) {
        const u = edgeSource[e];
        const v = edgeTarget[e];
        targets[--offsets[v]] = u;
        targets[--offsets[u]] = v;
      }
    }
    this.#csr.offsets = offsets;
    this.#csr.targets = targets;
    return offsets;
  }

  /**
   * Adopt ready CSR and edge arrays (a binary graph file, src/graph/binary.ts) without rebuilding them. Checked in
   * O(n + m) with sequential reads: lengths, offsets rising from 0 to 2m, every target and endpoint a node id. That
   * the CSR lists exactly the edges of the edge arrays is the caller's guarantee (the .fgb checksum), not re-checked.
   * The arrays are kept, not copied.
   *
   * @param n - number of nodes.
   * @param offsets - length n + 1.
   * @param targets - length 2m.
   * @param edgeSource - length m.
   * @param edgeTarget - length m.
   * @param opts - roles / keys.
   * @param field - name used in error messages (default `graph`).
   */
  static fromCsr(
    n: number,
    offsets: Int32Array,
    targets: Int32Array,
    edgeSource: Int32Array,
    edgeTarget: Int32Array,
    opts: CompactGraphOptions = {},
    field = 'graph',
  ): CompactGraph {
    const m = edgeSource.length;
    const fail = (what: string, allowed: string): never => {
      throw new FragilityInputError(field, what, allowed);
    };
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) fail(`n = ${n}`, 'an integer in [0, 2^31-1]');
    if (2 * m > 0x7fffffff) fail(`m = ${m}`, 'at most 2^30 - 1 edges');
    if (offsets.length !== n + 1 || targets.length !== 2 * m || edgeTarget.length !== m) {
      fail(
        `array lengths ${offsets.length}, ${targets.length}, ${m}, ${edgeTarget.length}`,
        `n + 1 = ${n + 1} offsets, 2m targets, m and m endpoints`,
      );
    }
    if (offsets[0] !== 0 || offsets[n] !== 2 * m)
      fail(`offsets from ${offsets[0]} to ${offsets[n]}`, `offsets from 0 to 2m = ${2 * m}`);
    for (let u = 0; u < n; u++)
      if (offsets[u + 1] < offsets[u])
        fail(`offsets[${u + 1}] = ${offsets[u + 1]} < offsets[${u}] = ${offsets[u]}`, 'non-decreasing offsets');
    for (let p = 0; p < 2 * m; p++) {
      const v = targets[p];
      if (!(v >= 0 && v < n)) fail(`targets[${p}] = ${v}`, `a node id in [0, ${n - 1}]`);
    }
    for (let e = 0; e < m; e++) {
      const u = edgeSource[e];
      const v = edgeTarget[e];
      if (!(u >= 0 && u < n)) fail(`edgeSource[${e}] = ${u}`, `a node id in [0, ${n - 1}]`);
      if (!(v >= 0 && v < n)) fail(`edgeTarget[${e}] = ${v}`, `a node id in [0, ${n - 1}]`);
    }
    if (opts.roles && opts.roles.length !== n) fail(`roles.length ${opts.roles.length}`, `n (${n})`);
    if (opts.capacities && opts.capacities.length !== n)
      fail(`capacities.length ${opts.capacities.length}`, `n (${n})`);
    if (opts.keys && opts.keys.length !== n) fail(`keys.length ${opts.keys.length}`, `n (${n})`);
    return new CompactGraph(n, { offsets, targets }, edgeSource, edgeTarget, opts);
  }

  /** Build from an array of [u, v] pairs (convenience for small graphs and tests). */
  static fromPairs(
    n: number,
    pairs: ReadonlyArray<readonly [number, number]>,
    opts: CompactGraphOptions = {},
  ): CompactGraph {
    const s = new Int32Array(pairs.length);
    const t = new Int32Array(pairs.length);
    pairs.forEach(([u, v], i) => {
      s[i] = u;
      t[i] = v;
    });
    return CompactGraph.fromEdges(n, s, t, opts);
  }

  /** The empty graph on n nodes. */
  static empty(n: number, opts: CompactGraphOptions = {}): CompactGraph {
    return CompactGraph.fromEdges(n, new Int32Array(0), new Int32Array(0), opts);
  }

  /** Degree of node u (a self-loop counts 2). */
  degree(u: number): number {
    return this.offsets[u + 1] - this.offsets[u];
  }

  /** All degrees as a new Int32Array. */
  degrees(): Int32Array {
    const d = new Int32Array(this.n);
    for (let u = 0; u < this.n; u++) d[u] = this.offsets[u + 1] - this.offsets[u];
    return d;
  }

  /** The largest degree (0 for the empty graph). */
  get maxDegree(): number {
    if (this._maxDegree === undefined) {
      let mx = 0;
      for (let u = 0; u < this.n; u++) mx = Math.max(mx, this.offsets[u + 1] - this.offsets[u]);
      this._maxDegree = mx;
    }
    return this._maxDegree;
  }

  /** Mean degree 2m/n (0 for n = 0). */
  get meanDegree(): number {
    return this.n === 0 ? 0 : (2 * this.m) / this.n;
  }

  /** Call `fn(v, halfEdge)` for each neighbour v of u. The hot loops in this library read offsets/targets directly. */
  forEachNeighbor(u: number, fn: (v: number, halfEdge: number) => void): void {
    const end = this.offsets[u + 1];
    for (let p = this.offsets[u]; p < end; p++) fn(this.targets[p], p);
  }

  /** The neighbours of u as a subarray view (no copy). */
  neighbors(u: number): Int32Array {
    return this.targets.subarray(this.offsets[u], this.offsets[u + 1]);
  }

  /**
   * For each half-edge (position in `targets`), the id of its edge. Length 2m. Built on first use in O(m) (the same
   * counting pass as the CSR, so positions match) and cached: sweeps and generators never pay for it.
   */
  get halfEdgeEdge(): Int32Array {
    if (!this._halfEdgeEdge) {
      const h = new Int32Array(2 * this.m);
      const cursor = this.offsets.slice(0, this.n);
      for (let e = 0; e < this.m; e++) {
        h[cursor[this.edgeSource[e]]++] = e;
        h[cursor[this.edgeTarget[e]]++] = e;
      }
      this._halfEdgeEdge = h;
    }
    return this._halfEdgeEdge;
  }

  /** True when the graph has neither self-loops nor parallel edges. O(m) on first call, cached. */
  get isSimple(): boolean {
    if (this._simple === undefined) {
      const mark = new Int32Array(this.n).fill(-1);
      let simple = true;
      outer: for (let u = 0; u < this.n; u++) {
        for (let p = this.offsets[u]; p < this.offsets[u + 1]; p++) {
          const v = this.targets[p];
          if (v === u || mark[v] === u) {
            simple = false;
            break outer;
          }
          mark[v] = u;
        }
      }
      this._simple = simple;
    }
    return this._simple;
  }

  /** The id of a node key (requires `keys`). Returns -1 for an unknown key. */
  idOf(key: string): number {
    if (!this.keys) return Number.isInteger(Number(key)) && Number(key) >= 0 && Number(key) < this.n ? Number(key) : -1;
    if (!this._keyIndex) {
      this._keyIndex = new Map();
      this.keys.forEach((k, i) => this._keyIndex!.set(k, i));
    }
    return this._keyIndex.get(key) ?? -1;
  }

  /** The key of node id u: its external key when the graph has keys, else `String(u)`. */
  keyOf(u: number): string {
    return this.keys ? this.keys[u] : String(u);
  }

  /** A copy with roles and/or capacities replaced (the CSR arrays are shared, not copied). */
  withAttributes(opts: CompactGraphOptions): CompactGraph {
    const merged: CompactGraphOptions = {
      roles: opts.roles ?? this.roles,
      capacities: opts.capacities ?? this.capacities,
      keys: opts.keys ?? this.keys,
    };
    if (merged.roles && merged.roles.length !== this.n)
      throw new FragilityInputError('roles.length', merged.roles.length, `n (${this.n})`);
    if (merged.capacities && merged.capacities.length !== this.n) {
      throw new FragilityInputError('capacities.length', merged.capacities.length, `n (${this.n})`);
    }
    return new CompactGraph(this.n, this.#csr, this.edgeSource, this.edgeTarget, merged, this._halfEdgeEdge);
  }

  /** Bytes held by the typed arrays of this graph, the CSR counted once built (for memory reports). */
  get byteLength(): number {
    let b =
      (this.#csr.offsets?.byteLength ?? 0) +
      (this.#csr.targets?.byteLength ?? 0) +
      this.edgeSource.byteLength +
      this.edgeTarget.byteLength;
    if (this._halfEdgeEdge) b += this._halfEdgeEdge.byteLength;
    if (this.roles) b += this.roles.byteLength;
    if (this.capacities) b += this.capacities.byteLength;
    return b;
  }
}
