/**
 * Newman–Ziff sweeps that detect when a cluster first wraps around a periodic lattice: the kernel behind the
 * wrapping-probability threshold estimator. A separate kernel, so the plain sweeps ({@link sweepSite},
 * {@link sweepBond}) keep their speed.
 *
 * @module
 */
import { FragilityInputError, checkInteger } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import { validateOrder } from './validate-order.ts';

/**
 * The periodic lattices whose wrapping can be detected (the generators of src/generators/*-lattice.ts).
 *
 * @category Sweeps
 */
export const WRAPPING_LATTICES = ['square', 'triangular', 'honeycomb', 'cubic'] as const;
/**
 * A periodic lattice kind.
 *
 * @category Sweeps
 */
export type WrappingLattice = (typeof WRAPPING_LATTICES)[number];

/**
 * The geometry of a periodic lattice as built by its generator: plain data (crosses the worker boundary).
 *
 * @category Sweeps
 */
export interface LatticeGeometry {
  /** Which lattice. */
  lattice: WrappingLattice;
  /** Side length L (cells per direction), >= 3. */
  L: number;
}

/**
 * The first occupations at which a cluster wraps, for one sweep.
 *
 * @category Sweeps
 */
export interface WrappingSweep {
  /** `'site'` or `'bond'`. */
  readonly mode: 'site' | 'bond';
  /** Nodes of the lattice. */
  readonly n: number;
  /** Additions in the sweep (n site, m bond); occupation q = k/steps. */
  readonly steps: number;
  /** Dimension d (2 or 3). */
  readonly dim: number;
  /**
   * firstWrap[i] = the smallest k at which some cluster wraps around direction i (a loop with a non-zero winding
   * along axis i), or steps + 1 if none does. Clusters only grow in a sweep, so "wraps along i" holds for all k >= it.
   */
  readonly firstWrap: Int32Array;
  /** Smallest k at which some cluster wraps in any direction (min of firstWrap). */
  readonly firstAny: number;
  /** Smallest k at which wrapping has occurred along every direction (max of firstWrap). */
  readonly firstAll: number;
  /**
   * Number of nodes in the cluster that first wraps (along any axis), at the step it does (0 if none wraps): grows
   * as L^(d_f), d_f = d − β/ν, the fractal dimension of the incipient spanning cluster.
   */
  readonly wrapMass: number;
}

/**
 * Dimension of a lattice kind.
 *
 * @category Sweeps
 */
export function latticeDimension(lattice: WrappingLattice): number {
  return lattice === 'cubic' ? 3 : 2;
}

/**
 * Number of nodes of the periodic lattice of side L.
 *
 * @category Sweeps
 */
export function latticeNodeCount(geom: LatticeGeometry): number {
  const { lattice, L } = geom;
  return lattice === 'cubic' ? L * L * L : lattice === 'honeycomb' ? 2 * L * L : L * L;
}

/**
 * Check a lattice geometry (`lattice` one of {@link WRAPPING_LATTICES}, L an integer >= 3) and that it matches g.
 * @internal
 */
export function checkLatticeGeometry(geom: LatticeGeometry, g?: CompactGraph): LatticeGeometry {
  if (!geom || !(WRAPPING_LATTICES as readonly string[]).includes(geom.lattice)) {
    throw new FragilityInputError('lattice', geom?.lattice, `one of ${WRAPPING_LATTICES.join(', ')} (periodic)`);
  }
  checkInteger('L', geom.L, 3, 1e6);
  if (g !== undefined && g.n !== latticeNodeCount(geom)) {
    throw new FragilityInputError(
      'lattice',
      `${geom.lattice}:L=${geom.L}`,
      `the geometry of the graph (n = ${g.n}, expected ${latticeNodeCount(geom)})`,
    );
  }
  return geom;
}

/**
 * Cell coordinates of every node, as the generators number them: square/triangular id = y·L + x; honeycomb
 * id = 2(y·L + x) + s (two nodes per cell); cubic id = z·L² + y·L + x. Returns a flat array of 3 coordinates per
 * node (z = 0 on the 2-D lattices).
 */
function cellCoordinates(geom: LatticeGeometry): Int32Array {
  const { lattice, L } = geom;
  const n = latticeNodeCount(geom);
  const c = new Int32Array(3 * n);
  for (let u = 0; u < n; u++) {
    if (lattice === 'cubic') {
      c[3 * u] = u % L;
      c[3 * u + 1] = Math.floor(u / L) % L;
      c[3 * u + 2] = Math.floor(u / (L * L));
    } else {
      const cell = lattice === 'honeycomb' ? u >> 1 : u;
      c[3 * u] = cell % L;
      c[3 * u + 1] = Math.floor(cell / L);
    }
  }
  return c;
}

/** Int32 words per node in {@link WrappingKernel.node}: the union–find word, then the displacement (x, y, z). */
const WORDS = 4;
/** Union–find word of a node not yet added (site sweeps); never a node id (n <= 2^31 − 1). */
const ABSENT = 0x7fffffff;

/**
 * Find with path halving in the union–find words `nd` of {@link WrappingKernel}: returns x's root and writes x's
 * displacement to it into `out[o..o+3)`. Each node passed over is re-pointed to its grandparent, its displacement
 * increased by its parent's, so every node keeps its displacement to its (new) parent.
 */
function findWithDisplacement(nd: Int32Array, x: number, out: Int32Array, o: number): number {
  let r = x;
  let ax = 0;
  let ay = 0;
  let az = 0;
  for (;;) {
    const i = WORDS * r;
    const p = nd[i];
    if (p < 0) break;
    const j = WORDS * p;
    const gp = nd[j];
    let dx = nd[i + 1];
    let dy = nd[i + 2];
    let dz = nd[i + 3];
    if (gp < 0) {
      ax += dx;
      ay += dy;
      az += dz;
      r = p;
      break;
    }
    dx += nd[j + 1];
    dy += nd[j + 2];
    dz += nd[j + 3];
    nd[i] = gp;
    nd[i + 1] = dx;
    nd[i + 2] = dy;
    nd[i + 3] = dz;
    ax += dx;
    ay += dy;
    az += dz;
    r = gp;
  }
  out[o] = ax;
  out[o + 1] = ay;
  out[o + 2] = az;
  return r;
}

/**
 * One wrapping sweep: a union–find whose every element stores its displacement (in cell units, on the unwrapped
 * lattice) to its parent. Per node, four consecutive words of one Int32Array (one cache line holds four nodes): the
 * union–find word (−size at a root, the parent's index below it, ABSENT before a site sweep adds the node) and the
 * displacement (x, y, z; z = 0 in 2-D). Finds halve the path, adding the displacements of the pointers they skip,
 * so that every node's displacement stays that of its (new) parent.
 *
 * The results do not depend on the shape of the union–find: a cluster's cycles all have zero winding along an axis
 * until the first cycle that wraps along it, so until then every node's displacement to its root along that axis is
 * the same whatever path the union–find recorded (after it, that axis's first step is known and nothing else reads
 * it); sizes are those of the clusters.
 */
class WrappingKernel {
  readonly node: Int32Array;
  readonly coords: Int32Array;
  readonly L: number;
  readonly d: number;
  readonly firstWrap: Int32Array;
  wrapMass = 0;
  /** Axes wrapped so far: once all d are, later steps cannot change the result and the sweep stops. */
  wrappedAxes = 0;
  /** Scratch for {@link findWithDisplacement}: u's displacement to its root at 0..2, v's at 3..5. */
  private readonly disp = new Int32Array(6);

  constructor(geom: LatticeGeometry, n: number, steps: number, present: boolean) {
    this.d = latticeDimension(geom.lattice);
    this.L = geom.L;
    this.coords = cellCoordinates(geom);
    this.node = new Int32Array(WORDS * n);
    const word = present ? -1 : ABSENT;
    for (let u = 0; u < n; u++) this.node[WORDS * u] = word;
    this.firstWrap = new Int32Array(this.d).fill(steps + 1);
  }

  /** Join present nodes u and v across one lattice edge at step k; record wrapping. */
  link(u: number, v: number, k: number): void {
    const nd = this.node;
    const c = this.coords;
    const L = this.L;
    const half = L >> 1;
    // the lattice step u → v: the minimal image of the cell difference
    let sx = c[3 * v] - c[3 * u];
    if (sx > half) sx -= L;
    else if (sx < -half) sx += L;
    let sy = c[3 * v + 1] - c[3 * u + 1];
    if (sy > half) sy -= L;
    else if (sy < -half) sy += L;
    let sz = c[3 * v + 2] - c[3 * u + 2];
    if (sz > half) sz -= L;
    else if (sz < -half) sz += L;
    // find(u) and find(v): roots and displacements to them
    const disp = this.disp;
    const ru = findWithDisplacement(nd, u, disp, 0);
    const rv = findWithDisplacement(nd, v, disp, 3);
    const ux = disp[0];
    const uy = disp[1];
    const uz = disp[2];
    const vx = disp[3];
    const vy = disp[4];
    const vz = disp[5];
    // the loop u → v → root → u has winding (u's displacement) + step − (v's displacement)
    const wx = ux + sx - vx;
    const wy = uy + sy - vy;
    const wz = uz + sz - vz;
    if (ru === rv) {
      // A loop: its winding is a multiple of L per axis; non-zero along j ⇒ the cluster wraps along j.
      if (wx !== 0) this.wrapped(0, k, ru);
      if (wy !== 0) this.wrapped(1, k, ru);
      if (wz !== 0 && this.d === 3) this.wrapped(2, k, ru);
      return;
    }
    // union by size, ties: v's root under u's
    const iu = WORDS * ru;
    const iv = WORDS * rv;
    const su = nd[iu];
    const sv = nd[iv];
    if (su <= sv) {
      nd[iu] = su + sv;
      nd[iv] = ru;
      nd[iv + 1] = wx;
      nd[iv + 2] = wy;
      nd[iv + 3] = wz;
    } else {
      nd[iv] = su + sv;
      nd[iu] = rv;
      nd[iu + 1] = -wx;
      nd[iu + 2] = -wy;
      nd[iu + 3] = -wz;
    }
  }

  /** A cycle of the cluster rooted at `root` wraps along `axis` at step k. */
  private wrapped(axis: number, k: number, root: number): void {
    if (this.firstWrap[axis] <= k) return;
    if (this.wrapMass === 0) this.wrapMass = -this.node[WORDS * root];
    this.firstWrap[axis] = k;
    this.wrappedAxes++;
  }

  result(mode: 'site' | 'bond', n: number, steps: number): WrappingSweep {
    let firstAny = steps + 1;
    let firstAll = 0;
    for (let j = 0; j < this.d; j++) {
      firstAny = Math.min(firstAny, this.firstWrap[j]);
      firstAll = Math.max(firstAll, this.firstWrap[j]);
    }
    return { mode, n, steps, dim: this.d, firstWrap: this.firstWrap, firstAny, firstAll, wrapMass: this.wrapMass };
  }
}

/**
 * Site percolation on a periodic lattice, recording the first occupation at which a cluster wraps around each axis.
 * Nodes are added in the reverse of the removal `order`, as in {@link sweepSite}.
 *
 * @param g - the lattice, as built by its generator with periodic boundaries (e.g. `squareLattice(L)`).
 * @param order - removal order, a permutation of 0..n-1 (e.g. {@link randomOrder}).
 * @param geom - the lattice kind and side L (>= 3), matching g.
 * @returns the first wrapping step along each axis ({@link WrappingSweep}).
 * @throws FragilityInputError naming `lattice`, `L` or `order`.
 *
 * @complexity O(n + m·α(n)·d) time (union–find with union by size and path halving carrying d-dimensional
 * displacements), O(n) memory (16 bytes per node); the sweep stops once every axis has wrapped (near q = p_c on a
 * large lattice), since later steps cannot change the result.
 *
 * @model every node stores its displacement to its union–find root on the unwrapped lattice; an added edge
 * u–v (lattice step δ, the minimal image of the cell difference) inside one cluster closes a loop of winding
 * d(u) + δ − d(v), non-zero along an axis exactly when the cluster wraps around the torus that way.
 *
 * @references M. E. J. Newman, R. M. Ziff, "A fast Monte Carlo algorithm for site or bond percolation", PRE 64,
 * 016706 (2001), doi:10.1103/PhysRevE.64.016706, §III.C (wrapping detection by displacements to the root).
 *
 * @example
 * ```ts
 * const w = sweepSiteWrapping(squareLattice(64), randomOrder(64 * 64, stream(1, 0)), { lattice: 'square', L: 64 });
 * w.firstWrap[0] / w.steps; // ≈ 0.58: occupation at which a cluster first wraps horizontally (→ 0.5927 as L grows)
 * ```
 *
 * @category Sweeps
 */
export function sweepSiteWrapping(g: CompactGraph, order: ArrayLike<number>, geom: LatticeGeometry): WrappingSweep {
  checkLatticeGeometry(geom, g);
  const n = g.n;
  const ord = validateOrder(order, n);
  const kern = new WrappingKernel(geom, n, n, false);
  const nd = kern.node;
  const off = g.offsets;
  const tgt = g.targets;
  for (let k = 1; k <= n; k++) {
    const u = ord[n - k];
    nd[WORDS * u] = -1; // added, a singleton
    for (let p = off[u], end = off[u + 1]; p < end; p++) {
      const v = tgt[p];
      if (nd[WORDS * v] !== ABSENT) kern.link(u, v, k);
    }
    if (kern.wrappedAxes === kern.d) break; // every axis has wrapped: the rest cannot change the result
  }
  return kern.result('site', n, n);
}

/**
 * Bond percolation on a periodic lattice, recording the first occupation at which a cluster wraps around each axis.
 * Edges are added in the reverse of the removal `edgeOrder`, as in {@link sweepBond}.
 *
 * @param g - the lattice, as built by its generator with periodic boundaries.
 * @param edgeOrder - edge removal order, a permutation of 0..m-1 (e.g. {@link randomEdgeOrder}).
 * @param geom - the lattice kind and side L (>= 3), matching g.
 * @returns the first wrapping step along each axis ({@link WrappingSweep}); q = k/m.
 * @throws FragilityInputError naming `lattice`, `L` or `edgeOrder`.
 *
 * @complexity O(n + m·α(n)·d) time, O(n) memory (16 bytes per node).
 *
 * @model as {@link sweepSiteWrapping}, with all nodes present from the start.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const w = sweepBondWrapping(squareLattice(64), randomEdgeOrder(2 * 64 * 64, stream(1, 0)), { lattice: 'square', L: 64 });
 * w.firstWrap[0] / w.steps; // ≈ 0.5
 * ```
 *
 * @category Sweeps
 */
export function sweepBondWrapping(g: CompactGraph, edgeOrder: ArrayLike<number>, geom: LatticeGeometry): WrappingSweep {
  checkLatticeGeometry(geom, g);
  const n = g.n;
  const m = g.m;
  const ord = validateOrder(edgeOrder, m, 'edgeOrder');
  const kern = new WrappingKernel(geom, n, m, true);
  const es = g.edgeSource;
  const et = g.edgeTarget;
  for (let k = 1; k <= m; k++) {
    const e = ord[m - k];
    kern.link(es[e], et[e], k);
    if (kern.wrappedAxes === kern.d) break; // every axis has wrapped: the rest cannot change the result
  }
  return kern.result('bond', n, m);
}
