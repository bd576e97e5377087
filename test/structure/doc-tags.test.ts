// The TSDoc sections Complexity, Model and References are written one way: the block tags `@complexity`, `@model`
// and `@references` declared in tsdoc.json (TypeDoc rejects an unknown tag: `npm run docs`, warnings are errors).
// This test catches the bold-heading spellings that used to stand for them (`**Complexity**`, `**Model**:`, …), which
// TypeDoc would render as text inside the previous tag's block.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HEADING = /\*\*(Complexity|Model|References):?\*\*/;

/** `file:line` of every bold section heading in the given texts. */
function boldHeadings(files: { name: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const f of files) f.text.split('\n').forEach((line, i) => HEADING.test(line) && out.push(`${f.name}:${i + 1}`));
  return out;
}

describe('TSDoc section tags', () => {
  it('no bold Complexity/Model/References heading in src/ (use @complexity, @model, @references)', () => {
    const names = execFileSync('git', ['ls-files', 'src'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((n) => /\.(ts|mjs)$/.test(n));
    expect(names.length).toBeGreaterThan(100);
    expect(boldHeadings(names.map((name) => ({ name, text: readFileSync(`${ROOT}/${name}`, 'utf8') })))).toEqual([]);
  });

  it('finds each old spelling (fixture)', () => {
    const text = [
      '/**',
      ' * **Complexity** O(n).',
      ' * **Model**: x.',
      ' * @returns y. **References:** z.',
      ' * @complexity O(1)',
      ' */',
    ].join('\n');
    expect(boldHeadings([{ name: 'f.ts', text }])).toEqual(['f.ts:2', 'f.ts:3', 'f.ts:4']);
  });

  it('tsdoc.json declares the three tags', () => {
    const tags = (
      JSON.parse(readFileSync(`${ROOT}/tsdoc.json`, 'utf8')) as { tagDefinitions: { tagName: string }[] }
    ).tagDefinitions.map((t) => t.tagName);
    expect(tags).toEqual(expect.arrayContaining(['@complexity', '@model', '@references']));
  });
});
