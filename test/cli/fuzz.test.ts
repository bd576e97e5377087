// Issue 14, point 8: a fuzz suite. fast-check generators of bad CLI options, graph and law specs, edge lists, XML
// and scenario files, run in process through the CLI entry main(argv) (run-main.ts), each case within a time and
// memory budget. The number of cases per category is in the test names; seeds are fixed, so a failure reproduces.
//
// Every case must end with exit 0 or 2 — never 1, never a hang — and, when it fails, with exactly one line on stderr
// (no stack trace, no library noise such as "[xmldom error]", no "Cannot read properties"). Where a library function
// decides the same question (parseEdgeList, parseGexf, parseGraphml, loadScenario), the CLI must agree with it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEdgeList } from '../../src/graph/edgelist.ts';
import { formatGexf, formatGraphml, parseGexf, parseGraphml } from '../../src/graph/xml-formats.ts';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { loadScenario } from '../../src/scenarios/load.ts';
import { smallScenario } from '../scenarios/fixtures.ts';
import { runMain, type MainRun } from './run-main.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-fuzz-'));
let fileNo = 0;
const file = (ext: string, text: string): string => {
  const p = join(dir, `case-${fileNo++}.${ext}`);
  writeFileSync(p, text);
  return p;
};

/**
 * Per-case budget, under the acceptance bound of 10 s. Generous for a shared 2-core machine (the suite runs beside
 * other test files); the old behaviour exceeded it by far (35 s, over a minute, heap exhaustion). The first run of a
 * command also loads its modules, hence the warm-up runs below.
 */
const BUDGET = { ms: 8000, heapGrowth: 256e6, rss: 1.5e9 };

/** Run each argv once, unchecked, so that module loading is not charged to the first case. */
async function warmUp(...argvs: string[][]): Promise<void> {
  for (const a of argvs) await runMain(a);
}

/** Exit 0 or 2; if 2, one clean line; within the budget. `mustFail`: the input is known to be invalid. */
function wellBehaved(r: MainRun, argv: string[], mustFail: boolean): void {
  const where = JSON.stringify(argv).slice(0, 300);
  expect(r.status, `${where}\n${r.stderr}`).toBe(mustFail ? 2 : r.status === 0 ? 0 : 2);
  if (r.status === 2) {
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, where).toHaveLength(1);
    expect(lines[0], where).toMatch(/^(fragility: |error: )/);
  }
  expect(r.stderr, where).not.toMatch(
    /\n\s+at |Cannot read properties|is not a function|\[xmldom|Maximum call stack|RangeError|TypeError/,
  );
  expect(r.ms, where).toBeLessThan(BUDGET.ms);
  expect(r.heapGrowth, where).toBeLessThan(BUDGET.heapGrowth);
  expect(r.rss, where).toBeLessThan(BUDGET.rss);
}

// ---------------------------------------------------------------------------------------------------------------
// Bad option values: each generated value is invalid for its option, so the run must exit 2.

type Kind = { int: [number, number] } | { num: [number, number] } | { list: [number, number] } | { choice: string[] };
const OPTIONS: { base: string[]; option: string; kind: Kind }[] = [
  { base: ['sweep', '--graph', 'square:L=4'], option: '--runs', kind: { int: [1, 1e7] } },
  { base: ['sweep', '--graph', 'square:L=4'], option: '--workers', kind: { int: [1, 256] } },
  { base: ['sweep', '--graph', 'square:L=4'], option: '--grid-points', kind: { int: [3, 100001] } },
  { base: ['sweep', '--graph', 'square:L=4'], option: '--bootstrap', kind: { int: [0, 100000] } },
  { base: ['sweep', '--graph', 'square:L=4'], option: '--q', kind: { list: [0, 1] } },
  { base: ['sweep', '--graph', 'square:L=4'], option: '--order', kind: { choice: ['random', 'degree'] } },
  { base: ['sweep', '--graph', 'square:L=4'], option: '--seed', kind: { int: [-(2 ** 53 - 1), 2 ** 53 - 1] } },
  { base: ['analytic', '--law', 'poisson(2)'], option: '--q', kind: { num: [0, 1] } },
  { base: ['analytic', '--law', 'poisson(2)'], option: '--mode', kind: { choice: ['site', 'bond'] } },
  { base: ['bundle', '--capacity', 'uniform(0,1)'], option: '--loss', kind: { num: [0, 1] } },
  { base: ['bundle', '--capacity', 'uniform(0,1)'], option: '--max-iterations', kind: { int: [1, 1e7] } },
  { base: ['mp', '--graph', 'square:L=4'], option: '--tolerance', kind: { num: [0, 1] } },
  {
    base: ['compare', '--law', 'poisson(2)', '--n', '100', '--runs', '2'],
    option: '--level',
    kind: { num: [0.5, 0.9999] },
  },
  { base: ['compare', '--law', 'poisson(2)', '--n', '100', '--runs', '2'], option: '--q', kind: { list: [0, 1] } },
  { base: ['interdependent', '--law', 'poisson(2)'], option: '--networks', kind: { int: [1, 1000] } },
  { base: ['cascade', 'motter-lai', '--graph', 'square:L=4'], option: '--alpha', kind: { num: [0, Infinity] } },
  { base: ['scenario', 'skype-2010', '--print-scenario'], option: '--scale', kind: { num: [1e-6, 1] } },
  { base: ['generate', '--graph', 'square:L=4'], option: '--max-memory', kind: { choice: [] } },
];

const notNumber = fc.constantFrom(
  '',
  ' ',
  'abc',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '0x10',
  '0b1',
  '0o7',
  '1_000',
  '1,5',
  '--',
  '١٢',
);
function badValue(kind: Kind): fc.Arbitrary<string> {
  if ('choice' in kind)
    return fc.oneof(
      notNumber,
      fc.string({ maxLength: 12 }).filter((s) => !kind.choice.includes(s) && !s.startsWith('-')),
    );
  const [min, max] = 'int' in kind ? kind.int : 'num' in kind ? kind.num : kind.list;
  const outside: fc.Arbitrary<string>[] = [];
  if (min > -Infinity)
    outside.push(
      fc
        .double({ min: min - Math.max(1, Math.abs(min)), max: min, noNaN: true })
        .filter((x) => x < min)
        .map(String),
    ); // not -0: String(-0) is '0'
  if (max < Infinity)
    outside.push(
      fc
        .double({ min: max, max: max + Math.max(1, Math.abs(max)), noNaN: true })
        .filter((x) => x > max)
        .map(String),
    );
  if ('int' in kind) {
    outside.push(fc.integer({ min: Math.max(min, -1e6), max: Math.min(max - 1, 1e6) }).map((v) => `${v}.5`));
    outside.push(fc.integer({ min: Math.max(min, 0), max: Math.min(max, 1e6) }).map((v) => `0x${v.toString(16)}`)); // hex of a valid value
  }
  const one = fc.oneof(notNumber, ...outside);
  return 'list' in kind
    ? fc.oneof(
        one,
        one.map((b) => `0.5,${b}`),
        fc.constantFrom(',', '0.5,,0.6', '0.5;0.6'),
      )
    : one;
}

describe('fuzz', () => {
  const N_OPTIONS = 200;
  it(`bad CLI option values: ${N_OPTIONS} cases, every one exit 2 with one line`, async () => {
    await warmUp(...OPTIONS.map((o) => [...o.base, '--json']));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OPTIONS).chain((o) => fc.tuple(fc.constant(o), badValue(o.kind))),
        async ([o, value]) => {
          const argv = [...o.base, `${o.option}=${value}`]; // '=' so that values starting with '-' stay values
          wellBehaved(await runMain(argv), argv, true);
        },
      ),
      { numRuns: N_OPTIONS, seed: 1401 },
    );
  });

  // -------------------------------------------------------------------------------------------------------------
  // Graph and law specs: random assemblies of real keys and bad or tiny values (tiny, so that an accidentally valid
  // spec still runs in milliseconds).

  const N_SPECS = 150;
  it(`graph and law specs: ${N_SPECS} cases, exit 0 or 2 with one line`, async () => {
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
    const key = fc.constantFrom(
      'n',
      'k',
      'p',
      'm',
      'L',
      'law',
      'clients',
      'supernodes',
      'cache',
      'beta',
      'mode',
      'open',
      'sn-law',
      'leaves',
      'x',
    );
    const val = fc.constantFrom(
      '-1',
      '0',
      '1',
      '2',
      '3',
      '0.5',
      '1.5',
      '0x3',
      '1e400',
      'abc',
      '',
      'poisson(1)',
      'regular(2)',
      '(',
      ')',
      '"',
      'expr("k",kmax=2)',
    );
    const graph = fc
      .tuple(model, fc.array(fc.tuple(key, val), { maxLength: 4 }), fc.boolean())
      .map(([m, kv, colon]) => `${m}${colon ? ':' : ''}${kv.map(([k, v]) => `${k}=${v}`).join(',')}`);
    const lawName = fc.constantFrom(
      'poisson',
      'regular',
      'powerlaw',
      'ba',
      'bimodal',
      'mixture',
      'empirical',
      'expr',
      'uniform',
      'weibull',
      'nope',
    );
    const lawArg = fc.constantFrom(
      '-1',
      '0',
      '1',
      '2',
      '2.5',
      '1e400',
      '0x1',
      'kmax=3',
      'kmin=0',
      'cutoff=2',
      '"k"',
      '"k^-2"',
      '0.5*poisson(1)',
      '1:1',
      ':',
      '',
      'c=1',
      'c=',
      '"sum(1:9)"',
    );
    const law = fc
      .tuple(lawName, fc.array(lawArg, { maxLength: 3 }), fc.boolean())
      .map(([n, a, close]) => `${n}(${a.join(',')}${close ? ')' : ''}`);
    const argv = fc.oneof(
      graph.map((g) => ['generate', '--graph', g, '--json']),
      law.map((l) => ['analytic', '--law', l, '--json']),
      law.map((l) => ['bundle', '--capacity', l, '--json']),
    );
    await fc.assert(
      fc.asyncProperty(argv, async (a) => wellBehaved(await runMain(a), a, false)),
      { numRuns: N_SPECS, seed: 1402 },
    );
  });

  // -------------------------------------------------------------------------------------------------------------
  // Edge lists: the CLI accepts exactly what parseEdgeList accepts, and reports the same n and m.

  const N_EDGELISTS = 150;
  it(`edge lists: ${N_EDGELISTS} cases, the CLI agrees with parseEdgeList`, async () => {
    const line = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }))
          .map(([u, v]) => `${u} ${v}`),
      },
      fc.constantFrom(
        '',
        '# comment',
        '\r',
        'a b',
        'x',
        '1',
        '1 2 3',
        '-1 2',
        '0x1 2',
        '1,2',
        '1\t2',
        'é ü',
        '99999999999 1',
        '# fragility edge list: n=3000000000 m=1',
      ),
      fc
        .tuple(fc.constantFrom(0, 5, 13, 2147483647, 2147483648), fc.option(fc.integer({ min: 0, max: 8 })))
        .map(([n, m]) => `# fragility edge list: n=${n}${m === null ? '' : ` m=${m}`}`),
      fc.integer({ min: 1, max: 3000 }).map((k) => `${'w'.repeat(k)} v`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 15 }), fc.boolean(), async (lines, finalNewline) => {
        const text = lines.join('\n') + (finalNewline ? '\n' : '');
        const path = file('edges', text);
        const argv = ['generate', '--graph', `edges:${path}`, '--json'];
        const r = await runMain(argv);
        wellBehaved(r, argv, false);
        let want: { n: number; m: number } | string;
        try {
          want = parseEdgeList(text, { source: path });
        } catch (e) {
          want = (e as Error).message;
        }
        if (typeof want === 'string') expect(r.stderr).toBe(`fragility: ${want}\n`);
        else {
          expect(r.status, r.stderr).toBe(0);
          const json = JSON.parse(r.stdout) as { n: number; m: number };
          expect([json.n, json.m]).toEqual([want.n, want.m]);
        }
      }),
      { numRuns: N_EDGELISTS, seed: 1403 },
    );
  });

  // -------------------------------------------------------------------------------------------------------------
  // XML: mutations of what the tool writes; the CLI agrees with parseGexf / parseGraphml.

  const N_XML = 150;
  it(`GEXF and GraphML: ${N_XML} mutated documents, the CLI agrees with the parser`, async () => {
    await warmUp(['generate', '--graph', 'square:L=3', '--json']);
    const snippet = fc.constantFrom(
      '<',
      '>',
      '&',
      '&xxe;',
      '&amp;',
      '"',
      '</node>',
      '<node id="z">',
      '<node id="q"/>',
      '<edge source="0" target="9"/>',
      '<!DOCTYPE x [<!ENTITY a "b">]>',
      '<!DOCTYPE x>',
      '<![CDATA[x]]>',
      '<!-- c -->',
      '<?pi x?>',
      'é',
      '<a>'.repeat(300),
      '</a>'.repeat(50),
      '\u0000',
    );
    const mutation = fc.oneof(
      fc.tuple(fc.constant('insert' as const), fc.double({ min: 0, max: 1, noNaN: true }), snippet),
      fc.tuple(
        fc.constant('delete' as const),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
      ),
      fc.tuple(fc.constant('truncate' as const), fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(0)),
    );
    const graph = fc
      .tuple(fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 10 }), fc.boolean())
      .map(([n, pairs, keyed]) =>
        CompactGraph.fromPairs(
          n,
          pairs.map(([u, v]) => [u % n, v % n] as [number, number]),
          keyed ? { keys: Array.from({ length: n }, (_, i) => `n&${i}`) } : {},
        ),
      );
    await fc.assert(
      fc.asyncProperty(
        graph,
        fc.boolean(),
        fc.array(mutation, { minLength: 0, maxLength: 3 }),
        async (g, gexf, muts) => {
          let text = gexf ? formatGexf(g) : formatGraphml(g);
          for (const [kind, at, arg] of muts) {
            const i = Math.floor(at * text.length);
            if (kind === 'insert') text = text.slice(0, i) + arg + text.slice(i);
            else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + (arg as number));
            else text = text.slice(0, i);
          }
          const ext = gexf ? 'gexf' : 'graphml';
          const path = file(ext, text);
          const argv = ['generate', '--graph', `${ext}:${path}`, '--json'];
          const r = await runMain(argv);
          wellBehaved(r, argv, false);
          let want: { n: number; m: number } | string;
          try {
            want = (gexf ? parseGexf : parseGraphml)(text, { source: path }); // XML specs keep self-loops and duplicates
          } catch (e) {
            want = (e as Error).message;
          }
          if (typeof want === 'string') expect(r.stderr).toBe(`fragility: ${want}\n`);
          else {
            expect(r.status, r.stderr).toBe(0);
            const json = JSON.parse(r.stdout) as { n: number; m: number };
            expect([json.n, json.m]).toEqual([want.n, want.m]);
          }
          if (muts.length === 0) expect(r.status).toBe(0); // the tool reads back what it writes
        },
      ),
      { numRuns: N_XML, seed: 1404 },
    );
  });

  // -------------------------------------------------------------------------------------------------------------
  // Scenario files: a field anywhere (also inside a what-if's set) replaced by a wrong-typed or odd value, or
  // deleted; the CLI agrees with loadScenario and every refusal names the scenario path.

  const N_SCENARIOS = 100;
  it(`scenario files: ${N_SCENARIOS} mutated documents, exit 0 or 2 naming the path`, async () => {
    const base = smallScenario() as unknown as Record<string, unknown>;
    await warmUp(['scenario', file('json', JSON.stringify(base)), '--print-scenario', '--json']);
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, p: (string | number)[]): void => {
      paths.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    };
    walk(base, []);
    const value = fc.constantFrom<unknown>(
      null,
      [],
      {},
      '',
      'x',
      -1,
      0,
      1e308,
      true,
      'poisson(2)',
      'expr("zeros(9)",kmax=3)',
      [null],
      { kind: 'grpc' },
      { PROTO_KEY: { clients: 5 } },
      'not a date',
      '0x10',
      '__DELETE__',
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: paths.length - 1 }), value, fc.boolean(), async (pi, v, inSet) => {
        const doc = structuredClone(base) as Record<string, unknown> & { whatIf: { set: unknown }[] };
        let target: Record<string, unknown> = doc;
        if (inSet) {
          doc.whatIf[0].set = structuredClone(base);
          target = doc.whatIf[0].set as Record<string, unknown>;
        }
        const path = paths[pi];
        let o = target as Record<string | number, unknown>;
        for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
        const last = path[path.length - 1];
        if (v === '__DELETE__') delete o[last];
        else o[last] = v;
        // An object cannot hold a __proto__ key as data; write it into the text, as a user's file would hold it.
        const p = file('json', JSON.stringify(doc).replace('"PROTO_KEY"', '"__proto__"'));
        const argv = ['scenario', p, '--print-scenario', '--json'];
        const r = await runMain(argv);
        wellBehaved(r, argv, false);
        let want: string | null = null;
        try {
          loadScenario(p);
        } catch (e) {
          want = (e as Error).message;
        }
        if (want === null) expect(r.status, r.stderr).toBe(0);
        else {
          expect(r.stderr).toBe(`fragility: ${want}\n`);
          expect(r.stderr).toMatch(/^fragility: scenario/);
        }
      }),
      { numRuns: N_SCENARIOS, seed: 1405 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The reproducers of issue 14 (expressions, readers) through the CLI entry: exit 2, one line, within 10 s and 1 GB.

describe('issue 14 reproducers through main(argv)', () => {
  const within = (r: MainRun): void => {
    expect(r.ms).toBeLessThan(10_000);
    expect(r.rss).toBeLessThan(1e9 + 512e6); // the vitest worker itself holds ~0.3–0.5 GB
    expect(r.heapGrowth).toBeLessThan(256e6);
  };
  const exit2 = async (argv: string[], pattern: RegExp): Promise<void> => {
    const r = await runMain(argv);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at |RangeError|\[xmldom/);
    within(r);
  };

  it('expr("sum(zeros(100000,100000))+k",kmax=2) (exhausted the heap)', () =>
    exit2(
      ['analytic', '--law', 'expr("sum(zeros(100000,100000))+k",kmax=2)'],
      /law\.expr: .*function 'sum' is not allowed/,
    ));
  it('expr("sum(1:1e8)") (35 s)', () =>
    exit2(['analytic', '--law', 'expr("sum(1:1e8)",kmax=2)'], /function 'sum' is not allowed/));
  it('expr with createUnit (changed mathjs for the whole process)', () =>
    exit2(
      ['bundle', '--capacity', 'expr("createUnit(\\"foo\\")",lo=0,hi=1)'],
      /capacity\.expr: .*function 'createUnit' is not allowed/,
    ));
  it('edge-list header n=3000000000 (24 GB)', () =>
    exit2(
      ['sweep', '--graph', `edges:${file('edges', '# fragility edge list: n=3000000000 m=1\n0 1\n')}`, '--runs', '2'],
      /expected a header with n <= 2147483647/,
    ));
  it('a truncated edge list (header m larger than the body) is refused', () =>
    exit2(
      ['sweep', '--graph', `edges:${file('edges', '# fragility edge list: n=4 m=6003262\n0 1\n1 2\n')}`, '--runs', '2'],
      /"2 edge lines" is not allowed; expected the 6003262 edge lines its header \(line 1\) announces \(the file is truncated/,
    ));
  it('an edge-list line over 1 MiB (RangeError stack trace past 512 MiB)', () =>
    exit2(
      ['generate', '--graph', `edges:${file('edges', `0 1\n${'9'.repeat(3 << 20)}\n`)}`],
      /:2: .*lines of at most 1048576 bytes/,
    ));
  it('100 000 unclosed XML levels (over a minute)', () =>
    exit2(
      ['generate', '--graph', `gexf:${file('gexf', '<gexf><graph>' + '<a>'.repeat(1e5))}`],
      /nested deeper than 256 levels/,
    ));
  it('malformed GraphML is refused without xmldom noise', () =>
    exit2(
      [
        'generate',
        '--graph',
        `graphml:${file('graphml', '<graphml><graph><node id="a"><node id="b"/></graph></graphml>')}`,
      ],
      /<\/graph> closes <node> opened at line 1/,
    ));
});
