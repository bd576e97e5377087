/**
 * ln Γ and ln n!: moved to src/numerics/log-gamma.ts (the numerics home); this module keeps the old import path.
 *
 * @module
 */
export * from '../numerics/log-gamma.ts';
