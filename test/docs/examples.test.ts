// Every TSDoc `@example` of src/ is extracted (test/docs/extract-examples.ts) and run, one `it` per example, named
// `file:symbol #k`. An example runs as an async module body with every export of src/index.ts and of its own module
// in scope, plus the fixtures of test/docs/example-fixtures.ts for the free names it uses, in a fresh temporary
// working directory (removed afterwards). `import ... from 'fragility'` / `'fragility/<layer>'` resolve to src/,
// other imports (node:fs, ...) to the real modules.
//
// Claims. A top-level statement may end with a `// comment`. The comment is a CLAIM when it starts like one, and
// then it must parse completely (a malformed claim fails the test), otherwise it is prose and ignored:
//   value claims (start with ≈, a number, a quote, [, {, true/false/null/undefined/NaN/Infinity, Int32Array [ ...):
//     `expr; // 0.25`            the value rounds to the digits shown: |v − 0.25| <= 0.005 (half a unit of the
//                                last digit); an integer without decimals (`// 3`) must be exact (to 1e-9
//                                relative, floating-point noise)
//     `expr; // 3.4787…`         truncated digits (`…` or `...`): |v − 3.4787| <= 1e-4 (one unit of the last digit)
//     `expr; // ≈ 0.398`         approximately: |v − 0.398| <= 0.001 (one unit of the last digit shown);
//                                `≈ 500000 ± 500` states the tolerance explicitly
//     `expr; // <= 0.01`         a bound (<, <=, >, >=)
//     `expr; // 'text'`, `true`, `null`, `[1, 2]`, `Int32Array [1, 0]`   strict / element-wise equality (a typed
//                                array must have that class); numbers inside follow the rules above, a leading ≈
//                                applies to every number inside
//     `expr; // { q: 0.5, S: ≈0.398, sd, ci }`   an object with these keys; valued keys match, bare keys (or
//                                `key: …`) need only exist; other keys are allowed; `…` (or `...`, `..`) as a value
//                                means any value, as an entry it just says more keys follow; `[..]` any array
//   field claims (start with `path =`, `path ≈` or `path <=` ...; several separated by `,` or `;`):
//     `expr; // pc ≈ 0.6139, SAtPc ≈ 0.3141`     fields of the value
//     `const r = f(); // r.lambda ≈ 5.29, r.pc ≈ 0.19`   paths from a declared name; a path that does not start
//                                with a declared name is read from the single declared value (`// mean ≈ 4`)
//   A comment on its own line is checked when it is a field claim whose paths all start with names declared above
//   it (`const r = f();` then `// r.root ≈ 1.41421356, r.converged === true`); `===` reads as `=`.
//   throws claims: `expr; // throws` or `// throws: FIELD` — the statement throws a FragilityInputError (whose
//                                `field` equals FIELD when given)
//   After a complete claim, prose may follow when it starts with `(`, `—`, `:` or a word: `// ≈ 0.42 (2010)`.
// A value claim after a declaration applies to the declared value (`const m = f(); // 3`).
//
// Examples that cannot run here are listed in NOT_RUN below with a reason each (no test is registered for them; the
// allow-list test checks that each names an existing example and that the list stays short). One example: `npx vitest run test/docs/examples.test.ts -t 'molloy-reed'`.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileExample, type Expected, extractExamples, mismatch, parseClaim } from './extract-examples.ts';
import { exampleName, repoRoot, runExample } from './run-example.ts';

const examples = extractExamples(repoRoot);

/** Examples that cannot run in a unit test, `file:symbol #k` → why (keep this short). */
const NOT_RUN: Record<string, string> = {
  'src/queue/coordinator.ts:QueueCoordinator #1': 'needs a Redis server',
  'src/queue/coordinator.ts:QueueCoordinator.open #1': 'needs a Redis server',
  'src/queue/coordinator.ts:QueueCoordinator.runTasks #1': 'needs a Redis server (an open QueueCoordinator)',
  'src/queue/coordinator.ts:QueueCoordinator.ensembleRemote #1': 'needs a Redis server (an open QueueCoordinator)',
  'src/queue/coordinator.ts:QueueCoordinator.overloadRunner #1': 'needs a Redis server (an open QueueCoordinator)',
  'src/queue/coordinator.ts:QueueCoordinator.runFamily #1': 'needs a Redis server (an open QueueCoordinator)',
  'src/queue/coordinator.ts:QueueCoordinator.runFamilies #1': 'needs a Redis server (an open QueueCoordinator)',
  'src/queue/redis.ts:openRedis #1': 'needs a Redis server',
  'src/queue/redis.ts:checkRedisReachable #1': 'needs a Redis server',
  'src/queue/worker.ts:startWorker #1': 'needs a Redis server',
  'src/report/jupyter-display.ts:showSvg #1': 'needs the Deno Jupyter kernel (notebooks test covers it)',
  'src/report/jupyter-display.ts:showMarkdown #1': 'needs the Deno Jupyter kernel (notebooks test covers it)',
  'src/compare/overload-calibration.ts:calibrateOverload #1':
    'minutes of CPU (60 model evaluations of the 2010 overload model)',
  'src/compare/overload-metastability.ts:compareMetastability #1':
    'over 45 s under load (simulated and fluid bistability maps)',
  'src/scenarios/report.ts:scenarioSummaryRows #1': 'over 45 s under load (runs the full skype-2010 scenario)',
  'src/scenarios/run.ts:runScenario #1': 'over 45 s under load (runs the full skype-2010 scenario)',
};

describe('the claim grammar', () => {
  const value = (comment: string): Expected => {
    const c = parseClaim(comment);
    if (c?.kind !== 'value') throw new Error(`not a value claim: ${comment}`);
    return c.expected;
  };
  it('a wrong number fails: rounding to the digits shown, ≈ one unit of the last digit, integers exact', () => {
    expect(mismatch(0.25, value('0.25'))).toBeNull();
    expect(mismatch(0.2549, value('0.25'))).toBeNull();
    expect(mismatch(0.2551, value('0.25'))).not.toBeNull();
    expect(mismatch(0.399, value('≈ 0.398'))).toBeNull();
    expect(mismatch(0.3995, value('≈ 0.398'))).not.toBeNull();
    expect(mismatch(3, value('3'))).toBeNull();
    expect(mismatch(3.001, value('3'))).not.toBeNull();
    expect(mismatch(3.47875078573396, value('3.478750785733960…'))).toBeNull();
    expect(mismatch(500_400, value('≈ 500000 ± 500'))).toBeNull();
    expect(mismatch(500_600, value('≈ 500000 ± 500'))).not.toBeNull();
  });
  it('arrays, typed arrays, strings and objects', () => {
    expect(mismatch(Int32Array.of(1, 0), value('Int32Array [1, 0]'))).toBeNull();
    expect(mismatch([1, 0], value('Int32Array [1, 0]'))).not.toBeNull();
    expect(mismatch([1, 2], value('[1, 2, 3]'))).not.toBeNull();
    expect(mismatch('a"b', value(`'a"b'`))).toBeNull();
    const o = { q: 0.5, S: 0.3984, sd: 0.01, ci: [0.39, 0.41] };
    expect(mismatch(o, value('{ q: 0.5, S: ≈0.398, sd, ci: [..] }'))).toBeNull();
    expect(mismatch(o, value('{ q: 0.5, S: ≈0.398, sd, halfWidth }'))).not.toBeNull();
    expect(mismatch(o, value('{ q: 0.5, S: ≈0.42 }'))).not.toBeNull();
  });
  it('prose is ignored, a malformed claim throws, throws and field claims parse', () => {
    expect(parseClaim(' the 2010 defaults, 48 h')).toBeNull();
    expect(parseClaim(' e.g. [1, 2]')).toBeNull();
    expect(() => parseClaim(' 1 − 1.1/1.25 = 0.12')).toThrow(/malformed claim/);
    expect(() => parseClaim(' ≈ 0.42 ≈ 0.43')).toThrow(/malformed claim/);
    expect(parseClaim(' throws: scales[1]')).toEqual({ kind: 'throws', field: 'scales[1]' });
    expect(parseClaim(' r.lambda ≈ 5.29, r.pc = 0.19 (karate)')?.kind).toBe('fields');
    expect(parseClaim(' 0.063 with the 2010 defaults (simulated ≈ 0.107)')?.kind).toBe('value');
  });
  it('compiles claims on the statements they follow, and own-line field claims on declared names', () => {
    const c = compileExample('const r = f(); // r.x ≈ 1\n// r.y = 2\ng(); // 0.5\n// 0.7 is prose here');
    expect(c.claims.map((x) => x.line)).toEqual([1, 2, 3]);
  });
});

describe('TSDoc @example blocks of src/', () => {
  // esbuild keeps one service process, started in the working directory of its first call. Start it here, in the
  // repository, not in an example's temporary directory: once that directory is removed, later builds fail to resolve.
  beforeAll(async () => {
    const esbuild = await import('esbuild');
    await esbuild.transform('', {});
  });

  it('are found (file, symbol, code)', () => {
    expect(examples.length).toBeGreaterThan(300);
    const names = examples.map(exampleName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the allow-list names only existing examples and stays short', () => {
    const names = new Set(examples.map(exampleName));
    for (const key of Object.keys(NOT_RUN)) expect(names.has(key), key).toBe(true);
    expect(Object.keys(NOT_RUN).length).toBeLessThanOrEqual(16); // 10 of them need a Redis server
  });

  for (const ex of examples) {
    const name = exampleName(ex);
    if (NOT_RUN[name]) continue; // listed above with the reason; the allow-list test keeps the list honest
    it(name, () => runExample(ex), 60_000);
  }
});
