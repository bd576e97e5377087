import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJsonSafe, jsonReportText, writeJsonReport } from '../../src/report/index.ts';
import { FragilityInputError } from '../../src/errors.ts';

describe('toJsonSafe / writeJsonReport (CLI contract: no NaN in JSON)', () => {
  it('maps NaN and ±Infinity to null at any depth, typed arrays to arrays', () => {
    const value = {
      threshold: { analytic: 0.27, montecarlo: NaN, ci: [0.25, Infinity] },
      timeline: [{ t: 0, online: -Infinity }],
      curve: new Float64Array([0.5, NaN]),
      ids: new Int32Array([1, 2]),
      skip: undefined,
      big: 12n,
      when: new Date(Date.UTC(2010, 11, 22)),
      seen: new Set([1, NaN]),
      byName: new Map([['a', NaN]]),
    };
    expect(toJsonSafe(value)).toEqual({
      threshold: { analytic: 0.27, montecarlo: null, ci: [0.25, null] },
      timeline: [{ t: 0, online: null }],
      curve: [0.5, null],
      ids: [1, 2],
      big: 12,
      when: '2010-12-22T00:00:00.000Z',
      seen: [1, null],
      byName: { a: null },
    });
  });

  it('text never contains NaN or Infinity and parses back', () => {
    const text = jsonReportText({ a: NaN, b: [Infinity, -Infinity, 1] }, 0);
    expect(text).toBe('{"a":null,"b":[null,null,1]}\n');
    expect(JSON.parse(text)).toEqual({ a: null, b: [null, null, 1] });
  });

  it('rejects circular data with the path named', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(() => toJsonSafe(a)).toThrow(FragilityInputError);
    expect(() => toJsonSafe(a)).toThrow(/\$\.self/);
    // Shared (non-circular) references are fine.
    const shared = { v: 1 };
    expect(toJsonSafe({ p: shared, q: shared })).toEqual({ p: { v: 1 }, q: { v: 1 } });
  });

  it('writes the file, creating parent directories', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fragility-json-'));
    const path = join(dir, 'deep', 'er', 'report.json');
    expect(writeJsonReport(path, { seed: 1, S: NaN })).toBe(path);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(text)).toEqual({ seed: 1, S: null });
  });
});
