import { describe, it, expect } from 'vitest';
import { markdownTable, csvTable, parseCsvTable, parseCsvRecords, quoteCsvField } from '../../src/report/index.ts';
import { FragilityInputError } from '../../src/errors.ts';

describe('markdownTable', () => {
  const rows = [
    { name: 'skype-2010', loss: 0.275, ci: [0.25, 0.3], collapse: true },
    { name: 'skype-2007', loss: 0.1, ci: [0.08, 0.121], collapse: false },
  ];

  it('renders header, alignment row and padded cells with formats', () => {
    const md = markdownTable(rows, [
      { key: 'name', header: 'scenario' },
      { key: 'loss', header: 'loss', format: { style: 'percent', digits: 1 } },
      { key: 'ci', header: '95% CI', format: { style: 'fixed', digits: 2 } },
      { key: 'collapse', align: 'center' },
    ]);
    expect(md).toBe(
      [
        '| scenario   |  loss |       95% CI | collapse |',
        '| :--------- | ----: | -----------: | :------: |',
        '| skype-2010 | 27.5% | [0.25, 0.30] |   true   |',
        '| skype-2007 | 10.0% | [0.08, 0.12] |  false   |',
        '',
      ].join('\n'),
    );
  });

  it('defaults: all keys, numbers right-aligned with 4 significant digits, strings left', () => {
    const md = markdownTable([
      { a: 'x', b: Math.PI },
      { a: 'yy', b: 2 },
    ]);
    const lines = md.trimEnd().split('\n');
    expect(lines[1]).toBe('| :-- | ----: |');
    expect(lines[2]).toBe('| x   | 3.142 |');
    expect(lines[3]).toBe('| yy  |     2 |');
  });

  it('escapes pipes and newlines, prints NaN/Infinity/missing cells', () => {
    const md = markdownTable([{ a: 'p|q\nr', b: NaN, c: Infinity }, { a: 'z' }], ['a', 'b', 'c'], { pad: false });
    expect(md.split('\n')[2]).toBe('| p\\|q<br>r | — | ∞ |');
    expect(md.split('\n')[3]).toBe('| z |  |  |');
  });

  it('reads dotted keys from nested objects', () => {
    const md = markdownTable([{ threshold: { analytic: 0.25 } }], [{ key: 'threshold.analytic', header: 'f*' }], {
      pad: false,
    });
    expect(md.split('\n')[2]).toBe('| 0.25 |');
  });

  it('returns an empty string without columns, rejects bad columns', () => {
    expect(markdownTable([])).toBe('');
    expect(() => markdownTable([{ a: 1 }], [{ key: '' }])).toThrow(FragilityInputError);
  });
});

describe('csvTable (RFC 4180)', () => {
  it('quotes fields with commas, quotes, newlines and edge spaces; CRLF records', () => {
    const csv = csvTable([{ name: 'a, "b"', note: 'line1\nline2', pad: ' x', n: 0.1 }]);
    expect(csv).toBe('name,note,pad,n\r\n"a, ""b""","line1\nline2"," x",0.1\r\n');
    expect(quoteCsvField('plain')).toBe('plain');
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('writes numbers in full, NaN/null as empty, ±Infinity by name; headers from columns', () => {
    const csv = csvTable(
      [{ q: 1 / 3, S: NaN, hi: Infinity, lo: -Infinity, m: null }],
      [{ key: 'q', header: 'q (occupation)' }, 'S', 'hi', 'lo', 'm'],
      { newline: '\n' },
    );
    expect(csv).toBe('q (occupation),S,hi,lo,m\n0.3333333333333333,,Infinity,-Infinity,\n');
  });

  it('round-trips awkward strings through parseCsvTable', () => {
    const rows = [
      { name: 'comma, inside', quote: 'he said "no"', multi: 'a\r\nb\nc', empty: '', unicode: 'Erdős–Rényi ≥ ∞' },
      { name: '"', quote: '""', multi: ',', empty: ' ', unicode: 'x' },
    ];
    const parsed = parseCsvTable(csvTable(rows));
    expect(parsed.header).toEqual(['name', 'quote', 'multi', 'empty', 'unicode']);
    expect(parsed.rows).toEqual(rows);
  });

  it('round-trips numbers exactly (shortest round-trip form)', () => {
    const xs = [0.1 + 0.2, 1e-300, -5e-324, 2 ** 53 + 2, 123456.789];
    const parsed = parseCsvTable(csvTable(xs.map((x) => ({ x }))));
    expect(parsed.rows.map((r) => Number(r.x))).toEqual(xs);
  });

  it('parser: LF records, missing final newline, short records, malformed quoting', () => {
    expect(parseCsvRecords('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsvTable('a,b\r\n1\r\n').rows).toEqual([{ a: '1', b: '' }]);
    expect(parseCsvRecords('')).toEqual([]);
    expect(() => parseCsvRecords('"abc')).toThrow(/unterminated/);
    expect(() => parseCsvRecords('a"b')).toThrow(/stray quote/);
    expect(() => parseCsvRecords('"a"b')).toThrow(/after quoted field/);
  });
});
