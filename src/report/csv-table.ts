/**
 * CSV output (RFC 4180) and a matching parser for round trips.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import { cellText, cellValue, resolveTableColumns, type TableColumnInput, type TableRow } from './table-columns.ts';

/**
 * Options for {@link csvTable}.
 *
 * @category Tables
 */
export interface CsvTableOptions {
  /** Record separator. Default `'\r\n'` (RFC 4180). */
  newline?: '\r\n' | '\n';
  /** Write the header line. Default true. */
  header?: boolean;
}

/**
 * Render rows as CSV text following RFC 4180.
 *
 * A field is quoted when it contains a comma, a double quote, CR or LF, or starts/ends with a space; quotes inside
 * are doubled. Numbers print in full (shortest round-trip form) unless the column has a `format`; NaN, null and
 * undefined give an empty field; ±Infinity give `Infinity`/`-Infinity`; numeric arrays print `[a, b]`
 * (quoted, as they contain a comma); objects print as JSON.
 *
 * @param rows - The rows (plain objects).
 * @param columns - Column keys or {@link TableColumn} descriptions (`header`, `format`; `align` is ignored).
 *   Default: the union of the rows' keys.
 * @param options - See {@link CsvTableOptions}.
 * @returns The CSV text; every record, including the last, ends with the newline.
 *
 * @complexity O(total characters).
 *
 * @model RFC 4180 §2: records separated by CRLF, fields by commas, fields with `,` `"` CR LF enclosed in
 * double quotes with inner quotes doubled.
 *
 * @references Shafranovich, Y. (2005). Common Format and MIME Type for CSV Files. RFC 4180.
 * https://doi.org/10.17487/RFC4180
 *
 * @example
 * csvTable([{ name: 'a, "b"', x: 0.1 }]); // 'name,x\r\n"a, ""b""",0.1\r\n'
 *
 * @category Tables
 */
export function csvTable(
  rows: readonly TableRow[],
  columns?: readonly TableColumnInput[],
  options: CsvTableOptions = {},
): string {
  const cols = resolveTableColumns(rows, columns);
  const nl = options.newline ?? '\r\n';
  if (nl !== '\r\n' && nl !== '\n') throw new FragilityInputError('newline', nl, "'\\r\\n' or '\\n'");
  const numberText = (x: number | null): string => (x === null || Number.isNaN(x) ? '' : String(x));
  const nonFinite = { missing: '', infinity: 'Infinity', negativeInfinity: '-Infinity' };
  const lines: string[] = [];
  if (options.header ?? true) lines.push(cols.map((c) => quoteCsvField(c.header ?? c.key)).join(','));
  for (const row of rows) {
    lines.push(
      cols.map((c) => quoteCsvField(cellText(cellValue(row, c.key), row, c, numberText, nonFinite))).join(','),
    );
  }
  return lines.length === 0 ? '' : lines.join(nl) + nl;
}

/**
 * Quote one CSV field if it needs it (RFC 4180 §2.6–2.7).
 *
 * @param field - The field text.
 * @returns The field, enclosed in double quotes with inner quotes doubled when it holds `,` `"` CR LF or
 *   leading/trailing spaces; unchanged otherwise.
 *
 * @complexity O(length).
 * @model RFC 4180 §2.6–2.7.
 * @references RFC 4180, https://doi.org/10.17487/RFC4180
 *
 * @example
 * quoteCsvField('say "hi"'); // '"say ""hi"""'
 *
 * @category Tables
 */
export function quoteCsvField(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? '"' + field.replace(/"/g, '""') + '"' : field;
}

/**
 * Parse RFC 4180 CSV text into records of strings (the inverse of {@link csvTable} up to number formatting).
 *
 * Accepts CRLF or LF record separators, quoted fields with doubled quotes and embedded newlines; a final newline
 * is optional. Values stay strings: convert with `Number(...)` as needed.
 *
 * @param text - The CSV text.
 * @returns `{ header, rows }`: the first record as the header, and every later record as an object keyed by it
 *   (missing trailing fields become `''`).
 * @throws FragilityInputError on an unterminated quoted field or a stray quote inside an unquoted field.
 *
 * @complexity O(length of text).
 *
 * @model RFC 4180 §2 grammar (file = header *(CRLF record) [CRLF]).
 *
 * @references RFC 4180, https://doi.org/10.17487/RFC4180
 *
 * @example
 * parseCsvTable('a,b\r\n1,"x,y"\r\n').rows; // [{ a: '1', b: 'x,y' }]
 *
 * @category Tables
 */
export function parseCsvTable(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records = parseCsvRecords(text);
  const header = records.shift() ?? [];
  const rows = records.map((rec) => {
    const o: Record<string, string> = {};
    header.forEach((h, i) => {
      o[h] = rec[i] ?? '';
    });
    return o;
  });
  return { header, rows };
}

/**
 * Parse RFC 4180 CSV text into an array of records, each an array of field strings.
 *
 * @param text - The CSV text.
 * @returns The records (a trailing newline does not produce an empty record).
 * @throws FragilityInputError on malformed quoting.
 *
 * @complexity O(length of text).
 * @model RFC 4180 §2.
 * @references RFC 4180, https://doi.org/10.17487/RFC4180
 *
 * @example
 * parseCsvRecords('a,"b ""c"""\n'); // [['a', 'b "c"']]
 *
 * @category Tables
 */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  let pending = false; // a record has started (some char seen since the last newline)
  while (i < n) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      // Quoted field.
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            closed = true;
            break;
          }
        } else {
          field += c;
          i++;
        }
      }
      if (!closed) throw new FragilityInputError('csv', text.slice(0, 40), 'RFC 4180 CSV', 'unterminated quoted field');
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        throw new FragilityInputError(
          'csv',
          text.slice(0, 40),
          'RFC 4180 CSV',
          `unexpected character after quoted field at offset ${i}`,
        );
      }
      atFieldStart = false;
      pending = true;
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      atFieldStart = true;
      pending = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atFieldStart = true;
      pending = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (ch === '"') {
      throw new FragilityInputError(
        'csv',
        text.slice(0, 40),
        'RFC 4180 CSV',
        `stray quote inside an unquoted field at offset ${i}`,
      );
    }
    field += ch;
    atFieldStart = false;
    pending = true;
    i++;
  }
  if (pending) {
    record.push(field);
    records.push(record);
  }
  return records;
}
