/**
 * Exact Poisson variates.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import { logFactorial } from './log-gamma.ts';
import type { Rng } from './stream.ts';

/**
 * One draw from Poisson(λ).
 *
 * Exact: Knuth's multiplication method for λ < 10, Hörmann's PTRS transformed rejection with squeeze for λ >= 10.
 *
 * @param rng - the random stream.
 * @param lambda - the mean λ, a finite number in [0, 1e15].
 * @returns an integer >= 0.
 * @throws FragilityInputError (`lambda`).
 *
 * @complexity O(1 + λ) for λ < 10, O(1) expected for PTRS.
 *
 * @model P(X = k) = e^(−λ) λ^k / k!.
 *
 * @references W. Hörmann, "The transformed rejection method for generating Poisson random variables", Insurance:
 * Mathematics and Economics 12 (1993) 39, doi:10.1016/0167-6687(93)90997-4; D. E. Knuth, *TAOCP* vol. 2, §3.4.1.
 *
 * @example
 * ```ts
 * const k = poisson(stream(1), 4);
 * ```
 *
 * @category Samplers
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda >= 0 && lambda <= 1e15)) throw new FragilityInputError('lambda', lambda, 'a finite number in [0, 1e15]');
  if (lambda === 0) return 0;
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    let prod = rng.nextOpen();
    let k = 0;
    while (prod > limit) {
      prod *= rng.nextOpen();
      k++;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (v === 0) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k))
      return k;
  }
}
