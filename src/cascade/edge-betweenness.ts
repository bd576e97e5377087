/**
 * Edge betweenness moved to src/metrics/edge-betweenness.ts; this module keeps the old import path.
 *
 * @module
 */
export * from '../metrics/edge-betweenness.ts';
