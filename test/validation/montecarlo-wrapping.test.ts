// Issue 15 acceptance: square-lattice site p_c from the wrapping probability at L = 256 within 1e-3 of 0.592746.
import { describe, expect, it } from 'vitest';
import { squareLattice } from '../../src/generators/index.ts';
import { randomOrder } from '../../src/montecarlo/random-order.ts';
import { sweepSiteWrapping } from '../../src/montecarlo/sweep-wrapping.ts';
import {
  packWrappingSweeps,
  universalWrappingProbability,
  wrappingThreshold,
} from '../../src/montecarlo/wrapping-threshold.ts';
import { stream } from '../../src/random/index.ts';

describe('validation: lattice thresholds from the wrapping probability (Newman & Ziff 2001)', () => {
  it('L1: square-lattice site p_c from wrapping at L = 256 within 1e-3 of 0.592746', () => {
    // Reference: p_c = 0.59274621(13), Newman & Ziff, PRL 85, 4104 (2000) (docs/reference/literature-values.md, L1).
    // Estimator: R_axis(q) = R_c = 0.52105829, the universal value on the square torus (Pinson 1994; Newman & Ziff,
    // PRE 64, 016706 (2001)), whose finite-size bias at L = 256 is far below 1e-4 (O(L^(−2−1/ν))).
    // Tolerance 1e-3 (issue 15). Statistics: the delta-method se at R = 600 runs is ≈ 2.7e-4 (measured: 4.7e-4 at
    // 200 runs, se ∝ 1/√R), so 1e-3 is ≈ 3.7 se; the test also checks that the interval covers the reference.
    const L = 256;
    const g = squareLattice(L);
    const R = 600;
    const sweeps = [];
    for (let r = 0; r < R; r++)
      sweeps.push(sweepSiteWrapping(g, randomOrder(g.n, stream(2026, r)), { lattice: 'square', L }));
    const w = wrappingThreshold(packWrappingSweeps(sweeps), universalWrappingProbability('square')!, {
      targetSource: 'universal, square torus',
    });
    expect(w.q_c).not.toBeNull();
    expect(Math.abs(w.q_c! - 0.59274621)).toBeLessThan(1e-3);
    expect(w.se).toBeLessThan(3.3e-4);
    expect(w.ci[0] - 1e-4).toBeLessThan(0.59274621);
    expect(w.ci[1] + 1e-4).toBeGreaterThan(0.59274621);
    expect(w.method).toMatch(/wrapping probability/);
    // Timeout: measured 120 s, and over 240 s (timed out) in another run, on the shared 2-core machine (load ~20).
    // Since the sweeps stop once both axes have wrapped (issue 17), the file takes 12.8 s CPU (21.3 s before;
    // /usr/bin/time user of `npx vitest run` on this file, load ~9).
  }, 900_000);
});
