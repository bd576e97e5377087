// Runs one extracted @example: see the header of test/docs/examples.test.ts for the rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FragilityInputError } from '../../src/errors.ts';
import * as api from '../../src/index.ts';
import { fileFixtures, fixtures } from './example-fixtures.ts';
import { type ClaimSite, compileExample, type DocExample, mismatch } from './extract-examples.ts';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const root = repoRoot;

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...a: unknown[]) => Promise<void>;
const IDENT = /^[A-Za-z_$][\w$]*$/;

async function importFor(spec: string): Promise<Record<string, unknown>> {
  if (spec === 'fragility') return api as Record<string, unknown>;
  const sub = spec.match(/^fragility\/(\w+)$/);
  if (sub) return import(pathToFileURL(join(root, 'src', sub[1] === 'core' ? 'core.ts' : `${sub[1]}/index.ts`)).href);
  return import(spec);
}

export function exampleName(ex: DocExample): string {
  return `${ex.file}:${ex.symbol} #${ex.index}`;
}

export async function runExample(ex: DocExample): Promise<void> {
  const compiled = compileExample(ex.code);
  const own = (await import(pathToFileURL(join(root, ex.file)).href)) as Record<string, unknown>;
  const scope: Record<string, unknown> = { ...(api as Record<string, unknown>), ...own };
  const where = (k: number): string => {
    const c: ClaimSite = compiled.claims[k];
    return `${ex.file}:${ex.line} example line ${c.line} "// ${c.comment}"`;
  };
  const ex$ = {
    import: importFor,
    metaUrl: pathToFileURL(join(root, ex.file)).href,
    value(k: number, v: unknown): void {
      const c = compiled.claims[k].claim;
      if (c.kind !== 'value') throw new Error('internal: not a value claim');
      const m = mismatch(v, c.expected);
      if (m) throw new Error(`${where(k)}: ${m}`);
    },
    fields(k: number, v: unknown, getters: Array<(v: unknown) => unknown>): void {
      const c = compiled.claims[k].claim;
      if (c.kind !== 'fields') throw new Error('internal: not a field claim');
      c.entries.forEach((e, i) => {
        const m = mismatch(getters[i](v), e.expected, e.path);
        if (m) throw new Error(`${where(k)}: ${m}`);
      });
    },
    async throws(k: number, fn: () => Promise<void>): Promise<void> {
      const c = compiled.claims[k].claim;
      if (c.kind !== 'throws') throw new Error('internal: not a throws claim');
      try {
        await fn();
      } catch (e) {
        if (!(e instanceof FragilityInputError))
          throw new Error(`${where(k)}: threw ${String(e)}, not a FragilityInputError`);
        if (c.field !== undefined && e.field !== c.field)
          throw new Error(`${where(k)}: threw for field ${e.field}, not ${c.field}`);
        return;
      }
      throw new Error(`${where(k)}: did not throw`);
    },
  };
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'fragility-example-'));
  process.chdir(dir);
  try {
    for (const [file, make] of Object.entries(fileFixtures)) if (ex.code.includes(file)) await make(dir);
    for (const [name, make] of Object.entries(fixtures)) {
      if (
        !compiled.declared.has(name) &&
        new RegExp(`(?<![\\w$.])${name.replace('$', '\\$')}(?![\\w$])`).test(ex.code)
      ) {
        scope[name] = await make();
      }
    }
    const names = Object.keys(scope).filter((n) => IDENT.test(n) && n !== 'default');
    const run = new AsyncFunction('__ex', ...names, `{\n${compiled.js.replace(/^export \{\};$/m, '')}\n}`);
    await run(ex$, ...names.map((n) => scope[n]));
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}
