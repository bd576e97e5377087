// README's API example must run as written and print what its comments say.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('README', () => {
  it('the API example runs and prints the giant fraction near the generating-function value', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?from 'fragility';[\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    const file = join(ROOT, 'tmp', 'readme-example.mts');
    writeFileSync(file, block![1]);
    const out = execFileSync(process.execPath, ['--conditions=fragility-source', '--import', 'tsx', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const [mc, gf] = out.trim().split('\n').map(Number);
    expect(gf).toBeCloseTo(0.398406, 6);
    // one replicate at n = 1e5: per-run sd ≈ 0.003 (docs/reference/literature-values.md, G3), so 5 sd = 0.015
    expect(Math.abs(mc - gf)).toBeLessThan(0.015);
  });
});
