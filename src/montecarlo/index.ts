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
export { binomialLogPmf, binomialWindow, binomialWindowBounds, type BinomialWindow } from './binomial-window.ts';
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
export {
  sweepSiteWrapping,
  sweepBondWrapping,
  latticeDimension,
  latticeNodeCount,
  WRAPPING_LATTICES,
  type LatticeGeometry,
  type WrappingLattice,
  type WrappingSweep,
} from './sweep-wrapping.ts';
export {
  packWrappingSweeps,
  wrappingProbability,
  wrappingThreshold,
  wrappingCrossing,
  universalWrappingProbability,
  torusWrappingProbabilities,
  SQUARE_TORUS_WRAPPING,
  type TorusWrappingProbabilities,
  type WrappingKind,
  type WrappingSamples,
  type WrappingThreshold,
  type WrappingThresholdOptions,
} from './wrapping-threshold.ts';
export {
  onsetThreshold,
  ONSET_BOOTSTRAP_STREAM_INDEX,
  type OnsetThresholdOptions,
  type OnsetThresholdResult,
} from './onset-threshold.ts';
export {
  finiteSizeExtrapolation,
  type FiniteSizeFit,
  type FiniteSizeOptions,
  type FiniteSizePoint,
} from './finite-size.ts';
export { GIANT_MIN_FRACTION, noTransitionReason } from './transition.ts';
export { scalingExponentFit, type ScalingExponentFit, type ScalingPoint } from './finite-size.ts';
export {
  finiteSizeStudy,
  finiteSizePlan,
  finiteSizeReduce,
  type FiniteSizePlan,
  type FiniteSizeReduction,
  type FiniteSizeStudyOptions,
  type FiniteSizeStudyResult,
  type FiniteSizeStudyRow,
} from './finite-size-study.ts';
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
export {
  CHECKPOINT_FORMAT,
  type CheckpointHeader,
  type ExperimentIdentity,
  type GraphIdentity,
  type OpenCheckpoint,
  appendCheckpoint,
  experimentFingerprint,
  fileSha256,
  graphContentIdentity,
  int32Sha256,
  openCheckpoint,
  replicateToLine,
} from './checkpoint.ts';
export {
  type SweepCurveSummary,
  defaultOccupationGrid,
  type EnsembleOptions,
  type EnsembleRemote,
  type RemoteEnsembleJob,
  type EnsembleResult,
  type SweepPointEstimate,
  checkEnsembleMemory,
  runEnsemble,
  type EnsembleReduction,
  type ReplicateSelection,
  reduceEnsemble,
} from './ensemble.ts';
export {
  type EnsembleShard,
  type MergedShards,
  type ShardHeader,
  mergeShardFiles,
  mergeShards,
  parseShard,
  runEnsembleShard,
  shardLines,
  shardReplicates,
  writeShard,
} from './shard.ts';
export {
  STUDY_FORMAT,
  isStudyShardFile,
  mergeStudyShards,
  runStudyShard,
  studyShardLines,
  writeStudyShard,
  type RunsShard,
  type StudyEnsemble,
  type StudyHeader,
  type StudyPlan,
  type StudyRuns,
  type StudyShard,
} from './study-shard.ts';
export {
  mutualGiantCascade,
  interdependentCollapsePoint,
  type InterdependentCollapsePoint,
  interdependentCascadeSweep,
  simulateInterdependent,
  type MutualGiantCascadeResult,
  type InterdependentSweepResult,
  type InterdependentGraphInput,
  type SimulateInterdependentOptions,
  type InterdependentEstimate,
  type SimulateInterdependentResult,
} from './interdependent-cascade.ts';
export {
  simulateWattsSeedFractions,
  simulateWattsSingleSeeds,
  type WattsThresholdInput,
  type WattsEnsembleOptions,
  type WattsSizeEstimate,
  type WattsSeedFractionResult,
  type WattsSingleSeedResult,
} from './watts-cascade.ts';
