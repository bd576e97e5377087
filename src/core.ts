/**
 * fragility/core — the computational core, for any JavaScript runtime: browsers, web workers, Deno, Node.
 *
 * Random streams and samplers, degree and capacity laws, CompactGraph with its in-memory parsers, generators, the
 * analytic engine, the Monte Carlo engine and the cascade models, plus the model parameter layer. Nothing here
 * imports a Node built-in, a plotting library or the CLI, so a browser bundle of this entry has no `node:` import.
 * The few Node-side features the layers keep — reading and writing graph files (`readEdgeList`, `readGexf`, …),
 * checkpoint files, worker pools (`workers > 1`) and mathjs loaded on demand — reach Node only when called, and in a
 * browser throw a {@link NodeOnlyError} naming the in-memory alternative (`parseEdgeList`, `workers: 1`,
 * {@link provideMathJs}).
 *
 * Reports, plots, scenarios and comparisons are in the main entry (`fragility`), which runs on Node and Deno.
 *
 * @module
 */
export * from './errors.ts';
export * from './random/index.ts';
export * from './distributions/index.ts';
export * from './graph/index.ts';
export * from './generators/index.ts';
export * from './analytic/index.ts';
export * from './montecarlo/index.ts';
export * from './cascade/index.ts';
export * from './models/index.ts';
export { provideMathJs } from './mathjs-lazy.ts';
export { NodeOnlyError, hasNodeBuiltins } from './node-only.ts';
