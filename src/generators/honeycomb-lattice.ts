/**
 * The honeycomb (hexagonal) lattice in brick-wall form.
 *
 * @module
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import { EdgeBuffer } from './edge-buffer.ts';
import { checkLatticeSide, type LatticeOptions } from './lattice-common.ts';

/**
 * The honeycomb lattice with L × L unit cells of two sites each (brick-wall embedding). Site A of cell (x, y) has
 * id 2(y·L + x), site B has id 2(y·L + x) + 1.
 *
 * @param L - number of cells per side: an integer >= 2 with periodic boundaries (L = 1 would triple an edge), >= 1
 *   with open boundaries.
 * @param opts - `{ periodic = true }`.
 * @returns n = 2L² nodes; periodic: every degree is exactly 3 and m = 3L²; open: m = 3L² − 2L.
 *
 * @complexity O(L²).
 *
 * @model A(x, y) is joined to B(x, y), B(x−1, y) and B(x, y−1), coordinates mod L when periodic. Site percolation
 * threshold p_c ≈ 0.697043, bond p_c = 1 − 2 sin(π/18) ≈ 0.652704.
 *
 * @references M. F. Sykes, J. W. Essam, J. Math. Phys. 5, 1117 (1964), doi:10.1063/1.1704215.
 *
 * @example
 * ```ts
 * honeycombLattice(10).n; // 200
 * ```
 *
 * @category Lattices
 */
export function honeycombLattice(L: number, opts: LatticeOptions = {}): CompactGraph {
  const periodic = opts.periodic ?? true;
  checkLatticeSide('honeycomb', L, periodic, 2, 3, 2);
  const buf = new EdgeBuffer(3 * L * L);
  for (let y = 0; y < L; y++) {
    for (let x = 0; x < L; x++) {
      const a = 2 * (y * L + x);
      buf.push(a, a + 1);
      const xl = x > 0 ? x - 1 : periodic ? L - 1 : -1;
      const yu = y > 0 ? y - 1 : periodic ? L - 1 : -1;
      if (xl >= 0) buf.push(a, 2 * (y * L + xl) + 1);
      if (yu >= 0) buf.push(a, 2 * (yu * L + x) + 1);
    }
  }
  return buf.toGraph(2 * L * L);
}
