/**
 * Step 5 of the overload model, shared by its fluid limit (src/analytic/overload-fluid/) and its simulation
 * (src/cascade/overload/): the attempts due at one time step, level by level, reach an up supernode with probability
 * pR, else the mega-supernode pool with pM / (1 − pR), else fail at once. The two models differ only in how a count
 * is split by a probability — its expectation in the fluid limit, a binomial draw in the simulation — so they route
 * the same way by construction.
 *
 * @module
 */

/** The per-level state a routing step reads and writes (both models' client cohorts have these fields). */
export interface RoutingLevels {
  /** Retry levels (attempt counts). */
  levels: number;
  /** Length of the ring of future time steps. */
  Ls: number;
  /** Attempts due, ring indexed level·Ls + (step mod Ls); the step's slots are emptied. */
  searchRing: Float64Array;
  /** Out: per level, attempts that reached an up supernode, the mega pool, and that failed at once. */
  rN: Float64Array;
  mN: Float64Array;
  fN: Float64Array;
}

/**
 * Route the attempts due at step k (see the module notes).
 *
 * @param c - the levels ({@link RoutingLevels}); `rN`, `mN`, `fN` are overwritten for every level.
 * @param k - the time step.
 * @param pR - probability that an attempt reaches an up supernode.
 * @param pM - probability that it reaches the mega pool (of all attempts).
 * @param split - the part of a count `a` that a probability `p` selects: `a·p` (fluid) or a binomial draw (simulation).
 * @returns the attempts A, the supernode requests R and the mega requests MR of the step.
 *
 * @complexity O(levels).
 * @model r = split(a, pR), m = split(a − r, min(1, pM / (1 − pR))) when pR < 1, else 0; f = a − r − m.
 * @references docs/reference/skype-calibration.md (the client's search and retry path).
 *
 * @example
 * ```ts
 * const c = { levels: 1, Ls: 2, searchRing: Float64Array.of(10, 0), rN: new Float64Array(1), mN: new Float64Array(1), fN: new Float64Array(1) };
 * routeAttemptLevels(c, 0, 0.5, 0.25, (a, p) => a * p); // { A: 10, R: 5, MR: 2.5 }
 * ```
 */
export function routeAttemptLevels(
  c: RoutingLevels,
  k: number,
  pR: number,
  pM: number,
  split: (a: number, p: number) => number,
): { A: number; R: number; MR: number } {
  const { levels, Ls, searchRing, rN, mN, fN } = c;
  const sl = k % Ls;
  let R = 0;
  let MR = 0;
  let A = 0;
  for (let n = 0; n < levels; n++) {
    const a = searchRing[n * Ls + sl];
    A += a;
    if (a === 0) {
      rN[n] = 0;
      mN[n] = 0;
      fN[n] = 0;
      continue;
    }
    searchRing[n * Ls + sl] = 0;
    const r = split(a, pR);
    const m = pR < 1 ? split(a - r, Math.min(1, pM / (1 - pR))) : 0;
    rN[n] = r;
    mN[n] = m;
    fN[n] = a - r - m;
    R += r;
    MR += m;
  }
  return { A, R, MR };
}
