// Issue 14, "Messages": each defect of the list gets a named regression test, run through the CLI entry main(argv)
// in process (run-main.ts). Every case ends with exit 2 and one line on stderr, no stack trace, no library text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/errors.ts';
import { validateScenario } from '../../src/scenarios/schema.ts';
import { smallScenario } from '../scenarios/fixtures.ts';
import { runMain } from './run-main.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-messages-'));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function exit2OneLine(args: string[], pattern: RegExp): Promise<void> {
  const r = await runMain(args);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at |Cannot read properties|\[xmldom|Maximum call stack/);
}

describe('scenario files', () => {
  it('a JSON document nested 1e6 levels deep exits 2, not 1 (Maximum call stack size exceeded)', async () => {
    await exit2OneLine(
      ['scenario', file('deep.json', '['.repeat(1e6) + ']'.repeat(1e6)), '--print-scenario'],
      /^fragility: scenario: .* expected a JSON document nested at most 64 levels deep/,
    );
    await exit2OneLine(
      ['scenario', file('deep-obj.json', '{"a":'.repeat(1e5) + '1' + '}'.repeat(1e5)), '--print-scenario'],
      /nested at most 64 levels/,
    );
  });

  it('whatIf.set with __proto__ is refused naming the path (it was dropped silently)', async () => {
    const s = JSON.stringify(smallScenario()).replace('"set":{}', '"set":{"trigger":{"__proto__":{"buggyShare":2}}}');
    expect(s).toContain('__proto__');
    await exit2OneLine(
      ['scenario', file('proto.json', s), '--print-scenario'],
      /^fragility: scenario\.whatIf\[0\]\.set\.trigger\.__proto__: .* expected no field named __proto__/,
    );
    // The top level and nested objects outside what-ifs were already refused as unknown fields.
    const top = JSON.stringify(smallScenario()).replace('{"name"', '{"__proto__":{"x":1},"name"');
    await exit2OneLine(
      ['scenario', file('proto-top.json', top), '--print-scenario'],
      /^fragility: scenario\.__proto__: .* no such field/,
    );
  });

  it('whatIf.set with a whatIf of its own is refused (it was ignored)', () => {
    const s = smallScenario() as unknown as { whatIf: { set: Record<string, unknown> }[] };
    s.whatIf[0].set = { whatIf: [] };
    expect(() => validateScenario(s)).toThrow(
      /^scenario\.whatIf\[0\]\.set\.whatIf: \[\] is not allowed; expected no whatIf inside a what-if/,
    );
  });

  it.each([
    ['not a date', false],
    ['2010-02-30', false],
    ['2010-13-01T00:00:00Z', false],
    ['2010-12-22T24:00:00Z', false],
    ['2010-12-22 16:30', false],
    ['2010-12-22T16:30:00Z', true],
    ['2010-12-22', true],
    ['2010-12-22T16:30+01:00', true],
    ['2012-02-29T00:00:00.5Z', true],
    ['2011-02-29', false],
  ])('onset %s: accepted %s', (onset, ok) => {
    const s = { ...smallScenario(), onset };
    if (ok) expect(validateScenario(s).onset).toBe(onset);
    else expect(() => validateScenario(s)).toThrow(/^scenario\.onset: .* expected an ISO 8601 date-time string/);
  });

  it('onset "not a date" through the CLI', async () => {
    await exit2OneLine(
      ['scenario', file('onset.json', JSON.stringify({ ...smallScenario(), onset: 'not a date' })), '--print-scenario'],
      /^fragility: scenario\.onset: "not a date" is not allowed/,
    );
  });
});

describe('hex and other non-decimal numbers are no integers', () => {
  it('parseDecimal accepts decimal literals only', () => {
    expect(['42', ' 7 ', '-0.5', '1e6', '.5', '5.', '+3'].map(parseDecimal)).toEqual([42, 7, -0.5, 1e6, 0.5, 5, 3]);
    for (const bad of ['0x10', '0b11', '0o7', '', ' ', 'Infinity', '1_000', '1e', 'e5', '--1', '1 2'])
      expect(parseDecimal(bad)).toBeNaN();
  });

  it.each([
    [['sweep', '--graph', 'square:L=4', '--runs', '0x10'], /--runs: "0x10" is not allowed; expected an integer/],
    [['sweep', '--graph', 'square:L=4', '--seed', '0b101'], /--seed: "0b101" is not allowed/],
    [['mp', '--graph', 'square:L=4', '--q', '0x1'], /--q: "0x1" is not allowed; expected a number/],
    [['generate', '--graph', 'er:n=0x10,k=2'], /--graph er: n: "0x10" is not allowed; expected an integer/],
    [['generate', '--graph', 'square:L=0o7'], /L: "0o7" is not allowed/],
    [['analytic', '--law', 'poisson(0x10)'], /^fragility: law: .*expected a law spec/],
  ])('%j', async (args, pattern) => {
    const r = await runMain(args);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });
});

describe('internal text never leaks', () => {
  // "Cannot read properties of undefined (reading 'getAttribute' / 'childNodes')" came from graphology-gexf/-graphml
  // on a document without <graph>; the streaming reader names what is missing.
  it.each([
    ['nograph.gexf', '<gexf></gexf>', /a GEXF document with a <graph> element/],
    ['nograph.graphml', '<graphml></graphml>', /a GraphML document with a <graph> element/],
    ['noid.gexf', '<gexf><graph><nodes><node/></nodes></graph></gexf>', /a <node> with an id attribute/],
    [
      'unclosed.graphml',
      '<graphml><graph><node id="a"><node id="b"/></graph></graphml>',
      /<\/graph> closes <node> opened at line 1/,
    ],
  ])('%s', async (name, text, pattern) => {
    const ext = name.split('.')[1];
    await exit2OneLine(['sweep', '--graph', `${ext}:${file(name, text)}`, '--runs', '2'], pattern);
  });
});
