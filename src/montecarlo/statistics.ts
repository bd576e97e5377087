/**
 * Small statistics used by the ensembles (Student-t, Wilson and Clopper–Pearson intervals, the special functions
 * they rest on): moved to src/numerics/statistics.ts (the numerics home); this module keeps the old import path.
 *
 * @module
 */
export * from '../numerics/statistics.ts';
