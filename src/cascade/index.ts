/**
 * Load-redistribution dynamics: betweenness (the load of Motter–Lai; a graph metric now in src/metrics/, still
 * exported here), fiber bundles on graphs (equal and local load
 * sharing), the Motter–Lai cascade, and the two-tier supernode-overload model.
 *
 * @module
 */
// The graph metrics moved to src/metrics/ (betweenness, edge betweenness, weighted load and efficiency) stay
// exported from this barrel under their old names.
export * from '../metrics/index.ts';
export {
  fiberBundleCascade,
  fiberBundleBursts,
  type LoadSharing,
  type FiberBundleCascadeOptions,
  type FiberBundleCascadeResult,
  type FiberBundleBurstsOptions,
  type FiberBundleBurstsResult,
} from './fiber-bundle-graph.ts';
export {
  motterLaiCascade,
  motterLaiSweep,
  type MotterLaiOptions,
  type MotterLaiResult,
  type MotterLaiSweepPoint,
  type MotterLaiTrigger,
} from './motter-lai.ts';
export {
  simulateOverload,
  type OverloadResult,
  type OverloadTimelinePoint,
  type OverloadFinalState,
  type SimulateOverloadOptions,
} from './overload-model.ts';
export {
  skype2010OverloadParams,
  skype2007OverloadParams,
  withOverloadParams,
  validateOverloadParams,
  validateRetryPolicy,
  scaledPopulation,
  awsFullJitterRetry,
  grpcRetry,
  type OverloadParams,
  type OverloadParamsInput,
  type OverloadRetryPolicy,
  type MegaSupernodeWave,
} from '../models/overload-params.ts';
export { retryDelayPmf, lognormalDelayPmf, uniformDelayPmf, type StepDelayPmf } from '../models/overload-policies.ts';
export {
  collapseProbability,
  collapseRunFamilies,
  type OverloadSimulator,
  type CollapseProbabilityOptions,
  type CollapseProbabilityResult,
  type OverloadCollapsePoint,
} from './overload-collapse.ts';
export {
  wattsThresholdCascade,
  wattsThresholds,
  WATTS_ACTIVATION_SLACK,
  type WattsThresholdCascadeOptions,
  type WattsThresholdCascadeResult,
} from './watts-threshold.ts';
export {
  efficiencyCascade,
  type EfficiencyCascadeOptions,
  type EfficiencyCascadeResult,
} from './efficiency-cascade.ts';
export {
  probitProfileFit,
  sequentialProbitThreshold,
  sequentialProbitDesign,
  fixedProbitDesign,
  type FixedProbitOptions,
  designRound,
  type ProbitRound,
  type ProbitPoint,
  type ProbitFit,
  type SequentialProbitOptions,
  type SequentialProbitResult,
} from './sequential-probit.ts';
export {
  simulatedCriticalLoss,
  finiteSizeCriticalLoss,
  criticalLossDesign,
  finiteSizeDesign,
  runOverloadBatch,
  driveOverloadDesign,
  driveOverloadDesignAsync,
  type OverloadRunBatch,
  checkFiniteSizeOptions,
  DEFAULT_FINITE_SIZE_SCALES,
  type SimulatedCriticalLossOptions,
  type SimulatedCriticalLoss,
  type CriticalLossPoint,
  type FiniteSizeCriticalLossOptions,
  type FiniteSizeRow,
} from './overload-threshold.ts';
export {
  simulatedBistability,
  simulatedRecovery,
  type SimulatedBistabilityOptions,
  type SimulatedBistabilityCell,
  type SimulatedRegime,
  type SimulatedRecoveryOptions,
  type SimulatedRecoveryResult,
} from './overload-metastability.ts';
