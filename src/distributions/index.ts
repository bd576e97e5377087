/**
 * Degree and capacity laws: pmfs, moments, generating functions, sampling, and the spec parser.
 *
 * @module
 */
export type { DegreeLaw, CapacityLaw } from './types.ts';
export {
  degreeLawFromPmf,
  MAX_DEGREE_SUPPORT,
  DEGREE_TAIL_TOLERANCE,
  type DegreeLawFromPmfOptions,
} from './degree-law.ts';
export { poissonLaw, MAX_POISSON_MEAN } from './poisson-law.ts';
export { regularLaw } from './regular-law.ts';
export { powerLawDegreeLaw, powerLawCutoff, powerLawHardCutoff, type PowerLawOptions } from './power-law.ts';
export { barabasiAlbertLaw, type BarabasiAlbertLawOptions } from './ba-law.ts';
export { bimodalLaw } from './bimodal-law.ts';
export { mixtureLaw, type MixtureComponent } from './mixture-law.ts';
export { empiricalDegreeLaw, empiricalLawFromWeights, graphDegreeLaw } from './empirical-law.ts';
export { expressionDegreeLaw, type ExpressionLawOptions } from './expression-law.ts';
export {
  compileExpression,
  checkEvaluationBudget,
  EXPRESSION_FUNCTIONS,
  EXPRESSION_MAX_LENGTH,
  EXPRESSION_MAX_NODES,
  EXPRESSION_EVALUATION_BUDGET,
  type CompiledExpression,
} from './expression-sandbox.ts';
export { uniformCapacity } from './uniform-capacity.ts';
export { weibullCapacity } from './weibull-capacity.ts';
export { lognormalCapacity } from './lognormal-capacity.ts';
export { scaledCapacity } from './scaled-capacity.ts';
export { empiricalCapacity } from './empirical-capacity.ts';
export {
  expressionCapacity,
  EXPRESSION_CAPACITY_CELLS,
  type ExpressionCapacityOptions,
} from './expression-capacity.ts';
export { hurwitzZeta, purePowerLawMoments, type BoundedValue, type PowerLawMoments } from './hurwitz-zeta.ts';
export { standardNormalCdf, standardNormalQuantile } from './normal-functions.ts';
export { parseDegreeLaw, parseCapacityLaw, DEGREE_LAW_FORMS, CAPACITY_LAW_FORMS } from './parse.ts';
