/**
 * Validation of user-given removal orders.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';

/**
 * Check that `order` is a permutation of 0..n-1 and return it as an Int32Array (a copy when it was a plain array).
 *
 * An order lists elements from first removed to last removed (see {@link randomOrder}).
 *
 * @param order - the proposed removal order.
 * @param n - the number of elements (nodes for site orders, edges for bond orders).
 * @param field - the name reported in the error (default `"order"`).
 * @returns the order as an Int32Array.
 * @throws FragilityInputError naming `field` when the length is not n, an entry is not an integer in [0, n), or an
 *   entry repeats.
 *
 * @complexity O(n) time, n bits of scratch for an Int32Array (n bytes otherwise).
 *
 * @model a removal order is a bijection {0..n-1} → {0..n-1}, position ↦ element.
 *
 * @references M. E. J. Newman, R. M. Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * validateOrder([2, 0, 1], 3); // Int32Array [2, 0, 1]
 * validateOrder([0, 0, 1], 3); // throws FragilityInputError('order', ...)
 * ```
 *
 * @category Removal orders
 */
export function validateOrder(order: ArrayLike<number>, n: number, field = 'order'): Int32Array {
  const allowed = `a permutation of 0..${n - 1} (each id exactly once)`;
  if (!order || typeof order.length !== 'number') throw new FragilityInputError(field, order, allowed);
  if (order.length !== n)
    throw new FragilityInputError(field, `an array of length ${order.length}`, allowed, `length must be ${n}`);
  if (order instanceof Int32Array) {
    // The common case (orders built by this library): integers already, and one bit per id (n/8 bytes: 256 KB at
    // n = 2e6, cache-resident, where a byte per id is not) for the repeat check.
    const seen = new Int32Array((n + 31) >>> 5);
    for (let i = 0; i < n; i++) {
      const v = order[i];
      if (v < 0 || v >= n) throw new FragilityInputError(`${field}[${i}]`, v, allowed);
      const w = v >>> 5;
      const bit = 1 << (v & 31);
      if ((seen[w] & bit) !== 0) throw new FragilityInputError(`${field}[${i}]`, v, allowed, `${v} appears twice`);
      seen[w] |= bit;
    }
    return order;
  }
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    if (!Number.isInteger(v) || v < 0 || v >= n) {
      throw new FragilityInputError(`${field}[${i}]`, v, allowed);
    }
    if (seen[v]) throw new FragilityInputError(`${field}[${i}]`, v, allowed, `${v} appears twice`);
    seen[v] = 1;
  }
  return order instanceof Int32Array ? order : Int32Array.from(order);
}

/**
 * Check that `edgeOrder` is a permutation of the edge ids 0..m-1 (bond removal order). See {@link validateOrder}.
 *
 * @param edgeOrder - the proposed edge removal order.
 * @param m - the number of edges.
 * @returns the order as an Int32Array.
 * @throws FragilityInputError naming `edgeOrder`.
 *
 * @complexity O(m).
 *
 * @model a bijection on edge ids; edge id e is the e-th edge of the CompactGraph.
 *
 * @references Newman & Ziff 2001, doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * validateEdgeOrder([1, 0], 2); // Int32Array [1, 0]
 * ```
 *
 * @category Removal orders
 */
export function validateEdgeOrder(edgeOrder: ArrayLike<number>, m: number): Int32Array {
  return validateOrder(edgeOrder, m, 'edgeOrder');
}
