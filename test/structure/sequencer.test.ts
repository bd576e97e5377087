// The file order of the suite (test/setup/sequencer.ts): its list of the longest files names files that exist, once
// each, and the sort puts them first in that order, keeping vitest's order for the rest.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/cli-run.ts';
import { LONGEST_FIRST, longestFirst } from '../setup/sequencer.ts';

describe('the longest-first file order', () => {
  it('lists existing test files, each once', () => {
    expect(new Set(LONGEST_FIRST).size).toBe(LONGEST_FIRST.length);
    for (const f of LONGEST_FIRST) {
      expect(f, f).toMatch(/^test\/.+\.test\.ts$/);
      expect(existsSync(join(ROOT, f)), f).toBe(true);
    }
  });

  it('puts the listed files first, in the list order, and the others after them in their given order', () => {
    const spec = (rel: string) => ({ moduleId: join(ROOT, rel) });
    const files = ['test/a.test.ts', LONGEST_FIRST[2], 'test/b.test.ts', LONGEST_FIRST[0], 'test/c.test.ts'].map(spec);
    const order = longestFirst(files).map((f) => f.moduleId.slice(ROOT.length));
    expect(order).toEqual([LONGEST_FIRST[0], LONGEST_FIRST[2], 'test/a.test.ts', 'test/b.test.ts', 'test/c.test.ts']);
  });
});
