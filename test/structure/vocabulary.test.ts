// Issue 17, acceptance: "DESIGN.md's vocabulary table matches the code". The table under "## Vocabulary" in
// docs/DESIGN.md names, per concept, API names, CLI flags and --json keys, each in backticks:
//   API       `name` (exported by src/index.ts: a value, or a type declared in the committed API report) or
//             `Type.field` (a top-level field of that exported interface in docs/api-report/fragility.api.md, the
//             report of dist/index.d.ts that test/package keeps equal to the built surface);
//   CLI flag  `command [subcommand] --flag`: a visible (not hidden) option of that command of the real program;
//   JSON key  `command key`: the key appears (at any depth) in the command's --json output of a tiny run below.
// Every backticked token of those three columns is checked; a row naming something that does not exist fails
// (the inline negative case below shows it). Runs in process (test/cli/in-process.ts): ~13 s under load, most of it
// importing src/index.ts (~5 s) and the fluid run (~6.5 s: fluidCriticalLoss), the other tiny runs ~3 s together.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/in-process.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The tiny --json run of every command the table may name in its JSON column. */
const TINY_RUNS: Record<string, string[]> = {
  analytic: ['--law', 'poisson(4)', '--q', '0.5'],
  mp: ['--graph', 'edges:data/karate.edges', '--q', '0.5', '--no-progress'],
  sweep: [
    '--graph',
    'er:n=300,k=4',
    '--runs',
    '2',
    '--q',
    '0.5',
    '--grid-points',
    '11',
    '--bootstrap',
    '0',
    '--no-progress',
  ],
  compare: ['--law', 'regular(3)', '--n', '100', '--runs', '2', '--q', '0.5,0.9'],
  interdependent: ['--law', 'poisson(4)', '--q', '0.7'],
  bundle: ['--capacity', 'uniform(0,1)', '--loss', '0.25', '--load', '0.18'],
  fluid: ['skype-2010', '--loss', '0.12', '--hours', '1'],
};

/** One row of the table: its concept and the backticked tokens of its API, CLI and JSON columns. */
interface VocabularyRow {
  concept: string;
  api: string[];
  cli: string[];
  json: string[];
}

/** The rows of the first table after `## Vocabulary` (header names locate the columns). */
function parseVocabularyTable(markdown: string): VocabularyRow[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === '## Vocabulary');
  if (start < 0) throw new Error('no "## Vocabulary" section');
  let i = start + 1;
  while (i < lines.length && !lines[i].startsWith('|')) {
    if (lines[i].startsWith('## ')) throw new Error('the Vocabulary section has no table');
    i++;
  }
  const table: string[] = [];
  while (i < lines.length && lines[i].startsWith('|')) table.push(lines[i++]);
  // a cell may hold an escaped pipe (`site\|bond`, as in docs/CLI.md): split on the other pipes only
  const cells = (line: string) =>
    line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.replace(/\\\|/g, '|').trim());
  const header = cells(table[0]);
  const col = (name: string) => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`the table has no column "${name}" (columns: ${header.join(', ')})`);
    return k;
  };
  const [cConcept, cApi, cCli, cJson] = [col('Concept'), col('API'), col('CLI flag'), col('JSON key')];
  const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  return table.slice(2).map((line) => {
    const c = cells(line);
    return { concept: c[cConcept], api: ticks(c[cApi]), cli: ticks(c[cCli]), json: ticks(c[cJson]) };
  });
}

/** What the table is checked against. */
interface Surface {
  /** Names exported by src/index.ts at run time (values). */
  exports: Set<string>;
  /** The committed API report (types and their fields). */
  apiReport: string;
  /** The `fragility` program with every command registered. */
  program: Command;
  /** The parsed --json output of each command's tiny run. */
  json: Map<string, unknown>;
}

/** The top-level field names of `export interface Name … { … }` in the API report, or undefined when absent. */
function reportFields(report: string, name: string): Set<string> | undefined {
  const lines = report.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^export (declare )?(interface|class) ${name}\\b`).test(l));
  if (at < 0) return undefined;
  const fields = new Set<string>();
  for (let i = at + 1; i < lines.length && lines[i] !== '}'; i++) {
    const m = /^ {4}(?:readonly )?([A-Za-z_$][\w$]*)\??:/.exec(lines[i]);
    if (m) fields.add(m[1]);
  }
  // fields inherited from the interfaces it extends (declared in the report too)
  const ext = /\bextends ([\w$, <>]+?)\s*\{/.exec(lines[at]);
  for (const base of ext ? ext[1].split(',').map((b) => b.trim().replace(/<.*$/, '')) : []) {
    for (const f of reportFields(report, base) ?? []) fields.add(f);
  }
  return fields;
}

/** One row of the suffix table: a function-name suffix, the result fields it promises, and its exceptions. */
interface SuffixRule {
  suffix: string;
  fields: string[];
  exceptions: string[];
}

/** The table whose header starts with `| Suffix |` in the Vocabulary section. */
function parseSuffixTable(markdown: string): SuffixRule[] {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.startsWith('| Suffix |'));
  if (at < 0) throw new Error('no suffix table');
  const rules: SuffixRule[] = [];
  for (let i = at + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const c = lines[i]
      .split('|')
      .slice(1, -1)
      .map((x) => x.trim());
    const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    // exceptions: the function names (first backticked name of each comma-separated item)
    const exceptions = c[3]
      .split(/\),\s*/)
      .map((item) => ticks(item)[0])
      .filter((x): x is string => x !== undefined);
    rules.push({ suffix: c[0].replace(/^…/, ''), fields: ticks(c[2]), exceptions });
  }
  return rules;
}

/** Exported functions of the API report whose name ends in a rule's suffix, and the problems with their results. */
function suffixProblems(report: string, rules: SuffixRule[]): { checked: string[]; problems: string[] } {
  const checked: string[] = [];
  const problems: string[] = [];
  const decls = report.split(/\n\s*\n/);
  for (const rule of rules) {
    for (const e of rule.exceptions) {
      if (!decls.some((d) => d.includes(`export function ${e}(`)))
        problems.push(`…${rule.suffix}: the exception ${e} is not an exported function`);
    }
    for (const d of decls) {
      const m = new RegExp(`^export function (\\w*${rule.suffix})\\(`, 'm').exec(d);
      if (!m || rule.exceptions.includes(m[1])) continue;
      const ret = /\):\s*(?:Promise<)?([A-Za-z_$][\w$]*)(?:\[\])?>?;\s*$/.exec(d.trimEnd());
      const fields = ret ? reportFields(report, ret[1]) : undefined;
      checked.push(m[1]);
      if (!fields)
        problems.push(`${m[1]}: its result type ${ret?.[1] ?? '(unparsed)'} is not an interface of the API report`);
      else if (!rule.fields.some((f) => fields.has(f)))
        problems.push(`${m[1]}: …${rule.suffix} promises ${rule.fields.join(' or ')}, ${ret![1]} has none`);
    }
  }
  return { checked, problems };
}

function reportDeclares(report: string, name: string): boolean {
  return new RegExp(`^export (declare )?(interface|type|class|function|const|enum|namespace) ${name}\\b`, 'm').test(
    report,
  );
}

function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysDeep(v, into);
    }
  }
  return into;
}

/** Every problem of the table against the surface: one line per name that does not exist. */
function vocabularyProblems(rows: VocabularyRow[], s: Surface): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    const where = `row "${row.concept}"`;
    for (const name of row.api) {
      const m = /^([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?$/.exec(name);
      if (!m) {
        problems.push(`${where}: API \`${name}\` is not of the form Name or Type.field`);
        continue;
      }
      const [, top, field] = m;
      if (field === undefined) {
        if (!s.exports.has(top) && !reportDeclares(s.apiReport, top))
          problems.push(`${where}: API \`${name}\` is not exported by src/index.ts`);
        continue;
      }
      const fields = reportFields(s.apiReport, top);
      if (!fields) problems.push(`${where}: API \`${name}\`: no exported interface ${top} in the API report`);
      else if (!fields.has(field)) problems.push(`${where}: API \`${name}\`: ${top} has no field ${field}`);
    }
    for (const token of row.cli) {
      const parts = token.split(/\s+/);
      const flag = parts.pop()!;
      if (!flag.startsWith('--') || parts.length === 0) {
        problems.push(`${where}: CLI \`${token}\` is not of the form "command --flag"`);
        continue;
      }
      let cmd: Command | undefined = s.program;
      for (const p of parts) cmd = cmd?.commands.find((c) => c.name() === p);
      if (!cmd) problems.push(`${where}: CLI \`${token}\`: no command "${parts.join(' ')}"`);
      else if (!cmd.options.some((o) => o.long === flag && !o.hidden))
        problems.push(`${where}: CLI \`${token}\`: ${parts.join(' ')} has no (visible) ${flag}`);
    }
    for (const token of row.json) {
      const m = /^([a-z-]+) ([A-Za-z_$][\w$]*)$/.exec(token);
      if (!m) {
        problems.push(`${where}: JSON \`${token}\` is not of the form "command key"`);
        continue;
      }
      const [, command, key] = m;
      if (!s.json.has(command)) problems.push(`${where}: JSON \`${token}\`: no tiny run of ${command} in this test`);
      else if (!keysDeep(s.json.get(command)).has(key))
        problems.push(`${where}: JSON \`${token}\`: ${command} --json has no key ${key}`);
    }
  }
  return problems;
}

/** The real program: every module of src/cli/commands registered, as main.ts does for `fragility --help`. */
async function buildProgram(): Promise<Command> {
  const program = new Command('fragility');
  const dir = join(ROOT, 'src', 'cli', 'commands');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const mod = (await import(join(dir, file))) as { register?: (p: Command) => void };
    mod.register?.(program);
  }
  return program;
}

describe('the vocabulary table of docs/DESIGN.md matches the code', () => {
  const rows = parseVocabularyTable(readFileSync(join(ROOT, 'docs', 'DESIGN.md'), 'utf8'));
  let surface: Surface;

  beforeAll(async () => {
    const api = (await import('../../src/index.ts')) as Record<string, unknown>;
    const json = new Map<string, unknown>();
    const needed = new Set(['sweep', ...rows.flatMap((r) => r.json.map((t) => t.split(' ')[0]))]);
    for (const command of needed) {
      if (!(command in TINY_RUNS)) continue; // reported as a problem by vocabularyProblems
      const r = await runInProcess(command, [...TINY_RUNS[command], '--json']);
      if (r.status !== 0) throw new Error(`tiny run of ${command} failed (${r.status}): ${r.stderr}`);
      json.set(command, JSON.parse(r.stdout));
    }
    surface = {
      exports: new Set(Object.keys(api)),
      apiReport: readFileSync(join(ROOT, 'docs', 'api-report', 'fragility.api.md'), 'utf8'),
      program: await buildProgram(),
      json,
    };
  });

  it('the table has a row per concept, and each names API, CLI or JSON names', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const concept of [
      'occupation',
      'critical occupation',
      'critical removal',
      'giant fraction',
      'seed',
      'runs',
      'removal order',
      'percolation mode',
      'confidence level',
      'supernode loss',
    ]) {
      expect(
        rows.some((r) => r.concept.startsWith(concept)),
        concept,
      ).toBe(true);
    }
    const named = rows.reduce((k, r) => k + r.api.length + r.cli.length + r.json.length, 0);
    expect(named).toBeGreaterThanOrEqual(80);
  });

  it('every API name, CLI flag and JSON key it lists exists', () => {
    expect(vocabularyProblems(rows, surface)).toEqual([]);
  });

  it('function suffixes: every exported …Threshold, …Critical, …CriticalLoss returns the field its row promises', () => {
    const rules = parseSuffixTable(readFileSync(join(ROOT, 'docs', 'DESIGN.md'), 'utf8'));
    expect(rules.map((r) => r.suffix)).toEqual(['Threshold', 'Critical', 'CriticalLoss']);
    const { checked, problems } = suffixProblems(surface.apiReport, rules);
    expect(problems).toEqual([]);
    // the check reached the functions it is about (not vacuous)
    for (const f of [
      'randomFailureThreshold',
      'peakThreshold',
      'fiberBundleCritical',
      'interdependentNetworkCritical',
      'twoTierCriticalLoss',
      'finiteSizeCriticalLoss',
      'overloadCriticalLoss',
    ]) {
      expect(checked, f).toContain(f);
    }
    // and it fails on a function whose result lacks the field, or an exception that does not exist
    const bad = suffixProblems(surface.apiReport, [
      { suffix: 'Threshold', fields: ['noSuchField'], exceptions: ['noSuchFunction'] },
    ]);
    expect(bad.problems[0]).toBe('…Threshold: the exception noSuchFunction is not an exported function');
    expect(bad.problems).toContain(
      'randomFailureThreshold: …Threshold promises noSuchField, RandomFailureThreshold has none',
    );
  });

  it('the one way to make a stream, stream(seed, r), is exported and is what the table names', () => {
    expect(rows.some((r) => r.api.includes('stream'))).toBe(true);
    expect(surface.exports.has('stream')).toBe(true);
  });

  it('one way to make a stream: src/ builds no Rng outside src/random/stream.ts and never calls Math.random', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (/\.(ts|mts|mjs)$/.test(e.name) && !path.endsWith(join('random', 'stream.ts'))) {
          const text = readFileSync(path, 'utf8');
          if (/\bnew Rng\(|\bMath\.random\(/.test(text)) offenders.push(path.slice(ROOT.length + 1));
        }
      }
    };
    walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });

  it('a row naming something that does not exist fails (inline negative case)', () => {
    const bad = [
      '## Vocabulary',
      '',
      '| Concept | Docs | API | CLI flag | JSON key |',
      '|---|---|---|---|---|',
      '| fine | q | `SweepPointEstimate.q`, `stream` | `sweep --q` | `sweep q` |',
      '| wrong | x | `noSuchExport`, `SweepPointEstimate.noSuchField`, `NoSuchType.q` | `sweep --no-such-flag`, `sweep --at`, `nosuch --q` | `sweep noSuchKey`, `nosuch q` |',
      '| malformed | y | `a.b.c` | `--q` | `q` |',
      '',
    ].join('\n');
    const problems = vocabularyProblems(parseVocabularyTable(bad), surface);
    expect(problems.filter((p) => p.startsWith('row "fine"'))).toEqual([]);
    expect(problems).toEqual([
      'row "wrong": API `noSuchExport` is not exported by src/index.ts',
      'row "wrong": API `SweepPointEstimate.noSuchField`: SweepPointEstimate has no field noSuchField',
      'row "wrong": API `NoSuchType.q`: no exported interface NoSuchType in the API report',
      'row "wrong": CLI `sweep --no-such-flag`: sweep has no (visible) --no-such-flag',
      'row "wrong": CLI `sweep --at`: sweep has no (visible) --at', // a hidden alias is not a documented flag
      'row "wrong": CLI `nosuch --q`: no command "nosuch"',
      'row "wrong": JSON `sweep noSuchKey`: sweep --json has no key noSuchKey',
      'row "wrong": JSON `nosuch q`: no tiny run of nosuch in this test',
      'row "malformed": API `a.b.c` is not of the form Name or Type.field',
      'row "malformed": CLI `--q` is not of the form "command --flag"',
      'row "malformed": JSON `q` is not of the form "command key"',
    ]);
  });
});
