/**
 * The simple cubic lattice (L × L × L).
 *
 * @module
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import { EdgeBuffer } from './edge-buffer.ts';
import { checkLatticeSide, type LatticeOptions } from './lattice-common.ts';

/**
 * The L × L × L simple cubic lattice. Node (x, y, z) has id (z·L + y)·L + x.
 *
 * @param L - side length: an integer >= 3 with periodic boundaries, >= 1 with open boundaries.
 * @param opts - `{ periodic = true }`.
 * @returns n = L³ nodes; periodic: every degree is exactly 6 and m = 3L³; open: m = 3L²(L−1).
 *
 * @complexity O(L³).
 *
 * @model edges to (x+1, y, z), (x, y+1, z), (x, y, z+1), coordinates mod L when periodic. Site percolation
 * threshold p_c ≈ 0.311608, bond p_c ≈ 0.248812.
 *
 * @references J. Wang, Z. Zhou, W. Zhang, T. M. Garoni, Y. Deng, Phys. Rev. E 87, 052107 (2013),
 * doi:10.1103/PhysRevE.87.052107.
 *
 * @example
 * ```ts
 * cubicLattice(4).m; // 192
 * ```
 *
 * @category Lattices
 */
export function cubicLattice(L: number, opts: LatticeOptions = {}): CompactGraph {
  const periodic = opts.periodic ?? true;
  checkLatticeSide('cubic', L, periodic, 3, 3, 3);
  const buf = new EdgeBuffer(3 * L * L * L);
  const L2 = L * L;
  for (let z = 0; z < L; z++) {
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) {
        const u = z * L2 + y * L + x;
        if (x + 1 < L) buf.push(u, u + 1);
        else if (periodic) buf.push(u, u - x);
        if (y + 1 < L) buf.push(u, u + L);
        else if (periodic) buf.push(u, u - y * L);
        if (z + 1 < L) buf.push(u, u + L2);
        else if (periodic) buf.push(u, u - z * L2);
      }
    }
  }
  return buf.toGraph(L2 * L);
}
