// Every CLI command is a pure-ish `runX(options) → { json, text }` plus a thin commander `register` (issue 17): the
// register functions hand the parsed options to a named, exported run function; no command body is an inline closure
// inside `register`, where no program and no test could call it without the command line.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../src/cli/commands/', import.meta.url));

/** Problems of one command module's text: inline action bodies, actions not bound to an exported run function. */
function commandProblems(text: string): string[] {
  const problems: string[] = [];
  if (/action\(\s*(async\s*)?\(/.test(text))
    problems.push('an inline action body: move it into an exported runX function');
  const exported = new Set([...text.matchAll(/^export (?:async )?function (run\w+)\(/gm)].map((m) => m[1]));
  const bound = [...text.matchAll(/\.action\(action\((\w+)\)\)/g)].map((m) => m[1]);
  for (const name of bound) if (!exported.has(name)) problems.push(`action(${name}): not an exported run function`);
  if (/^export function register\(/m.test(text) && bound.length === 0) problems.push('register binds no run function');
  return problems;
}

describe('CLI commands: exported run functions behind a thin register', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  it('finds the command modules', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const f of files) {
    it(f, () => {
      expect(commandProblems(readFileSync(DIR + f, 'utf8'))).toEqual([]);
    });
  }

  it('flags an inline body and an unexported run function (fixture)', () => {
    const inline =
      'export function register(p) {\n  cmd.action(\n    action(async (opts) => {\n      return x;\n    }),\n  );\n}';
    expect(commandProblems(inline)).toEqual([
      'an inline action body: move it into an exported runX function',
      'register binds no run function',
    ]);
    const hidden = 'export function register(p) {\n  cmd.action(action(runX));\n}\nfunction runX(opts) {}';
    expect(commandProblems(hidden)).toEqual(['action(runX): not an exported run function']);
  });
});
