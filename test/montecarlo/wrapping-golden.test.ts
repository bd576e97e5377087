// Golden values of the wrapping sweeps (issue 17: the kernel was rewritten for speed and must keep its results).
// Produced by the kernel before the rewrite (commit 2c0c7aa: parent/size/displacement arrays, full path
// compression); the rewrite (one word array, path halving) gives the same first wrapping steps and masses because
// they do not depend on the union–find's shape (src/montecarlo/sweep-wrapping.ts, WrappingKernel).
import { describe, expect, it } from 'vitest';
import { cubicLattice, honeycombLattice, squareLattice, triangularLattice } from '../../src/generators/index.ts';
import { randomEdgeOrder, randomOrder } from '../../src/montecarlo/random-order.ts';
import { type WrappingLattice, sweepBondWrapping, sweepSiteWrapping } from '../../src/montecarlo/sweep-wrapping.ts';
import { stream } from '../../src/random/index.ts';

const MAKE = { square: squareLattice, triangular: triangularLattice, honeycomb: honeycombLattice, cubic: cubicLattice };

/** [lattice, L, r, site firstWrap, site wrapMass, bond firstWrap, bond wrapMass]: site order stream(11, r), bond stream(12, r). */
const GOLDEN: [WrappingLattice, number, number, number[], number, number[], number][] = [
  ['square', 16, 0, [161, 131], 79, [260, 224], 72],
  ['square', 16, 1, [156, 143], 110, [270, 270], 168],
  ['triangular', 8, 0, [32, 29], 28, [64, 62], 42],
  ['triangular', 8, 1, [32, 32], 30, [69, 69], 48],
  ['honeycomb', 8, 0, [84, 84], 73, [132, 120], 77],
  ['honeycomb', 8, 1, [91, 93], 86, [137, 125], 92],
  ['cubic', 5, 0, [40, 45, 40], 23, [95, 105, 95], 39],
  ['cubic', 5, 1, [48, 56, 46], 42, [105, 100, 100], 80],
];

describe('wrapping sweeps: golden first wrapping steps and masses', () => {
  it.each(GOLDEN)('%s L = %i, replicate %i', (lattice, L, r, siteWrap, siteMass, bondWrap, bondMass) => {
    const g = MAKE[lattice](L);
    const s = sweepSiteWrapping(g, randomOrder(g.n, stream(11, r)), { lattice, L });
    const b = sweepBondWrapping(g, randomEdgeOrder(g.m, stream(12, r)), { lattice, L });
    expect([Array.from(s.firstWrap), s.wrapMass]).toEqual([siteWrap, siteMass]);
    expect([Array.from(b.firstWrap), b.wrapMass]).toEqual([bondWrap, bondMass]);
  });
});
