/**
 * The Monte Carlo graph spec that realises a degree law: exact Erdős–Rényi for poisson(K), random regular for
 * regular(K), else the erased configuration model.
 *
 * @module
 */
import type { DegreeLaw } from '../distributions/types.ts';

/**
 * The Monte Carlo graph spec for a degree law.
 *
 * @param law - the law.
 * @param n - nodes.
 * @returns `er:n=N,k=K` for poisson(K), `rr:n=N,k=K` for regular(K), else `cm:n=N,law=LAW`.
 *
 * @complexity O(1).
 * @model see src/generators (the erased configuration model loses O(1) edges to self-loops
 * and multi-edges for laws with a finite second moment).
 * @references src/generators/spec.ts.
 *
 * @example
 * ```ts
 * graphSpecForLaw(parseDegreeLaw('poisson(4)'), 1000); // 'er:n=1000,k=4'
 * ```
 *
 * @category Connectivity
 */
export function graphSpecForLaw(law: DegreeLaw, n: number): string {
  const po = /^poisson\(([^)]+)\)$/.exec(law.spec);
  if (po) return `er:n=${n},k=${po[1]}`;
  const rr = /^regular\((\d+)\)$/.exec(law.spec);
  if (rr) return `rr:n=${n},k=${rr[1]}`;
  return `cm:n=${n},law=${law.spec}`;
}
