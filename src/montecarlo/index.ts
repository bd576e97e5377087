/**
 * Monte Carlo percolation: removal orders, Newman–Ziff sweeps (site, bond, two-tier), canonical averages,
 * ensembles with confidence intervals, threshold estimators, worker pools and checkpoints.
 *
 * Conventions: an order lists elements from FIRST REMOVED to LAST REMOVED; sweeps add them in reverse, so index k
 * of a sweep is "k elements present" and the occupation is q = k/n (site) or k/m (bond). Giant fractions are of
 * ALL original nodes.
 *
 * @module
 */
export { randomOrder, randomEdgeOrder } from './random-order.ts';
export { degreeOrder } from './degree-order.ts';
export { adaptiveDegreeOrder } from './adaptive-degree-order.ts';
export { betweennessOrder, type BetweennessOrderOptions } from './betweenness-order.ts';
export { supernodesFirstOrder } from './supernodes-first-order.ts';
export { validateOrder, validateEdgeOrder } from './validate-order.ts';
export { type SweepResult, meanClusterSizeExcludingLargest } from './sweep-result.ts';
export { sweepSite, type SweepSiteOptions } from './sweep-site.ts';
export { sweepBond, type SweepBondOptions } from './sweep-bond.ts';
export { sweepTwoTier, type TwoTierSweepResult } from './sweep-two-tier.ts';
export { binomialLogPmf, binomialWindow, type BinomialWindow } from './binomial-window.ts';
export { canonicalAverage, canonicalObservables, type CanonicalObservables } from './canonical.ts';
export {
  betaInterval,
  meanWithCI,
  normalQuantile,
  regularizedIncompleteBeta,
  studentTQuantile,
  wilsonInterval,
  type MeanConfidenceEstimate,
} from './statistics.ts';
export {
  BOOTSTRAP_STREAM_INDEX,
  peakLocation,
  peakThreshold,
  type PeakThresholdEstimate,
  type PeakThresholdOptions,
} from './peak-threshold.ts';
export { largestGapOccupation } from './largest-gap.ts';
export { onsetThreshold, ONSET_BOOTSTRAP_STREAM_INDEX, type OnsetThresholdOptions, type OnsetThresholdResult } from './onset-threshold.ts';
export { finiteSizeExtrapolation, type FiniteSizeFit, type FiniteSizeOptions, type FiniteSizePoint } from './finite-size.ts';
export {
  type EnsembleGraphInput,
  type LightGraphSpec,
  checkGraphSpecLazy,
  graphFingerprint,
  graphFromLightSpec,
  graphFromSpecLazy,
  isRandomGraphSpec,
  lightGraphSpecLazy,
} from './graph-source.ts';
export {
  REMOVAL_ORDER_NAMES,
  type RemovalOrderName,
  type SweepMode,
  type ReplicateResult,
  type ReplicateSpec,
  drawReplicateGraphSeed,
  removalOrder,
  replicateStreams,
  runReplicateOnGraph,
} from './replicate.ts';
export { CHECKPOINT_FORMAT, type CheckpointHeader, appendCheckpoint, openCheckpoint, replicateToLine } from './checkpoint.ts';
export {
  type SweepCurveSummary,
  defaultOccupationGrid,
  type EnsembleOptions,
  type EnsembleResult,
  type SweepPointEstimate,
  runEnsemble,
} from './ensemble.ts';
