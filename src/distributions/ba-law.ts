/**
 * The Barabási–Albert degree law (the stationary degree law of linear preferential attachment).
 *
 * @module
 */
import { checkInteger, FragilityInputError } from '../errors.ts';
import type { DegreeLaw } from './types.ts';
import { DEGREE_TAIL_TOLERANCE, degreeLawFromPmf, MAX_DEGREE_SUPPORT } from './degree-law.ts';

/**
 * Options of {@link barabasiAlbertLaw}.
 *
 * @category Degree laws
 */
export interface BarabasiAlbertLawOptions {
  /** Hard cutoff: the largest degree (default: where the tail drops below 1e-12, at most 1e7). */
  kmax?: number;
}

/**
 * The law p_k = 2m(m+1) / [k(k+1)(k+2)] for k >= m.
 *
 * The tail beyond K is exactly m(m+1)/[(K+1)(K+2)], so the truncation point is the smallest K making it < 1e-12
 * (K ≈ m·1e6), capped at 1e7 (m >= 10 hits the cap: the tail left, about m²·1e-14, is reported).
 *
 * @param m - edges added per new node, an integer in [1, 1e7].
 * @param options - optional hard cutoff `kmax` (>= m).
 * @returns the law, spec `ba(m)` or `ba(m,kmax=K)`.
 * @throws FragilityInputError (`law.m`, `law.kmax`).
 *
 * @complexity O(K).
 *
 * @model p_k = 2m(m+1)/[k(k+1)(k+2)], k >= m; ⟨k⟩ = 2m (before truncation); p_k ~ k^(−3).
 *
 * @references A.-L. Barabási, R. Albert, Science 286, 509 (1999), doi:10.1126/science.286.5439.509;
 * P. L. Krapivsky, S. Redner, F. Leyvraz, Phys. Rev. Lett. 85, 4629 (2000), doi:10.1103/PhysRevLett.85.4629;
 * S. N. Dorogovtsev, J. F. F. Mendes, A. N. Samukhin, Phys. Rev. Lett. 85, 4633 (2000).
 *
 * @example
 * ```ts
 * barabasiAlbertLaw(2).pmf(2); // 0.5 (= 2·2·3/(2·3·4))
 * ```
 *
 * @category Degree laws
 */
export function barabasiAlbertLaw(m: number, options: BarabasiAlbertLawOptions = {}): DegreeLaw {
  checkInteger('law.m', m, 1, MAX_DEGREE_SUPPORT);
  let kmax = options.kmax;
  let error = 0;
  let spec = `ba(${m})`;
  if (kmax !== undefined) {
    checkInteger('law.kmax', kmax, 0, MAX_DEGREE_SUPPORT);
    if (kmax < m) throw new FragilityInputError('law.kmax', kmax, `an integer >= m (${m})`);
    spec = `ba(${m},kmax=${kmax})`;
  } else {
    const mm = m * (m + 1);
    const tailAfter = (K: number): number => mm / ((K + 1) * (K + 2));
    let K = Math.max(m, Math.floor(Math.sqrt(mm / DEGREE_TAIL_TOLERANCE)) - 3);
    while (tailAfter(K) >= DEGREE_TAIL_TOLERANCE && K < MAX_DEGREE_SUPPORT) K++;
    while (K > m && tailAfter(K - 1) < DEGREE_TAIL_TOLERANCE) K--;
    kmax = Math.min(K, MAX_DEGREE_SUPPORT);
    error = tailAfter(kmax);
  }
  const pk = new Float64Array(kmax + 1);
  const c = 2 * m * (m + 1);
  for (let k = m; k <= kmax; k++) pk[k] = c / (k * (k + 1) * (k + 2));
  return degreeLawFromPmf(spec, pk, error);
}
