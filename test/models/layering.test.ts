// The layer rule of docs/DESIGN.md for the model descriptions: src/models imports only the bottom layers, and
// src/analytic imports nothing from src/cascade or src/montecarlo (they meet in src/compare). Static check of the
// import specifiers of every file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const importsOf = (dir: string) =>
  readdirSync(join(src, dir))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) =>
      [...readFileSync(join(src, dir, f), 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)].map((m) => ({
        file: `${dir}/${f}`,
        spec: m[1],
      })),
    );

describe('layering of the overload model description', () => {
  it('src/models imports only errors, random, distributions, the overlay type of graph, and itself', () => {
    const found = importsOf('models');
    expect(found.length).toBeGreaterThan(5);
    const bad = found.filter(
      ({ spec }) =>
        !/^(\.\/|\.\.\/errors\.ts$|\.\.\/random\/|\.\.\/distributions\/|\.\.\/graph\/two-tier-overlay\.ts$)/.test(spec),
    );
    expect(bad).toEqual([]);
  });

  it('src/analytic imports nothing from src/cascade or src/montecarlo', () => {
    const found = importsOf('analytic');
    expect(found.some(({ spec }) => spec.startsWith('../models/'))).toBe(true);
    expect(found.filter(({ spec }) => /^\.\.\/(cascade|montecarlo)\//.test(spec))).toEqual([]);
  });
});
