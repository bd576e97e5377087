/**
 * The spectral radius of the non-backtracking (Hashimoto) matrix of a graph, by power iteration on the 2n×2n
 * Ihara–Bass matrix, and the message-passing percolation threshold p_c = 1/λ.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';

/**
 * Options of {@link nonBacktrackingSpectralRadius}.
 *
 * @category Message passing
 */
export interface NonBacktrackingOptions {
  /** Stop when ‖Mz − λz‖ <= tolerance·λ·‖z‖ (relative eigen-residual; default 1e-11). */
  tolerance?: number;
  /** Bound on the number of power-iteration steps (default 100 000). */
  maxIterations?: number;
  /**
   * Called at the start of every iteration with its number (1, 2, …) and the residual after the previous one
   * (Infinity before the first); for progress display only.
   */
  onIteration?: (iteration: number, residual: number) => void;
}

/**
 * Result of {@link nonBacktrackingSpectralRadius}.
 *
 * @category Message passing
 */
export interface NonBacktrackingResult {
  /** λ_max of the non-backtracking matrix B (0 for trees and forests, 1 when every 2-core component is a cycle). */
  lambda: number;
  /** The message-passing percolation threshold 1/λ (site and bond alike), or null when λ = 0. */
  pc: number | null;
  /** Why `pc` is null (trees and forests). */
  reason?: string;
  /** Number of nodes in the 2-core (the part of the graph the spectrum depends on). */
  coreNodes: number;
  /** Number of edges in the 2-core (self-loops excluded). */
  coreEdges: number;
  /** True when the eigen-residual met the tolerance (always true for the closed-form cases λ = 0 and λ = 1). */
  converged: boolean;
  /** Power-iteration steps performed (0 for the closed-form cases). */
  iterations: number;
  /** Final relative eigen-residual ‖Mz − λz‖ / (λ‖z‖) (0 for the closed-form cases). */
  residual: number;
}

/**
 * The reason attached to `pc: null` for trees and forests.
 *
 * @category Message passing
 */
export const NON_BACKTRACKING_NO_CYCLE_REASON = 'no cycle: the non-backtracking matrix is nilpotent (tree or forest)';

/**
 * Largest eigenvalue λ of the non-backtracking matrix B and the threshold p_c = 1/λ.
 *
 * @param g - the graph (n >= 1). Self-loops are ignored (as in {@link messagePassingPercolation}); parallel edges
 *   count with their multiplicity in A and D.
 * @param options - tolerance and iteration bound ({@link NonBacktrackingOptions})
 * @returns λ, p_c (null with a reason for trees and forests) and a convergence report
 * @throws FragilityInputError for n = 0 or bad options
 *
 * @complexity O(n + m) to peel the 2-core and build its CSR (core nodes numbered in breadth-first order for
 * cache locality), then O(n_core + m_core) per iteration with four Float64Arrays of length n_core. The number of
 * iterations is governed by the gap between λ + c and the next eigenvalue modulus of M + cI (see Model): 30–80 on
 * regular, random and real-world graphs (karate 83, Internet AS graph 72, 1e6-node Poisson CM 46), a few hundred
 * on small graphs with long periods; bounded by `maxIterations`.
 *
 * @model by the Ihara–Bass identity det(I − zB) = (1 − z²)^(m−n) det(I − zA + z²(D − I)), the eigenvalues of B
 * other than ±1 are those of M = [[A, I − D], [I, 0]] (2n×2n). The spectrum of B depends only on the 2-core (B is
 * nilpotent on dangling trees), so the 2-core is peeled first:
 * - empty 2-core (tree or forest): λ = 0, `pc: null` with {@link NON_BACKTRACKING_NO_CYCLE_REASON} — no division
 *   by zero;
 * - every 2-core node has core degree 2 (disjoint cycles): λ = 1, p_c = 1, exactly;
 * - otherwise some component is neither a tree nor a cycle and λ > 1: power iteration on M + cI. The Perron
 *   eigenvalue λ of B is real and |μ + c| < λ + c for every other eigenvalue μ (|μ| <= λ, c > 0), so the shift
 *   removes the periodicity that makes plain power iteration oscillate: −λ on bipartite graphs (even cycles with
 *   chords, lattices, hypercubes) and λ·e^(2πik/h) on period-h graphs. The shift is c = max((λ̂ − √λ̂)/2, λ̂/4),
 *   which balances the convergence ratio (√λ + c)/(λ + c) of a random-graph bulk against (λ − c)/(λ + c) of −λ;
 *   λ̂ starts as Σd(d−1)/Σd over the core (the configuration-model estimate of λ) and is replaced by the running
 *   estimate every 16 steps once the residual is below 0.1. Estimate: λ = ⟨z, Mz⟩/⟨z, z⟩ with the relative
 *   residual ‖Mz − λz‖/(λ‖z‖). Start vector: x = core degrees, y = 1 ([1; 1] itself is an eigenvector of M for
 *   the eigenvalue 1).
 * Percolation: p_c = 1/λ for bond and site percolation on the message-passing (locally tree-like) level.
 *
 * @references B. Karrer, M. E. J. Newman & L. Zdeborová, PRL 113, 208702 (2014), doi:10.1103/PhysRevLett.113.208702;
 * K. Hashimoto, Adv. Stud. Pure Math. 15, 211 (1989); H. Bass, Int. J. Math. 3, 717 (1992),
 * doi:10.1142/S0129167X92000357; F. Krzakala et al., PNAS 110, 20935 (2013), doi:10.1073/pnas.1312486110.
 *
 * @example
 * ```ts
 * const r = nonBacktrackingSpectralRadius(karate); // r.lambda ≈ 5.2927806445, r.pc ≈ 0.188937
 * ```
 *
 * @category Message passing
 */
export function nonBacktrackingSpectralRadius(
  g: CompactGraph,
  options: NonBacktrackingOptions = {},
): NonBacktrackingResult {
  const tolerance = checkNumber('tolerance', options.tolerance ?? 1e-11, 0, 1);
  const maxIterations = checkInteger('maxIterations', options.maxIterations ?? 100_000, 1);
  if (g.n === 0) throw new FragilityInputError('graph.n', 0, 'a graph with at least one node');
  const core = twoCore(g);
  if (core.nc === 0) {
    return {
      lambda: 0,
      pc: null,
      reason: NON_BACKTRACKING_NO_CYCLE_REASON,
      coreNodes: 0,
      coreEdges: 0,
      converged: true,
      iterations: 0,
      residual: 0,
    };
  }
  const coreEdges = core.sumD / 2;
  if (core.allTwo)
    return { lambda: 1, pc: 1, coreNodes: core.nc, coreEdges, converged: true, iterations: 0, residual: 0 };
  const { lambda, converged, iterations, residual } = shiftedPowerIteration(
    core,
    tolerance,
    maxIterations,
    options.onIteration,
  );
  return { lambda, pc: lambda > 0 ? 1 / lambda : null, coreNodes: core.nc, coreEdges, converged, iterations, residual };
}

/** The 2-core as a compact CSR, nodes numbered in breadth-first order, with the degree sums the shift needs. */
interface TwoCore {
  nc: number;
  coff: Int32Array;
  ctg: Int32Array;
  cdeg: Float64Array;
  /** Every core node has core degree 2 (disjoint cycles). */
  allTwo: boolean;
  sumD: number;
  sumDD: number;
}

/** Peel the 2-core (self-loops ignored); the surviving degree of each node and the removal flags. */
function peelTwoCore(g: CompactGraph): { deg: Int32Array; removed: Uint8Array } {
  const { n, offsets, targets } = g;
  const deg = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    let d = 0;
    for (let r = offsets[u]; r < offsets[u + 1]; r++) if (targets[r] !== u) d++;
    deg[u] = d;
  }
  const removed = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (let u = 0; u < n; u++) {
    if (deg[u] <= 1) {
      removed[u] = 1;
      stack[top++] = u;
    }
  }
  while (top > 0) {
    const u = stack[--top];
    for (let r = offsets[u]; r < offsets[u + 1]; r++) {
      const v = targets[r];
      if (v === u || removed[v]) continue;
      if (--deg[v] <= 1) {
        removed[v] = 1;
        stack[top++] = v;
      }
    }
  }
  return { deg, removed };
}

/**
 * The compact CSR of the 2-core. Core nodes are numbered in breadth-first order: neighbours get nearby indices,
 * which keeps the gather A·x in the power iteration cache-friendly on large sparse graphs.
 */
function twoCore(g: CompactGraph): TwoCore {
  const { n, offsets, targets } = g;
  const { deg, removed } = peelTwoCore(g);
  const idx = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let nc = 0;
  for (let s = 0; s < n; s++) {
    if (removed[s] || idx[s] >= 0) continue;
    let head = 0;
    let top = 0;
    queue[top++] = s;
    idx[s] = nc++;
    while (head < top) {
      const u = queue[head++];
      for (let r = offsets[u]; r < offsets[u + 1]; r++) {
        const v = targets[r];
        if (!removed[v] && idx[v] < 0) {
          idx[v] = nc++;
          queue[top++] = v;
        }
      }
    }
  }
  const order = new Int32Array(nc);
  for (let u = 0; u < n; u++) if (idx[u] >= 0) order[idx[u]] = u;
  const coff = new Int32Array(nc + 1);
  let allTwo = true;
  let sumD = 0;
  let sumDD = 0;
  for (let c = 0; c < nc; c++) {
    const d = deg[order[c]];
    coff[c + 1] = coff[c] + d;
    if (d !== 2) allTwo = false;
    sumD += d;
    sumDD += d * (d - 1);
  }
  const ctg = new Int32Array(coff[nc]);
  for (let c = 0, w = 0; c < nc; c++) {
    const u = order[c];
    for (let r = offsets[u]; r < offsets[u + 1]; r++) {
      const v = targets[r];
      if (v !== u && !removed[v]) ctg[w++] = idx[v];
    }
  }
  const cdeg = new Float64Array(nc);
  for (let c = 0; c < nc; c++) cdeg[c] = coff[c + 1] - coff[c];
  return { nc, coff, ctg, cdeg, allTwo, sumD, sumDD };
}

/**
 * Shifted power iteration on M + cI over the 2-core. Shift c: balances the bulk of the spectrum (radius ≈ √λ on
 * random graphs: ratio (√λ + c)/(λ + c)) against the periodic partners (−λ on bipartite graphs: ratio
 * (λ − c)/(λ + c)); c = (λ − √λ)/2 equalises them, at least λ/4.
 */
function shiftedPowerIteration(
  core: TwoCore,
  tolerance: number,
  maxIterations: number,
  onIteration?: (iteration: number, residual: number) => void,
): { lambda: number; converged: boolean; iterations: number; residual: number } {
  const { nc, coff, ctg, cdeg } = core;
  const shiftFor = (l: number): number => Math.max((l - Math.sqrt(l)) / 2, l / 4);
  let shift = shiftFor(Math.max(1, core.sumDD / core.sumD));
  // Start: x = core degree, y = 1 (not all ones: [1; 1] is an eigenvector of M for the eigenvalue 1).
  let x = Float64Array.from(cdeg);
  let y = new Float64Array(nc).fill(1);
  let mx = new Float64Array(nc);
  let my = new Float64Array(nc);
  let lambda = shift;
  let residual = Infinity;
  let converged = false;
  let iterations = 0;
  let norm2 = nc;
  for (let c = 0; c < nc; c++) norm2 += x[c] * x[c];
  while (iterations < maxIterations) {
    iterations++;
    onIteration?.(iterations, residual);
    // (Mz) = [A x + y − D y ; x]
    let zMz = 0;
    for (let c = 0; c < nc; c++) {
      let s = 0;
      for (let r = coff[c]; r < coff[c + 1]; r++) s += x[ctg[r]];
      const yc = y[c];
      const v = s + yc - cdeg[c] * yc;
      mx[c] = v;
      my[c] = x[c];
      zMz += x[c] * v + yc * x[c];
    }
    lambda = zMz / norm2;
    let res2 = 0;
    for (let c = 0; c < nc; c++) {
      const a = mx[c] - lambda * x[c];
      const b = my[c] - lambda * y[c];
      res2 += a * a + b * b;
    }
    residual = Math.sqrt(res2 / norm2) / Math.abs(lambda);
    if (residual <= tolerance) {
      converged = true;
      break;
    }
    // Re-centre the shift on the current estimate once it is roughly right (the eigenvectors do not change).
    if (iterations % 16 === 0 && residual < 0.1 && lambda > 1) shift = shiftFor(lambda);
    // z ← (Mz + c z) / ‖·‖
    let nn = 0;
    for (let c = 0; c < nc; c++) {
      const a = mx[c] + shift * x[c];
      const b = my[c] + shift * y[c];
      mx[c] = a;
      my[c] = b;
      nn += a * a + b * b;
    }
    const scale = 1 / Math.sqrt(nn);
    for (let c = 0; c < nc; c++) {
      mx[c] *= scale;
      my[c] *= scale;
    }
    norm2 = 1;
    let t = x;
    x = mx;
    mx = t;
    t = y;
    y = my;
    my = t;
  }
  return { lambda, converged, iterations, residual };
}
