/**
 * Betweenness centrality moved to src/metrics/betweenness.ts (a graph metric, read by cascade/ and montecarlo/);
 * this module keeps the old import path.
 *
 * @module
 */
export * from '../metrics/betweenness.ts';
