/**
 * Validation of a degree law before an analytic solve: non-negative, finite, normalised probabilities.
 * Internal to the analytic layer (not re-exported by the barrel).
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { DegreeLaw } from '../distributions/types.ts';

/** Moments recomputed from the dense pk array (so that every solve is self-consistent). */
export interface LawMoments {
  /** Σ p_k (1 within 1e-9 for a valid law). */
  total: number;
  /** <k> = Σ k p_k. */
  mean: number;
  /** <k²> = Σ k² p_k. */
  secondMoment: number;
  /** Largest index with p_k > 0 (0 for the all-isolated law). */
  kmaxEffective: number;
}

/** Tolerance on |Σ p_k − 1| accepted as normalised. */
export const NORMALISATION_TOLERANCE = 1e-9;

/**
 * Check a degree law's pk array and recompute its moments.
 *
 * @param law - the law to check
 * @param field - the field name to report in a {@link FragilityInputError} (default `"law"`)
 * @returns Σ p_k, <k>, <k²> and the effective maximum degree
 * @throws FragilityInputError when pk is empty, has a negative or non-finite entry, or does not sum to 1
 *
 * @complexity O(kmax), one pass (O(1) for a law object already checked, via a WeakMap).
 *
 * @model p_k ≥ 0, Σ_k p_k = 1 (within {@link NORMALISATION_TOLERANCE}).
 *
 * @references none (input validation).
 *
 * @example
 * ```ts
 * const m = checkDegreeLawMoments(poissonLaw(4)); // m.mean ≈ 4
 * ```
 */
export function checkDegreeLawMoments(law: DegreeLaw, field = 'law'): LawMoments {
  const pk = law?.pk;
  if (law && typeof law === 'object') {
    const hit = validated.get(law);
    if (hit && hit.pk === pk) return hit.moments;
  }
  const moments = computeMoments(law, pk, field);
  validated.set(law, { pk, moments });
  return moments;
}

/**
 * Laws already checked, keyed by object. A DegreeLaw is immutable by contract (readonly pk), so a law whose `pk`
 * reference is unchanged need not be re-validated: repeated solves on one law skip the O(kmax) validation pass.
 */
const validated = new WeakMap<DegreeLaw, { pk: Float64Array; moments: LawMoments }>();

function computeMoments(law: DegreeLaw, pk: Float64Array, field: string): LawMoments {
  if (!pk || typeof pk.length !== 'number' || pk.length === 0) {
    throw new FragilityInputError(field, law?.spec ?? law, 'a degree law with a non-empty pk array');
  }
  let total = 0;
  let mean = 0;
  let second = 0;
  let kmaxEffective = 0;
  for (let k = 0; k < pk.length; k++) {
    const p = pk[k];
    if (!(p >= 0) || p === Infinity) {
      throw new FragilityInputError(`${field}.pk[${k}]`, p, 'a finite probability >= 0');
    }
    if (p > 0) kmaxEffective = k;
    total += p;
    mean += k * p;
    second += k * k * p;
  }
  if (Math.abs(total - 1) > NORMALISATION_TOLERANCE) {
    throw new FragilityInputError(`${field}`, law.spec ?? 'pk', 'a law whose p_k sum to 1', `they sum to ${total}`);
  }
  return { total, mean, secondMoment: second, kmaxEffective };
}
