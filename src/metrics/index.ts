/**
 * Graph metrics: vertex betweenness (exact and pivot-sampled Brandes, in parallel threads), edge betweenness, and
 * weighted load with global efficiency. Read by cascade/ (Motter–Lai, efficiency cascade) and montecarlo/
 * (betweenness removal orders); cascade/ re-exports them under their old paths.
 *
 * @module
 */
export {
  BETWEENNESS_CHUNKS,
  betweenness,
  betweennessFromPivots,
  betweennessParallel,
  type BetweennessOptions,
  type BetweennessParallelOptions,
  type BetweennessResult,
} from './betweenness.ts';
export { edgeBetweenness, type EdgeBetweennessOptions } from './edge-betweenness.ts';
export { weightedLoadAndEfficiency, type WeightedLoadEfficiency } from './weighted-betweenness.ts';
