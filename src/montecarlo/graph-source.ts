/**
 * Where an ensemble's graphs come from: one fixed graph, a spec string (random specs are redrawn per replicate), or
 * a factory function.
 *
 * @module
 */
import { FNV_OFFSET, fnv1aWordBytes } from '../numerics/hash.ts';
import { FragilityInputError } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import { stream } from '../random/stream.ts';

/**
 * A graph, a `--graph` spec string, or a factory (graphSeed, r) → graph drawing replicate r's own graph.
 *
 * @category Ensembles
 */
export type EnsembleGraphInput =
  | CompactGraph
  | string
  | ((graphSeed: number, r: number) => CompactGraph | Promise<CompactGraph>);

/** Spec kinds whose graphs are random (redrawn for every replicate from its stream). */
const RANDOM_KINDS = new Set(['er', 'rr', 'cm', 'ba', 'ws', 'two-tier', 'ultrapeer']);

/**
 * Whether a `--graph` spec describes a random graph model (er:, rr:, cm:, ba:, ws:, two-tier:, ultrapeer:), which
 * an ensemble redraws for every replicate from `stream(seed, r)`; lattices and files (edges:, gexf:, graphml:) are
 * fixed and loaded once.
 *
 * @param spec - the spec string.
 * @returns true for a random model.
 *
 * @complexity O(length of the spec).
 *
 * @model annealed (graph redrawn) vs quenched (one graph) ensembles.
 *
 * @references Newman & Ziff 2001, doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * isRandomGraphSpec('er:n=1000,k=4'); // true
 * isRandomGraphSpec('square:L=64');    // false
 * ```
 *
 * @category Ensembles
 */
export function isRandomGraphSpec(spec: string): boolean {
  const kind = spec.split(':', 1)[0].trim().toLowerCase();
  return RANDOM_KINDS.has(kind);
}

/**
 * Build a graph from a spec with `graphFromSpec` of src/generators/spec.ts (imported lazily).
 *
 * @param spec - a `--graph` spec.
 * @param seed - the graph seed.
 * @returns the graph.
 *
 * @complexity that of the generator.
 *
 * @model see src/generators.
 *
 * @references docs/CLI.md (graph specs).
 *
 * @example
 * ```ts
 * const g = await graphFromSpecLazy('er:n=1000,k=4', 7);
 * ```
 *
 * @category Ensembles
 */
export async function graphFromSpecLazy(spec: string, seed: number): Promise<CompactGraph> {
  // Lazy so that ensembles on a given CompactGraph never load the generators.
  const mod = (await import('../generators/spec.ts')) as {
    graphFromSpec: (spec: string, opts: { seed: number }) => Promise<CompactGraph> | CompactGraph;
  };
  const g = await mod.graphFromSpec(spec, { seed });
  if (!g || typeof (g as CompactGraph).n !== 'number')
    throw new FragilityInputError('graph', spec, 'a spec that yields a graph');
  return g;
}

/**
 * Check a `--graph` spec's syntax and its memory estimate without building the graph (`parseGraphSpec` and
 * `checkGraphSpecMemory` of src/generators/spec.ts, imported lazily), so that a bad or too large spec is reported
 * once, up front, as a FragilityInputError — not by every replicate.
 *
 * @param spec - a `--graph` spec.
 * @param copies - graphs alive at once (one per compute thread; default 1).
 * @throws FragilityInputError naming `--graph` for a malformed spec or one above the memory budget.
 *
 * @complexity O(length of the spec).
 *
 * @model syntax only.
 *
 * @references docs/CLI.md (graph specs).
 *
 * @example
 * ```ts
 * await checkGraphSpecLazy('er:n=1000,k=4'); // ok
 * ```
 *
 * @category Ensembles
 */
export async function checkGraphSpecLazy(spec: string, copies = 1): Promise<void> {
  const mod = (await import('../generators/spec.ts')) as {
    parseGraphSpec: (spec: string) => unknown;
    checkGraphSpecMemory: (spec: string, explicit?: boolean, copies?: number) => void;
  };
  mod.parseGraphSpec(spec);
  mod.checkGraphSpecMemory(spec, true, copies);
}

/**
 * A short fingerprint of a graph (n, m and an FNV-1a hash of its edge arrays), used to label a checkpoint written
 * for a graph object rather than a spec.
 *
 * @param g - the graph.
 * @returns e.g. `"graph:n=34,m=78,fnv=1a2b3c4d"`.
 *
 * @complexity O(m).
 *
 * @model FNV-1a 32-bit.
 *
 * @references G. Fowler, L. C. Noll, K.-P. Vo (FNV hash).
 *
 * @example
 * ```ts
 * graphFingerprint(CompactGraph.fromPairs(2, [[0, 1]]));
 * ```
 *
 * @category Ensembles
 */
export function graphFingerprint(g: CompactGraph): string {
  const pair = new Int32Array(2);
  let h = FNV_OFFSET;
  for (let e = 0; e < g.m; e++) {
    pair[0] = g.edgeSource[e];
    pair[1] = g.edgeTarget[e];
    h = fnv1aWordBytes(pair, h);
  }
  if (g.roles) h = fnv1aWordBytes(g.roles.subarray(0, g.n), h);
  return `graph:n=${g.n},m=${g.m},fnv=${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * A parsed random-graph spec whose generator needs no degree law: plain data that crosses the worker boundary and
 * lets a worker build its graphs without loading the spec parser (which pulls in every generator and the
 * distributions: measured with 2 workers, 100 replicates of er:n=100000,k=4, the speed-up over 1 worker drops from
 * ≈1.6× to ≈1.45× when workers load the full parser, all of it tsx start-up in the worker).
 *
 * @category Ensembles
 */
export type LightGraphSpec =
  | { model: 'er'; n: number; p?: number; m?: number }
  | { model: 'rr'; n: number; k: number }
  | { model: 'ba'; n: number; m: number }
  | { model: 'ws'; n: number; k: number; beta: number };

/**
 * Parse a random spec and return its {@link LightGraphSpec} when the model is er, rr, ba or ws (else undefined).
 *
 * @param spec - a `--graph` spec.
 * @returns the light form, or undefined for other models.
 * @throws FragilityInputError naming `--graph` for a malformed spec.
 *
 * @complexity O(length of the spec) plus the one-time load of src/generators/spec.ts.
 *
 * @model the fields of `parseGraphSpec` for these models.
 *
 * @references docs/CLI.md (graph specs).
 *
 * @example
 * ```ts
 * await lightGraphSpecLazy('er:n=1000,k=4'); // { model: 'er', n: 1000, p: 0.004004… }
 * ```
 *
 * @category Ensembles
 */
export async function lightGraphSpecLazy(spec: string): Promise<LightGraphSpec | undefined> {
  const mod = (await import('../generators/spec.ts')) as { parseGraphSpec: (spec: string) => Record<string, unknown> };
  const s = mod.parseGraphSpec(spec);
  switch (s.model) {
    case 'er':
      return s.m !== undefined
        ? { model: 'er', n: s.n as number, m: s.m as number }
        : { model: 'er', n: s.n as number, p: s.p as number };
    case 'rr':
      return { model: 'rr', n: s.n as number, k: s.k as number };
    case 'ba':
      return { model: 'ba', n: s.n as number, m: s.m as number };
    case 'ws':
      return { model: 'ws', n: s.n as number, k: s.k as number, beta: s.beta as number };
    default:
      return undefined;
  }
}

/**
 * Build the graph of a {@link LightGraphSpec} exactly as `graphFromSpec` does (same generator, same stream
 * `stream(seed, 0)`; test/montecarlo/graph-source.test.ts checks the two agree edge for edge), importing only the
 * one generator module.
 *
 * @param spec - the light spec.
 * @param seed - the graph seed.
 * @returns the graph.
 *
 * @complexity that of the generator.
 *
 * @model G(n, p) / G(n, m), random k-regular, Barabási–Albert, Watts–Strogatz.
 *
 * @references see src/generators.
 *
 * @example
 * ```ts
 * const g = await graphFromLightSpec({ model: 'rr', n: 1000, k: 3 }, 7);
 * ```
 *
 * @category Ensembles
 */
export async function graphFromLightSpec(spec: LightGraphSpec, seed: number): Promise<CompactGraph> {
  const rng = stream(seed, 0);
  switch (spec.model) {
    case 'er': {
      const { erdosRenyi, erdosRenyiM } = await import('../generators/erdos-renyi.ts');
      return spec.m !== undefined ? erdosRenyiM(spec.n, spec.m, rng) : erdosRenyi(spec.n, spec.p!, rng);
    }
    case 'rr': {
      const { randomRegular } = await import('../generators/random-regular.ts');
      return randomRegular(spec.n, spec.k, rng);
    }
    case 'ba': {
      const { barabasiAlbert } = await import('../generators/barabasi-albert.ts');
      return barabasiAlbert(spec.n, spec.m, rng);
    }
    case 'ws': {
      const { wattsStrogatz } = await import('../generators/watts-strogatz.ts');
      return wattsStrogatz(spec.n, spec.k, spec.beta, rng);
    }
  }
}
