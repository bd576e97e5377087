/**
 * Loop-corrected message passing for percolation (Cantwell & Newman 2019): the giant-component fraction of a given
 * graph when the short loops around every node are treated exactly, for bond or site occupation.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import { type Rng, stream } from '../random/stream.ts';
import { componentSummary } from '../graph/components.ts';
import { UnionFind } from '../graph/union-find.ts';

/**
 * Options of {@link messagePassingLoops}.
 *
 * @category Message passing
 */
export interface LoopMessagePassingOptions {
  /** Neighbourhood radius r: cycles up to length r + 2 are treated exactly (0 = tree-like, 1 = triangles, 2 = triangles and squares). Default 2. */
  r?: number;
  /** `bond` (default): each edge occupied with probability q. `site`: each node occupied with probability q. */
  mode?: 'bond' | 'site';
  /** Seed of the sampled neighbourhood configurations (default 1). Only factors above `exactLimit` are sampled. */
  seed?: number;
  /** Configurations drawn for each sampled factor (default 4000; the factor's standard error is <= 0.5/sqrt(samples)). */
  samples?: number;
  /** A factor is enumerated exactly when it has <= exactLimit random elements (bond: edges, site: nodes); default 12, at most 20. */
  exactLimit?: number;
  /**
   * Work bound: a node whose neighbourhood holds a factor with more than this many random elements is given the next
   * smaller radius (down to r = 0, which is always accepted); default 60. The result counts the nodes so reduced.
   */
  maxFactorSize?: number;
  /** Stop when the largest change of any message over one sweep is <= tolerance (default 1e-10). */
  tolerance?: number;
  /** Bound on the number of sweeps (default 10 000). */
  maxIterations?: number;
  /**
   * Called at the start of every iteration with its number (1, 2, …) and the residual after the previous one
   * (Infinity before the first); for progress display only.
   */
  onIteration?: (iteration: number, residual: number) => void;
}

/**
 * Result of {@link messagePassingLoops}.
 *
 * @category Message passing
 */
export interface LoopMessagePassingResult {
  /** `bond` or `site`. */
  mode: 'bond' | 'site';
  /** The occupation probability (bond t or site q). */
  q: number;
  /** The requested radius. */
  r: number;
  /** Message-passing giant fraction of ALL n nodes: (1/n) Σ_i P(i in giant), every connected component counted. */
  S: number;
  /**
   * The part of S carried by the nodes of the largest connected component of the graph (as a fraction of all n
   * nodes): the quantity to compare with a simulation's largest cluster. See the Model note.
   */
  SLargestComponent: number;
  /** Size (nodes) of the largest connected component of the (simplified) graph. */
  largestComponent: number;
  /** Per-node probability of belonging to the giant component (site: includes the factor q). */
  nodeProbability: Float64Array;
  /** Number of messages (ordered pairs i ← j with j in i's neighbourhood). */
  messages: number;
  /** True when the last sweep changed no message by more than the tolerance. */
  converged: boolean;
  /** Sweeps performed. */
  iterations: number;
  /** Largest message change in the last sweep. */
  residual: number;
  /** What the computation did to bound its work. */
  work: {
    /** Factors (independent pieces of a neighbourhood) summed exactly. */
    exactFactors: number;
    /** Factors estimated from `samples` seeded configurations. */
    sampledFactors: number;
    /** Configurations per sampled factor. */
    samples: number;
    /** Bound on the standard error of one sampled factor, 0.5/sqrt(samples) (0 when nothing was sampled). */
    factorStandardError: number;
    /** `radiusCount[k]` = number of nodes whose neighbourhood was built with radius k (k = 0..r). */
    radiusCount: number[];
    /** Nodes whose neighbourhood was reduced below r by `maxFactorSize`. */
    reduced: number;
    /** The limits used. */
    exactLimit: number;
    maxFactorSize: number;
  };
  /** Parallel edges merged and self-loops dropped before the computation. */
  simplified: { selfLoops: number; parallelEdges: number };
}

/** Simple graph with sorted neighbour lists and an edge id per half-edge. */
interface SimpleAdjacency {
  n: number;
  m: number;
  off: Int32Array;
  nbr: Int32Array;
  eid: Int32Array;
  eu: Int32Array;
  ev: Int32Array;
  selfLoops: number;
  parallelEdges: number;
}

function simpleAdjacency(g: CompactGraph): SimpleAdjacency {
  const n = g.n;
  const off = new Int32Array(n + 1);
  const lists: Int32Array[] = new Array(n);
  let selfLoops = 0;
  let halfEdges = 0;
  let raw = 0;
  for (let u = 0; u < n; u++) {
    const s = g.offsets[u];
    const e = g.offsets[u + 1];
    const a: number[] = [];
    for (let p = s; p < e; p++) {
      const v = g.targets[p];
      if (v === u) selfLoops++;
      else a.push(v);
    }
    raw += a.length;
    const sorted = Int32Array.from(a).sort();
    let k = 0;
    for (let p = 0; p < sorted.length; p++) if (p === 0 || sorted[p] !== sorted[p - 1]) sorted[k++] = sorted[p];
    lists[u] = sorted.subarray(0, k);
    halfEdges += k;
    off[u + 1] = halfEdges;
  }
  const nbr = new Int32Array(halfEdges);
  for (let u = 0; u < n; u++) nbr.set(lists[u], off[u]);
  const m = halfEdges / 2;
  const eid = new Int32Array(halfEdges).fill(-1);
  const eu = new Int32Array(m);
  const ev = new Int32Array(m);
  let e = 0;
  for (let u = 0; u < n; u++) {
    for (let p = off[u]; p < off[u + 1]; p++) {
      const v = nbr[p];
      if (v > u) {
        eu[e] = u;
        ev[e] = v;
        eid[p] = e;
        eid[findIn(nbr, off[v], off[v + 1], u)] = e;
        e++;
      }
    }
  }
  return { n, m, off, nbr, eid, eu, ev, selfLoops: selfLoops / 2, parallelEdges: (raw - halfEdges) / 2 };
}

/** Position of x in the sorted slice a[lo, hi), or -1. */
function findIn(a: Int32Array, lo: number, hi: number, x: number): number {
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid];
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Scratch space reused by the neighbourhood builders (stamps avoid clearing O(n) arrays). */
class Scratch {
  stamp = 0;
  nodeStamp: Uint32Array;
  nodeCount: Int32Array;
  local: Int32Array;
  edgeStamp: Uint32Array;
  constructor(n: number, m: number) {
    this.nodeStamp = new Uint32Array(n);
    this.nodeCount = new Int32Array(n);
    this.local = new Int32Array(n);
    this.edgeStamp = new Uint32Array(m);
  }
  next(): number {
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.nodeStamp.fill(0);
      this.edgeStamp.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }
}

/**
 * Edge ids of N_i^(r): i's edges plus every edge on a cycle of length <= r + 2 through i (r = 0, 1, 2).
 * r = 1 adds the edges a–b between two neighbours of i; r = 2 also adds a–x (x ≠ i) whenever x is a neighbour of i
 * or x is adjacent to a second neighbour b ≠ a of i (the square i–a–x–b–i).
 */
function neighbourhoodEdges(adj: SimpleAdjacency, i: number, r: number, sc: Scratch): Int32Array {
  const { off, nbr, eid } = adj;
  const out: number[] = [];
  for (let p = off[i]; p < off[i + 1]; p++) out.push(eid[p]);
  if (r === 0) return Int32Array.from(out);
  const inN = sc.next();
  for (let p = off[i]; p < off[i + 1]; p++) sc.nodeStamp[nbr[p]] = inN;
  if (r === 1) {
    for (let p = off[i]; p < off[i + 1]; p++) {
      const a = nbr[p];
      for (let s = off[a]; s < off[a + 1]; s++) {
        const x = nbr[s];
        if (x > a && sc.nodeStamp[x] === inN) out.push(eid[s]);
      }
    }
    return Int32Array.from(out);
  }
  // r = 2: count, for every x outside N(i) ∪ {i}, its neighbours inside N(i).
  const cnt = sc.nodeCount;
  const touched: number[] = [];
  for (let p = off[i]; p < off[i + 1]; p++) {
    const a = nbr[p];
    for (let s = off[a]; s < off[a + 1]; s++) {
      const x = nbr[s];
      if (x === i || sc.nodeStamp[x] === inN) continue;
      if (cnt[x] === 0) touched.push(x);
      cnt[x]++;
    }
  }
  for (let p = off[i]; p < off[i + 1]; p++) {
    const a = nbr[p];
    for (let s = off[a]; s < off[a + 1]; s++) {
      const x = nbr[s];
      if (x === i) continue;
      if (sc.nodeStamp[x] === inN) {
        if (x > a) out.push(eid[s]);
      } else if (cnt[x] >= 2) out.push(eid[s]);
    }
  }
  for (const x of touched) cnt[x] = 0;
  return Int32Array.from(out);
}

/** One independent piece of a neighbourhood seen from its root: local nodes (0 = root) and local edges. */
interface Factor {
  /** Global node ids, nodes[0] = root. */
  nodes: number[];
  /** Local endpoints of each edge. */
  ea: number[];
  eb: number[];
  /** Global edge ids, parallel to ea/eb. */
  edges: number[];
}

/**
 * Split the edges `edges` around `root` into factors: the connected components of the edge set with the root
 * removed, each with the root's edges into it. Components that the root does not touch are dropped (nothing in
 * them can be reached from the root inside the neighbourhood).
 */
function factorsAround(adj: SimpleAdjacency, root: number, edges: ArrayLike<number>, sc: Scratch): Factor[] {
  const { eu, ev } = adj;
  const st = sc.next();
  const local = sc.local;
  const nodes: number[] = [];
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k];
    for (const x of [eu[e], ev[e]]) {
      if (x === root || sc.nodeStamp[x] === st) continue;
      sc.nodeStamp[x] = st;
      local[x] = nodes.length;
      nodes.push(x);
    }
  }
  const uf = new UnionFind(nodes.length);
  const find = (x: number): number => uf.find(x);
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k];
    const a = eu[e];
    const b = ev[e];
    if (a === root || b === root) continue;
    uf.union(local[a], local[b]);
  }
  const byComp = new Map<number, Factor>();
  const touched = new Uint8Array(nodes.length);
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k];
    const a = eu[e];
    const b = ev[e];
    if (a === root) touched[find(local[b])] = 1;
    else if (b === root) touched[find(local[a])] = 1;
  }
  const factorLocal = new Int32Array(nodes.length).fill(-1);
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k];
    const a = eu[e];
    const b = ev[e];
    const c = find(local[a === root ? b : a]);
    if (!touched[c]) continue;
    let f = byComp.get(c);
    if (!f) {
      f = { nodes: [root], ea: [], eb: [], edges: [] };
      byComp.set(c, f);
    }
    const la = a === root ? 0 : localOf(f, factorLocal, local[a], a);
    const lb = b === root ? 0 : localOf(f, factorLocal, local[b], b);
    f.ea.push(la);
    f.eb.push(lb);
    f.edges.push(e);
  }
  return [...byComp.values()];
}

function localOf(f: Factor, factorLocal: Int32Array, idx: number, node: number): number {
  if (factorLocal[idx] < 0) {
    factorLocal[idx] = f.nodes.length;
    f.nodes.push(node);
  }
  return factorLocal[idx];
}

/** A sampled factor's configuration classes: weights, and the local indices (>= 1) of the nodes reached from the root. */
interface FactorTable {
  weights: number[];
  members: number[][];
}

/**
 * Draw `samples` occupied configurations of a factor of more than 31 nodes from `rng` and group them by the set
 * reached from the root (smaller factors: {@link sampleSmallFactor}). bond: every edge occupied with probability q.
 * site: every non-root node occupied with probability q (the root is occupied by conditioning). Each configuration
 * draws one number per random element, whatever q is.
 */
function sampleFactor(
  f: Factor,
  mode: 'bond' | 'site',
  q: number,
  samples: number,
  rng: ReturnType<typeof stream>,
): FactorTable {
  const V = f.nodes.length;
  const E = f.ea.length;
  const size = mode === 'bond' ? E : V - 1;
  // local adjacency: for node x, incident edges
  const incident: number[][] = Array.from({ length: V }, () => []);
  for (let e = 0; e < E; e++) {
    incident[f.ea[e]].push(e);
    incident[f.eb[e]].push(e);
  }
  const acc = new Map<string, { w: number; set: number[] }>();
  const occEdge = new Uint8Array(E);
  const occNode = new Uint8Array(V);
  const seen = new Uint8Array(V);
  const queue = new Int32Array(V);
  const reach = (): number[] => {
    seen.fill(0);
    seen[0] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = 0;
    const out: number[] = [];
    while (head < tail) {
      const x = queue[head++];
      for (const e of incident[x]) {
        if (mode === 'bond' && !occEdge[e]) continue;
        const y = f.ea[e] === x ? f.eb[e] : f.ea[e];
        if (seen[y] || (mode === 'site' && !occNode[y])) continue;
        seen[y] = 1;
        queue[tail++] = y;
        out.push(y);
      }
    }
    out.sort((a, b) => a - b);
    return out;
  };
  const w = 1 / samples;
  for (let s = 0; s < samples; s++) {
    for (let b = 0; b < size; b++) {
      const on = rng.next() < q ? 1 : 0;
      if (mode === 'bond') occEdge[b] = on;
      else occNode[b + 1] = on;
    }
    const set = reach();
    const key = set.join(',');
    const cur = acc.get(key);
    if (cur) cur.w += w;
    else acc.set(key, { w, set });
  }
  const weights: number[] = [];
  const members: number[][] = [];
  for (const { w: cw, set } of acc.values()) {
    weights.push(cw);
    members.push(set);
  }
  return { weights, members };
}

/**
 * Reach from the root of a factor of at most 31 nodes, as bit masks (bit b ↔ local node b + 1, the root dropped):
 * a fixpoint over neighbour masks, no allocation per configuration.
 */
class SmallFactorReach {
  private readonly ea: Int32Array;
  private readonly eb: Int32Array;
  /** Neighbour masks of the whole factor (site mode). */
  private readonly fixedNbr: Int32Array;
  /** Neighbour masks of the occupied edges (bond mode with more than 31 edges, rebuilt per configuration). */
  private readonly nbr: Int32Array;
  /** Incident edge masks of each node (bond mode with at most 31 edges). */
  private readonly incident: Int32Array;
  /** ea[e] ^ eb[e]: the other end of edge e is other[e] ^ x. */
  private readonly other: Int32Array;
  constructor(f: Factor) {
    const V = f.nodes.length;
    const E = f.ea.length;
    this.ea = Int32Array.from(f.ea);
    this.eb = Int32Array.from(f.eb);
    this.fixedNbr = new Int32Array(V);
    this.nbr = new Int32Array(V);
    this.incident = new Int32Array(V);
    this.other = new Int32Array(E);
    for (let e = 0; e < E; e++) {
      this.fixedNbr[this.ea[e]] |= 1 << this.eb[e];
      this.fixedNbr[this.eb[e]] |= 1 << this.ea[e];
      this.other[e] = this.ea[e] ^ this.eb[e];
      if (E <= 31) {
        this.incident[this.ea[e]] |= 1 << e;
        this.incident[this.eb[e]] |= 1 << e;
      }
    }
  }
  /** site: bits = occupied non-root nodes (bit b ↔ local node b + 1). */
  site(bits: number): number {
    return spread(this.fixedNbr, (bits << 1) | 1) >>> 1;
  }
  /**
   * bond with at most 31 edges: bits = occupied edges. A breadth-first spread that visits only the occupied edges
   * of the nodes reached (the reach set is the same whatever the visiting order).
   */
  bondBits(bits: number): number {
    const { incident, other } = this;
    let reach = 1;
    let frontier = 1;
    while (frontier !== 0) {
      let next = 0;
      for (let f = frontier; f !== 0; f &= f - 1) {
        const x = 31 - Math.clz32(f & -f);
        for (let m = incident[x] & bits; m !== 0; m &= m - 1) next |= 1 << (other[31 - Math.clz32(m & -m)] ^ x);
      }
      next &= ~reach;
      reach |= next;
      frontier = next;
    }
    return reach >>> 1;
  }
  /** bond: occ[e] = 1 for the occupied edges. */
  bondOcc(occ: Uint8Array): number {
    const { ea, eb, nbr } = this;
    nbr.fill(0);
    for (let e = 0; e < ea.length; e++) {
      if (occ[e] !== 1) continue;
      nbr[ea[e]] |= 1 << eb[e];
      nbr[eb[e]] |= 1 << ea[e];
    }
    return spread(nbr, -1) >>> 1;
  }
}

/** Nodes reached from the root (bit 0) through the neighbour masks `adj`, restricted to the nodes in `allowed`. */
function spread(adj: Int32Array, allowed: number): number {
  let reach = 1;
  let frontier = 1;
  while (frontier !== 0) {
    let next = 0;
    let f = frontier;
    while (f !== 0) {
      const low = f & -f;
      next |= adj[31 - Math.clz32(low)];
      f ^= low;
    }
    next &= allowed & ~reach;
    reach |= next;
    frontier = next;
  }
  return reach;
}

/**
 * `rng.next() < q` for `size` successive draws, as a bit mask (bit b = draw b below q), computed on the two 32-bit
 * words each {@link Rng.next} takes: next() = N / 2^53 with N = (w1 >>> 5)·2^26 + (w2 >>> 6), so next() < q exactly
 * when N < T = ⌈q·2^53⌉, i.e. when (w1 >>> 5) < ⌊T / 2^26⌋ or, on equality, (w2 >>> 6) < T mod 2^26. Same words
 * drawn, same bits as the floating-point comparison, without its unpredictable branch. Internal (tested against
 * `rng.next() < q`); `hi` and `lo` are {@link bernoulliThreshold}'s.
 */
export function occupiedBits(rng: Rng, size: number, hi: number, lo: number): number {
  let bits = 0;
  for (let b = 0; b < size; b++) {
    const a = rng.nextUint32() >>> 5;
    const c = rng.nextUint32() >>> 6;
    let below = (a - hi) >>> 31; // 1 when a < hi (|a − hi| <= 2^27)
    if (a === hi) below = c < lo ? 1 : 0;
    bits |= below << b;
  }
  return bits;
}

/** The threshold of {@link occupiedBits} for probability q ∈ [0, 1]: T = ⌈q·2^53⌉ as hi = ⌊T / 2^26⌋, lo = T mod 2^26. */
export function bernoulliThreshold(q: number): { hi: number; lo: number } {
  const T = Math.ceil(q * 9007199254740992);
  const hi = Math.floor(T / 67108864);
  return { hi, lo: T - hi * 67108864 };
}

/**
 * Counts of the reach masks drawn for one factor, by first appearance (an open-addressing table with stamps, reused
 * across factors): `keys[c]`, `counts[c]` for c < n.
 */
class ClassCounter {
  n = 0;
  keys: Int32Array = new Int32Array(64);
  counts: Int32Array = new Int32Array(64);
  private slotKey = new Int32Array(256);
  private slotClass = new Int32Array(256);
  private slotStamp = new Uint32Array(256);
  private stamp = 1;
  /** Forget every key. */
  reset(): void {
    this.n = 0;
    if (++this.stamp === 0xffffffff) {
      this.slotStamp.fill(0);
      this.stamp = 1;
    }
  }
  add(key: number): void {
    const { slotKey, slotStamp, stamp } = this;
    const mask = slotKey.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 8;
    for (;;) {
      i &= mask;
      if (slotStamp[i] !== stamp) break;
      if (slotKey[i] === key) {
        this.counts[this.slotClass[i]]++;
        return;
      }
      i++;
    }
    const c = this.n++;
    if (c === this.keys.length) {
      this.keys = growInt(this.keys);
      this.counts = growInt(this.counts);
    }
    this.keys[c] = key;
    this.counts[c] = 1;
    slotKey[i] = key;
    slotStamp[i] = stamp;
    this.slotClass[i] = c;
    if (this.n * 2 > slotKey.length) this.rehash(slotKey.length * 2);
  }
  private rehash(size: number): void {
    this.slotKey = new Int32Array(size);
    this.slotClass = new Int32Array(size);
    this.slotStamp = new Uint32Array(size);
    this.stamp = 1;
    const mask = size - 1;
    for (let c = 0; c < this.n; c++) {
      let i = (Math.imul(this.keys[c], 0x9e3779b1) >>> 8) & mask;
      while (this.slotStamp[i] === 1) i = (i + 1) & mask;
      this.slotKey[i] = this.keys[c];
      this.slotClass[i] = c;
      this.slotStamp[i] = 1;
    }
  }
}

function growInt(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** What {@link sampleSmallFactor} reuses across the factors of one solve. */
interface SampleScratch {
  counter: ClassCounter;
  /** cum[k] = w + w + … (k terms, summed left to right), w = 1/samples: the weight of a class drawn k times. */
  cum: Float64Array;
  weights: Float64Array;
  hi: number;
  lo: number;
}

function sampleScratch(q: number, samples: number): SampleScratch {
  const cum = new Float64Array(samples + 1);
  const w = 1 / samples;
  for (let k = 1; k <= samples; k++) cum[k] = cum[k - 1] + w;
  const { hi, lo } = bernoulliThreshold(q);
  return { counter: new ClassCounter(), cum, weights: new Float64Array(64), hi, lo };
}

/**
 * {@link sampleFactor} for factors of at most 31 nodes: the classes as reach masks (bit b ↔ local node b + 1), in
 * order of first appearance, with their weights (a class drawn k times weighs k/samples, summed as k additions of
 * 1/samples): `keys[c]`, `weights[c]` for c < n, views of `sc` valid until the next call.
 */
function sampleSmallFactor(
  f: Factor,
  reach: SmallFactorReach,
  mode: 'bond' | 'site',
  samples: number,
  rng: Rng,
  sc: SampleScratch,
): { weights: Float64Array; keys: Int32Array; n: number } {
  const V = f.nodes.length;
  const E = f.ea.length;
  const size = mode === 'bond' ? E : V - 1;
  const counter = sc.counter;
  const { hi, lo } = sc;
  counter.reset();
  if (size <= 31) {
    for (let s = 0; s < samples; s++) {
      const bits = occupiedBits(rng, size, hi, lo);
      counter.add(mode === 'bond' ? reach.bondBits(bits) : reach.site(bits));
    }
  } else {
    // bond with more than 31 edges: occupancy drawn per edge.
    const occ = new Uint8Array(E);
    for (let s = 0; s < samples; s++) {
      for (let e = 0; e < E; e++) occ[e] = occupiedBits(rng, 1, hi, lo);
      counter.add(reach.bondOcc(occ));
    }
  }
  const n = counter.n;
  if (sc.weights.length < n) sc.weights = new Float64Array(counter.keys.length);
  const { weights, cum } = sc;
  for (let c = 0; c < n; c++) weights[c] = cum[counter.counts[c]];
  return { weights, keys: counter.keys, n };
}

/**
 * The configurations of a small factor (size <= 20 random elements, at most 31 nodes) grouped by the set reached from
 * the root, independently of q: `cls[mask]` is the class of configuration `mask` (bond: bit e = edge e occupied;
 * site: bit b = local node b + 1 occupied), classes numbered by first appearance in mask order; `keys[c]` is class c's
 * reach mask. The weights of a given q are summed by {@link weighExactFactor}.
 */
function classifyExactFactor(
  f: Factor,
  mode: 'bond' | 'site',
  size: number,
): { cls: Uint8Array | Uint16Array | Uint32Array; keys: number[] } {
  const reach = new SmallFactorReach(f);
  const total = 2 ** size;
  const ids = new Map<number, number>();
  const keys: number[] = [];
  const raw = new Uint32Array(total);
  for (let mask = 0; mask < total; mask++) {
    const key = mode === 'bond' ? reach.bondBits(mask) : reach.site(mask);
    let c = ids.get(key);
    if (c === undefined) {
      c = keys.length;
      ids.set(key, c);
      keys.push(key);
    }
    raw[mask] = c;
  }
  const cls = keys.length <= 0x100 ? Uint8Array.from(raw) : keys.length <= 0x10000 ? Uint16Array.from(raw) : raw;
  return { cls, keys };
}

/** x with its 32 bits in reverse order (bit b ↔ bit 31 − b), as an int32. */
function reverseBits(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return (x >>> 16) | (x << 16);
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Largest number of random elements among the factors (bond: edges, site: non-root nodes). */
function largestFactor(factors: Factor[], mode: 'bond' | 'site'): number {
  let s = 0;
  for (const f of factors) s = Math.max(s, mode === 'bond' ? f.ea.length : f.nodes.length - 1);
  return s;
}

/** A growable typed-array buffer (Int32 or Float64) for the flattened factor programs. */
class GrowBuf<A extends Int32Array | Float64Array> {
  n: number;
  /** `a` holds the first `n` entries already (default none). */
  constructor(
    private a: A,
    private readonly make: (length: number) => A,
    n = 0,
  ) {
    this.n = n;
  }
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = this.make(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
  done(): A {
    return this.a.slice(0, this.n) as A;
  }
  /** The entries, without a copy (the buffer must not be pushed to afterwards). */
  view(): A {
    return this.a.subarray(0, this.n) as A;
  }
}
const intBuf = (): GrowBuf<Int32Array> => new GrowBuf(new Int32Array(1024), (k) => new Int32Array(k));
const floatBuf = (): GrowBuf<Float64Array> => new GrowBuf(new Float64Array(1024), (k) => new Float64Array(k));

/**
 * Flattened "programs": for each target t (a message or a node), its factors; for each factor, its configuration
 * classes; for each class, a weight and the message ids whose product it takes. value(t) = ∏_f Σ_c w_c ∏_k u[k],
 * each class's product taken from its weight in increasing member order and the class terms summed in class order.
 *
 * A factor of at most 31 nodes (every exact factor, and every sampled one but the largest) is a "mask factor": it
 * has a local table of `factorSize` message ids (in the prepared pool, shared by the node and message programs) and
 * each class is a reach mask over that table, stored bit-reversed (bit 31 − b ↔ entry b, so Math.clz32 gives the
 * lowest entry left). Its classes are stored by non-decreasing number of members (stable), each with its position
 * in class order (`classEnd`): the products are computed four at a time (independent multiplication chains,
 * predictable loop exits) and summed in class order, so the value is the same, bit for bit, as the plain
 * class-by-class loop. A larger sampled factor is a "list factor": each class is a range [classKey, classEnd) of a
 * member array, in class order.
 */
class Programs {
  targetFactor = intBuf(); // per target: start in factorClass
  factorClass = intBuf(); // per factor: start in classWeight
  factorLocal = intBuf(); // per factor: start of its local table in the pool (mask factor), or -1 (list factor)
  factorSize = intBuf(); // per factor: length of its local table (mask factor)
  classWeight = floatBuf();
  classKey = intBuf(); // per class: its reach mask, bit-reversed (mask factor) or the start of its members (list factor)
  classEnd = intBuf(); // per class: the end of its members (list factor) or its position in class order (mask factor)
  /** Largest number of classes of one factor. */
  maxFactorClasses = 0;
  private sortW = new Float64Array(64);
  private sortK = new Int32Array(64);
  private readonly bucket = new Int32Array(34);
  beginTarget(): void {
    this.targetFactor.push(this.factorClass.n);
  }
  /**
   * A mask factor whose local table is pool[local .. local + size) and whose classes, in class order, are
   * (weights[c], keys[c]) for c < count.
   */
  addMaskFactor(local: number, size: number, weights: ArrayLike<number>, keys: ArrayLike<number>, count: number): void {
    this.factorClass.push(this.classWeight.n);
    this.factorLocal.push(local);
    this.factorSize.push(size);
    if (count > this.maxFactorClasses) this.maxFactorClasses = count;
    // Stable counting sort by popcount.
    const bucket = this.bucket;
    bucket.fill(0);
    for (let c = 0; c < count; c++) bucket[popcount(keys[c]) + 1]++;
    for (let b = 1; b < 34; b++) bucket[b] += bucket[b - 1];
    if (this.sortW.length < count) {
      this.sortW = new Float64Array(count * 2);
      this.sortK = new Int32Array(count * 2);
    }
    const { sortW, sortK } = this;
    const at = new Int32Array(count);
    for (let c = 0; c < count; c++) {
      const p = bucket[popcount(keys[c])]++;
      sortW[p] = weights[c];
      sortK[p] = reverseBits(keys[c]);
      at[p] = c;
    }
    for (let p = 0; p < count; p++) {
      this.classWeight.push(sortW[p]);
      this.classKey.push(sortK[p]);
      this.classEnd.push(at[p]);
    }
  }
  /** A factor whose value is that of factor `of` of the same program (no classes). */
  addReference(of: number): void {
    this.factorClass.push(this.classWeight.n);
    this.factorLocal.push(-2 - of);
    this.factorSize.push(0);
  }
  /** A list factor: its classes follow ({@link addRange}). */
  beginListFactor(): void {
    this.factorClass.push(this.classWeight.n);
    this.factorLocal.push(-1);
    this.factorSize.push(0);
  }
  /** A class of a list factor whose members are in the member array, at [start, end). */
  addRange(w: number, start: number, end: number): void {
    this.classWeight.push(w);
    this.classKey.push(start);
    this.classEnd.push(end);
  }
  /** The program, reading the local tables in `pool` and the list members in `mem`. */
  finish(pool: Int32Array, mem: Int32Array): Program {
    this.targetFactor.push(this.factorClass.n);
    this.factorClass.push(this.classWeight.n);
    return {
      tf: this.targetFactor.done(),
      fc: this.factorClass.done(),
      fl: this.factorLocal.done(),
      fs: this.factorSize.done(),
      cw: this.classWeight.done(),
      ck: this.classKey.done(),
      ce: this.classEnd.done(),
      pool,
      mem,
      maxFactorClasses: this.maxFactorClasses,
    };
  }
}

/** A finished {@link Programs}. */
interface Program {
  tf: Int32Array;
  fc: Int32Array;
  fl: Int32Array;
  fs: Int32Array;
  cw: Float64Array;
  ck: Int32Array;
  ce: Int32Array;
  pool: Int32Array;
  mem: Int32Array;
  maxFactorClasses: number;
}

/** Scratch of {@link factorValue}: the local messages of a mask factor and its class terms in class order. */
interface FactorScratch {
  local: Float64Array;
  terms: Float64Array;
}

function factorScratch(...programs: Program[]): FactorScratch {
  let k = 1;
  for (const P of programs) k = Math.max(k, P.maxFactorClasses);
  return { local: new Float64Array(32), terms: new Float64Array(k) };
}

/** Σ_c w_c ∏_k u[k] over the classes of factor f of program P (see {@link Programs} for the order). */
function factorValue(P: Program, f: number, u: Float64Array, sc: FactorScratch): number {
  const { cw, ck, ce } = P;
  const c0 = P.fc[f];
  const c1 = P.fc[f + 1];
  const at = P.fl[f];
  let sum = 0;
  if (at < 0) {
    const mem = P.mem;
    for (let c = c0; c < c1; c++) {
      let x = cw[c];
      for (let k = ck[c], k1 = ce[c]; k < k1; k++) x *= u[mem[k]];
      sum += x;
    }
    return sum;
  }
  const { local, terms } = sc;
  const pool = P.pool;
  for (let b = 0, size = P.fs[f]; b < size; b++) local[b] = u[pool[at + b]];
  let c = c0;
  // Four classes at a time; their masks have non-decreasing popcounts, so a0 runs out first. A stored mask is
  // bit-reversed: clz32 is the lowest local index left, and clearing it keeps the bits below.
  for (; c + 3 < c1; c += 4) {
    let x0 = cw[c];
    let x1 = cw[c + 1];
    let x2 = cw[c + 2];
    let x3 = cw[c + 3];
    let a0 = ck[c];
    let a1 = ck[c + 1];
    let a2 = ck[c + 2];
    let a3 = ck[c + 3];
    while (a0 !== 0) {
      const b0 = Math.clz32(a0);
      const b1 = Math.clz32(a1);
      const b2 = Math.clz32(a2);
      const b3 = Math.clz32(a3);
      x0 *= local[b0];
      x1 *= local[b1];
      x2 *= local[b2];
      x3 *= local[b3];
      a0 &= 0x7fffffff >>> b0;
      a1 &= 0x7fffffff >>> b1;
      a2 &= 0x7fffffff >>> b2;
      a3 &= 0x7fffffff >>> b3;
    }
    for (; a1 !== 0; a1 &= 0x7fffffff >>> Math.clz32(a1)) x1 *= local[Math.clz32(a1)];
    for (; a2 !== 0; a2 &= 0x7fffffff >>> Math.clz32(a2)) x2 *= local[Math.clz32(a2)];
    for (; a3 !== 0; a3 &= 0x7fffffff >>> Math.clz32(a3)) x3 *= local[Math.clz32(a3)];
    terms[ce[c]] = x0;
    terms[ce[c + 1]] = x1;
    terms[ce[c + 2]] = x2;
    terms[ce[c + 3]] = x3;
  }
  for (; c < c1; c++) {
    let x = cw[c];
    for (let a = ck[c]; a !== 0; a &= 0x7fffffff >>> Math.clz32(a)) x *= local[Math.clz32(a)];
    terms[ce[c]] = x;
  }
  for (let k = 0, k1 = c1 - c0; k < k1; k++) sum += terms[k];
  return sum;
}

function evaluate(P: Program, t: number, u: Float64Array, sc: FactorScratch): number {
  let prod = 1;
  for (let f = P.tf[t]; f < P.tf[t + 1]; f++) {
    prod *= factorValue(P, f, u, sc);
    if (prod === 0) break;
  }
  return prod;
}

/**
 * Giant-component fraction of a given graph by loop-corrected message passing (Cantwell & Newman 2019), bond or
 * site percolation, with the short loops of every node's neighbourhood treated exactly.
 *
 * @param g - the graph (n >= 1); self-loops are dropped and parallel edges merged first (counted in `simplified`)
 * @param q - occupation probability in [0, 1]: bond t (mode `bond`) or site q (mode `site`)
 * @param options - radius r (0, 1, 2), mode, seed, samples, exact/work limits, tolerance ({@link LoopMessagePassingOptions})
 * @returns S over all nodes, S of the largest connected component, per-node probabilities, convergence and a work report
 * @throws FragilityInputError for n = 0, q outside [0, 1], r not in {0, 1, 2}, or a bad limit
 *
 * @complexity building: Σ_i (size of N_i^(r) and of the N_{j\i}^(r), j ∈ N_i) plus, per factor of k random
 * elements, 2^k·k (exact, k <= exactLimit) or samples·k (sampled, k <= maxFactorSize) operations; memory one entry
 * (a reach mask, or a member list for a factor of more than 31 nodes) per configuration class. Each sweep costs
 * one multiplication per (class × member), a factor repeated among one sender's messages counted once. With r = 0
 * this is the tree-like method with O(m) messages. Nodes whose neighbourhood would hold a factor larger than
 * `maxFactorSize` (hubs of heterogeneous graphs, where N^(2) explodes) are given a smaller radius, so the work
 * stays bounded; they are counted in `work.radiusCount` / `work.reduced`.
 *
 * @model N_i^(r) is node i, its edges, and every node and edge on a cycle of length <= r + 2 through i.
 * N_{j\i}^(r) is N_j^(r) with the edges of N_i^(r) removed. Messages u_{i←j} (j ∈ N_i, j ≠ i) are the probabilities
 * that j is not connected to the giant component through N_{j\i}^(r) and beyond:
 *   u_{i←j} = Σ_{g ⊆ N_{j\i}} P(g) ∏_{k ∈ C_j(g)} u_{j←k},   π_i = Σ_{g ⊆ N_i} P(g) ∏_{k ∈ C_i(g)} u_{i←k},
 * where g runs over the occupied configurations (bond: edge subsets, probability t^|g|(1−t)^(E−|g|); site: subsets
 * of the nodes other than the root, which is occupied by conditioning) and C_x(g) is the set of nodes reached from x
 * in g. P(i in giant) = 1 − π_i (bond) or q·(1 − π_i) (site). The sum factorises over the connected components
 * ("factors") of the neighbourhood with its root removed; each factor is summed exactly when it has at most
 * `exactLimit` random elements and otherwise estimated from `samples` configurations drawn from `stream(seed, 0)`
 * in a fixed order (deterministic; each sampled factor has standard error <= 0.5/√samples, reported). The
 * approximation is exact when the neighbourhoods N_{j\i} of different j are independent, i.e. the graph has no
 * loops of length > r + 2 that are short; r = 0 is the Karrer–Newman–Zdeborová tree-like method (same fixed point as
 * {@link messagePassingPercolation}). The iteration starts at u = 0 and sweeps Gauss–Seidel; every map is monotone,
 * so the messages rise to the smallest fixed point (largest S).
 *
 * Which S: `S` is (1/n) Σ_i P(i), every connected component counted. On a disconnected graph a small component
 * whose loops are longer than r + 2 (or any loopy component at r = 0) gets P > 0 although it can never hold a giant
 * cluster; a simulation measures the largest cluster, which lies inside the largest connected component once it is
 * macroscopic. `SLargestComponent` = (1/n) Σ_{i ∈ largest component} P(i) keeps only that component's nodes: at
 * bond t = 1 it equals the largest component's fraction (whenever that component holds a cycle). Compare a
 * simulation's largest-cluster fraction with `SLargestComponent`.
 *
 * @references G. T. Cantwell & M. E. J. Newman, Message passing on networks with loops, PNAS 116, 23398 (2019),
 * doi:10.1073/pnas.1914893116 (neighbourhoods, eqs. for π_i and the messages, Monte Carlo sampling of large
 * neighbourhoods); B. Karrer, M. E. J. Newman & L. Zdeborová, PRL 113, 208702 (2014) for r = 0.
 *
 * @example
 * ```ts
 * const res = messagePassingLoops(karate, 0.6, { r: 2, mode: 'bond' });
 * res.SLargestComponent; // closer to the simulated largest cluster than r = 0 gives
 * ```
 *
 * @category Message passing
 */
export function messagePassingLoops(
  g: CompactGraph,
  q: number,
  options: LoopMessagePassingOptions = {},
): LoopMessagePassingResult {
  const o = resolveLoopOptions(q, options);
  if (g.n === 0) throw new FragilityInputError('graph.n', 0, 'a graph with at least one node');
  return new PreparedLoops(g, options).solveResolved(q, o);
}

/**
 * Options of {@link PreparedMessagePassingLoops.solve}: what may change between the solves of one prepared graph
 * (anything omitted is taken from the options given to {@link prepareMessagePassingLoops}).
 *
 * @category Message passing
 */
export type LoopSolveOptions = Pick<LoopMessagePassingOptions, 'mode' | 'tolerance' | 'maxIterations' | 'onIteration'>;

/**
 * A graph prepared for loop-corrected message passing at many occupation probabilities: see
 * {@link prepareMessagePassingLoops}.
 *
 * @category Message passing
 */
export interface PreparedMessagePassingLoops {
  /** Number of nodes of the graph. */
  readonly n: number;
  /** The radius r of every solve. */
  readonly r: number;
  /**
   * The result of `messagePassingLoops(g, q, { ...options, ...solveOptions })`, bit for bit, where `options` are the
   * ones given to {@link prepareMessagePassingLoops}.
   *
   * @param q - occupation probability in [0, 1]: bond t (mode `bond`) or site q (mode `site`)
   * @param solveOptions - mode, tolerance, maxIterations, onIteration for this solve ({@link LoopSolveOptions})
   * @throws FragilityInputError for q outside [0, 1], a bad mode, tolerance or maxIterations
   */
  solve(q: number, solveOptions?: LoopSolveOptions): LoopMessagePassingResult;
}

/**
 * Prepare a graph for {@link messagePassingLoops} at many occupation probabilities (a sweep over q, site and bond):
 * the parts of the computation that depend only on the graph, r and the mode (simplified graph, neighbourhoods,
 * messages, factors, and every exactly summed factor's configurations grouped by reach set) are built on the first
 * solve of each mode and reused; a solve then only weighs the configurations at q, draws the sampled factors and
 * iterates. `solve(q, { mode })` returns exactly (bit for bit) what `messagePassingLoops(g, q, { ...options, mode })`
 * returns.
 *
 * @param g - the graph (n >= 1); self-loops are dropped and parallel edges merged first
 * @param options - as for {@link messagePassingLoops}; `mode`, `tolerance`, `maxIterations` and `onIteration` are the
 * defaults of each solve
 * @returns an object whose `solve(q, solveOptions)` runs one point
 * @throws FragilityInputError for n = 0, r not in {0, 1, 2}, or a bad limit (before any work)
 *
 * @complexity the first solve of a mode costs what {@link messagePassingLoops} costs; later solves of that mode skip
 * the neighbourhood and factor construction and the per-configuration reach of the exact factors (on the hep-th
 * co-authorship network at r = 2, site, 300 samples: about a fifth of a solve's CPU time). Memory: the prepared
 * structure of each mode solved, including one entry (1–4 bytes) per configuration of every exact factor (at most
 * 2^exactLimit each) and the reach mask of each of their classes.
 *
 * @example
 * ```ts
 * const loops = prepareMessagePassingLoops(karate, { r: 1 });
 * [0.4, 0.6, 0.8].map((t) => loops.solve(t).SLargestComponent); // ≈ [0.712, 0.908, 0.979] (bond; Monte Carlo 0.716, 0.907, 0.980)
 * loops.solve(0.6, { mode: 'site' }).S === messagePassingLoops(karate, 0.6, { r: 1, mode: 'site' }).S; // true
 * ```
 *
 * @category Message passing
 */
export function prepareMessagePassingLoops(
  g: CompactGraph,
  options: LoopMessagePassingOptions = {},
): PreparedMessagePassingLoops {
  resolveLoopOptions(0, options);
  if (g.n === 0) throw new FragilityInputError('graph.n', 0, 'a graph with at least one node');
  return new PreparedLoops(g, options);
}

/** The implementation of {@link PreparedMessagePassingLoops}: the graph-only parts now, each mode's parts on first use. */
class PreparedLoops implements PreparedMessagePassingLoops {
  readonly n: number;
  readonly r: number;
  private readonly adj: SimpleAdjacency;
  private readonly byMode: { bond?: ModeStructure; site?: ModeStructure } = {};
  private components?: { labels: Int32Array; largestLabel: number; largest: number };
  private readonly options: LoopMessagePassingOptions;
  constructor(g: CompactGraph, options: LoopMessagePassingOptions) {
    this.options = { ...options }; // a snapshot: the prepared structure must not follow later edits of the caller's object
    this.adj = simpleAdjacency(g);
    this.n = g.n;
    this.r = options.r ?? 2;
  }

  solve(q: number, solveOptions: LoopSolveOptions = {}): LoopMessagePassingResult {
    const o = this.options;
    const s = solveOptions;
    const merged: LoopMessagePassingOptions = {
      ...o,
      mode: s.mode ?? o.mode,
      tolerance: s.tolerance ?? o.tolerance,
      maxIterations: s.maxIterations ?? o.maxIterations,
      onIteration: s.onIteration ?? o.onIteration,
    };
    return this.solveResolved(q, resolveLoopOptions(q, merged));
  }

  /** One solve with checked options whose structural part (r, seed, samples, limits) is the prepared one. */
  solveResolved(q: number, o: ResolvedLoopOptions): LoopMessagePassingResult {
    let ms = this.byMode[o.mode];
    if (!ms) {
      ms = modeStructure(this.adj, o);
      this.byMode[o.mode] = ms;
    }
    const progs = programsAt(ms, this.adj.n, q, o);
    const sweep = gaussSeidel(this.adj.n, ms, progs, o);
    this.components ??= componentSummary({ n: this.adj.n, offsets: this.adj.off, targets: this.adj.nbr });
    return nodeResult(this.adj, q, o, ms, progs.node, sweep, this.components);
  }
}

/** The checked options of {@link messagePassingLoops}. */
interface ResolvedLoopOptions {
  mode: 'bond' | 'site';
  r: number;
  seed: number;
  samples: number;
  exactLimit: number;
  maxFactorSize: number;
  tolerance: number;
  maxIterations: number;
  onIteration?: (iteration: number, residual: number) => void;
}

function resolveLoopOptions(q: number, options: LoopMessagePassingOptions): ResolvedLoopOptions {
  const mode = options.mode ?? 'bond';
  if (mode !== 'bond' && mode !== 'site') throw new FragilityInputError('mode', mode, '"bond" or "site"');
  checkProbability(mode === 'bond' ? 't' : 'q', q);
  return {
    mode,
    r: checkInteger('r', options.r ?? 2, 0, 2),
    seed: checkInteger('seed', options.seed ?? 1, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    samples: checkInteger('samples', options.samples ?? 4000, 1, 1e7),
    exactLimit: checkInteger('exactLimit', options.exactLimit ?? 12, 1, 20),
    maxFactorSize: checkInteger('maxFactorSize', options.maxFactorSize ?? 60, 1, 100_000),
    tolerance: checkNumber('tolerance', options.tolerance ?? 1e-10, 0, 1),
    maxIterations: checkInteger('maxIterations', options.maxIterations ?? 10_000, 1),
    onIteration: options.onIteration,
  };
}

/** Step 1: every node's neighbourhood (sorted edge ids), reduced in radius where a factor would exceed maxFactorSize. */
function neighbourhoods(
  adj: SimpleAdjacency,
  o: ResolvedLoopOptions,
  sc: Scratch,
): { hood: Int32Array[]; radiusCount: number[] } {
  const n = adj.n;
  const hood: Int32Array[] = new Array(n);
  const radiusCount = new Array<number>(o.r + 1).fill(0);
  for (let i = 0; i < n; i++) {
    let rr = o.r;
    let edges = neighbourhoodEdges(adj, i, rr, sc);
    while (rr > 0 && largestFactor(factorsAround(adj, i, edges, sc), o.mode) > o.maxFactorSize) {
      rr--;
      edges = neighbourhoodEdges(adj, i, rr, sc);
    }
    hood[i] = edges.sort();
    radiusCount[rr]++;
  }
  return { hood, radiusCount };
}

/** The messages: for each receiver i, one per node j ≠ i of N_i (sorted by j); message t of i is from[t]. */
interface MessageIndex {
  msgOff: Int32Array;
  from: Int32Array;
  M: number;
}

/** Step 2: the message index. */
function messageIndex(adj: SimpleAdjacency, hood: Int32Array[], sc: Scratch): MessageIndex {
  const n = adj.n;
  const msgOff = new Int32Array(n + 1);
  const msgFrom: number[] = [];
  for (let i = 0; i < n; i++) {
    const st = sc.next();
    const js: number[] = [];
    for (const e of hood[i]) {
      for (const x of [adj.eu[e], adj.ev[e]]) {
        if (x !== i && sc.nodeStamp[x] !== st) {
          sc.nodeStamp[x] = st;
          js.push(x);
        }
      }
    }
    js.sort((a, b) => a - b);
    for (const j of js) msgFrom.push(j);
    msgOff[i + 1] = msgFrom.length;
  }
  const from = Int32Array.from(msgFrom);
  return { msgOff, from, M: from.length };
}

/**
 * One factor of a node or message program, prepared independently of q: a single edge (reached with probability q),
 * an exactly summed factor (its configurations' classes), or a sampled one (drawn at every solve). `at`: the start
 * of the factor's local table in the pool (the message ids of local nodes 1 … V − 1), for the factors of at most 31
 * nodes; -1 for a larger sampled factor, whose classes list `nodeMessage` entries.
 */
type FactorSpec =
  | { kind: 'single'; at: number }
  | {
      kind: 'exact';
      size: number;
      cls: Uint8Array | Uint16Array | Uint32Array;
      keys: Int32Array;
      at: number;
      locals: number;
    }
  | { kind: 'sampled'; factor: Factor; nodeMessage: Int32Array; at: number; reach?: SmallFactorReach }
  /** A message factor built from the same root and edge sequence as spec `of` (of the same sender), not sampled. */
  | { kind: 'same'; of: number };

/**
 * Turns the factors of the node and message programs, in build order, into {@link FactorSpec}s (message ids resolved,
 * exact factors classified) and counts how each factor is summed.
 */
class SpecBuilder {
  exactFactors = 0;
  sampledFactors = 0;
  maxClasses = 0;
  readonly specs: FactorSpec[] = [];
  /** The local tables of the factors of at most 31 nodes (the specs hold their starts). */
  readonly pool = intBuf();
  constructor(
    private readonly o: ResolvedLoopOptions,
    private readonly index: MessageIndex,
  ) {}

  private messageId(i: number, j: number): number {
    const p = findIn(this.index.from, this.index.msgOff[i], this.index.msgOff[i + 1], j);
    if (p < 0) throw new Error(`internal: no message ${i} <- ${j}`);
    return p;
  }

  add(root: number, f: Factor): void {
    const V = f.nodes.length;
    if (V === 2) {
      // One node k beyond the root (a single edge in a simple graph): reached with probability q, both modes.
      this.exactFactors++;
      this.specs.push({ kind: 'single', at: this.pool.n });
      this.pool.push(this.messageId(root, f.nodes[1]));
      return;
    }
    const nodeMessage = new Int32Array(V).fill(-1);
    for (let k = 1; k < V; k++) nodeMessage[k] = this.messageId(root, f.nodes[k]);
    const size = this.o.mode === 'bond' ? f.ea.length : V - 1;
    let at = -1;
    if (V <= 31) {
      at = this.pool.n;
      for (let k = 1; k < V; k++) this.pool.push(nodeMessage[k]);
    }
    // A factor of more than 31 nodes has at least 31 random elements (bond: it is connected), above exactLimit <= 20.
    if (size <= this.o.exactLimit && V <= 31) {
      this.exactFactors++;
      const { cls, keys } = classifyExactFactor(f, this.o.mode, size);
      if (keys.length > this.maxClasses) this.maxClasses = keys.length;
      this.specs.push({ kind: 'exact', size, cls, keys: Int32Array.from(keys), at, locals: V - 1 });
    } else {
      this.sampledFactors++;
      this.specs.push({ kind: 'sampled', factor: f, nodeMessage, at });
    }
  }
}

/** Everything of one mode that does not depend on q. */
interface ModeStructure {
  radiusCount: number[];
  index: MessageIndex;
  /** Node factors (node j: specs nodeSpecOff[j] .. nodeSpecOff[j+1]), then message factors (msgSpecOff, offset). */
  specs: FactorSpec[];
  /** The local tables the specs point to ({@link SpecBuilder.pool}). */
  pool: Int32Array;
  nodeSpecOff: Int32Array;
  msgSpecOff: Int32Array;
  /** Messages grouped by sender: bySender[bySenderOff[j] .. bySenderOff[j+1]). */
  bySenderOff: Int32Array;
  bySender: Int32Array;
  /** Per message t: the factor ids of the sender's neighbourhood touched by the receiver's edges. */
  exclOff: Int32Array;
  exclIds: Int32Array;
  exactFactors: number;
  sampledFactors: number;
  maxClasses: number;
}

/** Steps 1–4 for one mode: neighbourhoods, messages, node factors and message factors. */
function modeStructure(adj: SimpleAdjacency, o: ResolvedLoopOptions): ModeStructure {
  const sc = new Scratch(adj.n, adj.m);
  const hoods = neighbourhoods(adj, o, sc);
  const index = messageIndex(adj, hoods.hood, sc);
  const builder = new SpecBuilder(o, index);
  const nodes = nodeFactors(adj, hoods.hood, builder, sc);
  const msgs = messageFactors(adj, hoods.hood, index, nodes, builder, sc);
  return {
    radiusCount: hoods.radiusCount,
    index,
    specs: builder.specs,
    pool: builder.pool.done(),
    nodeSpecOff: nodes.nodeSpecOff,
    ...msgs,
    exactFactors: builder.exactFactors,
    sampledFactors: builder.sampledFactors,
    maxClasses: builder.maxClasses,
  };
}

/** The node factors and the bookkeeping the message factors need. */
interface NodeFactors {
  nodeSpecOff: Int32Array;
  /** edgeFactor[j][k] = the factor of N_j holding the k-th edge of hood[j] (hood[j] is sorted). */
  edgeFactor: Int32Array[];
  /** The edges of each global factor. */
  factorEdges: number[][];
}

/** Step 3: the node factors: π_j = ∏ over the factors of N_j (global factor index = spec index). */
function nodeFactors(adj: SimpleAdjacency, hood: Int32Array[], builder: SpecBuilder, sc: Scratch): NodeFactors {
  const edgeFactor: Int32Array[] = new Array(adj.n);
  const nodeSpecOff = new Int32Array(adj.n + 1);
  let factorCount = 0;
  const factorEdges: number[][] = [];
  for (let j = 0; j < adj.n; j++) {
    const ef = new Int32Array(hood[j].length).fill(-1);
    for (const f of factorsAround(adj, j, hood[j], sc)) {
      builder.add(j, f);
      for (const e of f.edges) ef[findIn(hood[j], 0, hood[j].length, e)] = factorCount;
      factorEdges.push(f.edges);
      factorCount++;
    }
    edgeFactor[j] = ef;
    nodeSpecOff[j + 1] = factorCount;
  }
  return { nodeSpecOff, edgeFactor, factorEdges };
}

/**
 * Step 4: message factors. u_{i←j} = [∏ of N_j's factors untouched by N_i's edges] × [∏ of the factors that remain
 * of the touched ones once N_i's edges are removed]. Stored: the touched factor ids (excluded from node j's product
 * at sweep time) and the replacement factors, in message-id order (receiver-major).
 */
function messageFactors(
  adj: SimpleAdjacency,
  hood: Int32Array[],
  index: MessageIndex,
  nodes: NodeFactors,
  builder: SpecBuilder,
  sc: Scratch,
): Pick<ModeStructure, 'msgSpecOff' | 'bySenderOff' | 'bySender' | 'exclOff' | 'exclIds'> {
  const { msgOff, from, M } = index;
  const { edgeFactor, factorEdges } = nodes;
  const n = adj.n;
  const bySenderOff = new Int32Array(n + 1);
  for (let t = 0; t < M; t++) bySenderOff[from[t] + 1]++;
  for (let j = 0; j < n; j++) bySenderOff[j + 1] += bySenderOff[j];
  const bySender = new Int32Array(M);
  {
    const fill = bySenderOff.slice(0, n);
    for (let i = 0; i < n; i++) for (let t = msgOff[i]; t < msgOff[i + 1]; t++) bySender[fill[from[t]]++] = t;
  }
  const base = builder.specs.length;
  const seen = new Map<string, number>();
  const msgSpecOff = new Int32Array(M + 1);
  const exclOff = new Int32Array(M + 1);
  const excl = intBuf();
  const touched: number[] = [];
  const rest: number[] = [];
  for (let i = 0; i < n; i++) {
    const st = sc.next();
    const edgeStamp = sc.edgeStamp;
    const hi = hood[i];
    for (const e of hi) edgeStamp[e] = st;
    for (let t = msgOff[i]; t < msgOff[i + 1]; t++) {
      const j = from[t];
      const hj = hood[j];
      touched.length = 0;
      if (hi.length < hj.length) {
        for (const e of hi) {
          const k = findIn(hj, 0, hj.length, e);
          if (k >= 0 && !touched.includes(edgeFactor[j][k])) touched.push(edgeFactor[j][k]);
        }
      } else {
        for (let k = 0; k < hj.length; k++)
          if (edgeStamp[hj[k]] === st && !touched.includes(edgeFactor[j][k])) touched.push(edgeFactor[j][k]);
      }
      exclOff[t] = excl.n;
      for (const f of touched) excl.push(f);
      rest.length = 0;
      for (const f of touched) for (const e of factorEdges[f]) if (edgeStamp[e] !== st) rest.push(e);
      if (rest.length > 0) for (const f of factorsAround(adj, j, rest, sc)) addMessageFactor(builder, seen, j, f);
      msgSpecOff[t + 1] = builder.specs.length - base;
    }
  }
  exclOff[M] = excl.n;
  return { msgSpecOff, bySenderOff, bySender, exclOff, exclIds: excl.done() };
}

/**
 * A message factor of sender j: a repeat of an earlier exact (or single-edge) one of j, same edge sequence, becomes
 * a reference to it (its value is computed once per sweep of j, the messages j receives being fixed meanwhile);
 * a sampled one is always drawn anew. Counted as exact either way.
 */
function addMessageFactor(builder: SpecBuilder, seen: Map<string, number>, j: number, f: Factor): void {
  const key = `${j}:${f.edges.join(',')}`;
  const of = seen.get(key);
  if (of !== undefined) {
    builder.exactFactors++;
    builder.specs.push({ kind: 'same', of });
    return;
  }
  const at = builder.specs.length;
  builder.add(j, f);
  if (builder.specs[at].kind !== 'sampled') seen.set(key, at);
}

/**
 * Step 5: the node and message programs at q. The factors are written in build order, the sampled ones drawn from
 * one stream `stream(seed, 0)` in that order; an exact factor's class weights are summed in configuration order and
 * its classes listed by first appearance (with nonzero weight).
 */
function programsAt(ms: ModeStructure, n: number, q: number, o: ResolvedLoopOptions): { node: Program; msg: Program } {
  const rng = stream(o.seed, 0);
  const { specs, nodeSpecOff, msgSpecOff } = ms;
  const M = ms.index.M;
  const sums = new Float64Array(ms.maxClasses);
  const seen = new Uint32Array(ms.maxClasses);
  const order = new Int32Array(ms.maxClasses);
  const classWeights = new Float64Array(ms.maxClasses);
  const classKeys = new Int32Array(ms.maxClasses);
  const singleWeights = Float64Array.of(1 - q, q);
  const singleKeys = Int32Array.of(0, 1);
  const sampling = sampleScratch(q, o.samples);
  let stamp = 0;
  const pwBySize: Float64Array[] = [];
  const weightsOf = (size: number): Float64Array => {
    let pw = pwBySize[size];
    if (!pw) {
      pw = new Float64Array(size + 1);
      for (let k = 0; k <= size; k++) pw[k] = q ** k * (1 - q) ** (size - k);
      pwBySize[size] = pw;
    }
    return pw;
  };
  const emit = (prog: Programs, spec: FactorSpec): void => {
    if (spec.kind === 'same') {
      prog.addReference(spec.of - base);
    } else if (spec.kind === 'single') {
      // classes: not reached (1 − q), reached (q), those of nonzero weight
      const lo = q < 1 ? 0 : 1;
      prog.addMaskFactor(spec.at, 1, singleWeights.subarray(lo), singleKeys.subarray(lo), q > 0 ? 2 - lo : 1 - lo);
    } else if (spec.kind === 'exact') {
      const pw = weightsOf(spec.size);
      const cls = spec.cls;
      const st = ++stamp;
      let classes = 0;
      for (let mask = 0; mask < cls.length; mask++) {
        const w = pw[popcount(mask)];
        if (w === 0) continue;
        const c = cls[mask];
        if (seen[c] !== st) {
          seen[c] = st;
          sums[c] = w;
          order[classes++] = c;
        } else sums[c] += w;
      }
      const keys = spec.keys;
      for (let k = 0; k < classes; k++) {
        const c = order[k];
        classWeights[k] = sums[c];
        classKeys[k] = keys[c];
      }
      prog.addMaskFactor(spec.at, spec.locals, classWeights, classKeys, classes);
    } else if (spec.at >= 0) {
      spec.reach ??= new SmallFactorReach(spec.factor);
      const t = sampleSmallFactor(spec.factor, spec.reach, o.mode, o.samples, rng, sampling);
      prog.addMaskFactor(spec.at, spec.factor.nodes.length - 1, t.weights, t.keys, t.n);
    } else {
      prog.beginListFactor();
      const t = sampleFactor(spec.factor, o.mode, q, o.samples, rng);
      const nm = spec.nodeMessage;
      for (let c = 0; c < t.weights.length; c++) {
        const start = members.n;
        for (const k of t.members[c]) members.push(nm[k]);
        prog.addRange(t.weights[c], start, members.n);
      }
    }
  };
  // The members of the list factors' classes (sampled factors of more than 31 nodes).
  const members = intBuf();
  const base = nodeSpecOff[n]; // spec base + k = message program factor k
  const node = new Programs();
  for (let j = 0; j < n; j++) {
    node.beginTarget();
    for (let s = nodeSpecOff[j]; s < nodeSpecOff[j + 1]; s++) emit(node, specs[s]);
  }
  const msg = new Programs();
  for (let t = 0; t < M; t++) {
    msg.beginTarget();
    for (let s = base + msgSpecOff[t]; s < base + msgSpecOff[t + 1]; s++) emit(msg, specs[s]);
  }
  const mem = members.done();
  return { node: node.finish(ms.pool, mem), msg: msg.finish(ms.pool, mem) };
}

/** The fixed-point iteration's outcome. */
interface SweepOutcome {
  u: Float64Array;
  converged: boolean;
  iterations: number;
  residual: number;
}

/**
 * Step 6: Gauss–Seidel sweeps from u = 0, sender by sender: node j's factor values from the current messages, then
 * every message j sends, as (product of j's factors without the touched ones) × (replacement factors). Everything
 * sender j computes reads only the messages j receives, so a sender none of whose incoming messages changed since it
 * was last swept would recompute exactly the values it holds: it is skipped (same result, bit for bit).
 */
function gaussSeidel(
  n: number,
  ms: ModeStructure,
  progs: { node: Program; msg: Program },
  o: ResolvedLoopOptions,
): SweepOutcome {
  const { M, msgOff } = ms.index;
  const np = progs.node;
  const mp = progs.msg;
  const tf = np.tf;
  const mtf = mp.tf;
  const { bySenderOff, bySender, exclOff, exclIds } = ms;
  const factorCount = ms.nodeSpecOff[n];
  const receiver = new Int32Array(M);
  for (let i = 0; i < n; i++) receiver.fill(i, msgOff[i], msgOff[i + 1]);
  // dirty[j] = 1: a message j receives changed since j was last swept (all dirty at the start).
  const dirty = new Uint8Array(n).fill(1);
  const u = new Float64Array(M);
  const fv = new Float64Array(factorCount);
  const factorMark = new Float64Array(factorCount);
  const sc = factorScratch(np, mp);
  // Message factor values of the current sender pass (valueStamp = pass): a repeated factor is computed once.
  const mfl = mp.fl;
  const value = new Float64Array(mfl.length);
  const valueStamp = new Float64Array(mfl.length);
  let pass = 0;
  let markStamp = 0;
  let iterations = 0;
  let residual = M === 0 ? 0 : Infinity;
  let converged = M === 0;
  while (!converged && iterations < o.maxIterations) {
    iterations++;
    o.onIteration?.(iterations, residual);
    let maxDelta = 0;
    for (let j = 0; j < n; j++) {
      if (bySenderOff[j] === bySenderOff[j + 1] || dirty[j] === 0) continue;
      dirty[j] = 0;
      pass++;
      let prod = 1;
      let zeros = 0;
      const f1 = tf[j + 1];
      for (let f = tf[j]; f < f1; f++) {
        const v = factorValue(np, f, u, sc);
        fv[f] = v;
        if (v === 0) zeros++;
        else prod *= v;
      }
      for (let s = bySenderOff[j], s1 = bySenderOff[j + 1]; s < s1; s++) {
        const t = bySender[s];
        let exProd = 1;
        let exZeros = 0;
        for (let k = exclOff[t], k1 = exclOff[t + 1]; k < k1; k++) {
          const v = fv[exclIds[k]];
          if (v === 0) exZeros++;
          else exProd *= v;
        }
        let v: number;
        if (zeros > exZeros) v = 0;
        else if (prod > 1e-250 && exProd > 1e-250) v = prod / exProd;
        else {
          // Underflow guard: multiply the untouched factors directly (0/0 would give NaN).
          const mark = ++markStamp;
          for (let k = exclOff[t]; k < exclOff[t + 1]; k++) factorMark[exclIds[k]] = mark;
          v = 1;
          for (let f = tf[j]; f < f1 && v > 0; f++) if (factorMark[f] !== mark) v *= fv[f];
        }
        if (v > 0) {
          // × the replacement factors (evaluate(progs.msg, t, u), inlined)
          let p = 1;
          for (let f = mtf[t], g1 = mtf[t + 1]; f < g1; f++) {
            let g = f;
            if (mfl[f] < -1) g = -2 - mfl[f]; // a repeat of factor g of this sender
            if (valueStamp[g] !== pass) {
              value[g] = factorValue(mp, g, u, sc);
              valueStamp[g] = pass;
            }
            p *= value[g];
            if (p === 0) break;
          }
          v *= p;
        }
        if (v > 1) v = 1; // rounding of the division
        const old = u[t];
        if (v !== old) {
          const d = Math.abs(v - old);
          if (d > maxDelta) maxDelta = d;
          u[t] = v;
          dirty[receiver[t]] = 1;
        }
      }
    }
    residual = maxDelta;
    if (maxDelta <= o.tolerance) converged = true;
  }
  return { u, converged, iterations, residual };
}

/** Step 7: node probabilities, S, the largest connected component's share, and the work report. */
function nodeResult(
  adj: SimpleAdjacency,
  q: number,
  o: ResolvedLoopOptions,
  ms: ModeStructure,
  np: Program,
  sweep: SweepOutcome,
  components: { labels: Int32Array; largestLabel: number; largest: number },
): LoopMessagePassingResult {
  const n = adj.n;
  const factor = o.mode === 'site' ? q : 1;
  const nodeProbability = new Float64Array(n);
  let sum = 0;
  const sc = factorScratch(np);
  for (let i = 0; i < n; i++) {
    const pi = Math.min(1, evaluate(np, i, sweep.u, sc)); // class weights sum to 1 up to rounding
    const s = factor * (1 - pi);
    nodeProbability[i] = s;
    sum += s;
  }
  const { labels: label, largestLabel: largest, largest: size } = components;
  let sumLc = 0;
  for (let i = 0; i < n; i++) if (label[i] === largest) sumLc += nodeProbability[i];
  const { exactFactors, sampledFactors } = ms;
  const radiusCount = ms.radiusCount.slice();
  return {
    mode: o.mode,
    q,
    r: o.r,
    S: sum / n,
    SLargestComponent: sumLc / n,
    largestComponent: size,
    nodeProbability,
    messages: ms.index.M,
    converged: sweep.converged,
    iterations: sweep.iterations,
    residual: sweep.residual,
    work: {
      exactFactors,
      sampledFactors,
      samples: o.samples,
      factorStandardError: sampledFactors > 0 ? 0.5 / Math.sqrt(o.samples) : 0,
      radiusCount,
      reduced: n - radiusCount[o.r],
      exactLimit: o.exactLimit,
      maxFactorSize: o.maxFactorSize,
    },
    simplified: { selfLoops: adj.selfLoops, parallelEdges: adj.parallelEdges },
  };
}
