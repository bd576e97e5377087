/**
 * Shared argument checks for the lattice generators. Internal helper, not exported from the barrel.
 *
 * @module
 */
import { checkInteger, FragilityInputError } from '../errors.ts';
import { checkGraphMemory } from './check-count.ts';

/**
 * Options for the lattice generators.
 *
 * @category Lattices
 */
export interface LatticeOptions {
  /** Periodic (toroidal) boundaries (default true); false gives open boundaries. */
  periodic?: boolean;
}

/**
 * Check the side length L: an integer >= 1, and >= minPeriodic with periodic boundaries (a smaller periodic lattice
 * would wrap onto itself and create self-loops or parallel edges). Also bound the edge count.
 */
export function checkLatticeSide(
  name: string,
  L: number,
  periodic: boolean,
  minPeriodic: number,
  edgesPerCell: number,
  dim: number,
): void {
  if (periodic) {
    if (typeof L === 'number' && Number.isInteger(L) && L >= 1 && L < minPeriodic) {
      throw new FragilityInputError(
        'L',
        L,
        `an integer >= ${minPeriodic} for a periodic ${name} lattice`,
        `L < ${minPeriodic} would wrap onto itself and create self-loops or parallel edges; use open boundaries`,
      );
    }
    checkInteger('L', L, minPeriodic);
  } else checkInteger('L', L, 1);
  const cells = L ** dim;
  if (cells * edgesPerCell > 0x3fffffff) {
    throw new FragilityInputError(
      'L',
      L,
      `at most ${Math.floor((0x3fffffff / edgesPerCell) ** (1 / dim))} for a ${name} lattice`,
      'the graph would exceed 2^30 edges',
    );
  }
  checkGraphMemory('L', L, 2 * cells, cells * edgesPerCell, `a ${name} lattice with L = ${L}`);
}
