/**
 * The square lattice (L × L).
 *
 * @module
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import { EdgeBuffer } from './edge-buffer.ts';
import { checkLatticeSide, type LatticeOptions } from './lattice-common.ts';

/**
 * The L × L square lattice. Node (x, y) has id y·L + x.
 *
 * @param L - side length: an integer >= 3 with periodic boundaries (smaller would create parallel edges or loops),
 *   >= 1 with open boundaries.
 * @param opts - `{ periodic = true }`.
 * @returns n = L² nodes; periodic: every degree is exactly 4 and m = 2L²; open: m = 2L(L−1).
 *
 * @complexity O(L²).
 *
 * @model edges (x, y)–(x+1, y) and (x, y)–(x, y+1), coordinates mod L when periodic. Site percolation threshold
 * p_c ≈ 0.592746, bond p_c = 1/2.
 *
 * @references D. Stauffer, A. Aharony, *Introduction to Percolation Theory*, 2nd ed., Taylor & Francis 1994.
 * M. E. J. Newman, R. M. Ziff, Phys. Rev. Lett. 85, 4104 (2000), doi:10.1103/PhysRevLett.85.4104.
 *
 * @example
 * ```ts
 * squareLattice(10).m; // 200
 * squareLattice(10, { periodic: false }).m; // 180
 * ```
 *
 * @category Lattices
 */
export function squareLattice(L: number, opts: LatticeOptions = {}): CompactGraph {
  const periodic = opts.periodic ?? true;
  checkLatticeSide('square', L, periodic, 3, 2, 2);
  const buf = new EdgeBuffer(2 * L * L);
  for (let y = 0; y < L; y++) {
    for (let x = 0; x < L; x++) {
      const u = y * L + x;
      if (x + 1 < L) buf.push(u, u + 1);
      else if (periodic) buf.push(u, y * L);
      if (y + 1 < L) buf.push(u, u + L);
      else if (periodic) buf.push(u, x);
    }
  }
  return buf.toGraph(L * L);
}
