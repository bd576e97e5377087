/**
 * The analytic layer: closed forms and fixed points (generating functions, message passing, the non-backtracking
 * spectrum, multi-type branching, fiber bundles, interdependent networks).
 *
 * @module
 */
export { reverseHalfEdge } from './half-edges.ts';
export { messagePassingPercolation, type MessagePassingOptions, type MessagePassingResult } from './message-passing.ts';
export {
  messagePassingLoops,
  prepareMessagePassingLoops,
  type LoopMessagePassingOptions,
  type LoopMessagePassingResult,
  type LoopSolveOptions,
  type PreparedMessagePassingLoops,
} from './message-passing-loops.ts';
export {
  nonBacktrackingSpectralRadius,
  NON_BACKTRACKING_NO_CYCLE_REASON,
  type NonBacktrackingOptions,
  type NonBacktrackingResult,
} from './non-backtracking.ts';
export {
  fiberBundleCritical,
  fiberBundleCollapseLoad,
  fiberBundleFixedPoint,
  type FiberBundleCriticalResult,
  type FiberBundleFixedPointOptions,
  type FiberBundleFixedPointResult,
} from './fiber-bundle.ts';
export {
  interdependentCritical,
  interdependentMutualGiant,
  interdependentErCritical,
  interdependentErGiant,
  interdependentNetworkCritical,
  interdependentNetworkGiant,
  type InterdependentCriticalResult,
  type InterdependentGiantResult,
  type InterdependentNetworkGiantResult,
} from './interdependent.ts';
// --- generating functions, attack, Cohen power laws, two-tier branching, Watts cascades (analytic helper A) ---
export {
  brentRoot,
  safeguardedNewtonRoot,
  type ConvergenceReport,
  type RootOptions,
  type RootResult,
} from './root-finding.ts';
export {
  gfSitePercolation,
  gfBondPercolation,
  type GfPercolationResult,
  type GfSolveOptions,
  type SiteOccupation,
} from './gf-percolation.ts';
export {
  molloyReedCriterion,
  randomFailureThreshold,
  type MolloyReedResult,
  type PercolationThreshold,
  type RandomFailureThreshold,
} from './molloy-reed.ts';
export {
  attackOccupation,
  attackThreshold,
  gfAttackPercolation,
  type AttackOccupation,
  type AttackThreshold,
} from './gf-attack.ts';
export {
  configurationModelPercolation,
  type ConfigurationModelPercolationOptions,
  type ConfigurationModelPercolationResult,
} from './configuration-model-percolation.ts';
export {
  cohenRandomBreakdown,
  cohenAttackThreshold,
  type CohenPowerLawSpec,
  type CohenRandomBreakdownResult,
  type CohenAttackResult,
  type PowerLawForm,
  purePowerLawCriticalExponent,
  type PurePowerLawCriticalExponent,
} from './cohen-power-law.ts';
export { multiTypeSpectralRadius, MAX_BRANCHING_TYPES, type SpectralRadiusResult } from './multi-type-branching.ts';
export {
  twoTierServedFraction,
  twoTierCriticalLoss,
  twoTierMeanOffspringMatrix,
  type TwoTierSpec,
  type TwoTierOptions,
  type TwoTierMatrixOptions,
  type TwoTierServedResult,
  type TwoTierCriticalLossResult,
  type SupernodeRemoval,
} from './two-tier-branching.ts';
export {
  wattsCascadeCondition,
  wattsCascadeWindowPoisson,
  wattsVulnerableDegree,
  type WattsThresholds,
  type WattsCascadeCondition,
  type WattsCascadeWindow,
} from './watts-cascade.ts';
export {
  overloadCriticalLoss,
  overloadCriticalLossFromParams,
  overloadMeanFieldFixedPoint,
  overloadSurgeFromParams,
  overloadThresholdLaw,
  type OverloadCriticalLossResult,
  type OverloadMeanFieldFixedPointResult,
  type OverloadSurgeInputs,
  type OverloadSurgeEstimate,
} from './overload-mean-field.ts';
export {
  wattsCascadeSize,
  wattsGlobalCascade,
  type WattsCascadeSizeResult,
  type WattsGlobalCascadeResult,
} from './watts-cascade-size.ts';
export {
  fluidOverload,
  fluidCriticalLoss,
  fluidBistability,
  fluidRecovery,
  type FluidBistabilityOptions,
  type FluidBistabilityResult,
  type FluidBistabilityCell,
  type FluidRegime,
  type FluidRecoveryOptions,
  type FluidRecoveryResult,
  type FluidOverloadOptions,
  type FluidOverloadResult,
  type FluidRequestSpread,
  type FluidCriticalLossOptions,
  type FluidCriticalLossResult,
} from './overload-fluid.ts';
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from './nelder-mead.ts';
