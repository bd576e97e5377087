/**
 * Shared SVG plumbing for the report plots: a linkedom document for Observable Plot (so that plotting works the
 * same in Node, vitest and Deno), a header (title, subtitle, legend) drawn as an SVG mark inside the plot, and
 * finishing of the root `<svg>` (namespaces, explicit font) so that the string renders with rsvg-convert.
 *
 * Observable Plot wraps its output in a `<figure>` when given `title`, `subtitle`, `caption` or a legend; we never
 * pass those options, so the result is always exactly one `<svg>`.
 *
 * @module
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** The part of the DOM we use (the project compiles without the DOM lib; linkedom provides these at run time). */
export interface DomNode {
  nodeType: number;
  childNodes: ArrayLike<DomNode>;
}
/** A DOM element (structural subset). */
export interface DomElement extends DomNode {
  localName: string;
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  textContent: string | null;
  setAttribute(name: string, value: string): void;
  appendChild(child: DomNode): DomNode;
}
/** A DOM document (structural subset). */
export interface DomDocument {
  createElementNS(namespace: string, name: string): DomElement;
}
/** What a Plot render function returns. */
type RenderResult = ReturnType<Plot.RenderFunction>;

/** The SVG namespace. */
export const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The font stack set on every plot's root element (rsvg-convert needs an explicit family).
 *
 * @category Plots
 */
export const PLOT_FONT_FAMILY = "Helvetica, Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif";

/**
 * The base font size (px) of every plot.
 *
 * @category Plots
 */
export const PLOT_FONT_SIZE = 12;

/**
 * The categorical palette (Tableau 10), used in order for series without an explicit colour.
 *
 * @category Plots
 */
export const PLOT_PALETTE: readonly string[] = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ab',
];

/**
 * One legend entry, drawn as a small swatch and its name.
 *
 * @category Plots
 */
export interface LegendEntry {
  name: string;
  /**
   * line: a stroke; band: a translucent box; bandline: a translucent box with a stroke through it (a mean and its
   * CI); dot: a circle; pointrange: a circle on a vertical bar.
   */
  kind: 'line' | 'band' | 'bandline' | 'dot' | 'pointrange';
  color: string;
  dash?: string;
  opacity?: number;
  width?: number;
}

/** What goes above the frame: a title, a subtitle and a legend (all optional). */
export interface HeaderOptions {
  title?: string;
  subtitle?: string;
  legend?: LegendEntry[];
}

/**
 * The layout computed for a header: the margin it needs and a Plot render mark that draws it.
 * @internal (carries Observable Plot types, kept out of the published declarations)
 */
export interface HeaderLayout {
  marginTop: number;
  mark: Plot.RenderFunction;
}

const TITLE_SIZE = 16;
const SUBTITLE_SIZE = 12;
const LEGEND_SIZE = 12;
const HEADER_LEFT = 12;

/** A conservative estimate of the rendered width of `text` (DejaVu Sans is among the widest sans fonts). */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    if (/[il.,:;'|!]/.test(ch)) units += 0.32;
    else if (/[A-Z%mwMW@]/.test(ch)) units += 0.78;
    else if (ch === ' ') units += 0.32;
    else units += 0.6;
  }
  return units * fontSize * (bold ? 1.1 : 1);
}

/** Split text into lines no wider than `maxWidth` (estimated); a single long word stays on its own line. */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (line !== '' && estimateTextWidth(candidate, fontSize, bold) > maxWidth) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}

interface PlacedEntry {
  entry: LegendEntry;
  x: number;
  y: number;
}

const SWATCH = 22;
const SWATCH_GAP = 6;
const ENTRY_GAP = 18;
const LEGEND_ROW = 18;

/**
 * Lay out the header (title, subtitle, legend) above the frame and return the top margin it needs plus a render
 * mark that draws it. Long titles wrap; legend entries flow left to right and wrap into rows.
 * @internal
 */
export function layoutHeader(width: number, header: HeaderOptions): HeaderLayout {
  const maxWidth = width - 2 * HEADER_LEFT;
  const titleLines = header.title ? wrapText(header.title, maxWidth, TITLE_SIZE, true) : [];
  const subtitleLines = header.subtitle ? wrapText(header.subtitle, maxWidth, SUBTITLE_SIZE) : [];
  let cursor = 6;
  const texts: Array<{ text: string; y: number; size: number; bold: boolean; fill: string; role: string }> = [];
  for (const line of titleLines) {
    texts.push({ text: line, y: cursor + TITLE_SIZE, size: TITLE_SIZE, bold: true, fill: '#111', role: 'title' });
    cursor += TITLE_SIZE + 5;
  }
  for (const line of subtitleLines) {
    texts.push({
      text: line,
      y: cursor + SUBTITLE_SIZE + 1,
      size: SUBTITLE_SIZE,
      bold: false,
      fill: '#555',
      role: 'subtitle',
    });
    cursor += SUBTITLE_SIZE + 5;
  }
  const placed: PlacedEntry[] = [];
  const legend = header.legend ?? [];
  if (legend.length > 0) {
    cursor += 4;
    let x = HEADER_LEFT;
    let rowY = cursor + LEGEND_ROW / 2;
    for (const entry of legend) {
      const w = SWATCH + SWATCH_GAP + estimateTextWidth(entry.name, LEGEND_SIZE);
      if (x > HEADER_LEFT && x + w > width - HEADER_LEFT) {
        x = HEADER_LEFT;
        rowY += LEGEND_ROW;
      }
      placed.push({ entry, x, y: rowY });
      x += w + ENTRY_GAP;
    }
    cursor = rowY + LEGEND_ROW / 2;
  }
  const marginTop = Math.ceil(cursor + 16);

  const mark: Plot.RenderFunction = (_index, _scales, _values, _dimensions, context) => {
    const doc = context.document as unknown as DomDocument;
    const g = el(doc, 'g', { 'aria-label': 'header' });
    for (const t of texts) {
      const text = el(doc, 'text', {
        x: HEADER_LEFT,
        y: t.y,
        'font-size': t.size,
        'font-weight': t.bold ? 'bold' : undefined,
        fill: t.fill,
        'text-anchor': 'start',
        'aria-label': t.role,
      });
      text.textContent = t.text;
      g.appendChild(text);
    }
    if (placed.length > 0) {
      const lg = el(doc, 'g', { 'aria-label': 'legend', 'font-size': LEGEND_SIZE, 'text-anchor': 'start' });
      for (const { entry, x, y } of placed) lg.appendChild(legendItem(doc, entry, x, y));
      g.appendChild(lg);
    }
    return g as unknown as RenderResult;
  };
  return { marginTop, mark };
}

function legendItem(doc: DomDocument, entry: LegendEntry, x: number, y: number): DomElement {
  const g = el(doc, 'g', { 'aria-label': `legend item ${entry.name}` });
  const mid = x + SWATCH / 2;
  switch (entry.kind) {
    case 'line':
      g.appendChild(
        el(doc, 'line', {
          x1: x,
          x2: x + SWATCH,
          y1: y,
          y2: y,
          stroke: entry.color,
          'stroke-width': entry.width ?? 2,
          'stroke-dasharray': entry.dash,
        }),
      );
      break;
    case 'band':
      g.appendChild(
        el(doc, 'rect', {
          x,
          y: y - 6,
          width: SWATCH,
          height: 12,
          fill: entry.color,
          'fill-opacity': entry.opacity ?? 0.25,
        }),
      );
      break;
    case 'bandline':
      g.appendChild(
        el(doc, 'rect', {
          x,
          y: y - 6,
          width: SWATCH,
          height: 12,
          fill: entry.color,
          'fill-opacity': entry.opacity ?? 0.25,
        }),
      );
      g.appendChild(
        el(doc, 'line', {
          x1: x,
          x2: x + SWATCH,
          y1: y,
          y2: y,
          stroke: entry.color,
          'stroke-width': entry.width ?? 1.5,
          'stroke-dasharray': entry.dash,
        }),
      );
      break;
    case 'pointrange':
    case 'dot':
      if (entry.kind === 'pointrange') {
        g.appendChild(
          el(doc, 'line', { x1: mid, x2: mid, y1: y - 7, y2: y + 7, stroke: entry.color, 'stroke-width': 1.5 }),
        );
      }
      g.appendChild(el(doc, 'circle', { cx: mid, cy: y, r: 4, fill: entry.color, stroke: 'white', 'stroke-width': 1 }));
      break;
  }
  const text = el(doc, 'text', { x: x + SWATCH + SWATCH_GAP, y, dy: '0.35em', fill: '#222' });
  text.textContent = entry.name;
  g.appendChild(text);
  return g;
}

function el(doc: DomDocument, name: string, attrs: Record<string, string | number | undefined>): DomElement {
  const node = doc.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, String(v));
  return node;
}

/** Create an element in the SVG namespace with attributes (undefined attributes are skipped). */
export const createSvgElement = el;

/**
 * Run Observable Plot on a fresh linkedom document and return the finished SVG string.
 *
 * The root gets `xmlns`, `xmlns:xlink`, an explicit font family and size, `role="img"` and an `aria-label`.
 * No background is drawn (the PNG background is set by {@link svgToPng}). Throws if Plot returns anything but an
 * `<svg>` (e.g. a `<figure>`), which would break the one-svg contract.
 * @internal (its options are Observable Plot's, whose declarations need @types/d3)
 */
export function renderPlotSvg(options: Plot.PlotOptions, ariaLabel?: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const node = Plot.plot({ ...options, document: document as unknown as Plot.PlotOptions['document'] });
  const root = node as unknown as DomElement;
  if (root.tagName.toLowerCase() !== 'svg') {
    throw new Error(`report plot: Observable Plot returned <${root.tagName.toLowerCase()}>, expected <svg>`);
  }
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  root.setAttribute('font-family', PLOT_FONT_FAMILY);
  root.setAttribute('font-size', String(PLOT_FONT_SIZE));
  root.setAttribute('role', 'img');
  if (ariaLabel) root.setAttribute('aria-label', ariaLabel);
  return serializeSvgXml(root);
}

/**
 * Serialise an element tree as well-formed XML (linkedom's HTML serialiser leaves `&` and `<` raw in attribute
 * values, which breaks XML parsers such as rsvg-convert). Element and attribute names keep their case.
 */
export function serializeSvgXml(node: DomElement): string {
  const parts: string[] = [];
  const walk = (n: DomNode): void => {
    if (n.nodeType === 3) {
      parts.push(escapeXmlText((n as DomNode & { data: string }).data));
      return;
    }
    if (n.nodeType === 8) {
      parts.push(`<!--${(n as DomNode & { data: string }).data.replace(/--/g, '- -')}-->`);
      return;
    }
    if (n.nodeType !== 1) return;
    const e = n as DomElement;
    const name = e.localName;
    parts.push('<', name);
    const attrs = Array.from(e.attributes);
    // Namespace declarations first (xmlns, then xmlns:*), the rest in stored order (a stable sort).
    const rank = (name: string): number => (name === 'xmlns' ? 2 : name.startsWith('xmlns:') ? 1 : 0);
    attrs.sort((a, b) => rank(b.name) - rank(a.name));
    for (const a of attrs) parts.push(' ', a.name, '="', escapeXmlAttribute(a.value), '"');
    const children = Array.from(e.childNodes);
    if (children.length === 0) {
      parts.push('/>');
      return;
    }
    parts.push('>');
    for (const c of children) walk(c);
    parts.push('</', name, '>');
  };
  walk(node);
  return parts.join('');
}

function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeXmlAttribute(s: string): string {
  return escapeXmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
