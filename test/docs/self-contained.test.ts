// The repository stands alone (issue 13): no tracked file reads, imports or cites the sibling folder that held the
// data and reference notes before they moved into the repository, and every docs/reference/… note that a tracked
// file cites exists.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Built from parts so that this file does not match its own check.
const SIBLING = ['..', 'shared'].join('/');

/** Tracked text files (binary ones — any NUL byte in the first 8 KiB — are skipped) with their contents. */
function trackedTextFiles(): Array<[string, string]> {
  const names = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  const out: Array<[string, string]> = [];
  for (const name of names) {
    const path = join(ROOT, name);
    if (!existsSync(path)) continue; // deleted in the work tree, not yet committed
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 8192).includes(0)) continue;
    out.push([name, bytes.toString('utf8')]);
  }
  return out;
}

describe('self-contained repository', () => {
  const files = trackedTextFiles();

  it('sees the tracked files (guards against an empty listing passing vacuously)', () => {
    expect(files.some(([name]) => name === 'package.json')).toBe(true);
    expect(files.length).toBeGreaterThan(50);
  });

  it(`no tracked file mentions ${SIBLING}`, () => {
    const offenders = files
      .filter(([, text]) => text.includes(SIBLING))
      .map(([name, text]) => `${name}:${text.slice(0, text.indexOf(SIBLING)).split('\n').length}`);
    expect(offenders).toEqual([]);
  });

  it('every docs/reference note cited by a tracked file exists', () => {
    const missing = new Set<string>();
    for (const [name, text] of files) {
      for (const m of text.matchAll(/docs\/reference\/([A-Za-z0-9._-]+\.md)/g)) {
        if (!existsSync(join(ROOT, 'docs', 'reference', m[1]))) missing.add(`${name} → docs/reference/${m[1]}`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
