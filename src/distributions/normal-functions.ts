/**
 * The standard normal CDF and quantile: moved to src/numerics/normal.ts (the numerics home); this module keeps the
 * old import path.
 *
 * @module
 */
export { standardNormalCdf, standardNormalQuantile } from '../numerics/normal.ts';
