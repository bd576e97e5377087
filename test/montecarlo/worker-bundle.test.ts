import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundledWorker } from '../../src/montecarlo/worker-bundle.ts';

describe('bundledWorker', () => {
  const entry = new URL('../../src/montecarlo/replicate-worker.ts', import.meta.url);

  it('bundles a TypeScript worker module into one content-hashed .mjs whose default export is the task function', async () => {
    const url = bundledWorker(entry);
    expect(url).not.toBeNull();
    expect(url!.href).toMatch(/node_modules\/\.cache\/fragility\/replicate-worker-[0-9a-f]{16}\.mjs$/);
    // Once per process: the same URL again, no rebuild.
    expect(bundledWorker(entry)).toBe(url);
    const text = readFileSync(fileURLToPath(url!), 'utf8');
    // npm packages stay external imports (resolved from node_modules), sources are inlined (no .ts imports left).
    expect(text).not.toMatch(/from ["'][^"']+\.ts["']/);
    const mod = (await import(url!.href)) as { default: unknown };
    expect(typeof mod.default).toBe('function');
  });

  it('returns null (the caller falls back to the tsx entry) when the module cannot be bundled', () => {
    expect(bundledWorker(new URL('../../src/montecarlo/no-such-worker.ts', import.meta.url))).toBeNull();
  });
});
