/**
 * GitHub-flavoured markdown tables with per-column alignment and number formatting.
 *
 * @module
 */
import { formatNumber, type NonFiniteText } from './format-number.ts';
import {
  cellText,
  cellValue,
  isNumericCell,
  resolveTableColumns,
  type TableColumnInput,
  type TableRow,
} from './table-columns.ts';

/**
 * Options for {@link markdownTable}.
 *
 * @category Tables
 */
export interface MarkdownTableOptions {
  /** Text for NaN/missing numbers and ±Infinity; defaults `—`, `∞`, `−∞`. */
  nonFinite?: NonFiniteText;
  /** Pad cells so the raw markdown lines up in a monospace editor. Default true. */
  pad?: boolean;
}

/**
 * Render rows as a GitHub-flavoured markdown (GFM) pipe table.
 *
 * Numbers default to 4 significant digits, trailing zeros trimmed (NaN → `—`, ±Infinity → `∞`/`−∞`), numeric arrays print `[a, b]`
 * (handy for confidence intervals), `|` in a cell is escaped as `\|` and line breaks become `<br>`. Columns
 * default to the union of the rows' keys; alignment defaults to right for numeric columns, left otherwise.
 *
 * @param rows - The rows (plain objects).
 * @param columns - Column keys or {@link TableColumn} descriptions (header, align, format). Default: all keys.
 * @param options - See {@link MarkdownTableOptions}.
 * @returns The table, lines joined by `\n`, with a trailing newline (empty string for no columns).
 *
 * @complexity O(rows × columns).
 *
 * @model GFM table: header row, delimiter row (`:---`, `---:`, `:---:`), one row per record.
 *
 * @references GitHub Flavored Markdown Spec, §4.10 Tables (extension), https://github.github.com/gfm/#tables-extension-
 *
 * @example
 * markdownTable([{ loss: 0.25, p: 0.9 }], [
 *   { key: 'loss', header: 'supernode loss', format: { style: 'percent', digits: 0 } },
 *   { key: 'p', header: 'P(collapse)', format: { style: 'fixed', digits: 2 } },
 * ]); // '| supernode loss | P(collapse) |\n| -------------: | ----------: |\n|            25% |        0.90 |\n'
 * // | supernode loss | P(collapse) |
 * // | -------------: | ----------: |
 * // |            25% |        0.90 |
 *
 * @category Tables
 */
export function markdownTable(
  rows: readonly TableRow[],
  columns?: readonly TableColumnInput[],
  options: MarkdownTableOptions = {},
): string {
  const cols = resolveTableColumns(rows, columns);
  if (cols.length === 0) return '';
  const pad = options.pad ?? true;
  const numberText = (x: number | null): string =>
    formatNumber(x, { style: 'significant', digits: 4, trim: true }, options.nonFinite);
  const headers = cols.map((c) => escapeCell(c.header ?? c.key));
  const body = rows.map((row) =>
    cols.map((c) => escapeCell(cellText(cellValue(row, c.key), row, c, numberText, options.nonFinite))),
  );
  const aligns = cols.map((c) => {
    if (c.align) return c.align;
    const present = rows.map((r) => cellValue(r, c.key)).filter((v) => v !== null && v !== undefined);
    return present.length > 0 && present.every(isNumericCell) ? 'right' : 'left';
  });
  const widths = cols.map((_, j) =>
    pad ? Math.max(3, textWidth(headers[j]), ...body.map((r) => textWidth(r[j]))) : 3,
  );
  const fit = (s: string, j: number): string => {
    if (!pad) return s;
    const gap = widths[j] - textWidth(s);
    if (gap <= 0) return s;
    if (aligns[j] === 'right') return ' '.repeat(gap) + s;
    if (aligns[j] === 'center') return ' '.repeat(Math.floor(gap / 2)) + s + ' '.repeat(Math.ceil(gap / 2));
    return s + ' '.repeat(gap);
  };
  const delimiter = aligns.map((a, j) => {
    const w = widths[j];
    if (a === 'right') return '-'.repeat(w - 1) + ':';
    if (a === 'center') return ':' + '-'.repeat(w - 2) + ':';
    return ':' + '-'.repeat(w - 1);
  });
  const line = (cells: string[]): string => '| ' + cells.join(' | ') + ' |';
  const out = [line(headers.map(fit)), line(delimiter), ...body.map((r) => line(r.map(fit)))];
  return out.join('\n') + '\n';
}

function escapeCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** Width in code points (good enough for padding; wide CJK glyphs are rare in reports). */
function textWidth(s: string): number {
  return Array.from(s).length;
}
