/**
 * Bracketed root finding (Brent, safeguarded Newton): moved to src/numerics/root-finding.ts (the numerics home);
 * this module keeps the old import path.
 *
 * @module
 */
export * from '../numerics/root-finding.ts';
