/**
 * A report bundle on disk: index.md (sections with text, tables and inline plots, and a list of every file),
 * optionally index.html (a self-contained web page given by the caller),
 * one SVG per plot (optionally a PNG too), CSV tables and report.json.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeDirAtomicSync } from '../atomic-write.ts';
import { FragilityInputError } from '../errors.ts';
import { csvTable } from './csv-table.ts';
import { writeJsonReport } from './json-report.ts';
import { markdownTable } from './markdown-table.ts';
import { svgToPng } from './svg-to-png.ts';
import type { TableColumnInput, TableRow } from './table-columns.ts';

/**
 * A table in a section: rendered as markdown in index.md; with `csv` also written to `<csv>.csv` and linked.
 *
 * @category Reports
 */
export interface ReportTable {
  rows: readonly TableRow[];
  columns?: readonly TableColumnInput[];
  caption?: string;
  /** File name (without `.csv`) to also write the rows as CSV. */
  csv?: string;
}

/**
 * A plot in a section: written to `<name>.svg` and shown inline.
 *
 * @category Reports
 */
export interface ReportPlot {
  /** File name without extension (a trailing `.svg` is accepted and dropped). */
  name: string;
  svg: string;
  /** Alt text for the image. Default: the section heading. */
  alt?: string;
  caption?: string;
}

/**
 * One section of index.md: a `##` heading, then markdown, the plot and the table (each optional).
 *
 * @category Reports
 */
export interface ReportSection {
  heading: string;
  markdown?: string;
  plot?: ReportPlot;
  table?: ReportTable;
}

/**
 * A CSV file: rows, or rows with column descriptions.
 *
 * @category Reports
 */
export type ReportCsv = readonly TableRow[] | { rows: readonly TableRow[]; columns?: readonly TableColumnInput[] };

/**
 * Everything {@link writeReport} writes.
 *
 * @category Reports
 */
export interface ReportBundle {
  title: string;
  /** Markdown placed under the title (e.g. the verdict and the summary table). */
  summary?: string;
  sections: readonly ReportSection[];
  /** Written to report.json (NaN/±Infinity → null). */
  json?: unknown;
  /** Extra CSV files: file name (without `.csv`) → rows. */
  csv?: Readonly<Record<string, ReportCsv>>;
  /**
   * A complete HTML document written to `index.html` beside index.md (e.g. the scenario page with its explorer,
   * scenarioHtmlPage); linked from index.md's file list.
   */
  html?: string;
  /** Also render each plot to `<name>.png` with rsvg-convert (and link it). Default false. */
  png?: boolean | { zoom?: number };
}

/**
 * What {@link writeReport} wrote.
 *
 * @category Reports
 */
export interface WrittenReport {
  /** The directory. */
  dir: string;
  /** Absolute-or-as-given path of index.md (`join(dir, 'index.md')`). */
  index: string;
  /** Every file written, as names relative to `dir` (index.md last). */
  files: string[];
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Write a report bundle to `dir` (its parents created as needed). The folder is assembled aside and moved into place
 * (`writeDirAtomicSync`): an existing `dir` is replaced as a whole if it is empty or a report folder written before,
 * and refused otherwise (FragilityInputError), so that no user file is ever deleted.
 *
 * index.md has the title, the summary, one `##` section per entry (markdown, inline image `![alt](name.svg)` with
 * links to the SVG/PNG, the markdown table with a link to its CSV), then a "Files" list linking every file written.
 * All links are relative, so the directory can be moved or published as is.
 *
 * @param dir - The output directory.
 * @param report - See {@link ReportBundle}.
 * @returns See {@link WrittenReport}.
 * @throws FragilityInputError for an unsafe or duplicate file name (allowed: letters, digits, `.`, `_`, `-`, not
 *   starting with `.`), or a missing title/heading; RsvgConvertMissingError when `png` is set and rsvg-convert is
 *   absent.
 *
 * @complexity O(total size of the tables and plots).
 *
 * @model —.
 *
 * @references CommonMark 0.31 (links and images), https://spec.commonmark.org/0.31.2/
 *
 * @example
 * writeReport('report', {
 *   title: 'Skype 2010',
 *   sections: [{ heading: 'Timeline', plot: { name: 'timeline', svg: timelinePlot({ series: [] }) } }],
 *   json: { scenario: 'skype-2010' },
 *   csv: { timeline: [{ t: 0, online: 1 }] },
 * });
 *
 * @category Reports
 */
export function writeReport(dir: string, report: ReportBundle): WrittenReport {
  if (!report || typeof report.title !== 'string') throw new FragilityInputError('title', report?.title, 'a string');
  if (!Array.isArray(report.sections)) throw new FragilityInputError('sections', report.sections, 'an array');
  if (report.html !== undefined && typeof report.html !== 'string')
    throw new FragilityInputError('html', typeof report.html, 'an HTML document string');
  const names = new Set<string>();
  const claim = (field: string, name: string, ext: string): string => {
    if (typeof name !== 'string' || !SAFE_NAME.test(name)) {
      throw new FragilityInputError(
        field,
        name,
        'a file name of letters, digits, ".", "_", "-" (not starting with ".")',
      );
    }
    const file = `${name}.${ext}`;
    if (names.has(file) || file === 'index.md' || file === 'report.json' || file === 'index.html') {
      throw new FragilityInputError(field, name, `a name not already used in this report (${file} is taken)`);
    }
    names.add(file);
    return file;
  };
  const pngZoom = report.png ? (typeof report.png === 'object' ? (report.png.zoom ?? 1) : 1) : 0;

  // Claim every name before writing anything, so that a bad name leaves the directory untouched.
  const plans = report.sections.map((s, i) => {
    if (!s || typeof s.heading !== 'string')
      throw new FragilityInputError(`sections[${i}].heading`, s?.heading, 'a string');
    const svgFile = s.plot ? claim(`sections[${i}].plot.name`, s.plot.name.replace(/\.svg$/i, ''), 'svg') : undefined;
    if (s.plot && typeof s.plot.svg !== 'string')
      throw new FragilityInputError(`sections[${i}].plot.svg`, typeof s.plot.svg, 'an SVG string');
    const pngFile =
      s.plot && pngZoom ? claim(`sections[${i}].plot.name`, s.plot.name.replace(/\.svg$/i, ''), 'png') : undefined;
    const csvFile =
      s.table?.csv !== undefined
        ? claim(`sections[${i}].table.csv`, s.table.csv.replace(/\.csv$/i, ''), 'csv')
        : undefined;
    return { s, svgFile, pngFile, csvFile };
  });
  const extraCsv = Object.entries(report.csv ?? {}).map(([name, spec]) => ({
    file: claim(`csv.${name}`, name.replace(/\.csv$/i, ''), 'csv'),
    rows: Array.isArray(spec) ? (spec as readonly TableRow[]) : (spec as { rows: readonly TableRow[] }).rows,
    columns: Array.isArray(spec) ? undefined : (spec as { columns?: readonly TableColumnInput[] }).columns,
  }));

  // Assembled in a sibling temporary folder and moved into place when complete (src/atomic-write.ts): a run killed
  // or out of disk leaves the previous report or none, never 12 of 13 files with a cut report.json.
  mkdirSync(dirname(resolve(dir)), { recursive: true });
  const written: string[] = [];
  writeDirAtomicSync(dir, (tmp) => {
    const md: string[] = [`# ${oneLine(report.title)}`, ''];
    if (report.summary) md.push(report.summary.trim(), '');

    for (const { s, svgFile, pngFile, csvFile } of plans) {
      md.push(`## ${oneLine(s.heading)}`, '');
      if (s.markdown) md.push(s.markdown.trim(), '');
      if (s.plot && svgFile) {
        writeFileSync(join(tmp, svgFile), s.plot.svg.endsWith('\n') ? s.plot.svg : s.plot.svg + '\n', 'utf8');
        written.push(svgFile);
        if (pngFile) {
          svgToPng(s.plot.svg, join(tmp, pngFile), { zoom: pngZoom });
          written.push(pngFile);
        }
        const alt = escapeLinkText(s.plot.alt ?? s.heading);
        md.push(`![${alt}](${svgFile})`, '');
        const links = [`[SVG](${svgFile})`, ...(pngFile ? [`[PNG](${pngFile})`] : [])].join(' · ');
        md.push(s.plot.caption ? `*${oneLine(s.plot.caption)}* (${links})` : `(${links})`, '');
      }
      if (s.table) {
        if (!Array.isArray(s.table.rows)) throw new FragilityInputError('table.rows', s.table.rows, 'an array');
        if (s.table.caption) md.push(`*${oneLine(s.table.caption)}*`, '');
        md.push(markdownTable(s.table.rows, s.table.columns).trimEnd(), '');
        if (csvFile) {
          writeFileSync(join(tmp, csvFile), csvTable(s.table.rows, s.table.columns), 'utf8');
          written.push(csvFile);
          md.push(`Data: [${csvFile}](${csvFile})`, '');
        }
      }
    }
    for (const { file, rows, columns } of extraCsv) {
      writeFileSync(join(tmp, file), csvTable(rows, columns), 'utf8');
      written.push(file);
    }
    if (report.html !== undefined) {
      writeFileSync(join(tmp, 'index.html'), report.html, 'utf8');
      written.push('index.html');
    }
    if (report.json !== undefined) {
      writeJsonReport(join(tmp, 'report.json'), report.json);
      written.push('report.json');
    }
    if (written.length > 0) {
      md.push('## Files', '');
      for (const f of written) md.push(`- [${f}](${f})${describeFile(f)}`);
      md.push('');
    }
    writeFileSync(join(tmp, 'index.md'), md.join('\n'), 'utf8');
    written.push('index.md');
  });
  return { dir, index: join(dir, 'index.md'), files: written };
}

function describeFile(f: string): string {
  if (f === 'report.json') return ' — all results as JSON (NaN/∞ written as null)';
  if (f === 'index.html')
    return ' — the report as one self-contained web page, with the what-if explorer (opens offline)';
  if (f.endsWith('.csv')) return ' — table (CSV, RFC 4180)';
  if (f.endsWith('.svg')) return ' — plot (SVG)';
  if (f.endsWith('.png')) return ' — plot (PNG)';
  return '';
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function escapeLinkText(s: string): string {
  return oneLine(s).replace(/([[\]\\])/g, '\\$1');
}
