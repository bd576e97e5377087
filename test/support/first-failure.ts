// One `expect` for a check over many elements (not a test file itself). vitest's `expect` costs microseconds a call
// (its setState and chai's assertion objects: 8.7 s of the whole suite's CPU time in the profile of 2026-12-03), so a
// check repeated per element of a large array or per pair of nodes is done in a plain loop here, and the test makes
// one assertion on the outcome, which names the first element that fails:
//
//   expect(firstFailure(n, (u) => g.degree(u) === k, (u) => `degree(${u}) = ${g.degree(u)}`)).toBeUndefined();
//
// checks what `for (let u = 0; u < n; u++) expect(g.degree(u)).toBe(k)` checked, and fails naming the same element.

/**
 * The first index i in [0, n) for which `ok(i)` is false, described by `show(i)`; undefined when every index passes.
 *
 * @param n - number of indices.
 * @param ok - the check of index i (strict comparisons: `===` where the loop used toBe).
 * @param show - what a failure says (default `index i`).
 */
export function firstFailure(
  n: number,
  ok: (i: number) => boolean,
  show: (i: number) => string = (i) => `index ${i}`,
): string | undefined {
  for (let i = 0; i < n; i++) if (!ok(i)) return show(i);
  return undefined;
}
