/**
 * Test helpers: Pearson's chi-square statistic against an expected pmf, with small-expectation bins pooled, and the
 * critical value at a given significance by the Wilson–Hilferty approximation (accurate to about 1 % for df >= 3).
 */

/** Standard normal quantiles for the significances the tests use. */
const Z: Record<string, number> = { '0.001': 3.090232, '0.0001': 3.719016, '0.00001': 4.264891 };

/** The upper-alpha critical value of chi-square with df degrees of freedom (Wilson–Hilferty). */
export function chiSquareCritical(df: number, alpha: 0.001 | 0.0001 | 0.00001): number {
  const z = Z[String(alpha)];
  const h = 2 / (9 * df);
  return df * Math.pow(1 - h + z * Math.sqrt(h), 3);
}

/**
 * Pearson's statistic of observed counts against expected probabilities over the same cells, pooling consecutive cells
 * until each pooled expectation is >= minExpected; the pooled cells' mass must cover the whole law (any remainder
 * 1 − Σ probs is added to the last pooled cell).
 */
export function chiSquare(
  observed: ArrayLike<number>,
  probs: ArrayLike<number>,
  total: number,
  minExpected = 5,
): { stat: number; df: number } {
  const pooledO: number[] = [];
  const pooledE: number[] = [];
  let o = 0;
  let e = 0;
  let massSeen = 0;
  for (let i = 0; i < probs.length; i++) {
    o += observed[i] ?? 0;
    e += probs[i] * total;
    massSeen += probs[i];
    if (e >= minExpected) {
      pooledO.push(o);
      pooledE.push(e);
      o = 0;
      e = 0;
    }
  }
  e += Math.max(0, 1 - massSeen) * total;
  if (pooledE.length === 0) {
    pooledO.push(o);
    pooledE.push(e);
  } else {
    pooledO[pooledO.length - 1] += o;
    pooledE[pooledE.length - 1] += e;
  }
  let stat = 0;
  for (let i = 0; i < pooledE.length; i++) stat += (pooledO[i] - pooledE[i]) ** 2 / pooledE[i];
  return { stat, df: pooledE.length - 1 };
}
