/**
 * Re-export of the overload model's parameters, which live in the bottom layer src/models (plain data read by both
 * src/cascade and src/analytic). Kept so that existing imports of this path keep working.
 *
 * @module
 */
export * from '../models/overload-params.ts';
