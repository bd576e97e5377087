/**
 * Graph specs, the `--graph` strings of the CLI (docs/CLI.md): parsing into a typed description, and building
 * the graph (or the two-tier overlay) they describe.
 *
 * Grammar: `model:key=value,key=value,flag`. Values may contain commas inside parentheses or quotes (degree laws such
 * as `powerlaw(2.5,kmin=1,cutoff=100)` or `expr("k^-2",kmin=1,kmax=50)`): the parameters are split on top-level
 * commas only. Numbers accept exponents (`n=1e6`, `clients=21e6`). File specs (`edges:PATH`, `gexf:PATH`,
 * `graphml:PATH`, `fgb:PATH`) take the rest of the string as the path, except that trailing `,duplicates=P` / `,self-loops=P`
 * (P = keep | drop | error) set the reader's policies.
 *
 * | spec | parameters (defaults) |
 * |---|---|
 * | `er:n=N,k=K` / `er:n=N,p=P` / `er:n=N,m=M` | exactly one of k (mean degree, p = k/(n−1)), p, m |
 * | `rr:n=N,k=K` | |
 * | `cm:n=N,law=LAW[,mode=erased\|multigraph\|simple]` | mode erased |
 * | `ba:n=N,m=M` | |
 * | `ws:n=N,k=K,beta=B` | |
 * | `square:L=L[,open]`, `triangular:…`, `honeycomb:…`, `cubic:…` | periodic unless `open` |
 * | `two-tier:clients=C,supernodes=S[,sn-law=LAW][,cache=H][,choice=uniform\|capacity][,capacity=CLAW]` | sn-law regular(32), cache 8, uniform |
 * | `ultrapeer:ultrapeers=U,leaves=L[,degree=D][,leaf-connections=c]` | degree 32, leaf-connections 3 |
 * | `edges:PATH`, `gexf:PATH`, `graphml:PATH` | duplicates / self-loops error (gexf, graphml: keep) |
 * | `fgb:PATH` (also `edges:PATH` when PATH ends in `.fgb`) | binary CSR (src/graph/binary.ts); duplicates / self-loops keep |
 *
 * @module
 */
import { FragilityInputError, parseDecimal } from '../errors.ts';
import { checkMemory } from '../resources.ts';
import { graphBuildBytes } from './check-count.ts';
import { parseCapacityLaw, parseDegreeLaw } from '../distributions/parse.ts';
import type { CapacityLaw, DegreeLaw } from '../distributions/types.ts';
import { type CompactGraph, Role } from '../graph/compact-graph.ts';
import type { EdgePolicy } from '../graph/edge-policy.ts';
import { readEdgeList } from '../graph/edgelist.ts';
import { isFgbPath, readFgb } from '../graph/binary.ts';
import type { TwoTierOverlay } from '../graph/two-tier-overlay.ts';
import { readGexf, readGraphml } from '../graph/xml-formats.ts';
import { stream, type Rng } from '../random/stream.ts';
import { barabasiAlbert } from './barabasi-albert.ts';
import { configurationModelFromLaw, type ConfigurationModelMode } from './configuration-model.ts';
import { cubicLattice } from './cubic-lattice.ts';
import { erdosRenyi, erdosRenyiM } from './erdos-renyi.ts';
import { honeycombLattice } from './honeycomb-lattice.ts';
import { randomRegular } from './random-regular.ts';
import { squareLattice } from './square-lattice.ts';
import { triangularLattice } from './triangular-lattice.ts';
import {
  DEFAULT_CORE_DEGREE,
  DEFAULT_HOST_CACHE_SIZE,
  twoTierOverlay,
  twoTierToCompactGraph,
  type SupernodeChoice,
} from './two-tier.ts';
import { ultrapeerOverlay } from './ultrapeer.ts';
import { wattsStrogatz } from './watts-strogatz.ts';

/**
 * The lattice models.
 *
 * @category Graph specs
 */
export type LatticeModel = 'square' | 'triangular' | 'honeycomb' | 'cubic';

/**
 * A parsed `--graph` spec. Laws are kept as their canonical spec strings and as parsed objects.
 *
 * @category Graph specs
 */
export type GraphSpec =
  | { model: 'er'; n: number; p: number; k?: number; m?: undefined }
  | { model: 'er'; n: number; m: number; p?: undefined; k?: undefined }
  | { model: 'rr'; n: number; k: number }
  | { model: 'cm'; n: number; law: DegreeLaw; mode: ConfigurationModelMode }
  | { model: 'ba'; n: number; m: number }
  | { model: 'ws'; n: number; k: number; beta: number }
  | { model: LatticeModel; L: number; periodic: boolean }
  | {
      model: 'two-tier';
      clients: number;
      supernodes: number;
      snLaw: DegreeLaw | null;
      cache: number;
      choice: SupernodeChoice;
      capacity: CapacityLaw | null;
    }
  | { model: 'ultrapeer'; ultrapeers: number; leaves: number; degree: number; leafConnections: number }
  | { model: 'edges' | 'gexf' | 'graphml' | 'fgb'; path: string; selfLoops: EdgePolicy; duplicates: EdgePolicy };

/**
 * The model names `parseGraphSpec` knows.
 *
 * @category Graph specs
 */
export const GRAPH_SPEC_MODELS = [
  'er',
  'rr',
  'cm',
  'ba',
  'ws',
  'square',
  'triangular',
  'honeycomb',
  'cubic',
  'two-tier',
  'ultrapeer',
  'edges',
  'gexf',
  'graphml',
  'fgb',
] as const;

/** Split on commas that are outside parentheses, brackets and quotes. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

class Params {
  private readonly values = new Map<string, string>();
  private readonly flags = new Set<string>();
  constructor(
    private readonly model: string,
    body: string,
    allowedKeys: string[],
    allowedFlags: string[] = [],
  ) {
    for (const part of splitTopLevel(body)) {
      const eq = part.indexOf('=');
      if (eq < 0) {
        if (!allowedFlags.includes(part)) {
          throw new FragilityInputError(
            `--graph ${model}: ${part}`,
            part,
            `a parameter key=value with key one of ${allowedKeys.join(', ')}${allowedFlags.length ? `, or the flag ${allowedFlags.join(', ')}` : ''}`,
          );
        }
        this.flags.add(part);
        continue;
      }
      const key = part.slice(0, eq).trim();
      const value = part.slice(eq + 1).trim();
      if (!allowedKeys.includes(key)) {
        throw new FragilityInputError(
          `--graph ${model}: ${key}`,
          value,
          `a known parameter: one of ${allowedKeys.join(', ')}`,
        );
      }
      if (this.values.has(key))
        throw new FragilityInputError(`--graph ${model}: ${key}`, value, 'each parameter at most once');
      this.values.set(key, value);
    }
  }
  field(key: string): string {
    return `--graph ${this.model}: ${key}`;
  }
  has(key: string): boolean {
    return this.values.has(key);
  }
  flag(name: string): boolean {
    return this.flags.has(name);
  }
  raw(key: string, allowed: string): string {
    const v = this.values.get(key);
    if (v === undefined) throw new FragilityInputError(this.field(key), undefined, `required: ${allowed}`);
    return v;
  }
  int(key: string, min: number, max = 0x7fffffff, dflt?: number): number {
    const allowed = `an integer ${max >= 0x7fffffff ? `>= ${min}` : `in [${min}, ${max}]`}`;
    if (!this.values.has(key) && dflt !== undefined) return dflt;
    const raw = this.raw(key, allowed);
    const v = parseDecimal(raw); // decimal only: 0x10 is no integer
    if (raw === '' || !Number.isInteger(v) || v < min || v > max)
      throw new FragilityInputError(this.field(key), raw, allowed);
    return v;
  }
  num(key: string, min: number, max: number): number {
    const allowed = max === Infinity ? `a number >= ${min}` : `a number in [${min}, ${max}]`;
    const raw = this.raw(key, allowed);
    const v = parseDecimal(raw); // decimal only: 0x10 is no integer
    if (raw === '' || !Number.isFinite(v) || v < min || v > max)
      throw new FragilityInputError(this.field(key), raw, allowed);
    return v;
  }
  choice<T extends string>(key: string, options: readonly T[], dflt: T): T {
    if (!this.values.has(key)) return dflt;
    const v = this.values.get(key)!;
    if (!(options as readonly string[]).includes(v))
      throw new FragilityInputError(this.field(key), v, `one of ${options.join(', ')}`);
    return v as T;
  }
  degreeLaw(key: string): DegreeLaw {
    const raw = this.raw(key, 'a degree law, e.g. poisson(4) or powerlaw(2.5,kmin=1,cutoff=100)');
    try {
      return parseDegreeLaw(raw);
    } catch (err) {
      throw new FragilityInputError(
        this.field(key),
        raw,
        'a degree law, e.g. poisson(4) or powerlaw(2.5,kmin=1,cutoff=100)',
        (err as Error).message,
      );
    }
  }
  capacityLaw(key: string): CapacityLaw {
    const raw = this.raw(key, 'a capacity law, e.g. uniform(0,1) or weibull(2,scale=1)');
    try {
      return parseCapacityLaw(raw);
    } catch (err) {
      throw new FragilityInputError(
        this.field(key),
        raw,
        'a capacity law, e.g. uniform(0,1) or weibull(2,scale=1)',
        (err as Error).message,
      );
    }
  }
}

const POLICY_TAIL = /,\s*(duplicates|self-loops)\s*=\s*([a-z]+)\s*$/;

/**
 * Parse a `--graph` spec into a typed description, checking every parameter's range (so that errors surface
 * before any work is done).
 *
 * @param spec - e.g. `er:n=1000,k=4`, `cm:n=1e5,law=powerlaw(2.5,kmin=2,cutoff=100)`, `square:L=64,open`.
 * @returns the description (see {@link GraphSpec}).
 * @throws FragilityInputError naming `--graph` (unknown model) or `--graph MODEL: PARAM` with its allowed range.
 *
 * @complexity O(spec length) plus building any degree law named (O(kmax)).
 *
 * @model see the module documentation's table.
 *
 * @references docs/CLI.md, "Graph specs".
 *
 * @example
 * ```ts
 * parseGraphSpec('ws:n=100,k=4,beta=0.1'); // { model: 'ws', n: 100, k: 4, beta: 0.1 }
 * ```
 *
 * @category Graph specs
 */
export function parseGraphSpec(spec: string): GraphSpec {
  if (typeof spec !== 'string')
    throw new FragilityInputError('--graph', spec, 'a graph spec string such as er:n=1000,k=4');
  const colon = spec.indexOf(':');
  const model = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  const body = colon < 0 ? '' : spec.slice(colon + 1);
  const known = `a spec whose model is one of ${GRAPH_SPEC_MODELS.map((m) => m + ':').join(' ')}`;
  switch (model) {
    case 'er': {
      const p = new Params('er', body, ['n', 'k', 'p', 'm']);
      const n = p.int('n', 0);
      const given = ['k', 'p', 'm'].filter((k) => p.has(k));
      if (given.length !== 1) {
        throw new FragilityInputError(
          '--graph er: k',
          given.length ? given.join(' and ') : undefined,
          'exactly one of k (mean degree), p or m',
        );
      }
      if (p.has('m')) return { model: 'er', n, m: p.int('m', 0, Math.min((n * (n - 1)) / 2, 0x3fffffff)) };
      if (p.has('p')) return { model: 'er', n, p: p.num('p', 0, 1) };
      const k = p.num('k', 0, Math.max(0, n - 1));
      return { model: 'er', n, k, p: n > 1 ? k / (n - 1) : 0 };
    }
    case 'rr': {
      const p = new Params('rr', body, ['n', 'k']);
      const n = p.int('n', 0);
      const k = p.int('k', 0, Math.max(0, n - 1));
      if ((n * k) % 2 !== 0)
        throw new FragilityInputError('--graph rr: k', k, `an even k when n (${n}) is odd (n·k must be even)`);
      return { model: 'rr', n, k };
    }
    case 'cm': {
      const p = new Params('cm', body, ['n', 'law', 'mode']);
      return {
        model: 'cm',
        n: p.int('n', 0),
        law: p.degreeLaw('law'),
        mode: p.choice('mode', ['erased', 'multigraph', 'simple'] as const, 'erased'),
      };
    }
    case 'ba': {
      const p = new Params('ba', body, ['n', 'm']);
      const m = p.int('m', 1);
      return { model: 'ba', n: p.int('n', m + 1), m };
    }
    case 'ws': {
      const p = new Params('ws', body, ['n', 'k', 'beta']);
      const n = p.int('n', 0);
      const k = p.int('k', 0, Math.max(0, n - 1));
      if (k % 2 !== 0)
        throw new FragilityInputError('--graph ws: k', k, `an even integer in [0, ${Math.max(0, n - 1)}]`);
      return { model: 'ws', n, k, beta: p.num('beta', 0, 1) };
    }
    case 'square':
    case 'triangular':
    case 'honeycomb':
    case 'cubic': {
      const p = new Params(model, body, ['L'], ['open', 'periodic']);
      const periodic = !p.flag('open');
      const min = !periodic ? 1 : model === 'honeycomb' ? 2 : 3;
      const maxL = model === 'cubic' ? 700 : model === 'square' ? 23170 : 18918;
      const L = p.int('L', 1, maxL);
      if (L < min) {
        throw new FragilityInputError(
          p.field('L'),
          L,
          `an integer >= ${min} for a periodic ${model} lattice`,
          'a smaller periodic lattice wraps onto itself (self-loops or parallel edges); add ,open for open boundaries',
        );
      }
      return { model, L, periodic };
    }
    case 'two-tier': {
      const p = new Params('two-tier', body, ['clients', 'supernodes', 'sn-law', 'cache', 'choice', 'capacity']);
      const supernodes = p.int('supernodes', 1);
      const clients = p.int('clients', 0);
      const cache = p.int('cache', 1, supernodes, Math.min(DEFAULT_HOST_CACHE_SIZE, supernodes));
      const snLaw = p.has('sn-law') ? p.degreeLaw('sn-law') : null;
      if (!snLaw && supernodes <= DEFAULT_CORE_DEGREE) {
        throw new FragilityInputError(
          '--graph two-tier: sn-law',
          undefined,
          `required when supernodes <= ${DEFAULT_CORE_DEGREE} (the default core is ${DEFAULT_CORE_DEGREE}-regular)`,
        );
      }
      if (snLaw && snLaw.kmin === snLaw.kmax && (snLaw.kmin >= supernodes || (snLaw.kmin * supernodes) % 2 !== 0)) {
        throw new FragilityInputError(
          '--graph two-tier: sn-law',
          snLaw.spec,
          `regular(k) with k < supernodes (${supernodes}) and k·supernodes even`,
        );
      }
      const choice = p.choice('choice', ['uniform', 'capacity'] as const, 'uniform');
      const capacity = p.has('capacity') ? p.capacityLaw('capacity') : null;
      return { model: 'two-tier', clients, supernodes, snLaw, cache, choice, capacity };
    }
    case 'ultrapeer': {
      const p = new Params('ultrapeer', body, ['ultrapeers', 'leaves', 'degree', 'leaf-connections']);
      const ultrapeers = p.int('ultrapeers', 1);
      const leaves = p.int('leaves', 0);
      if (!p.has('degree') && ultrapeers <= 32) {
        throw new FragilityInputError(
          '--graph ultrapeer: degree',
          undefined,
          'required when ultrapeers <= 32 (the default degree is 32)',
        );
      }
      const degree = p.int('degree', 0, ultrapeers - 1, 32);
      if ((degree * ultrapeers) % 2 !== 0)
        throw new FragilityInputError('--graph ultrapeer: degree', degree, 'an even degree when ultrapeers is odd');
      const leafConnections = p.int('leaf-connections', 1, ultrapeers, Math.min(3, ultrapeers));
      return { model: 'ultrapeer', ultrapeers, leaves, degree, leafConnections };
    }
    case 'edges':
    case 'gexf':
    case 'graphml':
    case 'fgb': {
      let path = body;
      let selfLoops: EdgePolicy = model === 'edges' ? 'error' : 'keep';
      let duplicates: EdgePolicy = model === 'edges' ? 'error' : 'keep';
      for (let t = POLICY_TAIL.exec(path); t; t = POLICY_TAIL.exec(path)) {
        const v = t[2];
        if (v !== 'keep' && v !== 'drop' && v !== 'error')
          throw new FragilityInputError(`--graph ${model}: ${t[1]}`, v, 'one of keep, drop, error');
        if (t[1] === 'duplicates') duplicates = v;
        else selfLoops = v;
        path = path.slice(0, t.index);
      }
      if (path.trim() === '') throw new FragilityInputError(`--graph ${model}: PATH`, path, 'a file path');
      return { model, path, selfLoops, duplicates };
    }
    default:
      throw new FragilityInputError('--graph', spec, known);
  }
}

/**
 * Estimated peak bytes of building the graph a spec describes (typed arrays; see `graphBuildBytes`), or undefined
 * for file specs (their readers check the file's own header against the budget).
 *
 * @param spec - a graph spec or its parsed form.
 * @param explicit - for two-tier/ultrapeer specs: the explicit graph (true, what {@link graphFromSpec} builds) or
 *   the overlay arrays only (false, {@link overlayFromSpec}).
 * @returns bytes, or undefined.
 *
 * @complexity O(length of the spec).
 *
 * @model ≈ 8 bytes a node + 40 bytes an expected edge (CSR, edge lists, build buffers); overlays 4·C·H + 4·C.
 *
 * @references —
 *
 * @example
 * ```ts
 * graphSpecBytes('er:n=1000000,k=4'); // ≈ 5.6e7
 * ```
 *
 * @category Graph specs
 */
export function graphSpecBytes(spec: string | GraphSpec, explicit = true): number | undefined {
  const s = typeof spec === 'string' ? parseGraphSpec(spec) : spec;
  switch (s.model) {
    case 'er':
      return graphBuildBytes(s.n, s.m !== undefined ? 1.5 * s.m : (s.p * s.n * (s.n - 1)) / 2);
    case 'rr':
      return graphBuildBytes(s.n, s.n * s.k);
    case 'cm':
      return graphBuildBytes(s.n, (s.n * (Number.isFinite(s.law.mean) ? s.law.mean : 0)) / 2 + s.n);
    case 'ba':
      return graphBuildBytes(s.n, 1.5 * s.n * s.m);
    case 'ws':
      return graphBuildBytes(s.n, s.n * s.k);
    case 'square':
      return graphBuildBytes(s.L ** 2, 2 * s.L ** 2);
    case 'triangular':
      return graphBuildBytes(s.L ** 2, 3 * s.L ** 2);
    case 'honeycomb':
      return graphBuildBytes(2 * s.L ** 2, 3 * s.L ** 2);
    case 'cubic':
      return graphBuildBytes(s.L ** 3, 3 * s.L ** 3);
    case 'two-tier':
    case 'ultrapeer': {
      const [S, C, H, k] =
        s.model === 'two-tier'
          ? [
              s.supernodes,
              s.clients,
              s.cache,
              s.snLaw ? (Number.isFinite(s.snLaw.mean) ? s.snLaw.mean : 0) : DEFAULT_CORE_DEGREE,
            ]
          : [s.ultrapeers, s.leaves, s.leafConnections, s.degree];
      const overlay = 4 * C * H + 4 * C + 8 * S + graphBuildBytes(S, (S * k) / 2);
      return explicit ? overlay + graphBuildBytes(S + C, (S * k) / 2 + C * H) : overlay;
    }
    default:
      return undefined;
  }
}

/**
 * Refuse a spec whose graph would not fit the memory budget (src/resources.ts), before anything is allocated.
 *
 * @param spec - a graph spec or its parsed form.
 * @param explicit - see {@link graphSpecBytes}.
 * @param copies - how many copies live at once (e.g. one per compute thread; default 1).
 * @param label - the spec text named in the error (default: the spec string).
 * @throws FragilityInputError naming `--graph`, with the estimate, the budget and how to raise it.
 *
 * @complexity O(length of the spec).
 *
 * @model copies × {@link graphSpecBytes} ≤ budget.
 *
 * @references —
 *
 * @example
 * ```ts
 * checkGraphSpecMemory('er:n=1000,k=4'); // fine
 * ```
 *
 * @category Graph specs
 */
export function checkGraphSpecMemory(spec: string | GraphSpec, explicit = true, copies = 1, label?: string): void {
  const bytes = graphSpecBytes(spec, explicit);
  if (bytes === undefined) return;
  label ??= typeof spec === 'string' ? spec : `${spec.model}:…`;
  checkMemory(
    '--graph',
    label,
    copies * bytes,
    copies > 1 ? `${copies} copies of this graph (one per compute thread)` : 'this graph',
  );
}

/**
 * Options for {@link graphFromSpec} and {@link overlayFromSpec}.
 *
 * @category Graph specs
 */
export interface GraphFromSpecOptions {
  /** Random seed (the generator uses `stream(seed, 0)`). */
  seed: number;
}

/**
 * Build the graph a `--graph` spec describes. Two-tier and ultrapeer specs give the explicit graph
 * ({@link twoTierToCompactGraph}: core nodes first, then clients, with roles); file specs read the file.
 *
 * @param spec - a graph spec (see the module documentation) or a parsed {@link GraphSpec}.
 * @param opts - `{ seed }`.
 * @returns the graph.
 * @throws FragilityInputError for a bad spec or an unreadable / malformed file.
 *
 * @complexity that of the generator or reader (O(n + m)).
 *
 * @model see each generator.
 *
 * @references docs/CLI.md, "Graph specs".
 *
 * @example
 * ```ts
 * const g = await graphFromSpec('er:n=1000,k=4', { seed: 1 });
 * ```
 *
 * @category Graph specs
 */
export async function graphFromSpec(spec: string | GraphSpec, opts: GraphFromSpecOptions): Promise<CompactGraph> {
  const s = typeof spec === 'string' ? parseGraphSpec(spec) : spec;
  checkGraphSpecMemory(s, true, 1, typeof spec === 'string' ? spec : undefined);
  const rng = seededRng(opts.seed);
  switch (s.model) {
    case 'er':
      return s.m !== undefined ? erdosRenyiM(s.n, s.m, rng) : erdosRenyi(s.n, s.p, rng);
    case 'rr':
      return randomRegular(s.n, s.k, rng);
    case 'cm':
      return configurationModelFromLaw(s.n, s.law, rng, { mode: s.mode });
    case 'ba':
      return barabasiAlbert(s.n, s.m, rng);
    case 'ws':
      return wattsStrogatz(s.n, s.k, s.beta, rng);
    case 'square':
      return squareLattice(s.L, { periodic: s.periodic });
    case 'triangular':
      return triangularLattice(s.L, { periodic: s.periodic });
    case 'honeycomb':
      return honeycombLattice(s.L, { periodic: s.periodic });
    case 'cubic':
      return cubicLattice(s.L, { periodic: s.periodic });
    case 'two-tier':
      return twoTierToCompactGraph(buildOverlay(s, rng));
    case 'ultrapeer':
      return twoTierToCompactGraph(buildOverlay(s, rng), { coreRole: Role.Ultrapeer });
    case 'edges':
      // by extension: a .fgb file given as edges:PATH is read as the binary format, with the same policies
      if (isFgbPath(s.path)) return readFgb(s.path, { selfLoops: s.selfLoops, duplicates: s.duplicates });
      return readEdgeList(s.path, { selfLoops: s.selfLoops, duplicates: s.duplicates });
    case 'fgb':
      return readFgb(s.path, { selfLoops: s.selfLoops, duplicates: s.duplicates });
    case 'gexf':
      return readGexf(s.path, { selfLoops: s.selfLoops, duplicates: s.duplicates });
    case 'graphml':
      return readGraphml(s.path, { selfLoops: s.selfLoops, duplicates: s.duplicates });
  }
}

/**
 * Build the {@link TwoTierOverlay} a `two-tier:` or `ultrapeer:` spec describes (no explicit client edges: this is
 * the form that scales to Skype size).
 *
 * @param spec - a `two-tier:` or `ultrapeer:` spec, or its parsed form.
 * @param opts - `{ seed }` (same stream as {@link graphFromSpec}, so both give the same overlay).
 * @returns the overlay.
 * @throws FragilityInputError for other models or bad parameters.
 *
 * @complexity O(S·k + C·H²).
 *
 * @model see `twoTierOverlay` and `ultrapeerOverlay`.
 *
 * @references docs/reference/skype-calibration.md rows 4–8; section 3 (LimeWire).
 *
 * @example
 * ```ts
 * const o = overlayFromSpec('two-tier:clients=80000,supernodes=100,sn-law=regular(8),cache=4', { seed: 1 });
 * ```
 *
 * @category Graph specs
 */
export function overlayFromSpec(spec: string | GraphSpec, opts: GraphFromSpecOptions): TwoTierOverlay {
  const s = typeof spec === 'string' ? parseGraphSpec(spec) : spec;
  if (s.model !== 'two-tier' && s.model !== 'ultrapeer') {
    throw new FragilityInputError('--graph', s.model, 'a two-tier: or ultrapeer: spec for an overlay');
  }
  checkGraphSpecMemory(s, false, 1, typeof spec === 'string' ? spec : undefined);
  return buildOverlay(s, seededRng(opts.seed));
}

function seededRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new FragilityInputError('seed', seed, 'a safe integer');
  return stream(seed, 0);
}

function buildOverlay(s: Extract<GraphSpec, { model: 'two-tier' | 'ultrapeer' }>, rng: Rng): TwoTierOverlay {
  if (s.model === 'ultrapeer') {
    return ultrapeerOverlay(
      { ultrapeers: s.ultrapeers, leaves: s.leaves, ultrapeerDegree: s.degree, leafConnections: s.leafConnections },
      rng,
    );
  }
  return twoTierOverlay(
    {
      supernodes: s.supernodes,
      clients: s.clients,
      coreLaw: s.snLaw ?? DEFAULT_CORE_DEGREE,
      cacheSize: s.cache,
      choice: s.choice,
      capacity: s.capacity ?? undefined,
    },
    rng,
  );
}
