// Properties of the `--graph` spec parser (issue 17, point 5): a spec written with its parameters in any order and
// with any spacing parses to the same description (a round trip from a generated description); a parameter out of
// its range, unknown or repeated is refused with a FragilityInputError naming `--graph MODEL: KEY`; arbitrary text
// never makes the parser throw anything else; splitTopLevel inverts a join of bracketed parts; the graph built from a
// spec has the node and edge counts the spec states.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FragilityInputError } from '../../src/errors.ts';
import { fieldOf } from '../property-oracles.ts';
import { graphFromSpec, parseGraphSpec, splitTopLevel, type GraphSpec } from '../../src/generators/spec.ts';

type Params = Array<[string, string]>;
interface Case {
  model: string;
  params: Params;
  flags: string[];
  expected: GraphSpec;
}

const decimal = (x: number) => String(x);
const cases: fc.Arbitrary<Case> = fc.oneof(
  fc.tuple(fc.integer({ min: 2, max: 5000 }), fc.nat()).map(([n, m]) => {
    const mm = m % Math.min((n * (n - 1)) / 2 + 1, 10000);
    return {
      model: 'er',
      params: [
        ['n', decimal(n)],
        ['m', decimal(mm)],
      ] as Params,
      flags: [],
      expected: { model: 'er', n, m: mm } as GraphSpec,
    };
  }),
  fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true })).map(([n, p]) => ({
    model: 'er',
    params: [
      ['n', decimal(n)],
      ['p', decimal(p)],
    ] as Params,
    flags: [],
    expected: { model: 'er', n, p } as GraphSpec,
  })),
  fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.nat()).map(([n, k0]) => {
    const k = k0 % n;
    const kk = (n * k) % 2 === 0 ? k : k - 1;
    return {
      model: 'rr',
      params: [
        ['n', decimal(n)],
        ['k', decimal(kk)],
      ] as Params,
      flags: [],
      expected: { model: 'rr', n, k: kk } as GraphSpec,
    };
  }),
  fc.tuple(fc.integer({ min: 1, max: 20 }), fc.nat(5000)).map(([m, extra]) => ({
    model: 'ba',
    params: [
      ['n', decimal(m + 1 + extra)],
      ['m', decimal(m)],
    ] as Params,
    flags: [],
    expected: { model: 'ba', n: m + 1 + extra, m } as GraphSpec,
  })),
  fc
    .tuple(fc.integer({ min: 1, max: 5000 }), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([n, k0, beta]) => {
      const k = 2 * Math.floor((k0 % n) / 2);
      return {
        model: 'ws',
        params: [
          ['n', decimal(n)],
          ['k', decimal(k)],
          ['beta', decimal(beta)],
        ] as Params,
        flags: [],
        expected: { model: 'ws', n, k, beta } as GraphSpec,
      };
    }),
  fc
    .tuple(
      fc.constantFrom('square', 'triangular', 'honeycomb', 'cubic'),
      fc.integer({ min: 3, max: 200 }),
      fc.boolean(),
    )
    .map(([model, L, open]) => ({
      model,
      params: [['L', decimal(L)]] as Params,
      flags: open ? ['open'] : [],
      expected: { model, L, periodic: !open } as GraphSpec,
    })),
  fc.tuple(fc.integer({ min: 33, max: 500 }), fc.nat(10000), fc.nat(), fc.nat()).map(([u, leaves, d0, lc0]) => {
    const d = d0 % u;
    const degree = (d * u) % 2 === 0 ? d : d - 1;
    const leafConnections = 1 + (lc0 % u);
    return {
      model: 'ultrapeer',
      params: [
        ['ultrapeers', decimal(u)],
        ['leaves', decimal(leaves)],
        ['degree', decimal(degree)],
        ['leaf-connections', decimal(leafConnections)],
      ] as Params,
      flags: [],
      expected: { model: 'ultrapeer', ultrapeers: u, leaves, degree, leafConnections } as GraphSpec,
    };
  }),
);

const space = fc.constantFrom('', '', ' ', '  ');

/** Render a case with its parameters shuffled and spaces around keys, values and commas. */
const rendered = cases.chain((c) =>
  fc
    .tuple(
      fc.shuffledSubarray([...c.params.map(([k, v]) => `${k}=${v}`), ...c.flags], {
        minLength: c.params.length + c.flags.length,
      }),
      fc.array(space, { minLength: 24, maxLength: 24 }),
    )
    .map(([parts, sp]) => ({
      c,
      text: `${c.model}:${parts.map((p, i) => `${sp[2 * i]}${p.replace('=', `${sp[2 * i + 1]}=${sp[2 * i + 1]}`)}${sp[2 * i]}`).join(',')}`,
    })),
);

describe('graph spec parser: properties', () => {
  it('parses a spec with its parameters in any order and any spacing to the description it was written from', () => {
    fc.assert(
      fc.property(rendered, ({ c, text }) => {
        expect(parseGraphSpec(text)).toEqual(c.expected);
      }),
      { numRuns: 400, seed: 71 },
    );
  });

  it('refuses an out-of-range, unknown or repeated parameter with a FragilityInputError naming it', () => {
    fc.assert(
      fc.property(
        cases,
        fc.nat(),
        fc.constantFrom('negative', 'fraction', 'hex', 'unknown', 'repeat'),
        (c, pick, how) => {
          const ints = c.params.filter(
            ([k, v]) => /^\d+$/.test(v) && !(c.model === 'er' && k === 'p') && !(c.model === 'ws' && k === 'beta'),
          );
          const [key, value] = ints[pick % ints.length];
          const others = c.params.filter(([k]) => k !== key).map(([k, v]) => `${k}=${v}`);
          const bad = {
            negative: [`${key}=-1`],
            fraction: [`${key}=${value}.5`],
            hex: [`${key}=0x10`],
            unknown: [`${key}=${value}`, 'zz=1'],
            repeat: [`${key}=${value}`, `${key}=${value}`],
          }[how];
          const text = `${c.model}:${[...others, ...bad, ...c.flags].join(',')}`;
          const field = fieldOf(() => parseGraphSpec(text));
          expect(field, text).toBe(`--graph ${c.model}: ${how === 'unknown' ? 'zz' : key}`);
        },
      ),
      { numRuns: 300, seed: 72 },
    );
  });

  it('arbitrary text either parses or throws a FragilityInputError, never anything else', () => {
    const model = fc.constantFrom(
      'er',
      'rr',
      'cm',
      'ba',
      'ws',
      'square',
      'cubic',
      'two-tier',
      'ultrapeer',
      'edges',
      'gexf',
      'nope',
      '',
    );
    const body = fc.stringMatching(/^[a-z0-9=,.()\-+e ":'[\]]{0,40}$/);
    fc.assert(
      fc.property(model, body, (m, b) => {
        try {
          parseGraphSpec(`${m}:${b}`);
        } catch (e) {
          expect(e).toBeInstanceOf(FragilityInputError);
        }
      }),
      { numRuns: 500, seed: 73 },
    );
  });

  it('splitTopLevel inverts a comma join of parts whose commas are inside brackets or quotes', () => {
    const inner = fc.stringMatching(/^[a-z0-9=.,]{0,8}$/);
    const part = fc.oneof(
      fc.stringMatching(/^[a-z0-9=.]{1,8}$/),
      fc.tuple(fc.stringMatching(/^[a-z]{1,5}$/), inner).map(([f, x]) => `${f}(${x})`),
      fc.tuple(fc.stringMatching(/^[a-z]{1,5}$/), inner).map(([f, x]) => `${f}=[${x}]`),
      inner.map((x) => `"${x}"`),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), (parts) => {
        expect(splitTopLevel(parts.join(','))).toEqual(parts);
      }),
      { numRuns: 300, seed: 74 },
    );
  });

  it('the graph built from a spec has the node and edge counts it states', async () => {
    const small = fc.oneof(
      fc
        .tuple(fc.integer({ min: 2, max: 60 }), fc.nat(100))
        .map(([n, m]) => ({ spec: `er:n=${n},m=${m % ((n * (n - 1)) / 2 + 1)}`, n, m: m % ((n * (n - 1)) / 2 + 1) })),
      fc
        .tuple(fc.integer({ min: 4, max: 60 }), fc.integer({ min: 1, max: 3 }))
        .map(([n, k]) => ({ spec: `rr:n=${2 * n},k=${k}`, n: 2 * n, m: n * k })),
      fc.tuple(fc.integer({ min: 3, max: 8 }), fc.boolean()).map(([L, open]) => ({
        spec: `square:L=${L}${open ? ',open' : ''}`,
        n: L * L,
        m: open ? 2 * L * (L - 1) : 2 * L * L,
      })),
      fc
        .tuple(fc.integer({ min: 5, max: 60 }), fc.integer({ min: 1, max: 2 }))
        .map(([n, k]) => ({ spec: `ws:n=${n},k=${2 * k},beta=0.3`, n, m: n * k })),
    );
    await fc.assert(
      fc.asyncProperty(small, fc.integer({ min: 1, max: 1000 }), async ({ spec, n, m }, seed) => {
        const g = await graphFromSpec(spec, { seed });
        expect(g.n).toBe(n);
        expect(g.m).toBe(m);
      }),
      { numRuns: 60, seed: 75 },
    );
  });
});
