/**
 * Parse degree-law and capacity-law spec strings (the CLI's `--law`, `law=` and `--capacity`).
 *
 * Grammar (whitespace ignored; numbers in JavaScript syntax, e.g. `2.5`, `1e4`, `-0.5`; strings in double or single
 * quotes with JSON escapes):
 *
 * ```
 * law      := NAME '(' [arg (',' arg)*] ')'
 * arg      := NAME '=' NUMBER | NUMBER | STRING | NUMBER ':' NUMBER | NUMBER '*' law
 * ```
 *
 * Degree laws: `poisson(c)` · `regular(k)` · `powerlaw(tau[,kmin=1][,cutoff=kappa][,kmax=K])` · `ba(m[,kmax=K])` ·
 * `bimodal(k1,k2,frac2)` · `mixture(w1*law1,w2*law2,…)` · `empirical(k1:w1,k2:w2,…)` ·
 * `expr("formula in k"[,kmin=1],kmax=K)`.
 * Capacity laws: `uniform(a,b)` · `weibull(rho[,scale=1])` · `lognormal(mu,sigma)` · `empirical(x1,x2,…)` ·
 * `expr("density in x",lo=A,hi=B[,cells=4096])`.
 * Positional parameters may also be given by name (`poisson(c=4)`, `weibull(rho=2,scale=1)`).
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { CapacityLaw, DegreeLaw } from './types.ts';
import { poissonLaw } from './poisson-law.ts';
import { regularLaw } from './regular-law.ts';
import { powerLawDegreeLaw } from './power-law.ts';
import { barabasiAlbertLaw } from './ba-law.ts';
import { bimodalLaw } from './bimodal-law.ts';
import { mixtureLaw, type MixtureComponent } from './mixture-law.ts';
import { empiricalLawFromWeights } from './empirical-law.ts';
import { expressionDegreeLaw } from './expression-law.ts';
import { uniformCapacity } from './uniform-capacity.ts';
import { weibullCapacity } from './weibull-capacity.ts';
import { lognormalCapacity } from './lognormal-capacity.ts';
import { empiricalCapacity } from './empirical-capacity.ts';
import { expressionCapacity } from './expression-capacity.ts';

/**
 * The degree-law forms accepted by {@link parseDegreeLaw}.
 *
 * @category Parsing
 */
export const DEGREE_LAW_FORMS =
  'poisson(c), regular(k), powerlaw(tau,kmin=1,cutoff=kappa), powerlaw(tau,kmin=1,kmax=K), ba(m), ' +
  'bimodal(k1,k2,frac2), mixture(w1*law1,...), empirical(k1:w1,...), expr("f(k)",kmin=1,kmax=K)';

/**
 * The capacity-law forms accepted by {@link parseCapacityLaw}.
 *
 * @category Parsing
 */
export const CAPACITY_LAW_FORMS =
  'uniform(a,b), weibull(rho,scale=1), lognormal(mu,sigma), empirical(x1,x2,...), expr("f(x)",lo=A,hi=B)';

// ---------------------------------------------------------------------------------------------------------------
// Tokens and syntax tree

type Token =
  | { t: 'num'; v: number; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'name'; v: string; pos: number }
  | { t: 'punct'; v: string; pos: number }
  | { t: 'end'; pos: number };

/** A parsed argument. */
type Arg =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'pair'; key: number; value: number }
  | { kind: 'weighted'; weight: number; law: Call }
  | { kind: 'named'; name: string; value: Arg };

/** A parsed law call `name(args)`. */
interface Call {
  name: string;
  args: Arg[];
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|^[+-]?Infinity/;

function tokenize(src: string, field: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new FragilityInputError(field, src, 'a law spec such as poisson(4)', `${why} at position ${i}`);
  };
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
    } else if ('(),=*:'.includes(ch)) {
      out.push({ t: 'punct', v: ch, pos: i });
      i++;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      let raw = '';
      while (j < src.length && src[j] !== ch) {
        if (src[j] === '\\' && j + 1 < src.length) {
          raw += src[j] + src[j + 1];
          j += 2;
        } else raw += src[j++];
      }
      if (j >= src.length) fail('unterminated string');
      let value = raw;
      if (ch === '"') {
        try {
          value = JSON.parse(`"${raw}"`) as string;
        } catch {
          fail('bad escape in string');
        }
      } else value = raw.replace(/\\'/g, "'");
      out.push({ t: 'str', v: value, pos: i });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch) && !src.startsWith('Infinity', i)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))!;
      out.push({ t: 'name', v: m[0], pos: i });
      i += m[0].length;
    } else {
      const m = NUMBER_RE.exec(src.slice(i));
      if (!m) fail(`unexpected character ${JSON.stringify(ch)}`);
      out.push({ t: 'num', v: Number(m![0]), pos: i });
      i += m![0].length;
    }
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}

function parseCall(src: string, field: string): Call {
  const toks = tokenize(src, field);
  let p = 0;
  const fail = (why: string): never => {
    throw new FragilityInputError(field, src, 'a law spec such as poisson(4)', why);
  };
  const peek = (): Token => toks[p];
  const expectPunct = (v: string): void => {
    const t = toks[p];
    if (t.t !== 'punct' || t.v !== v) fail(`expected '${v}' at position ${t.pos}`);
    p++;
  };
  const call = (): Call => {
    const t = toks[p];
    if (t.t !== 'name') return fail(`expected a law name at position ${t.pos}`);
    p++;
    expectPunct('(');
    const args: Arg[] = [];
    const tt = peek();
    if (!(tt.t === 'punct' && tt.v === ')')) {
      for (;;) {
        args.push(arg());
        const n = peek();
        if (n.t === 'punct' && n.v === ',') {
          p++;
          continue;
        }
        break;
      }
    }
    expectPunct(')');
    return { name: t.v.toLowerCase(), args };
  };
  const value = (): Arg => {
    const t = toks[p];
    if (t.t === 'str') {
      p++;
      return { kind: 'str', value: t.v };
    }
    if (t.t === 'num') {
      p++;
      const n = peek();
      if (n.t === 'punct' && n.v === ':') {
        p++;
        const w = toks[p];
        if (w.t !== 'num') return fail(`expected a number after ':' at position ${w.pos}`);
        p++;
        return { kind: 'pair', key: t.v, value: w.v };
      }
      if (n.t === 'punct' && n.v === '*') {
        p++;
        return { kind: 'weighted', weight: t.v, law: call() };
      }
      return { kind: 'num', value: t.v };
    }
    return fail(`expected a value at position ${t.pos}`);
  };
  const arg = (): Arg => {
    const t = toks[p];
    const n = toks[p + 1];
    if (t.t === 'name' && n && n.t === 'punct' && n.v === '=') {
      p += 2;
      return { kind: 'named', name: t.v, value: value() };
    }
    return value();
  };
  const c = call();
  if (toks[p].t !== 'end') fail(`unexpected text after the law at position ${toks[p].pos}`);
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// Binding arguments to parameters

interface Bound {
  num(name: string): number;
  optNum(name: string): number | undefined;
  str(name: string): string;
}

/**
 * Bind positional and named arguments to the parameter list `params` (names, in positional order); names listed in
 * `optional` may be missing. Only number and string arguments are accepted here.
 */
function bind(call: Call, params: string[], prefix: string, optional: string[] = []): Bound {
  const values = new Map<string, Arg>();
  let pos = 0;
  for (const a of call.args) {
    if (a.kind === 'named') {
      if (!params.includes(a.name)) {
        throw new FragilityInputError(
          `${prefix}.${a.name}`,
          a.name,
          `one of the parameters of ${call.name}: ${params.join(', ')}`,
        );
      }
      if (values.has(a.name)) throw new FragilityInputError(`${prefix}.${a.name}`, a.name, 'a parameter given once');
      values.set(a.name, a.value);
    } else {
      if (pos >= params.length) {
        throw new FragilityInputError(
          `${prefix}`,
          call.args.length,
          `at most ${params.length} parameters for ${call.name}(${params.join(',')})`,
        );
      }
      const name = params[pos++];
      if (values.has(name)) throw new FragilityInputError(`${prefix}.${name}`, name, 'a parameter given once');
      values.set(name, a);
    }
  }
  for (const name of params) {
    if (!values.has(name) && !optional.includes(name)) {
      throw new FragilityInputError(`${prefix}.${name}`, undefined, `a value (${call.name}(${params.join(',')}))`);
    }
  }
  return {
    num(name) {
      const v = this.optNum(name);
      if (v === undefined) throw new FragilityInputError(`${prefix}.${name}`, undefined, 'a number');
      return v;
    },
    optNum(name) {
      const a = values.get(name);
      if (a === undefined) return undefined;
      if (a.kind !== 'num') throw new FragilityInputError(`${prefix}.${name}`, describeArg(a), 'a number');
      return a.value;
    },
    str(name) {
      const a = values.get(name);
      if (a === undefined || a.kind !== 'str') {
        throw new FragilityInputError(
          `${prefix}.${name}`,
          a === undefined ? undefined : describeArg(a),
          'a quoted string',
        );
      }
      return a.value;
    },
  };
}

function describeArg(a: Arg): string {
  switch (a.kind) {
    case 'num':
      return String(a.value);
    case 'str':
      return JSON.stringify(a.value);
    case 'pair':
      return `${a.key}:${a.value}`;
    case 'weighted':
      return `${a.weight}*${a.law.name}(…)`;
    case 'named':
      return `${a.name}=${describeArg(a.value)}`;
  }
}

function degreeFromCall(call: Call): DegreeLaw {
  const P = 'law';
  switch (call.name) {
    case 'poisson':
      return poissonLaw(bind(call, ['c'], P).num('c'));
    case 'regular':
      return regularLaw(bind(call, ['k'], P).num('k'));
    case 'powerlaw':
    case 'power-law':
    case 'power_law': {
      const b = bind(call, ['tau', 'kmin', 'cutoff', 'kmax'], P, ['kmin', 'cutoff', 'kmax']);
      return powerLawDegreeLaw(b.num('tau'), {
        kmin: b.optNum('kmin'),
        cutoff: b.optNum('cutoff'),
        kmax: b.optNum('kmax'),
      });
    }
    case 'ba': {
      const b = bind(call, ['m', 'kmax'], P, ['kmax']);
      return barabasiAlbertLaw(b.num('m'), { kmax: b.optNum('kmax') });
    }
    case 'bimodal': {
      const b = bind(call, ['k1', 'k2', 'frac2'], P);
      return bimodalLaw(b.num('k1'), b.num('k2'), b.num('frac2'));
    }
    case 'expr': {
      const b = bind(call, ['expr', 'kmin', 'kmax'], P, ['kmin']);
      return expressionDegreeLaw(b.str('expr'), { kmin: b.optNum('kmin'), kmax: b.num('kmax') });
    }
    case 'mixture': {
      if (call.args.length === 0) throw new FragilityInputError('law.components', 0, 'at least one weighted law w*law');
      const comps: MixtureComponent[] = call.args.map((a, i) => {
        if (a.kind !== 'weighted') {
          throw new FragilityInputError(
            `law.components[${i}]`,
            describeArg(a),
            'a weighted law such as 0.3*poisson(2)',
          );
        }
        return { weight: a.weight, law: degreeFromCall(a.law) };
      });
      return mixtureLaw(comps);
    }
    case 'empirical': {
      if (call.args.length === 0) throw new FragilityInputError('law.degrees', 0, 'at least one pair k:weight');
      const pairs = call.args.map((a, i): [number, number] => {
        if (a.kind !== 'pair') throw new FragilityInputError(`law.degrees[${i}]`, describeArg(a), 'a pair k:weight');
        return [a.key, a.value];
      });
      return empiricalLawFromWeights(pairs);
    }
    default:
      throw new FragilityInputError('law', call.name, `a known degree law: ${DEGREE_LAW_FORMS}`);
  }
}

function capacityFromCall(call: Call): CapacityLaw {
  const P = 'capacity';
  switch (call.name) {
    case 'uniform': {
      const b = bind(call, ['a', 'b'], P);
      return uniformCapacity(b.num('a'), b.num('b'));
    }
    case 'weibull': {
      const b = bind(call, ['rho', 'scale'], P, ['scale']);
      return weibullCapacity(b.num('rho'), b.optNum('scale') ?? 1);
    }
    case 'lognormal': {
      const b = bind(call, ['mu', 'sigma'], P);
      return lognormalCapacity(b.num('mu'), b.num('sigma'));
    }
    case 'expr': {
      const b = bind(call, ['expr', 'lo', 'hi', 'cells'], P, ['cells']);
      return expressionCapacity(b.str('expr'), { lo: b.num('lo'), hi: b.num('hi'), cells: b.optNum('cells') });
    }
    case 'empirical': {
      if (call.args.length === 0) throw new FragilityInputError('capacity.samples', 0, 'at least one capacity');
      const xs = call.args.map((a, i) => {
        if (a.kind !== 'num') throw new FragilityInputError(`capacity.samples[${i}]`, describeArg(a), 'a number >= 0');
        return a.value;
      });
      return empiricalCapacity(xs);
    }
    default:
      throw new FragilityInputError('capacity', call.name, `a known capacity law: ${CAPACITY_LAW_FORMS}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Laws already built, by spec string. A scenario names its laws once but validation, the connectivity comparison (random
// and targeted), the timeline and every what-if each asked for them again: an expr(...) law was parsed, compiled and
// tabulated (up to 1e7 evaluations) each time. Laws are immutable data plus pure functions, so the same object can be
// shared; failures are not cached. Bounded, oldest entry evicted first.

const CACHE_SIZE = 32;
const degreeCache = new Map<string, DegreeLaw>();
const capacityCache = new Map<string, CapacityLaw>();

function cached<L>(cache: Map<string, L>, spec: string, build: () => L): L {
  const hit = cache.get(spec);
  if (hit !== undefined) return hit;
  const law = build();
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(spec, law);
  return law;
}

/**
 * Parse a degree-law spec such as `poisson(4)` or `powerlaw(2.5,kmin=1,cutoff=100)` into a {@link DegreeLaw}.
 *
 * @param spec - the spec (grammar in the module documentation); `law.spec` is its canonical form and parses back
 *   into the same law.
 * @returns the law; the same object for the same spec string within a process (the last 32 specs are kept), so a
 *   law is parsed, compiled and tabulated once per run.
 * @throws FragilityInputError: field `law` for a malformed spec or an unknown law; `law.<param>` (e.g. `law.tau`)
 *   with the allowed range for a bad parameter.
 *
 * @complexity that of the law's constructor (O(kmax)).
 *
 * @model see the constructors: {@link poissonLaw}, {@link regularLaw}, {@link powerLawDegreeLaw},
 * {@link barabasiAlbertLaw}, {@link bimodalLaw}, {@link mixtureLaw}, {@link empiricalLawFromWeights},
 * {@link expressionDegreeLaw}.
 *
 * @references Newman, Strogatz & Watts, Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * parseDegreeLaw('poisson(4)').mean; // 4
 * parseDegreeLaw('mixture(0.3*poisson(2),0.7*regular(5))').mean; // 4.1
 * ```
 *
 * @category Parsing
 */
export function parseDegreeLaw(spec: string): DegreeLaw {
  if (typeof spec !== 'string') throw new FragilityInputError('law', spec, `a law spec: ${DEGREE_LAW_FORMS}`);
  return cached(degreeCache, spec, () => degreeFromCall(parseCall(spec, 'law')));
}

/**
 * Parse a capacity-law spec such as `uniform(0,1)` or `weibull(2,scale=1)` into a {@link CapacityLaw}.
 *
 * @param spec - the spec (grammar in the module documentation); `law.spec` is its canonical form.
 * @returns the law (support within [0, ∞)); the same object for the same spec string within a process (the last 32
 *   specs are kept).
 * @throws FragilityInputError: field `capacity` for a malformed spec or an unknown law; `capacity.<param>` with the
 *   allowed range for a bad parameter (e.g. `capacity.a` for `uniform(-1,1)`: capacities are >= 0).
 *
 * @complexity O(1) (uniform, Weibull, log-normal), O(n log n) (empirical), O(cells) (expr).
 *
 * @model see {@link uniformCapacity}, {@link weibullCapacity}, {@link lognormalCapacity},
 * {@link empiricalCapacity}, {@link expressionCapacity}.
 *
 * @references Pradhan, Hansen & Chakrabarti, Rev. Mod. Phys. 82, 499 (2010), doi:10.1103/RevModPhys.82.499.
 *
 * @example
 * ```ts
 * parseCapacityLaw('uniform(0,1)').mean; // 0.5
 * ```
 *
 * @category Parsing
 */
export function parseCapacityLaw(spec: string): CapacityLaw {
  if (typeof spec !== 'string')
    throw new FragilityInputError('capacity', spec, `a capacity law spec: ${CAPACITY_LAW_FORMS}`);
  return cached(capacityCache, spec, () => capacityFromCall(parseCall(spec, 'capacity')));
}
