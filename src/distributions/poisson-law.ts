/**
 * The Poisson degree law (the degree law of an Erdős–Rényi graph in the sparse limit).
 *
 * @module
 */
import { checkNumber } from '../errors.ts';
import { logFactorial } from '../random/log-gamma.ts';
import type { DegreeLaw } from './types.ts';
import { DEGREE_TAIL_TOLERANCE, degreeLawFromPmf, formatSpecNumber, PmfBuffer } from './degree-law.ts';

/**
 * The largest mean accepted by {@link poissonLaw}.
 *
 * @category Degree laws
 */
export const MAX_POISSON_MEAN = 1e6;

/**
 * The Poisson law p_k = e^(−c) c^k / k!, truncated where the upper tail drops below 1e-12.
 *
 * The pmf is computed from its mode (log-gamma) outwards by the recurrences p_(k+1) = p_k·c/(k+1) and
 * p_(k−1) = p_k·k/c, so it neither overflows nor loses accuracy for large c; entries far below the mode underflow to 0.
 *
 * @param c - the mean degree, a number in [0, 1e6].
 * @returns the law, spec `poisson(c)`.
 * @throws FragilityInputError (`law.c`) for c outside [0, 1e6].
 *
 * @complexity O(c + √c) time and memory.
 *
 * @model p_k = e^(−c) c^k / k!, G0(x) = G1(x) = e^(c(x−1)) (up to the truncation error).
 *
 * @references P. Erdős, A. Rényi, "On the evolution of random graphs", Publ. Math. Inst. Hung. Acad. Sci. 5 (1960) 17;
 * Newman, Strogatz & Watts, Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * const law = poissonLaw(4);
 * law.mean; // 4 (to 1e-12)
 * ```
 *
 * @category Degree laws
 */
export function poissonLaw(c: number): DegreeLaw {
  checkNumber('law.c', c, 0, MAX_POISSON_MEAN);
  const spec = `poisson(${formatSpecNumber(c)})`;
  if (c === 0) return degreeLawFromPmf(spec, [1], 0);
  const mode = Math.floor(c);
  const buf = new PmfBuffer(Math.ceil(c + 12 * Math.sqrt(c) + 40));
  const pMode = Math.exp(mode * Math.log(c) - c - logFactorial(mode));
  buf.set(mode, pMode);
  let p = pMode;
  for (let k = mode; k > 0 && p > 0; k--) {
    p = (p * k) / c;
    buf.set(k - 1, p);
  }
  // Upward: stop at the first K whose tail bound p_(K+1)/(1 − c/(K+2)) is below the tolerance.
  let k = mode;
  p = pMode;
  for (;;) {
    const next = (p * c) / (k + 1);
    const r = c / (k + 2);
    if (r < 1 && next / (1 - r) < DEGREE_TAIL_TOLERANCE) break;
    k++;
    p = next;
    buf.set(k, p);
  }
  // The tail actually dropped: sum on until the terms vanish.
  let tail = 0;
  let q = p;
  for (let j = k + 1; ; j++) {
    q = (q * c) / j;
    tail += q;
    if (q < 1e-30 || q <= tail * 1e-17) break;
  }
  return degreeLawFromPmf(spec, buf.view(), tail);
}
