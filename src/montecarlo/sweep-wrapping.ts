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
 * id = 2(y·L + x) + s (two nodes per cell); cubic id = z·L² + y·L + x. Returns a flat array of n·d coordinates.
 */
function cellCoordinates(geom: LatticeGeometry): Int32Array {
  const { lattice, L } = geom;
  const n = latticeNodeCount(geom);
  const d = latticeDimension(lattice);
  const c = new Int32Array(n * d);
  for (let u = 0; u < n; u++) {
    if (lattice === 'cubic') {
      c[3 * u] = u % L;
      c[3 * u + 1] = Math.floor(u / L) % L;
      c[3 * u + 2] = Math.floor(u / (L * L));
    } else {
      const cell = lattice === 'honeycomb' ? u >> 1 : u;
      c[2 * u] = cell % L;
      c[2 * u + 1] = Math.floor(cell / L);
    }
  }
  return c;
}

/**
 * Union–find whose every element stores its displacement (in cell units, on the unwrapped lattice) to its parent;
 * find() returns the root and leaves the element's displacement to the root in `dx`. Path compression keeps the
 * displacements consistent.
 */
class DisplacementUnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  /** Displacement to the parent, d components per element. */
  readonly disp: Int32Array;
  readonly d: number;
  /** Displacement of the last find's argument to its root. */
  readonly dx: Int32Array;
  private readonly path: Int32Array;

  constructor(n: number, d: number) {
    this.parent = new Int32Array(n).fill(-1);
    this.size = new Int32Array(n);
    this.disp = new Int32Array(n * d);
    this.d = d;
    this.dx = new Int32Array(d);
    this.path = new Int32Array(n);
  }

  add(u: number): void {
    this.parent[u] = u;
    this.size[u] = 1;
  }

  find(u: number): number {
    const parent = this.parent;
    const disp = this.disp;
    const d = this.d;
    const path = this.path;
    let len = 0;
    let x = u;
    while (parent[x] !== x) {
      path[len++] = x;
      x = parent[x];
    }
    const root = x;
    // Compress from the node nearest the root outward: disp(node→root) = disp(node→parent) + disp(parent→root).
    for (let i = len - 2; i >= 0; i--) {
      const node = path[i];
      const p = parent[node];
      for (let j = 0; j < d; j++) disp[node * d + j] += disp[p * d + j];
      parent[node] = root;
    }
    if (len > 0) parent[path[len - 1]] = root;
    for (let j = 0; j < d; j++) this.dx[j] = len > 0 ? disp[u * d + j] : 0;
    return root;
  }
}

/** Shared state of one wrapping sweep. */
class WrappingKernel {
  readonly uf: DisplacementUnionFind;
  readonly coords: Int32Array;
  readonly L: number;
  readonly d: number;
  readonly firstWrap: Int32Array;
  wrapMass = 0;
  /** Axes wrapped so far: once all d are, later steps cannot change the result and the sweep stops. */
  wrappedAxes = 0;
  private readonly du: Int32Array;
  private readonly delta: Int32Array;

  constructor(geom: LatticeGeometry, n: number, steps: number) {
    this.d = latticeDimension(geom.lattice);
    this.L = geom.L;
    this.coords = cellCoordinates(geom);
    this.uf = new DisplacementUnionFind(n, this.d);
    this.firstWrap = new Int32Array(this.d).fill(steps + 1);
    this.du = new Int32Array(this.d);
    this.delta = new Int32Array(this.d);
  }

  /** Join present nodes u and v across one lattice edge at step k; record wrapping. */
  link(u: number, v: number, k: number): void {
    const { uf, coords, L, d, du, delta } = this;
    const half = L >> 1;
    for (let j = 0; j < d; j++) {
      let s = coords[v * d + j] - coords[u * d + j];
      if (s > half) s -= L;
      else if (s < -half) s += L;
      delta[j] = s;
    }
    const ru = uf.find(u);
    for (let j = 0; j < d; j++) du[j] = uf.dx[j];
    const rv = uf.find(v);
    const dv = uf.dx;
    if (ru === rv) {
      // A loop: its winding is du + δ − dv (a multiple of L per axis); non-zero along j ⇒ the cluster wraps along j.
      for (let j = 0; j < d; j++) {
        if (du[j] + delta[j] - dv[j] !== 0 && this.firstWrap[j] > k) {
          if (this.wrapMass === 0) this.wrapMass = uf.size[ru];
          this.firstWrap[j] = k;
          this.wrappedAxes++;
        }
      }
      return;
    }
    const size = uf.size;
    const disp = uf.disp;
    if (size[ru] >= size[rv]) {
      uf.parent[rv] = ru;
      size[ru] += size[rv];
      for (let j = 0; j < d; j++) disp[rv * d + j] = du[j] + delta[j] - dv[j];
    } else {
      uf.parent[ru] = rv;
      size[rv] += size[ru];
      for (let j = 0; j < d; j++) disp[ru * d + j] = dv[j] - delta[j] - du[j];
    }
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
 * @complexity O(n + m·α(n)·d) time (union–find with union by size and path compression carrying
 * d-dimensional displacements), O(n·d) memory; the sweep stops once every axis has wrapped (near q = p_c on a large
 * lattice), since later steps cannot change the result.
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
  const kern = new WrappingKernel(geom, n, n);
  const parent = kern.uf.parent;
  const off = g.offsets;
  const tgt = g.targets;
  for (let k = 1; k <= n; k++) {
    const u = ord[n - k];
    kern.uf.add(u);
    for (let p = off[u], end = off[u + 1]; p < end; p++) {
      const v = tgt[p];
      if (parent[v] !== -1) kern.link(u, v, k);
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
 * @complexity O(n + m·α(n)·d) time, O(n·d) memory.
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
  const kern = new WrappingKernel(geom, n, m);
  for (let u = 0; u < n; u++) kern.uf.add(u);
  const es = g.edgeSource;
  const et = g.edgeTarget;
  for (let k = 1; k <= m; k++) {
    const e = ord[m - k];
    kern.link(es[e], et[e], k);
    if (kern.wrappedAxes === kern.d) break; // every axis has wrapped: the rest cannot change the result
  }
  return kern.result('bond', n, m);
}
