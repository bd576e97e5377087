/**
 * Analytic vs Monte Carlo, side by side: the only layer that reads both src/analytic and src/montecarlo (or
 * src/cascade). Each comparison runs both sides on one grid and lines them up point by point (analytic value,
 * Monte Carlo mean and CI, difference, inside-CI flag), with the thresholds side by side.
 *
 * @module
 */
export {
  lineUp,
  lineUpSummary,
  LINE_UP_FLOOR,
  type AnalyticPoint,
  type MonteCarloPoint,
  type LineUp,
  type LineUpRow,
  type LineUpRegion,
  type RegionCoverage,
} from './line-up.ts';
export {
  compareConnectivity,
  DEFAULT_COMPARE_GRID,
  type CompareConnectivityOptions,
  type ConnectivityComparison,
  type ThresholdPair,
} from './connectivity.ts';
export {
  compareTwoTier,
  twoTierReplicate,
  type CompareTwoTierOptions,
  type TwoTierComparison,
  type TwoTierReplicate,
  type TwoTierRunIdentity,
} from './two-tier.ts';
export {
  compareOverload,
  compareOverloadPhase,
  DEFAULT_OVERLOAD_LOSSES,
  type CompareOverloadOptions,
  type OverloadComparison,
  type CompareOverloadPhaseOptions,
  type OverloadPhaseComparison,
} from './overload.ts';
export { graphSpecForLaw } from './law-graph-spec.ts';
export {
  compareInterdependent,
  DEFAULT_INTERDEPENDENT_GRID,
  type CompareInterdependentOptions,
  type InterdependentComparison,
} from './interdependent.ts';
export {
  compareWattsCascadeSize,
  compareWattsWindow,
  DEFAULT_WATTS_SEED_FRACTIONS,
  DEFAULT_WATTS_ZS,
  type WattsThresholdSpec,
  type CompareWattsCascadeSizeOptions,
  type WattsCascadeSizeComparison,
  type CompareWattsWindowOptions,
  type WattsWindowComparison,
} from './watts.ts';
export {
  compareEfficiencyCascade,
  CLM_LITERATURE,
  DEFAULT_EFFICIENCY_ALPHAS,
  type CompareEfficiencyOptions,
  type EfficiencyAlphaPoint,
  type EfficiencyComparison,
} from './efficiency.ts';
export {
  compareOverloadThreshold,
  compareOverloadThresholdAsync,
  overloadThresholdTable,
  overloadThresholdPlot,
  STATIC_BOUND_NOTE,
  type CompareOverloadThresholdOptions,
  type OverloadThresholdComparison,
} from './overload-threshold.ts';
export {
  compareMetastability,
  type CompareMetastabilityOptions,
  type MetastabilityCell,
  type RecoveryCase,
  type MetastabilityComparison,
} from './overload-metastability.ts';
export {
  calibrateOverload,
  calibrationResiduals,
  calibrationPlot,
  calibrationWhatIfs,
  evaluateCalibration,
  modelValueAt,
  outageHours,
  predictOverload2007,
  simulatedResiduals,
  type BoundProfile,
  type CalibrateOverloadOptions,
  type CalibrationResidual,
  type CalibrationWhatIf,
  type FittedParameter,
  type LeaveOneOut,
  type OverloadCalibration,
  type Overload2007Prediction,
} from './overload-calibration.ts';
