/**
 * The spectral radius of a multi-type branching process's mean-offspring matrix: the process is supercritical (a
 * giant cluster exists in the corresponding tree-like network) iff the radius exceeds 1.
 *
 * @module
 */
import { mathjs } from '../mathjs-lazy.ts';
import { FragilityInputError } from '../errors.ts';

/**
 * Result of {@link multiTypeSpectralRadius}.
 *
 * @category Branching processes
 */
export interface SpectralRadiusResult {
  /** ρ(M) = max |λ| over the eigenvalues of M. */
  spectralRadius: number;
  /** How it was computed: mathjs `eigs`, or shifted power iteration when `eigs` failed. */
  method: 'eigs' | 'power-iteration';
  /** False only when the power-iteration fallback ran out of iterations. */
  converged: boolean;
}

/**
 * Largest dimension accepted (dense O(K³) eigen-decomposition).
 *
 * @category Branching processes
 */
export const MAX_BRANCHING_TYPES = 500;

/**
 * Spectral radius of a (small, dense, non-negative) mean-offspring matrix M, M[i][j] = expected number of type-j
 * children of a type-i individual.
 *
 * @param M - a K×K array of finite non-negative numbers (K <= {@link MAX_BRANCHING_TYPES})
 * @returns ρ(M) and the method used
 * @throws FragilityInputError (field `matrix`) for a non-square, empty, negative or non-finite matrix
 *
 * @complexity O(K³) (mathjs `eigs`); the fallback power iteration is O(K² · iterations), at most 10 000.
 *
 * @model for a non-negative M the Perron root ρ(M) is a real eigenvalue; the multi-type Galton–Watson process
 * survives with positive probability iff ρ(M) > 1 (positively regular case). The fallback iterates
 * v ← (M + I)v / ‖(M + I)v‖ (the shift makes periodic matrices aperiodic) and returns ‖(M + I)v‖ − 1.
 *
 * @references T. E. Harris, *The Theory of Branching Processes*, Springer (1963), ch. II; K. B. Athreya,
 * P. E. Ney, *Branching Processes*, Springer (1972), ch. V.
 *
 * @example
 * ```ts
 * multiTypeSpectralRadius([[3, 2], [0, 0]]).spectralRadius; // 3
 * ```
 *
 * @category Branching processes
 */
export function multiTypeSpectralRadius(M: ReadonlyArray<ReadonlyArray<number>>): SpectralRadiusResult {
  if (!Array.isArray(M) || M.length === 0 || M.length > MAX_BRANCHING_TYPES) {
    throw new FragilityInputError('matrix', M, `a non-empty square array of at most ${MAX_BRANCHING_TYPES} rows`);
  }
  const K = M.length;
  for (let i = 0; i < K; i++) {
    const row = M[i];
    if (!Array.isArray(row) || row.length !== K)
      throw new FragilityInputError(`matrix[${i}]`, row, `a row of ${K} numbers`);
    for (let j = 0; j < K; j++) {
      const x = row[j];
      if (!(x >= 0) || !Number.isFinite(x))
        throw new FragilityInputError(`matrix[${i}][${j}]`, x, 'a finite number >= 0');
    }
  }
  if (K === 1) return { spectralRadius: M[0][0], method: 'eigs', converged: true };
  try {
    const { eigs, matrix } = mathjs();
    const res = eigs(matrix(M.map((r) => [...r])), { eigenvectors: false }) as unknown as {
      values: { toArray(): unknown[] } | unknown[];
    };
    const vals = Array.isArray(res.values) ? res.values : res.values.toArray();
    let rho = 0;
    for (const v of vals) {
      const a = typeof v === 'number' ? Math.abs(v) : Math.hypot((v as { re: number }).re, (v as { im: number }).im);
      if (a > rho) rho = a;
    }
    if (Number.isFinite(rho)) return { spectralRadius: rho, method: 'eigs', converged: true };
  } catch {
    // fall through to power iteration
  }
  return powerIterationRadius(M);
}

function powerIterationRadius(M: ReadonlyArray<ReadonlyArray<number>>): SpectralRadiusResult {
  const K = M.length;
  let v = new Float64Array(K).fill(1 / K);
  let w = new Float64Array(K);
  let norm = 0;
  for (let it = 0; it < 10_000; it++) {
    let s = 0;
    for (let i = 0; i < K; i++) {
      let acc = v[i];
      for (let j = 0; j < K; j++) acc += M[i][j] * v[j];
      w[i] = acc;
      s += Math.abs(acc);
    }
    // v has unit 1-norm and is non-negative, so ‖(M+I)v‖₁ → ρ + 1.
    for (let i = 0; i < K; i++) w[i] /= s;
    const prev = norm;
    norm = s;
    [v, w] = [w, v];
    if (it > 2 && Math.abs(norm - prev) <= 1e-13 * norm)
      return { spectralRadius: norm - 1, method: 'power-iteration', converged: true };
  }
  return { spectralRadius: norm - 1, method: 'power-iteration', converged: false };
}
