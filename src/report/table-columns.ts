/**
 * Column descriptions shared by {@link markdownTable} and {@link csvTable}, and cell-to-text conversion.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import { formatNumber, type NumberFormat, type NonFiniteText } from './format-number.ts';

/**
 * One row of a table: a plain object; cells are read by key.
 *
 * @category Tables
 */
export type TableRow = Record<string, unknown>;

/**
 * One column of a table.
 *
 * - `key` — the row property to read (dotted paths such as `'threshold.ci'` reach into nested objects).
 * - `header` — the header text; default `key`.
 * - `align` — markdown alignment; default `'right'` when every present cell is a number (or an array of numbers),
 *   else `'left'`. CSV ignores it.
 * - `format` — a {@link NumberFormat} for numeric cells (applied to each element of numeric arrays, printed
 *   `[lo, hi]`), or a function `(value, row) => string` for any cell. Default: markdown prints numbers with
 *   4 significant digits, CSV prints them in full (shortest round-trip form).
 *
 * @category Tables
 */
export interface TableColumn {
  key: string;
  header?: string;
  align?: 'left' | 'right' | 'center';
  /** A number format, or a function (value, row) → cell text; see above. */
  format?: NumberFormat | ((value: unknown, row: TableRow) => string);
}

/**
 * A column given as its full description or just its key.
 *
 * @category Tables
 */
export type TableColumnInput = TableColumn | string;

/** Normalise column inputs; without columns, use the union of the rows' keys in first-seen order. */
export function resolveTableColumns(rows: readonly TableRow[], columns?: readonly TableColumnInput[]): TableColumn[] {
  if (!Array.isArray(rows)) throw new FragilityInputError('rows', rows, 'an array of objects');
  if (columns === undefined) {
    const keys: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      for (const k of Object.keys(row ?? {})) {
        if (!seen.has(k)) {
          seen.add(k);
          keys.push(k);
        }
      }
    }
    return keys.map((key) => ({ key }));
  }
  return columns.map((c, i) => {
    const col = typeof c === 'string' ? { key: c } : c;
    if (!col || typeof col.key !== 'string' || col.key === '') {
      throw new FragilityInputError(`columns[${i}].key`, col?.key, 'a non-empty string');
    }
    return col;
  });
}

/** Read a (possibly dotted) key from a row. A key present verbatim wins over the dotted path. */
export function cellValue(row: TableRow, key: string): unknown {
  if (row == null) return undefined;
  if (key in row) return row[key];
  if (!key.includes('.')) return undefined;
  let v: unknown = row;
  for (const part of key.split('.')) {
    if (v == null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** Is this cell numeric (a number, or an array/typed array of numbers)? Missing cells count as neither. */
export function isNumericCell(v: unknown): boolean {
  if (typeof v === 'number') return true;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return true;
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' || x === null);
}

/** Convert one cell to text. `numberText` prints numbers when the column has no format. */
export function cellText(
  value: unknown,
  row: TableRow,
  column: TableColumn,
  numberText: (x: number | null) => string,
  nonFinite?: NonFiniteText,
): string {
  const f = column.format;
  if (typeof f === 'function') return (f as (value: unknown, row: TableRow) => string)(value, row);
  const num = (x: number | null): string => (f ? formatNumber(x, f, nonFinite) : numberText(x));
  if (typeof value === 'number') return num(value);
  if (value === null || value === undefined) return '';
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return '[' + Array.from(value as unknown as ArrayLike<number>, (x) => num(x)).join(', ') + ']';
  }
  if (Array.isArray(value)) {
    return '[' + value.map((x) => (typeof x === 'number' || x === null ? num(x) : plainText(x))).join(', ') + ']';
  }
  return plainText(value);
}

function plainText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
