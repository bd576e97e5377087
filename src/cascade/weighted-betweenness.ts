/**
 * Weighted betweenness and efficiency moved to src/metrics/weighted-betweenness.ts; this module keeps the old
 * import path.
 *
 * @module
 */
export * from '../metrics/weighted-betweenness.ts';
