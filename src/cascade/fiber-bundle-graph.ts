/**
 * The fiber-bundle model as a cascade on a network: each node is an element ("fiber") with a threshold drawn from a
 * capacity law; a load is applied; elements whose load exceeds their threshold fail and their load is shared by
 * survivors, in synchronous waves until nothing more fails.
 *
 * Two sharing rules:
 * - **global** (equal load sharing, ELS): the total load σ·N is carried equally by all survivors, whatever the graph
 *   (so no graph is needed; it runs on the sorted threshold array in O(N log N)).
 * - **local** (local load sharing, LLS), the *cluster rule*: every failed node belongs to a cluster of failed nodes
 *   (a connected component of the subgraph induced by failed nodes); the load the cluster's members carried
 *   originally, σ·|C|, is shared equally by the cluster's surviving boundary ∂C (the distinct surviving nodes
 *   adjacent to C). The load of a surviving node i is therefore
 *       ℓ_i = σ·(1 + Σ_{clusters C adjacent to i} |C| / |∂C|).
 *   A lone failure passes its load to its surviving neighbours equally; a failure next to failed nodes passes it on
 *   to the nearest survivors, across the failed region. Justification: (i) on a ring this is exactly the classic
 *   1-D local load sharing of Harlow & Phoenix (a surviving fiber next to broken runs of lengths a and b carries
 *   σ(1 + (a + b)/2)); (ii) ℓ depends only on the set of failed nodes, not on the order in which they failed;
 *   (iii) load is conserved — except for a cluster with no surviving boundary (a whole component failed), whose load
 *   has nowhere to go and is dropped. It is the usual way ring LLS is carried to lattices and networks (the broken
 *   cluster's load goes to its intact perimeter). A common alternative passes a failed node's current load to its
 *   own intact neighbours only; it differs from classic ring LLS as soon as failures touch (a broken run then loads
 *   its two sides unequally), so check which rule a paper uses before comparing numbers.
 *
 * Common conventions: σ (`load`) is the total load divided by the **original** number of elements N, so every
 * element starts with load σ. A fraction f0 (`loss`) of elements, exactly round(f0·N) chosen uniformly, is removed
 * first (their load is shared like any failure's); U is the fraction of **all N original** elements intact at the
 * end. An element fails when its load is strictly greater than its threshold. Waves are synchronous: in each wave
 * every overloaded survivor fails at once, then the load is redistributed; `waves` counts waves in which at least
 * one element failed (the initial loss is not a wave).
 *
 * Randomness: thresholds come from `rng.fork(1)` and the initial loss from `rng.fork(2)`, so two runs with the same
 * seed and different f0 or σ see the same thresholds (common random numbers).
 *
 * References: H. E. Daniels, Proc. R. Soc. A 183, 405 (1945), doi:10.1098/rspa.1945.0011. S. L. Phoenix, R. L. Smith,
 * Int. J. Solids Struct. 19, 479 (1983). J. Harlow, S. L. Phoenix, J. Compos. Mater. 12, 195 (1978),
 * doi:10.1177/002199837801200207. P. C. Hemmer, A. Hansen, J. Appl. Mech. 59, 909 (1992), doi:10.1115/1.2894060.
 * D.-H. Kim, B. J. Kim, H. Jeong, "Universality class of the fiber bundle model on complex networks", Phys. Rev.
 * Lett. 94, 025501 (2005), doi:10.1103/PhysRevLett.94.025501. S. Pradhan, A. Hansen, B. K. Chakrabarti, Rev. Mod.
 * Phys. 82, 499 (2010), doi:10.1103/RevModPhys.82.499.
 *
 * @module
 */
import { checkInteger, checkNumber, checkProbability, FragilityInputError } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { CapacityLaw } from '../distributions/types.ts';
import { type Rng, stream } from '../random/stream.ts';
import { sampleWithoutReplacement } from '../random/sample-without-replacement.ts';

/**
 * How a failed element's load is shared.
 *
 * @category Fiber bundles
 */
export type LoadSharing = 'global' | 'local';

/**
 * Options for {@link fiberBundleCascade}.
 *
 * @category Fiber bundles
 */
export interface FiberBundleCascadeOptions {
  /** Threshold law (support must be ⊂ [0, ∞)). Required unless `thresholds` is given. */
  capacity?: CapacityLaw;
  /** Explicit thresholds, one per element (overrides `capacity`); finite and >= 0. */
  thresholds?: Float64Array;
  /** σ: total load / original number of elements, a finite number >= 0. */
  load: number;
  /** f0: fraction removed at random before the load is applied, in [0, 1] (default 0). */
  loss?: number;
  /** `global` (ELS, default) or `local` (LLS, cluster rule; needs the graph). */
  sharing?: LoadSharing;
  /** Seed (default 1); ignored when `rng` is given. */
  seed?: number;
  /** The random stream. */
  rng?: Rng;
}

/**
 * The result of {@link fiberBundleCascade}.
 *
 * @category Fiber bundles
 */
export interface FiberBundleCascadeResult {
  /** Fraction of all N original elements intact at the end. */
  U: number;
  /** True when no element survives. */
  collapse: boolean;
  /** Number of load-induced failure waves (the initial loss is not counted). */
  waves: number;
  /** Elements failed in each wave. */
  failedPerWave: number[];
  /** Elements removed by the initial loss, round(f0·N). */
  initialLoss: number;
  /** Surviving elements. */
  survivors: number;
  /** N. */
  n: number;
  /** The sharing rule used. */
  sharing: LoadSharing;
  /** Per-element survival flags at the end (1 = intact), indexed by node id. */
  alive: Uint8Array;
  /** Seed of the stream the run drew from (`opts.seed`, default 1, or `opts.rng.seed` when a stream was given). */
  seed: number;
}

/** The graph (null for a bare element count), the element count and the validated sharing rule of a bundle call. */
function resolveBundle(
  target: CompactGraph | number,
  sharingOpt: LoadSharing | undefined,
): { g: CompactGraph | null; n: number; sharing: LoadSharing } {
  const g = typeof target === 'number' ? null : target;
  const n = typeof target === 'number' ? target : target.n;
  checkInteger('n', n, 1, 0x7fffffff);
  const sharing = sharingOpt ?? 'global';
  if (sharing !== 'global' && sharing !== 'local')
    throw new FragilityInputError('sharing', sharing, '"global" or "local"');
  if (sharing === 'local' && !g) throw new FragilityInputError('sharing', sharing, '"global" when no graph is given');
  return { g, n, sharing };
}

/** Validated inputs shared by the cascade and the quasi-static loader. @internal */
function checkLaw(law: CapacityLaw | undefined, thresholds: Float64Array | undefined, n: number): void {
  if (thresholds) {
    if (thresholds.length !== n) throw new FragilityInputError('thresholds.length', thresholds.length, `n (${n})`);
    for (let i = 0; i < n; i++) {
      if (!(thresholds[i] >= 0) || !Number.isFinite(thresholds[i])) {
        throw new FragilityInputError(`thresholds[${i}]`, thresholds[i], 'a finite number >= 0');
      }
    }
    return;
  }
  if (!law) throw new FragilityInputError('capacity', law, 'a capacity law (or explicit thresholds)');
  if (!(law.lo >= 0))
    throw new FragilityInputError('capacity', law.spec, 'a capacity law with support in [0, ∞)', `lower end ${law.lo}`);
}

/** Draw the thresholds (or copy the given ones). @internal */
function drawThresholds(
  n: number,
  law: CapacityLaw | undefined,
  given: Float64Array | undefined,
  rng: Rng,
): Float64Array {
  if (given) return Float64Array.from(given);
  const r = rng.fork(1);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = law!.sample(r);
  return x;
}

/**
 * Run a fiber-bundle cascade (ELS or LLS) on a graph, or on N elements for ELS.
 *
 * @param target - the graph (nodes are the elements; required for `local` sharing), or the number of elements N
 *   for `global` sharing.
 * @param opts - see {@link FiberBundleCascadeOptions}: `capacity` (or `thresholds`), `load` σ, `loss` f0,
 *   `sharing`, `seed`/`rng`.
 * @returns `{ U, collapse, waves, failedPerWave, initialLoss, survivors, n, sharing, alive }`.
 * @throws FragilityInputError for N = 0, σ < 0, f0 outside [0, 1], a law with negative support, local sharing
 *   without a graph.
 *
 * @complexity global O(N log N) (one sort; each wave advances a pointer). Local O(N + W·m·α(N)) for W waves
 * (every wave recomputes the cluster boundaries with union–find); W ≤ N, and W·m can approach N·m on rings and
 * lattices where a crack unzips one element per wave.
 *
 * @model global: survivor load σN/N_alive, fail iff threshold < σN/N_alive. Local: ℓ_i = σ(1 + Σ_C |C|/|∂C|)
 * (see the module documentation). Mean field of the global rule: U = (1 − f0)(1 − F(σ/U)), collapse iff
 * σ > (1 − f0)·max_x x(1 − F(x)).
 *
 * @references Daniels (1945); Harlow & Phoenix (1978); Kim, Kim & Jeong, PRL 94, 025501 (2005); Pradhan,
 * Hansen & Chakrabarti, RMP 82, 499 (2010), doi:10.1103/RevModPhys.82.499.
 *
 * @example
 * ```ts
 * // F6: uniform thresholds, 25 % lost, σ = 0.18: survives with U ≈ 0.45.
 * fiberBundleCascade(100_000, { capacity: uniformCapacity(0, 1), load: 0.18, loss: 0.25, seed: 1 }).U; // ≈ 0.454
 * ```
 *
 * @category Fiber bundles
 */
export function fiberBundleCascade(
  target: CompactGraph | number,
  opts: FiberBundleCascadeOptions,
): FiberBundleCascadeResult {
  const { g, n, sharing } = resolveBundle(target, opts.sharing);
  const sigma = checkNumber('load', opts.load, 0);
  const f0 = checkProbability('loss', opts.loss ?? 0);
  checkLaw(opts.capacity, opts.thresholds, n);
  if (opts.seed !== undefined) checkInteger('seed', opts.seed, -(2 ** 53 - 1), 2 ** 53 - 1);
  const rng = opts.rng ?? stream(opts.seed ?? 1, 0);
  const x = drawThresholds(n, opts.capacity, opts.thresholds, rng);
  const lost = Math.round(f0 * n);
  const alive = new Uint8Array(n).fill(1);
  const lostIds = sampleWithoutReplacement(rng.fork(2), n, lost);
  for (let i = 0; i < lost; i++) alive[lostIds[i]] = 0;
  const failedPerWave = sharing === 'global' ? cascadeGlobal(x, alive, sigma) : cascadeLocal(g!, x, alive, sigma);
  let survivors = 0;
  for (let i = 0; i < n; i++) survivors += alive[i];
  return {
    U: survivors / n,
    collapse: survivors === 0,
    waves: failedPerWave.length,
    failedPerWave,
    initialLoss: lost,
    survivors,
    n,
    sharing,
    alive,
    seed: rng.seed,
  };
}

/** ELS waves on the sorted surviving thresholds; updates `alive`; returns failures per wave. @internal */
function cascadeGlobal(x: Float64Array, alive: Uint8Array, sigma: number): number[] {
  const n = x.length;
  let M = 0;
  for (let i = 0; i < n; i++) M += alive[i];
  const ids = new Int32Array(M);
  for (let i = 0, j = 0; i < n; i++) if (alive[i]) ids[j++] = i;
  ids.sort((a, b) => x[a] - x[b] || a - b);
  const total = sigma * n;
  const perWave: number[] = [];
  let k = 0; // failed among the M survivors of the initial loss: ids[0..k) are dead
  while (k < M) {
    const perSurvivor = total / (M - k);
    let j = k;
    while (j < M && x[ids[j]] < perSurvivor) j++;
    if (j === k) break;
    for (let i = k; i < j; i++) alive[ids[i]] = 0;
    perWave.push(j - k);
    k = j;
  }
  return perWave;
}

/**
 * Union–find state for the LLS cluster rule, plus scratch arrays. @internal
 */
class FailedClusters {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  readonly boundary: Int32Array;
  readonly stamp: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.size = new Int32Array(n).fill(1);
    this.boundary = new Int32Array(n);
    this.stamp = new Int32Array(n).fill(-1);
  }
  find(u: number): number {
    const p = this.parent;
    let r = u;
    while (p[r] !== r) r = p[r];
    while (p[u] !== r) {
      const next = p[u];
      p[u] = r;
      u = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra] < this.size[rb]) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
  }
  /** Kill node u (already marked dead in `alive`): merge it with its dead neighbours. */
  absorb(g: CompactGraph, alive: Uint8Array, u: number): void {
    const { offsets, targets } = g;
    for (let p = offsets[u]; p < offsets[u + 1]; p++) {
      const v = targets[p];
      if (!alive[v]) this.union(u, v);
    }
  }
  /**
   * Load multipliers w_i = 1 + Σ_{C adj i} |C|/|∂C| of every surviving node (0 for dead ones). O(m·α + n).
   */
  weights(g: CompactGraph, alive: Uint8Array, w: Float64Array): void {
    const { offsets, targets } = g;
    const n = g.n;
    const { boundary, stamp, size } = this;
    boundary.fill(0);
    stamp.fill(-1);
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (let p = offsets[i]; p < offsets[i + 1]; p++) {
        const v = targets[p];
        if (alive[v]) continue;
        const r = this.find(v);
        if (stamp[r] !== i) {
          stamp[r] = i;
          boundary[r]++;
        }
      }
    }
    stamp.fill(-1);
    for (let i = 0; i < n; i++) {
      if (!alive[i]) {
        w[i] = 0;
        continue;
      }
      let wi = 1;
      for (let p = offsets[i]; p < offsets[i + 1]; p++) {
        const v = targets[p];
        if (alive[v]) continue;
        const r = this.find(v);
        if (stamp[r] !== i) {
          stamp[r] = i;
          wi += size[r] / boundary[r];
        }
      }
      w[i] = wi;
    }
  }
}

/** LLS waves (cluster rule); updates `alive`; returns failures per wave. @internal */
function cascadeLocal(g: CompactGraph, x: Float64Array, alive: Uint8Array, sigma: number): number[] {
  const n = g.n;
  const uf = new FailedClusters(n);
  for (let u = 0; u < n; u++) if (!alive[u]) uf.absorb(g, alive, u);
  const w = new Float64Array(n);
  const failing = new Int32Array(n);
  const perWave: number[] = [];
  for (let wave = 0; wave <= n; wave++) {
    uf.weights(g, alive, w);
    let nf = 0;
    for (let i = 0; i < n; i++) if (alive[i] && sigma * w[i] > x[i]) failing[nf++] = i;
    if (nf === 0) break;
    for (let k = 0; k < nf; k++) alive[failing[k]] = 0;
    for (let k = 0; k < nf; k++) uf.absorb(g, alive, failing[k]);
    perWave.push(nf);
  }
  return perWave;
}

/**
 * Options for {@link fiberBundleBursts}.
 *
 * @category Fiber bundles
 */
export interface FiberBundleBurstsOptions {
  /** Threshold law (support ⊂ [0, ∞)); required unless `thresholds` is given. */
  capacity?: CapacityLaw;
  /** Explicit thresholds (override `capacity`). */
  thresholds?: Float64Array;
  /** `global` (ELS, default) or `local` (LLS cluster rule; needs the graph). */
  sharing?: LoadSharing;
  /** Seed (default 1); ignored when `rng` is given. */
  seed?: number;
  /** The random stream. */
  rng?: Rng;
}

/**
 * The result of {@link fiberBundleBursts}.
 *
 * @category Fiber bundles
 */
export interface FiberBundleBurstsResult {
  /** Bundle strength: the largest load σ (per original element) the bundle held, max over the loading steps. */
  strength: number;
  /** Avalanche (burst) sizes in loading order; the last one is the final, catastrophic burst. */
  bursts: Int32Array;
  /** σ at which each burst happened (non-decreasing). */
  sigmaAtBurst: Float64Array;
  /** Burst-size histogram: `sizes[i]` occurred `counts[i]` times (sizes ascending). */
  sizes: Int32Array;
  counts: Int32Array;
  /** Seed of the stream the run drew from (`opts.seed`, default 1, or `opts.rng.seed` when a stream was given). */
  seed: number;
}

/**
 * Quasi-static, weakest-element-driven loading of a fiber bundle until complete failure, recording every avalanche.
 *
 * Each step raises σ just enough to break the weakest surviving element (the one with the smallest ratio
 * threshold / load multiplier), then lets the avalanche run at that σ (synchronous waves); its size (elements
 * failed at that σ, the trigger included) is one burst. Starts intact (no initial loss).
 *
 * @param target - the graph, or N for global sharing.
 * @param opts - `capacity` (or `thresholds`), `sharing`, `seed`/`rng`.
 * @returns `{ strength, bursts, sigmaAtBurst, sizes, counts }`.
 *
 * @complexity global O(N log N). Local O(N·m·α(N)) in the worst case (one O(m) pass per burst and per wave):
 * keep N·m below ~1e9.
 *
 * @model global: with sorted thresholds x_(1) ≤ … ≤ x_(N), the strength is max_k x_(k)(N − k + 1)/N (Daniels
 * 1945); mean → σ_c = max_x x(1 − F(x)) with a positive finite-N bias, sd ≈ 1/(4√N) for uniform thresholds. Burst
 * sizes follow the Hemmer–Hansen law D(Δ)/N = Δ^(Δ−1)/Δ! ∫_0^{x_c} p(x)(1 − r)r^(Δ−1)e^(−Δr) dx with
 * r = x p(x)/(1 − F(x)), so D(Δ) ∝ Δ^(−5/2) for large Δ.
 *
 * @references Daniels (1945); P. C. Hemmer, A. Hansen, J. Appl. Mech. 59, 909 (1992), doi:10.1115/1.2894060;
 * M. Kloster, A. Hansen, P. C. Hemmer, Phys. Rev. E 56, 2615 (1997), doi:10.1103/PhysRevE.56.2615.
 *
 * @example
 * ```ts
 * fiberBundleBursts(10_000, { capacity: uniformCapacity(0, 1), seed: 1 }).strength; // ≈ 0.249 (0.25 as n → ∞)
 * ```
 *
 * @category Fiber bundles
 */
export function fiberBundleBursts(
  target: CompactGraph | number,
  opts: FiberBundleBurstsOptions,
): FiberBundleBurstsResult {
  const { g, n, sharing } = resolveBundle(target, opts.sharing);
  checkLaw(opts.capacity, opts.thresholds, n);
  const rng = opts.rng ?? stream(opts.seed ?? 1, 0);
  const x = drawThresholds(n, opts.capacity, opts.thresholds, rng);
  const bursts: number[] = [];
  const sig: number[] = [];
  if (sharing === 'global') {
    const s = Float64Array.from(x).sort();
    let k = 0;
    while (k < n) {
      const force = s[k] * (n - k); // total load σN that breaks the weakest survivor
      const sigma = force / n;
      let j = k + 1;
      while (j < n && s[j] * (n - j) < force) j++;
      bursts.push(j - k);
      sig.push(sigma);
      k = j;
    }
  } else {
    const uf = new FailedClusters(n);
    const alive = new Uint8Array(n).fill(1);
    const w = new Float64Array(n);
    const failing = new Int32Array(n);
    let left = n;
    while (left > 0) {
      uf.weights(g!, alive, w);
      let best = -1;
      let sigma = Infinity;
      for (let i = 0; i < n; i++) {
        if (!alive[i]) continue;
        const s = x[i] / w[i];
        if (s < sigma) {
          sigma = s;
          best = i;
        }
      }
      alive[best] = 0;
      uf.absorb(g!, alive, best);
      let size = 1;
      for (;;) {
        uf.weights(g!, alive, w);
        let nf = 0;
        for (let i = 0; i < n; i++) if (alive[i] && sigma * w[i] > x[i]) failing[nf++] = i;
        if (nf === 0) break;
        for (let k = 0; k < nf; k++) alive[failing[k]] = 0;
        for (let k = 0; k < nf; k++) uf.absorb(g!, alive, failing[k]);
        size += nf;
      }
      left -= size;
      bursts.push(size);
      sig.push(sigma);
    }
  }
  let strength = 0;
  for (const s of sig) strength = Math.max(strength, s);
  const hist = new Map<number, number>();
  for (const b of bursts) hist.set(b, (hist.get(b) ?? 0) + 1);
  const sizes = Int32Array.from([...hist.keys()].sort((a, b) => a - b));
  const counts = Int32Array.from(sizes, (s) => hist.get(s)!);
  return {
    strength,
    bursts: Int32Array.from(bursts),
    sigmaAtBurst: Float64Array.from(sig),
    sizes,
    counts,
    seed: rng.seed,
  };
}
