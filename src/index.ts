/**
 * fragility — how much of an overlay network can be lost before the rest collapses?
 *
 * The public API: every layer's barrel re-exported. Subpath imports (`fragility/analytic/index`) work too.
 *
 * Layers, bottom to top: random streams and samplers; degree and capacity laws; CompactGraph and graph I/O;
 * generators; the analytic engine (generating functions, message passing, fiber bundles, interdependent networks,
 * two-tier branching); the Monte Carlo engine (removal orders, Newman–Ziff sweeps, ensembles); load-redistribution
 * cascades (betweenness, fiber bundles on graphs, Motter–Lai, the Skype overload model); comparisons; reports;
 * scenarios.
 *
 * @module
 */
export * from './errors.ts';
export * from './random/index.ts';
export * from './distributions/index.ts';
export * from './graph/index.ts';
export * from './generators/index.ts';
export * from './models/index.ts';
export * from './analytic/index.ts';
export * from './report/index.ts';
export * from './montecarlo/index.ts';
export * from './cascade/index.ts';
export * from './compare/index.ts';
export * from './scenarios/index.ts';
