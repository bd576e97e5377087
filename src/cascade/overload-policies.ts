/**
 * Re-export of the overload model's delay laws, which live in the bottom layer src/models. Kept so that existing
 * imports of this path keep working.
 *
 * @module
 */
export * from '../models/overload-policies.ts';
