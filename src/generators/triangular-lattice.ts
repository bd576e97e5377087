/**
 * The triangular lattice (L × L rhombus).
 *
 * @module
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import { EdgeBuffer } from './edge-buffer.ts';
import { checkLatticeSide, type LatticeOptions } from './lattice-common.ts';

/**
 * The L × L triangular lattice: the square lattice plus one diagonal per plaquette. Node (x, y) has id y·L + x.
 *
 * @param L - side length: an integer >= 3 with periodic boundaries, >= 1 with open boundaries.
 * @param opts - `{ periodic = true }`.
 * @returns n = L² nodes; periodic: every degree is exactly 6 and m = 3L²; open: m = 3L² − 4L + 1.
 *
 * @complexity O(L²).
 *
 * @model edges (x, y)–(x+1, y), (x, y)–(x, y+1) and (x, y)–(x+1, y+1), coordinates mod L when periodic. Site
 * percolation threshold p_c = 1/2, bond p_c = 2 sin(π/18) ≈ 0.347296.
 *
 * @references M. F. Sykes, J. W. Essam, J. Math. Phys. 5, 1117 (1964), doi:10.1063/1.1704215.
 *
 * @example
 * ```ts
 * triangularLattice(10).maxDegree; // 6
 * ```
 *
 * @category Lattices
 */
export function triangularLattice(L: number, opts: LatticeOptions = {}): CompactGraph {
  const periodic = opts.periodic ?? true;
  checkLatticeSide('triangular', L, periodic, 3, 3, 2);
  const buf = new EdgeBuffer(3 * L * L);
  for (let y = 0; y < L; y++) {
    for (let x = 0; x < L; x++) {
      const u = y * L + x;
      const xr = x + 1 < L ? x + 1 : periodic ? 0 : -1;
      const yd = y + 1 < L ? y + 1 : periodic ? 0 : -1;
      if (xr >= 0) buf.push(u, y * L + xr);
      if (yd >= 0) buf.push(u, yd * L + x);
      if (xr >= 0 && yd >= 0) buf.push(u, yd * L + xr);
    }
  }
  return buf.toGraph(L * L);
}
