/**
 * Shortest-path betweenness centrality on a {@link CompactGraph}: exact (Brandes 2001) and pivot-sampled
 * (Brandes & Pich 2007), in the unweighted BFS form.
 *
 * Conventions (stated once, used everywhere in the library):
 * - **Pairs counted once.** The raw value of node v is B(v) = Σ_{s<t, s≠v≠t} σ_st(v)/σ_st, the sum over unordered
 *   pairs {s, t} of the fraction of shortest s–t paths through v. Brandes' accumulation over all sources counts
 *   each unordered pair twice, so the sum over sources is halved. This is graphology-metrics' `normalized: false`
 *   on an undirected graph, networkx's `normalized=False` and python-igraph's `betweenness(directed=False)`.
 * - **Normalised** (`normalized: true`): B(v) / ((n−1)(n−2)/2), the fraction of all pairs not containing v, as in
 *   graphology-metrics (`normalized: true`) and networkx. For n ≤ 2 every value is 0 and no division happens.
 * - **Endpoints excluded**; a node is never "between" a pair it belongs to.
 * - **Disconnected graphs:** only pairs in the same component contribute (a BFS never leaves its component).
 * - **Multigraphs:** each parallel edge is a distinct path (σ counts edge multiplicity), as in igraph; self-loops
 *   never lie on a shortest path and are ignored. On simple graphs all conventions agree.
 * - **Overflow:** σ_st is held in a double; it overflows only when a pair has more than ~1e308 shortest paths
 *   (square lattices of side > ~500). The result is then non-finite and a RangeError is thrown.
 *
 * Sampled mode (Brandes & Pich 2007, "Centrality estimation in large networks", Int. J. Bifurcation and Chaos 17,
 * 2303, doi:10.1142/S0218127407018403): K pivots drawn uniformly **without replacement**; the estimate is
 * (n/K)·Σ_{pivots s} δ_s(v) / 2, unbiased. The error estimate is the per-node **standard error** of that estimate
 * computed from the K per-pivot contributions δ_s(v): se(v) = (n/2)·√(S²_v/K · (1 − K/n)), with S²_v the sample
 * variance (denominator K−1) and the finite-population correction (1 − K/n) of sampling without replacement, so that
 * se = 0 when K = n. It is a CLT (normal-approximation) error bar, not a worst-case bound: a node's contributions
 * are heavy tailed (most of its load comes from the few sources in the part of the graph it cuts off), and when
 * those are not drawn both the estimate and its error come out low. Measured on BA(400, 2) with K = 100, ±2·se
 * covered the exact value for 66 % of the nodes with B > 0 and 84 % of those with B ≥ 1000 (ER(400, ⟨k⟩=4), K = 100:
 * 76 %); take it as an order of magnitude, and use more pivots (or exact) when the tail nodes matter.
 *
 * Implementation (brandes-kernel.mjs): Brandes' BFS and dependency accumulation run for up to 32 sources at once,
 * with a bit-parallel multi-source BFS (Then et al., PVLDB 8(4), 2014): bit b of a node's mask stands for source b,
 * and a half-edge is scanned once per (node, BFS level) instead of once per source; σ and the dependencies are then
 * accumulated per source along the recorded shortest-path-DAG edges. The graph is first relabelled in BFS order and
 * sources are batched by that order, so the 32 fronts of a batch move together (on BA(10^4, 2) a node has about 4
 * distinct distances to a batch, and the kernel runs 2.6× faster than one BFS per source). Memory: 16·n·width bytes
 * of per-(node, source) state plus O(n + m) arrays; the batch width is 32 up to n = 2^15 and halves as n doubles
 * (1 from n = 2^20 on), so that this state stays within 16 MiB: in cache, where random access to it is cheap (a wider
 * batch on a larger graph is slower than a narrower one). Batching pays only when the sources of a batch share BFS
 * levels; sparse pivots on a large-diameter graph do not. So the first batch is a probe: when its frontier entries
 * serve fewer than {@link SHARING_THRESHOLD} sources each, the remaining sources run the one-BFS-per-source kernel
 * (branch-free, DAG edges recorded in one flat array), and the probe's sums are kept either way.
 *
 * Summation order, and hence every bit of the result, is fixed by the inputs alone: sources are split into at most
 * {@link BETWEENNESS_CHUNKS} contiguous chunks, each chunk's dependencies are summed from zero, and the chunks are
 * added in order, whether one thread runs them ({@link betweenness}) or several ({@link betweennessParallel}).
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import { type Rng, stream } from '../random/stream.ts';
import { createWorkerPool } from '../parallel/pool.ts';
import { identityPermutation, partialShuffle } from '../random/shuffle.ts';
import { shareArray } from '../parallel/shared-array.ts';
import { type KernelWorkspace, MAX_BATCH, brandesBatches, makeKernelWorkspace } from './brandes-kernel.mjs';

/**
 * Options for {@link betweenness}.
 *
 * @category Betweenness
 */
export interface BetweennessOptions {
  /**
   * Number of pivots K for the sampled estimate. Omitted (default) or K ≥ n: the exact algorithm runs.
   * An integer ≥ 1.
   */
  samples?: number;
  /** Seed for the pivot draw (default 1). Ignored by the exact algorithm. */
  seed?: number;
  /** A random stream for the pivot draw (takes precedence over `seed`). */
  rng?: Rng;
  /** Divide by (n−1)(n−2)/2 (default false: raw pair counts, pairs counted once). */
  normalized?: boolean;
  /**
   * Called with (sources done, sources in all) after each chunk of sources (at most {@link BETWEENNESS_CHUNKS}
   * calls, and once at the end); with worker threads the count is a lower bound (chunks still running are not
   * counted). For progress display only.
   */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The result of {@link betweenness}.
 *
 * @category Betweenness
 */
export interface BetweennessResult {
  /** Betweenness of each node, indexed by node id (see the module documentation for the normalisation). */
  values: Float64Array;
  /** Which algorithm ran. */
  method: 'exact' | 'sampled';
  /** Number of BFS sources used: n for the exact algorithm, K for the sampled one. */
  samples: number;
  /** Whether `values` (and `stderr`) are normalised by (n−1)(n−2)/2. */
  normalized: boolean;
  /**
   * Seed of the stream the pivots were drawn from (`opts.seed`, or `opts.rng.seed` when a stream was given); null
   * when nothing was random (exact betweenness, or pivots given to {@link betweennessFromPivots}).
   */
  seed: number | null;
  /**
   * Sampled only: per-node standard error of `values` (same scale), from the per-pivot contributions with the
   * finite-population correction. All zeros when K = n.
   */
  stderr?: Float64Array;
}

/**
 * Most chunks the sources are split into (fewer when there are fewer batches, or on large graphs: see
 * {@link betweennessParallel}): the unit of work handed to a thread, and the unit of summation that makes results
 * independent of the number of threads.
 *
 * @category Betweenness
 */
export const BETWEENNESS_CHUNKS = 16;

/**
 * Per-(node, source) state budget of the kernel: 16·n·width bytes ≤ 16 MiB, so that it stays in cache. Measured on
 * BA(10^5, 2) with 200 pivots (2 cores, 32 MiB L3): width 8 (12.8 MB) 0.77 s, 16: 1.0 s, 32 (51 MB): 1.5 s, and the
 * one-BFS-per-source kernel 1.1 s; on BA(10^6, 2) every width runs within noise of the one-source kernel.
 */
const STATE_BUDGET_BYTES = 16 * 1024 * 1024;

/** Budget of the per-chunk sums that betweennessParallel keeps until it adds them in order. */
const CHUNK_BUDGET_BYTES = 256 * 1024 * 1024;

/** The batch width for n nodes and K sources: a power of two ≤ 32 within the state budget, and ≤ K. */
function batchWidth(n: number, K: number): number {
  let w = MAX_BATCH;
  while (w > 1 && 16 * n * w > STATE_BUDGET_BYTES) w >>= 1;
  while (w > 1 && w >= 2 * K) w >>= 1;
  return w;
}

/**
 * The graph relabelled in BFS order (component by component, each from its lowest id), and the sources mapped to
 * the new ids in increasing order, so that consecutive sources are close in the graph.
 * @internal
 */
interface BrandesPlan {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  /** old id of new node i */
  order: Int32Array;
  /** sources in new ids, increasing */
  sources: Int32Array;
  /** Batch width of the chunks (1: the one-source kernel). */
  width: number;
  /** chunk c covers sources[bounds[c] .. bounds[c + 1]) */
  bounds: number[];
  /** Sums of the probe batch (the sources before bounds[0]): chunk 0 starts from them. */
  head: { acc: Float64Array; accSq: Float64Array | null } | null;
  /** The calling thread's kernel workspace: the probe's when its width was kept, else made on first use. */
  ws: KernelWorkspace | null;
}

/**
 * Sources served per frontier entry below which the one-source kernel is used. The multi-source kernel saves scans
 * in proportion to this sharing but pays per (DAG edge, source) for its bit masks and for state outside cache;
 * measured (the first batch as the probe): BA(10^5, 2) with 200 pivots shares 2.9 per entry at width 8 and runs
 * 1.5× faster than one BFS per source; ER(10^5, ⟨k⟩ = 4) with 200 pivots shares 2.1 and runs 1.6× slower; a
 * 300×300 lattice with 200 pivots shares 1.1 (1.8× slower); exact runs on 10^4 nodes share 3.9 (lattice) to 11 (BA)
 * at width 32, all faster.
 */
const SHARING_THRESHOLD = 2.5;

function makePlan(g: CompactGraph, pivots: Int32Array | null): BrandesPlan {
  const n = g.n;
  const { offsets, targets } = g;
  const order = new Int32Array(n);
  const rank = new Int32Array(n).fill(-1);
  let tail = 0;
  for (let r = 0; r < n; r++) {
    if (rank[r] >= 0) continue;
    rank[r] = tail;
    order[tail++] = r;
    for (let head = tail - 1; head < tail; head++) {
      const v = order[head];
      for (let p = offsets[v], end = offsets[v + 1]; p < end; p++) {
        const w = targets[p];
        if (rank[w] < 0) {
          rank[w] = tail;
          order[tail++] = w;
        }
      }
    }
  }
  const newOffsets = new Int32Array(n + 1);
  const newTargets = new Int32Array(targets.length);
  let q = 0;
  for (let i = 0; i < n; i++) {
    const v = order[i];
    newOffsets[i] = q;
    for (let p = offsets[v], end = offsets[v + 1]; p < end; p++) newTargets[q++] = rank[targets[p]];
  }
  newOffsets[n] = q;
  let sources: Int32Array;
  if (pivots === null) {
    sources = new Int32Array(n);
    for (let i = 0; i < n; i++) sources[i] = i;
  } else {
    sources = Int32Array.from(pivots, (s) => rank[s]).sort();
  }
  const K = sources.length;
  let width = batchWidth(n, K);
  // Probe: the first batch runs with the multi-source kernel, and the sharing it achieves picks the kernel for the
  // rest. Its sums are kept (chunk 0 starts from them), so the probe costs nothing and the summation order is still
  // fixed by the inputs alone.
  let head: BrandesPlan['head'] = null;
  let ws: KernelWorkspace | null = null;
  let start = 0;
  if (width > 1 && K > width) {
    ws = makeKernelWorkspace(n, width, newTargets.length);
    head = { acc: new Float64Array(n), accSq: pivots === null ? null : new Float64Array(n) };
    brandesBatches(newOffsets, newTargets, sources, 0, width, ws, head.acc, head.accSq);
    start = width;
    if (ws.reached < SHARING_THRESHOLD * ws.entries) {
      width = 1;
      ws = null;
    }
  }
  const batches = Math.ceil((K - start) / width);
  // Chunk sums live side by side in betweennessParallel's shared buffer (n doubles each, 2n with the squares of the
  // sampled estimator): fewer chunks on large graphs keep it within CHUNK_BUDGET_BYTES (at least 2 chunks).
  const bytesPerChunk = 8 * n * (pivots === null ? 1 : 2);
  const byMemory = Math.max(2, Math.floor(CHUNK_BUDGET_BYTES / Math.max(1, bytesPerChunk)));
  const chunks = Math.min(BETWEENNESS_CHUNKS, batches, byMemory);
  const bounds: number[] = [];
  for (let c = 0; c <= chunks; c++) bounds.push(Math.min(K, start + Math.round((c * batches) / chunks) * width));
  return { n, offsets: newOffsets, targets: newTargets, order, sources, width, bounds, head, ws };
}

/** This thread's kernel workspace for the plan (the probe's, or a new one, made once). */
function threadWorkspace(plan: BrandesPlan): KernelWorkspace {
  plan.ws ??= makeKernelWorkspace(plan.n, plan.width, plan.targets.length);
  return plan.ws;
}

/** Initialises chunk c's partial sums: chunk 0 starts from the probe batch, the others from zero. */
function startChunk(plan: BrandesPlan, c: number, acc: Float64Array, accSq: Float64Array | null): void {
  if (c === 0 && plan.head) {
    acc.set(plan.head.acc);
    if (accSq && plan.head.accSq) accSq.set(plan.head.accSq);
  } else {
    acc.fill(0);
    accSq?.fill(0);
  }
}

/** Runs chunk c of the plan, adding to `acc` / `accSq` (initialised by {@link startChunk}). */
function runChunk(
  plan: BrandesPlan,
  c: number,
  ws: KernelWorkspace,
  acc: Float64Array,
  accSq: Float64Array | null,
): void {
  brandesBatches(plan.offsets, plan.targets, plan.sources, plan.bounds[c], plan.bounds[c + 1], ws, acc, accSq);
}

/**
 * Sums chunk results in chunk order and maps them back to the original ids: out[order[i]] += part[i].
 */
function addChunk(plan: BrandesPlan, out: Float64Array, part: Float64Array): void {
  const { order, n } = plan;
  for (let i = 0; i < n; i++) out[order[i]] += part[i];
}

/** All chunks of the plan in this thread; returns (sum, sum of squares) in original ids. */
function runPlanHere(
  plan: BrandesPlan,
  squares: boolean,
  onProgress?: (done: number, total: number) => void,
): { sum: Float64Array; sumSq: Float64Array | null } {
  const n = plan.n;
  const sum = new Float64Array(n);
  const sumSq = squares ? new Float64Array(n) : null;
  const ws = threadWorkspace(plan);
  const part = new Float64Array(n);
  const partSq = squares ? new Float64Array(n) : null;
  for (let c = 0; c + 1 < plan.bounds.length; c++) {
    startChunk(plan, c, part, partSq);
    runChunk(plan, c, ws, part, partSq);
    addChunk(plan, sum, part);
    if (sumSq && partSq) addChunk(plan, sumSq, partSq);
    onProgress?.(plan.bounds[c + 1], plan.sources.length);
  }
  return { sum, sumSq };
}

/**
 * Shortest-path betweenness of every node: exact (Brandes) or pivot-sampled (Brandes & Pich) with a per-node
 * standard error.
 *
 * @param g - the graph (undirected; parallel edges count as distinct paths, self-loops are ignored).
 * @param opts - `samples` (K pivots; omitted or ≥ n: exact), `seed` / `rng` for the pivots, `normalized`
 *   (default false: raw values with pairs counted once).
 * @returns `{ values, method, samples, normalized, stderr? }`; `stderr` only for the sampled method.
 *
 * @complexity exact O(n·m) time, sampled O(K·m), in this thread ({@link betweennessParallel} splits it across
 * threads); memory 16·n·width bytes of per-(node, source) state (width 32 up to n = 2^15, then less: ≤ 16 MiB, or
 * 16·n bytes at width 1) and O(n + m) typed arrays, allocated once per call.
 *
 * @model B(v) = Σ_{s<t; s,t≠v} σ_st(v)/σ_st; Brandes' recursion δ_s(v) = Σ_{w: v ∈ P_s(w)} σ_sv/σ_sw·(1 + δ_s(w)),
 * B(v) = ½ Σ_s δ_s(v). Sampled: B̂(v) = (n/K)·½ Σ_{s ∈ pivots} δ_s(v).
 *
 * @references U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25, 163 (2001),
 * doi:10.1080/0022250X.2001.9732438. U. Brandes, C. Pich, "Centrality estimation in large networks", Int. J.
 * Bifurcation and Chaos 17, 2303 (2007), doi:10.1142/S0218127407018403.
 *
 * @example
 * ```ts
 * const path = CompactGraph.fromPairs(3, [[0, 1], [1, 2]]);
 * betweenness(path).values; // Float64Array [0, 1, 0]: node 1 lies on the one path 0–2
 * betweenness(path, { samples: 2, seed: 7 }).method; // 'sampled'
 * ```
 *
 * @category Betweenness
 */
export function betweenness(g: CompactGraph, opts: BetweennessOptions = {}): BetweennessResult {
  const job = resolveSources(g, opts);
  const plan = makePlan(g, job.pivots);
  const { sum, sumSq } = runPlanHere(plan, job.pivots !== null, opts.onProgress);
  return finishFromSums(g.n, sum, sumSq, job.normalized, plan.sources.length, job.seed);
}

/**
 * Options for {@link betweennessParallel}.
 *
 * @category Betweenness
 */
export interface BetweennessParallelOptions extends BetweennessOptions {
  /**
   * Compute threads W (default 1 = this thread only). W ≥ 2: this thread plus a piscina pool of W − 1 worker
   * threads. Results are bit-identical for every W. An integer in [1, 256].
   */
  workers?: number;
}

/**
 * {@link betweenness} on several threads: the same values, bit for bit, whatever the number of workers.
 *
 * @param g - the graph.
 * @param opts - as {@link betweenness}, plus `workers` (W compute threads: this thread and W − 1 worker threads).
 * @returns a promise of the {@link BetweennessResult}.
 *
 * @complexity that of {@link betweenness}, divided among W threads, plus ~20–30 ms start-up per worker thread
 * (the workers run plain-JavaScript modules: no TypeScript loader). The graph is shared with them without a copy
 * (SharedArrayBuffer); chunk sums go to one shared buffer of n doubles per chunk (2n for the sampled estimator),
 * at most 256 MiB (fewer chunks on large graphs), and each thread has its own kernel state (see {@link betweenness}).
 *
 * @model the sources are cut into at most {@link BETWEENNESS_CHUNKS} chunks; this thread and the pool claim
 * chunks from one atomic counter; partial sums are added in chunk order, as {@link betweenness} does.
 *
 * @references as {@link betweenness}; Piscina, https://github.com/piscinajs/piscina.
 *
 * @example
 * ```ts
 * const g = barabasiAlbert(2000, 2, stream(1));
 * const { values } = await betweennessParallel(g, { workers: 2 });
 * betweenness(g).values.every((v, i) => Math.abs(v - values[i]) <= 1e-9 * Math.max(1, v)); // true
 * ```
 *
 * @category Betweenness
 */
export async function betweennessParallel(
  g: CompactGraph,
  opts: BetweennessParallelOptions = {},
): Promise<BetweennessResult> {
  const workers = opts.workers ?? 1;
  if (!Number.isSafeInteger(workers) || workers < 1 || workers > 256) {
    throw new FragilityInputError('workers', workers, 'an integer in [1, 256]');
  }
  const job = resolveSources(g, opts);
  const plan = makePlan(g, job.pivots);
  const chunks = plan.bounds.length - 1;
  const squares = job.pivots !== null;
  const threads = Math.min(workers - 1, chunks - 1);
  if (threads < 1) {
    const { sum, sumSq } = runPlanHere(plan, squares, opts.onProgress);
    return finishFromSums(g.n, sum, sumSq, job.normalized, plan.sources.length, job.seed);
  }
  const n = plan.n;
  const stride = squares ? 2 * n : n;
  // Chunk results go to one shared buffer (zero-filled); every thread claims chunks from one atomic counter, so work
  // is balanced without messages (this thread never has to stop computing to hand a worker its next chunk).
  const out = new Float64Array(new SharedArrayBuffer(8 * stride * chunks));
  startChunk(plan, 0, out.subarray(0, n), squares ? out.subarray(n, 2 * n) : null);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const pool = createWorkerPool({
    filename: new URL('./brandes-worker.mjs', import.meta.url).href,
    threads,
    feature: 'betweenness with workers > 1',
    workerData: {
      offsets: shareArray(plan.offsets),
      targets: shareArray(plan.targets),
      sources: shareArray(plan.sources),
      width: plan.width,
      bounds: shareArray(Int32Array.from(plan.bounds)),
      counter,
      out,
      stride,
      squares,
    },
  });
  try {
    const runs = Array.from({ length: threads }, () => pool.run({}) as Promise<number>);
    const ws = threadWorkspace(plan);
    for (let c = Atomics.add(counter, 0, 1); c < chunks; c = Atomics.add(counter, 0, 1)) {
      const base = c * stride;
      runChunk(plan, c, ws, out.subarray(base, base + n), squares ? out.subarray(base + n, base + 2 * n) : null);
      // chunks claimed, less those the worker threads may still be running: a lower bound of the chunks done
      const done = Math.max(0, Math.min(chunks, Atomics.load(counter, 0)) - threads);
      opts.onProgress?.(plan.bounds[done], plan.sources.length);
    }
    await Promise.all(runs);
    opts.onProgress?.(plan.sources.length, plan.sources.length);
  } finally {
    await pool.destroy();
  }
  const sum = new Float64Array(n);
  const sumSq = squares ? new Float64Array(n) : null;
  for (let c = 0; c < chunks; c++) {
    const base = c * stride;
    addChunk(plan, sum, out.subarray(base, base + n));
    if (sumSq) addChunk(plan, sumSq, out.subarray(base + n, base + 2 * n));
  }
  return finishFromSums(g.n, sum, sumSq, job.normalized, plan.sources.length, job.seed);
}

/** Validates the options and draws the pivots (null: exact, every node a source). */
function resolveSources(
  g: CompactGraph,
  opts: BetweennessOptions,
): { pivots: Int32Array | null; normalized: boolean; seed: number | null } {
  const n = g.n;
  const normalized = opts.normalized ?? false;
  if (opts.samples !== undefined && (!Number.isSafeInteger(opts.samples) || opts.samples < 1)) {
    throw new FragilityInputError('samples', opts.samples, 'an integer >= 1');
  }
  if (opts.seed !== undefined && !Number.isSafeInteger(opts.seed)) {
    throw new FragilityInputError('seed', opts.seed, 'a safe integer');
  }
  if (opts.samples === undefined || opts.samples >= n) return { pivots: null, normalized, seed: null };
  const K = opts.samples;
  const rng = opts.rng ?? stream(opts.seed ?? 1, 0);
  // Partial Fisher–Yates: the first K entries of a uniformly shuffled id array (without replacement).
  return { pivots: partialShuffle(rng, identityPermutation(n), K).subarray(0, K), normalized, seed: rng.seed };
}

/**
 * Final scaling. Exact (`sumSq` null): halve (each pair counted from both ends). Sampled: the pivot estimator and its
 * standard error from the per-pivot sums.
 */
function finishFromSums(
  n: number,
  sum: Float64Array,
  sumSq: Float64Array | null,
  normalized: boolean,
  K: number,
  seed: number | null,
): BetweennessResult {
  if (sumSq === null) {
    for (let v = 0; v < n; v++) sum[v] *= 0.5;
    return finishBetweenness(sum, undefined, n, normalized, 'exact', n, seed);
  }
  const stderr = new Float64Array(n);
  const scale = (0.5 * n) / K;
  const fpc = 1 - K / n;
  for (let v = 0; v < n; v++) {
    const mean = sum[v] / K;
    const variance = K > 1 ? Math.max(0, (sumSq[v] - K * mean * mean) / (K - 1)) : 0;
    stderr[v] = 0.5 * n * Math.sqrt((variance / K) * fpc);
    sum[v] *= scale;
  }
  return finishBetweenness(sum, stderr, n, normalized, 'sampled', K, seed);
}

/**
 * The pivot estimator of betweenness for a given set of distinct pivots (sources), with its standard error.
 *
 * @param g - the graph.
 * @param pivots - K distinct node ids (1 ≤ K ≤ n); for the estimator to be unbiased they must be a uniform
 *   sample without replacement (as {@link betweenness} draws them).
 * @param opts - `normalized` (default false).
 * @returns `{ values, method: 'sampled', samples: K, normalized, stderr }`; with all n nodes as pivots the values
 *   equal the exact ones (up to rounding) and `stderr` is 0.
 *
 * @complexity O(K·m) time, O(n + m) memory.
 *
 * @model B̂(v) = (n/K)·½ Σ_{s ∈ pivots} δ_s(v); se(v) = (n/2)·√(S²_v/K·(1 − K/n)), S²_v the sample variance of
 * δ_s(v) over the pivots (denominator K − 1; se = 0 when K = 1 — no variance estimate from one pivot).
 *
 * @references U. Brandes, C. Pich, Int. J. Bifurcation and Chaos 17, 2303 (2007), doi:10.1142/S0218127407018403.
 *
 * @example
 * ```ts
 * const g = CompactGraph.fromPairs(4, [[0, 1], [1, 2], [2, 3]]);
 * betweennessFromPivots(g, Int32Array.of(0, 1, 2, 3)).values; // Float64Array [0, 2, 2, 0] (the exact values)
 * ```
 *
 * @category Betweenness
 */
export function betweennessFromPivots(
  g: CompactGraph,
  pivots: Int32Array,
  opts: { normalized?: boolean } = {},
): BetweennessResult {
  const n = g.n;
  const K = pivots.length;
  if (K < 1 || K > n) throw new FragilityInputError('pivots.length', K, `an integer in [1, ${n}]`);
  const seen = new Uint8Array(n);
  for (let i = 0; i < K; i++) {
    const s = pivots[i];
    if (!(s >= 0 && s < n) || seen[s])
      throw new FragilityInputError(`pivots[${i}]`, s, `distinct node ids in [0, ${n - 1}]`);
    seen[s] = 1;
  }
  const plan = makePlan(g, pivots);
  const { sum, sumSq } = runPlanHere(plan, true);
  return finishFromSums(n, sum, sumSq, opts.normalized ?? false, K, null);
}

function finishBetweenness(
  values: Float64Array,
  stderr: Float64Array | undefined,
  n: number,
  normalized: boolean,
  method: 'exact' | 'sampled',
  K: number,
  seed: number | null,
): BetweennessResult {
  if (normalized && n > 2) {
    const c = 2 / ((n - 1) * (n - 2));
    for (let v = 0; v < n; v++) values[v] *= c;
    if (stderr) for (let v = 0; v < n; v++) stderr[v] *= c;
  }
  for (let v = 0; v < n; v++) {
    if (!Number.isFinite(values[v])) {
      throw new RangeError(
        'betweenness: shortest-path counts overflowed a double (more than ~1e308 paths between a pair)',
      );
    }
  }
  const result: BetweennessResult = { values, method, samples: K, normalized, seed };
  if (stderr) result.stderr = stderr;
  return result;
}
