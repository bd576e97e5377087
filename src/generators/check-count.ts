/**
 * Range check for counts. Internal helper, not exported from the barrel.
 *
 * @module
 */
import { checkInteger, FragilityInputError } from '../errors.ts';
import { checkMemory } from '../resources.ts';

/**
 * Check a count (nodes, clients, edges per node): an integer >= min; counts above 2^31 − 1 are refused separately
 * so that the usual message states the natural range ("an integer >= 0").
 */
export function checkCount(field: string, value: number, min: number): number {
  checkInteger(field, value, min);
  if (value > 0x7fffffff)
    throw new FragilityInputError(field, value, 'an integer <= 2^31 - 1 (typed-array index limit)');
  return value;
}

/**
 * Peak bytes of building a CompactGraph with n nodes and m edges: offsets (4(n+1)), adjacency (8m), edge lists
 * (8m), plus the generator's edge buffer (8m); 8 bytes a node for degrees and scratch. An upper estimate: the peak
 * RSS growth measured for er:n=2e6,k=4 / square:L=2000 / ba:n=1e6,m=2 / ws:n=1e6,k=4 was 64 / 133 / 49 / 97 MB,
 * against 112 / 224 / 104 / 104 MB estimated here (typed arrays only, not V8 overhead).
 */
export function graphBuildBytes(n: number, m: number): number {
  return 8 * (n + 1) + 24 * Math.max(0, m);
}

/** Refuse a graph whose construction would exceed the memory budget (src/resources.ts), before allocating. */
export function checkGraphMemory(field: string, value: unknown, n: number, m: number, what: string): void {
  checkMemory(field, value, graphBuildBytes(n, m), `${what} (n = ${n}, m ≈ ${Math.round(m)})`);
}
