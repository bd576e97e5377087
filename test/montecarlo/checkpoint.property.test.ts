// Never a silent mix (issue 14): any single-character change anywhere in a checkpoint either makes --resume refuse
// it (FragilityInputError) or leaves a result identical to the uninterrupted run (e.g. a changed final newline
// only turns the last line into a torn write, which is dropped and recomputed).
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FragilityInputError } from '../../src/errors.ts';
import { runEnsemble, type EnsembleResult } from '../../src/montecarlo/ensemble.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-ck-prop-'));
const strip = (r: EnsembleResult) => {
  const { resumed, retries, ...rest } = r;
  void resumed;
  void retries;
  return JSON.stringify(rest, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
};

describe('checkpoint corruption', () => {
  it('one changed character: refused, or the uninterrupted result (80 cases)', async () => {
    const opts = { graph: 'square:L=5', runs: 3, seed: 4, grid: [0, 0.3, 0.6, 1], at: [0.5], bootstrap: 10 };
    const file = join(dir, 'orig.ndjson');
    const full = strip(await runEnsemble({ ...opts, checkpoint: file }));
    const text = readFileSync(file, 'utf8');
    let refused = 0;
    let identical = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(text.length - 1), fc.integer({ min: 32, max: 126 }), async (pos, code) => {
        fc.pre(text.charCodeAt(pos) !== code);
        const ck = join(dir, `c-${pos}-${code}.ndjson`);
        writeFileSync(ck, text.slice(0, pos) + String.fromCharCode(code) + text.slice(pos + 1));
        try {
          const res = await runEnsemble({ ...opts, checkpoint: ck, resume: true });
          expect(strip(res)).toBe(full);
          identical++;
        } catch (err) {
          expect(err).toBeInstanceOf(FragilityInputError);
          expect((err as Error).message).toMatch(/^--checkpoint: /);
          refused++;
        }
      }),
      { numRuns: 80, seed: 14 },
    );
    expect(refused).toBeGreaterThan(0);
    expect(refused + identical).toBeGreaterThanOrEqual(80);
  });
});
