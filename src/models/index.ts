/**
 * Model descriptions as plain data, below both engines: the parameters, calibrated defaults, retry policies, delay
 * laws and output shapes of the two-tier supernode-overload model, read alike by the simulation (src/cascade) and
 * by its fluid limit (src/analytic).
 *
 * @module
 */
export {
  skype2010OverloadParams,
  skype2007OverloadParams,
  skype2010CalibratedParams,
  skype2007PredictedParams,
  withOverloadParams,
  validateOverloadParams,
  validateRetryPolicy,
  scaledPopulation,
  metastabilityProbeParams,
  awsFullJitterRetry,
  grpcRetry,
  type OverloadParams,
  type OverloadParamsInput,
  type OverloadRetryPolicy,
  type MegaSupernodeWave,
  type OverloadAbandon,
  type OverloadPromotion,
} from './overload-params.ts';
export {
  SKYPE_2010_OBSERVATIONS,
  SKYPE_2007_OBSERVATIONS,
  SKYPE_2010_FIT_PARAMETERS,
  getFitParameter,
  setFitParameters,
  type OverloadObservation,
  type OverloadFitParameter,
  type OverloadFitParameterName,
} from './overload-observations.ts';
export { retryDelayPmf, lognormalDelayPmf, uniformDelayPmf, type StepDelayPmf } from './overload-policies.ts';
export type { OverloadTimelinePoint, OverloadFinalState, OverloadRunSummary } from './overload-timeline.ts';
