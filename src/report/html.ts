/**
 * Small HTML helpers for the self-contained report page (index.html): escaping, tables from the same rows as the
 * markdown and CSV tables, the markdown subset the report's prose uses, and JSON embedded in a `<script>`.
 *
 * @module
 */
import { formatNumber } from './format-number.ts';
import {
  cellText,
  cellValue,
  isNumericCell,
  resolveTableColumns,
  type TableColumnInput,
  type TableRow,
} from './table-columns.ts';

/**
 * Escape text for HTML content and attribute values.
 *
 * @param s - any text.
 * @returns the text with `& < > " '` escaped.
 *
 * @example
 * ```ts
 * escapeHtml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 * ```
 */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * An HTML table from table rows (the rows markdownTable and csvTable take): a `<caption>` when given, `<th scope="col">`
 * headers, numeric columns right-aligned, numbers printed with 4 significant digits unless the column has a format.
 *
 * @param rows - the rows.
 * @param columns - column keys or descriptions (default: every key).
 * @param caption - optional caption text.
 * @returns an HTML `<table>` string ('' when there is no column).
 *
 * @complexity O(rows × columns).
 *
 * @example
 * ```ts
 * htmlTable([{ loss: 0.25, p: 0.9 }]); // starts with <table><thead><tr><th scope="col">loss</th>
 * ```
 */
export function htmlTable(rows: readonly TableRow[], columns?: readonly TableColumnInput[], caption?: string): string {
  const cols = resolveTableColumns(rows, columns);
  if (cols.length === 0) return '';
  const numberText = (x: number | null): string => formatNumber(x, { style: 'significant', digits: 4, trim: true });
  const numeric = cols.map((c) => {
    const present = rows.map((r) => cellValue(r, c.key)).filter((v) => v !== null && v !== undefined);
    return c.align === 'right' || (c.align === undefined && present.length > 0 && present.every(isNumericCell));
  });
  const head = cols
    .map((c, j) => `<th scope="col"${numeric[j] ? ' class="num"' : ''}>${escapeHtml(c.header ?? c.key)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${cols.map((c, j) => `<td${numeric[j] ? ' class="num"' : ''}>${escapeHtml(cellText(cellValue(row, c.key), row, c, numberText))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/**
 * The markdown subset of the report's prose as HTML: paragraphs (blank-line separated), `- ` bullet lists,
 * `**bold**`, `*italic*` and `` `code` ``. Everything else is escaped text. (A full CommonMark renderer is a
 * development-only dependency here; the report's generated prose uses nothing more.)
 *
 * @param md - markdown text.
 * @returns HTML.
 *
 * @complexity O(length).
 *
 * @example
 * ```ts
 * simpleMarkdownHtml('**Verdict.** ok\n\n- *a*: b'); // '<p><strong>Verdict.</strong> ok</p>\n<ul><li><em>a</em>: b</li></ul>'
 * ```
 */
export function simpleMarkdownHtml(md: string): string {
  const inline = (s: string) =>
    escapeHtml(s)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\*([^*\s][^*]*)\*/g, '<em>$1</em>');
  const out: string[] = [];
  for (const block of md.trim().split(/\n\s*\n/)) {
    const lines = block.split('\n');
    const items = lines.filter((l) => /^\s*- /.test(l));
    if (items.length > 0) {
      const lead = lines
        .filter((l) => !/^\s*- /.test(l))
        .join(' ')
        .trim();
      if (lead) out.push(`<p>${inline(lead)}</p>`);
      out.push(`<ul>${items.map((l) => `<li>${inline(l.replace(/^\s*- /, ''))}</li>`).join('')}</ul>`);
    } else {
      out.push(`<p>${inline(block.replace(/\s*\n\s*/g, ' ').trim())}</p>`);
    }
  }
  return out.join('\n');
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX`
 * escapes, so no `</script>` or comment opener can end the element early; `JSON.parse` of the element's text gives
 * the value back. NaN and ±Infinity must be mapped before (JSON has none).
 *
 * @param value - a JSON-serialisable value.
 * @returns the JSON text, safe inside `<script>`.
 *
 * @example
 * ```ts
 * scriptJson({ a: '</script>' }); // '{"a":"\\u003c/script\\u003e"}'
 * ```
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A script's source made safe for an inline `<script>` element: every `</script` (any case) becomes `<\/script`,
 * which JavaScript reads the same inside strings, templates and regular expressions.
 *
 * @param js - JavaScript source.
 * @returns the source, safe to inline.
 *
 * @example
 * ```ts
 * inlineScript('x = "</script>"'); // 'x = "<\\/script>"'
 * ```
 */
export function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1');
}
