/**
 * The uniform capacity (threshold) law.
 *
 * @module
 */
import { checkNumber, FragilityInputError } from '../errors.ts';
import type { Rng } from '../random/stream.ts';
import type { CapacityLaw } from './types.ts';
import { formatSpecNumber } from './degree-law.ts';

/**
 * Capacities uniform on [a, b].
 *
 * @param a - the lower end, a finite number >= 0.
 * @param b - the upper end, a finite number > a.
 * @returns the law, spec `uniform(a,b)`.
 * @throws FragilityInputError (`capacity.a` for a < 0, `capacity.b` for b <= a).
 *
 * @complexity O(1) per call.
 *
 * @model F(x) = (x − a)/(b − a) on [a, b]; mean (a + b)/2.
 *
 * @references the fiber-bundle model with uniform thresholds: S. Pradhan, A. Hansen, B. K. Chakrabarti,
 * "Failure processes in elastic fiber bundles", Rev. Mod. Phys. 82, 499 (2010), doi:10.1103/RevModPhys.82.499.
 *
 * @example
 * ```ts
 * uniformCapacity(0, 1).quantile(0.25); // 0.25
 * ```
 *
 * @category Capacity laws
 */
export function uniformCapacity(a: number, b: number): CapacityLaw {
  checkNumber('capacity.a', a, 0);
  checkNumber('capacity.b', b);
  if (!(b > a)) throw new FragilityInputError('capacity.b', b, `a finite number > a (${a})`);
  const w = b - a;
  return {
    spec: `uniform(${formatSpecNumber(a)},${formatSpecNumber(b)})`,
    lo: a,
    hi: b,
    mean: a + w / 2,
    cdf: (x) => (x <= a ? 0 : x >= b ? 1 : (x - a) / w),
    pdf: (x) => (x >= a && x <= b ? 1 / w : 0),
    quantile: (u) => (u <= 0 ? a : u >= 1 ? b : a + u * w),
    sample: (rng: Rng) => a + rng.next() * w,
  };
}
