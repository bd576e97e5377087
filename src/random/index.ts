/**
 * Seeded, splittable random streams and exact samplers.
 *
 * @module
 */
export { Rng, stream, rngFromSeed } from './stream.ts';
export { shuffleInPlace, randomPermutation, type MutableArrayLike } from './shuffle.ts';
export { binomial } from './binomial.ts';
export { poisson } from './poisson.ts';
export { geometricSkip } from './geometric-skip.ts';
export { AliasTable } from './alias-table.ts';
export { exponential } from './exponential.ts';
export { normal } from './normal.ts';
export { weibull } from './weibull.ts';
export { lognormal } from './lognormal.ts';
export { sampleWithoutReplacement } from './sample-without-replacement.ts';
export { logGamma, logFactorial } from './log-gamma.ts';
