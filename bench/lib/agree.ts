/**
 * Pure agreement checks between fragility's results and a peer's on the same input.
 *
 * @module
 */

/** Outcome of one agreement check. */
export interface Agreement {
  ok: boolean;
  /** What was compared, or where it first differed. */
  detail: string;
}

/**
 * Exact equality of two integer sequences (e.g. largest-cluster sizes after each addition).
 *
 * @param ours - fragility's sequence.
 * @param theirs - the peer's sequence.
 * @param label - what the sequence is (for the message).
 * @returns ok, or the first differing index.
 */
export function compareSequences(ours: ArrayLike<number>, theirs: ArrayLike<number>, label = 'sequence'): Agreement {
  if (ours.length !== theirs.length)
    return { ok: false, detail: `${label}: length ${ours.length} vs ${theirs.length}` };
  for (let i = 0; i < ours.length; i++) {
    if (ours[i] !== theirs[i])
      return { ok: false, detail: `${label}: first difference at index ${i}: ${ours[i]} vs ${theirs[i]}` };
  }
  return { ok: true, detail: `${label}: ${ours.length} values identical` };
}

/**
 * Element-wise agreement within a relative tolerance: |a − b| <= rel · max(|a|, |b|, 1) (the floor 1 keeps exact
 * zeros and tiny values from failing on rounding noise of order 1e-12 absolute).
 *
 * @param ours - fragility's values.
 * @param theirs - the peer's values.
 * @param rel - relative tolerance (default 1e-9).
 * @param label - what is compared.
 * @returns ok, or the worst element.
 */
export function compareRelative(
  ours: ArrayLike<number>,
  theirs: ArrayLike<number>,
  rel = 1e-9,
  label = 'values',
): Agreement {
  if (ours.length !== theirs.length)
    return { ok: false, detail: `${label}: length ${ours.length} vs ${theirs.length}` };
  let worst = 0;
  let at = -1;
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i];
    const b = theirs[i];
    if (!Number.isFinite(a) || !Number.isFinite(b))
      return { ok: false, detail: `${label}: non-finite value at ${i}: ${a} vs ${b}` };
    const err = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1);
    if (err > worst) {
      worst = err;
      at = i;
    }
  }
  if (worst > rel)
    return {
      ok: false,
      detail: `${label}: relative difference ${worst.toExponential(2)} > ${rel} at index ${at}: ${ours[at]} vs ${theirs[at]}`,
    };
  return { ok: true, detail: `${label}: ${ours.length} values within ${rel} (max ${worst.toExponential(1)})` };
}

/**
 * Exact equality of named scalar fields (generator sizes, cascade outcomes).
 *
 * @param ours - fragility's fields.
 * @param theirs - the peer's fields.
 * @param keys - the fields to compare.
 * @returns ok, or the differing fields.
 */
export function compareFields(
  ours: Record<string, unknown>,
  theirs: Record<string, unknown>,
  keys: string[],
): Agreement {
  const bad = keys.filter((k) => ours[k] !== theirs[k]).map((k) => `${k} ${String(ours[k])} vs ${String(theirs[k])}`);
  if (bad.length > 0) return { ok: false, detail: bad.join(', ') };
  return { ok: true, detail: keys.map((k) => `${k} = ${String(ours[k])}`).join(', ') };
}

/**
 * Whether an edge count is plausible for G(n, p): within `z` binomial standard deviations of n(n−1)p/2.
 *
 * @param n - nodes.
 * @param p - edge probability.
 * @param m - the observed number of edges.
 * @param z - the allowed number of standard deviations (default 6: a false alarm has probability < 1e-8).
 * @returns ok, or the z-score.
 */
export function checkGnpEdgeCount(n: number, p: number, m: number, z = 6): Agreement {
  const pairs = (n * (n - 1)) / 2;
  const mean = pairs * p;
  const sd = Math.sqrt(pairs * p * (1 - p));
  const score = sd > 0 ? (m - mean) / sd : m === mean ? 0 : Infinity;
  const ok = Math.abs(score) <= z;
  return { ok, detail: `m = ${m}, expected ${mean.toFixed(0)} ± ${sd.toFixed(0)} (z = ${score.toFixed(2)})` };
}

/**
 * Combine several checks: ok when all are.
 *
 * @param checks - the individual outcomes.
 * @returns the conjunction with the details joined.
 */
export function allAgree(checks: Agreement[]): Agreement {
  return { ok: checks.every((c) => c.ok), detail: checks.map((c) => `${c.ok ? '' : 'FAIL '}${c.detail}`).join('; ') };
}

/**
 * Parse a whitespace-separated list of numbers (the peers' output files).
 *
 * @param text - the file contents.
 * @returns the numbers.
 */
export function parseNumbers(text: string): Float64Array {
  const toks = text.split(/\s+/).filter((t) => t.length > 0);
  const out = new Float64Array(toks.length);
  for (let i = 0; i < toks.length; i++) out[i] = Number(toks[i]);
  return out;
}
