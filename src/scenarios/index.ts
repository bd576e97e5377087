/**
 * Scenarios: declarative what-if runs (Skype 2010, Skype 2007, user JSON files) that go from a trigger to its
 * consequences and produce a report. Schema and field documentation: docs/scenarios.md.
 *
 * @module
 */
export {
  scenarioSchema,
  validateScenario,
  formatScenarioIssue,
  scenarioPath,
  ScenarioValidationError,
  type Scenario,
  type ScenarioOverride,
} from './schema.ts';
export { skype2010Scenario, skype2007Scenario, BUILTIN_SCENARIOS } from './builtin.ts';
export { loadScenario, parseScenario, applyWhatIf, mergeScenarioFields, BUILTIN_SCENARIO_NAMES } from './load.ts';
export { scenarioToOverloadParams, SCENARIO_REPORTING_DEFAULTS } from './to-params.ts';
export {
  runScenario,
  scenarioVerdict,
  METASTABILITY_LOSSES,
  METASTABILITY_HEADROOM_SCALES,
  METASTABILITY_INJECTION_HOURS,
  scenarioRunFamilies,
  scenarioConnectivity,
  type RunScenarioOptions,
  type ScenarioRunFamily,
  type ScenarioConnectivityOptions,
  type ScenarioResult,
  type ScenarioTimelinePoint,
  type WhatIfOutcome,
} from './run.ts';
export {
  scenarioReport,
  scenarioSummaryRows,
  scenarioSummaryMarkdown,
  whatIfRows,
  scenarioTimelineSvg,
  scenarioCollapseSvg,
  scenarioPhaseSvg,
  scenarioGiantSvg,
  overloadThresholdMarkdown,
  metastabilityMarkdown,
  metastabilityRows,
  recoveryRows,
  observedResiduals,
  observedResidualRows,
  whatStillMissesMarkdown,
  observedForPlot,
  type ObservedResidual,
} from './report.ts';
