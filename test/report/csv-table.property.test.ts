import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { csvTable, parseCsvTable } from '../../src/report/index.ts';

describe('csvTable ∘ parseCsvTable', () => {
  it('is the identity on string cells (any characters, including quotes, commas, CR, LF)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\r', '\n', ' ', 'é', '∞', '|'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (tuples, crlf) => {
          const rows = tuples.map(([x, y, z]) => ({ x, y, z }));
          const text = csvTable(rows, undefined, { newline: crlf ? '\r\n' : '\n' });
          expect(parseCsvTable(text).rows).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is the identity on finite doubles after Number()', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 10 }),
        (xs) => {
          const back = parseCsvTable(csvTable(xs.map((v) => ({ v })))).rows.map((r) => Number(r.v));
          expect(back).toEqual(xs.map((v) => (Object.is(v, -0) ? 0 : v)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
