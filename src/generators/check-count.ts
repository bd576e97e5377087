/**
 * Range check for counts. Internal helper, not exported from the barrel.
 *
 * @module
 */
import { checkInteger, FragilityInputError } from '../errors.ts';

/**
 * Check a count (nodes, clients, edges per node): an integer >= min; counts above 2^31 − 1 are refused separately
 * so that the usual message states the natural range ("an integer >= 0").
 */
export function checkCount(field: string, value: number, min: number): number {
  checkInteger(field, value, min);
  if (value > 0x7fffffff) throw new FragilityInputError(field, value, 'an integer <= 2^31 - 1 (typed-array index limit)');
  return value;
}
