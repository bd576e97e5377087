/**
 * The general line plot of the reports: analytic curves over Monte Carlo bands, observed points with labels and
 * error bars, vertical/horizontal rules for thresholds, shaded x-intervals. Returns one standalone SVG string.
 *
 * @module
 */
import * as Plot from '@observablehq/plot';
import { FragilityInputError } from '../errors.ts';
import { layoutHeader, PLOT_PALETTE, renderPlotSvg, type LegendEntry } from './svg-frame.ts';

/**
 * A position axis.
 *
 * - `label` — the axis label, with its unit (e.g. `'hours since onset (h)'`).
 * - `domain` — `[min, max]` in data units; default: the extent of everything drawn (y "nice"-rounded).
 * - `percent` — values are proportions in [0, 1], ticks show 0–100; say "%" in the label. Default false.
 * - `type` — `'linear'` (default) or `'log'` (positive values only).
 * - `grid` — grid lines across the frame; default true for y, false for x.
 *
 * @category Plots
 */
export interface PlotAxis {
  label: string;
  domain?: [number, number];
  percent?: boolean;
  type?: 'linear' | 'log';
  grid?: boolean;
}

/**
 * A curve: points joined in the given order; a null/NaN y breaks the line.
 *
 * @category Plots
 */
export interface PlotLineSeries {
  name: string;
  points: ReadonlyArray<{ x: number; y: number | null }>;
  /** CSS colour; default the next palette colour. */
  stroke?: string;
  /** SVG dash array, e.g. `'6 4'`; default solid. */
  dash?: string;
  /** Stroke width in px; default 2. */
  width?: number;
  /** Show in the legend; default true. */
  legend?: boolean;
}

/**
 * A shaded band between `lo` and `hi` (e.g. a Monte Carlo confidence interval).
 *
 * @category Plots
 */
export interface PlotBandSeries {
  name: string;
  points: ReadonlyArray<{ x: number; lo: number | null; hi: number | null }>;
  /** CSS colour; default the colour of the series at the same index, else the next palette colour. */
  fill?: string;
  /** Fill opacity; default 0.22. */
  opacity?: number;
  legend?: boolean;
}

/**
 * Points drawn as dots, with optional labels and vertical error bars `[lo, hi]`.
 *
 * @category Plots
 */
export interface PlotMarkerSeries {
  name: string;
  points: ReadonlyArray<{ x: number; y: number | null; lo?: number | null; hi?: number | null; label?: string }>;
  /** CSS colour; default the next palette colour. */
  fill?: string;
  /** Dot radius in px; default 4. */
  r?: number;
  legend?: boolean;
}

/**
 * A vertical (`x`) or horizontal (`y`) reference line with an optional label drawn beside it.
 *
 * @category Plots
 */
export interface PlotRule {
  x?: number;
  y?: number;
  label?: string;
  /** CSS colour; default `'#333'`. */
  stroke?: string;
  /** SVG dash array; default `'5 4'`. */
  dash?: string;
}

/**
 * A shaded x-interval `[x1, x2]` spanning the frame's height (e.g. the observed 25–30 % loss).
 *
 * @category Plots
 */
export interface PlotSpan {
  x1: number;
  x2: number;
  label?: string;
  /** CSS colour; default `'#999'`. */
  fill?: string;
  /** Fill opacity; default 0.15. */
  opacity?: number;
}

/**
 * Options for {@link linePlot}. Everything except the axes is optional.
 *
 * @category Plots
 */
export interface LinePlotOptions {
  title?: string;
  subtitle?: string;
  /** Total width in px (default 720). */
  width?: number;
  /** Total height in px including the header (default 440). */
  height?: number;
  x: PlotAxis;
  y: PlotAxis;
  series?: readonly PlotLineSeries[];
  bands?: readonly PlotBandSeries[];
  markers?: readonly PlotMarkerSeries[];
  rules?: readonly PlotRule[];
  spans?: readonly PlotSpan[];
  /**
   * The legend: `true` (default) lists series, bands and markers whose `legend !== false`; `false` draws none;
   * an array of {@link LegendEntry} draws exactly those entries.
   */
  legend?: boolean | readonly LegendEntry[];
  /**
   * Extra marks appended after ours (advanced: any Observable Plot mark).
   * @internal (Observable Plot types are kept out of the published declarations)
   */
  extraMarks?: Plot.Markish[];
  /**
   * Margins in px (top is computed from the header). Defaults: left max(64, room for the widest y tick label),
   * right 24, bottom 44.
   */
  marginLeft?: number;
  marginRight?: number;
  marginBottom?: number;
}

/**
 * Draw curves, confidence bands, labelled points and reference lines as one standalone SVG.
 *
 * Draw order (back to front): spans, bands, series, rules, error bars, dots, labels, header. Colours not given
 * are taken from the Tableau 10 palette in the order series → markers; a band without a colour takes the colour of
 * the series at the same index (an analytic curve over its Monte Carlo band), or the next palette colour. The title, subtitle and legend are
 * drawn inside the SVG above the frame (never a `<figure>`); the root carries `xmlns` and an explicit font.
 *
 * @param options - See {@link LinePlotOptions}.
 * @returns The SVG document as a string (`<svg xmlns="http://www.w3.org/2000/svg" ...>...</svg>`).
 * @throws FragilityInputError when an axis label is missing, a points list is not an array, an x is not finite,
 *   or width/height are outside [160, 4000].
 *
 * @complexity O(total points) (Observable Plot scales and path generation).
 *
 * @model Linear (or log) position scales over the union extent of all marks; bands are areas between lo(x) and
 * hi(x); error bars are vertical segments [lo, hi] at x.
 *
 * @references Observable Plot, https://observablehq.com/plot/ ; Bostock, Ogievetsky & Heer (2011), D³:
 * Data-Driven Documents, IEEE TVCG 17(12), doi:10.1109/TVCG.2011.185.
 *
 * @example
 * const svg = linePlot({
 *   title: 'Giant component, random removal',
 *   x: { label: 'fraction removed f' },
 *   y: { label: 'giant component S (fraction of nodes)' },
 *   series: [{ name: 'analytic', points: [{ x: 0, y: 0.98 }, { x: 0.5, y: 0.6 }] }],
 *   bands: [{ name: 'Monte Carlo 95% CI', points: [{ x: 0, lo: 0.97, hi: 0.99 }, { x: 0.5, lo: 0.55, hi: 0.62 }] }],
 *   rules: [{ x: 0.7, label: 'f_c' }],
 * });
 *
 * @category Plots
 */
export function linePlot(options: LinePlotOptions): string {
  const width = checkSize('width', options.width ?? 720);
  const height = checkSize('height', options.height ?? 440);
  const parts = checkLinePlot(options);
  const colors = lineColors(parts);
  const legend = lineLegend(options, parts, colors);
  const header = layoutHeader(width, { title: options.title, subtitle: options.subtitle, legend });
  const marks: Plot.Markish[] = [
    ...spanMarks(parts.spans),
    ...bandAndLineMarks(parts, colors),
    ...ruleMarks(parts.rules),
    ...markerMarks(parts.markers, colors.markers),
  ];
  if (options.extraMarks) marks.push(...options.extraMarks);
  marks.push(header.mark);
  const marginLeft = options.marginLeft ?? yTickMargin(yExtentValues(options, parts), options.y.percent ?? false);
  return renderPlotSvg(
    {
      width,
      height,
      marginTop: header.marginTop,
      marginLeft,
      marginRight: options.marginRight ?? 24,
      marginBottom: options.marginBottom ?? 44,
      x: scaleOptions(options.x, false),
      y: { ...scaleOptions(options.y, true), labelOffset: marginLeft - 18 },
      marks,
    },
    options.title,
  );
}

/** The checked mark lists of a line plot (absent lists are empty). */
interface LinePlotParts {
  series: readonly PlotLineSeries[];
  bands: readonly PlotBandSeries[];
  markers: readonly PlotMarkerSeries[];
  rules: readonly PlotRule[];
  spans: readonly PlotSpan[];
}

/** The colour of each series, band and marker series (see {@link linePlot}). */
interface LinePlotColors {
  series: string[];
  bands: string[];
  markers: string[];
}

/** Check the axes and every mark list of a line plot; throws FragilityInputError naming the field. */
function checkLinePlot(options: LinePlotOptions): LinePlotParts {
  checkAxis('x', options.x);
  checkAxis('y', options.y);
  const series = checkList('series', options.series);
  const bands = checkList('bands', options.bands);
  const markers = checkList('markers', options.markers);
  const rules = checkList('rules', options.rules);
  const spans = checkList('spans', options.spans);
  series.forEach((s, i) => checkPoints(`series[${i}]`, s.points));
  bands.forEach((b, i) => checkPoints(`bands[${i}]`, b.points));
  markers.forEach((m, i) => checkPoints(`markers[${i}]`, m.points));
  rules.forEach((r, i) => {
    const hasX = typeof r.x === 'number' && Number.isFinite(r.x);
    const hasY = typeof r.y === 'number' && Number.isFinite(r.y);
    if (hasX === hasY) throw new FragilityInputError(`rules[${i}]`, r, 'exactly one finite x or y');
  });
  spans.forEach((s, i) => {
    if (!Number.isFinite(s.x1) || !Number.isFinite(s.x2)) {
      throw new FragilityInputError(`spans[${i}]`, s, 'finite x1 and x2');
    }
  });
  return { series, bands, markers, rules, spans };
}

/** Palette colours in the order series → bands → markers; a band without a colour takes its series' colour. */
function lineColors({ series, bands, markers }: LinePlotParts): LinePlotColors {
  let colorIndex = 0;
  const nextColor = (): string => PLOT_PALETTE[colorIndex++ % PLOT_PALETTE.length];
  const seriesColors = series.map((s) => s.stroke ?? nextColor());
  // A band without a colour takes the colour of the series at the same index (a curve and its CI band).
  const bandColors = bands.map((b, i) => b.fill ?? seriesColors[i] ?? nextColor());
  const markerColors = markers.map((m) => m.fill ?? nextColor());
  return { series: seriesColors, bands: bandColors, markers: markerColors };
}

/** The legend entries: the caller's, then (unless `legend: false`) one per series, band and marker series. */
function lineLegend(
  options: LinePlotOptions,
  { series, bands, markers }: LinePlotParts,
  colors: LinePlotColors,
): LegendEntry[] {
  const legend: LegendEntry[] = Array.isArray(options.legend) ? [...options.legend] : [];
  if ((options.legend ?? true) !== true) return legend;
  series.forEach((s, i) => {
    if (s.legend !== false)
      legend.push({ name: s.name, kind: 'line', color: colors.series[i], dash: s.dash, width: s.width });
  });
  bands.forEach((b, i) => {
    if (b.legend !== false) legend.push({ name: b.name, kind: 'band', color: colors.bands[i], opacity: b.opacity });
  });
  markers.forEach((m, i) => {
    if (m.legend === false) return;
    const hasBars = m.points.some((p) => isNum(p.lo) && isNum(p.hi));
    legend.push({ name: m.name, kind: hasBars ? 'pointrange' : 'dot', color: colors.markers[i] });
  });
  return legend;
}

/** Shaded x-spans with their labels. */
function spanMarks(spans: readonly PlotSpan[]): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  for (const s of spans) {
    const lo = Math.min(s.x1, s.x2);
    const hi = Math.max(s.x1, s.x2);
    marks.push(
      Plot.rect([{ x1: lo, x2: hi }], { x1: 'x1', x2: 'x2', fill: s.fill ?? '#999', fillOpacity: s.opacity ?? 0.15 }),
    );
    if (s.label) {
      marks.push(
        Plot.text([{ x: (lo + hi) / 2, label: s.label }], {
          x: 'x',
          text: 'label',
          frameAnchor: 'bottom',
          lineAnchor: 'bottom',
          dy: -4,
          fill: '#444',
        }),
      );
    }
  }
  return marks;
}

/** The bands (areas between lo and hi), then the lines. */
function bandAndLineMarks({ series, bands }: LinePlotParts, colors: LinePlotColors): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  bands.forEach((b, i) => {
    marks.push(
      Plot.areaY(b.points.map(numericBand), {
        x: 'x',
        y1: 'lo',
        y2: 'hi',
        fill: colors.bands[i],
        fillOpacity: b.opacity ?? 0.22,
        curve: 'linear',
      }),
    );
  });
  series.forEach((s, i) => {
    marks.push(
      Plot.line(
        s.points.map((p) => ({ x: p.x, y: num(p.y) })),
        {
          x: 'x',
          y: 'y',
          stroke: colors.series[i],
          strokeWidth: s.width ?? 2,
          strokeDasharray: s.dash,
          curve: 'linear',
        },
      ),
    );
  });
  return marks;
}

/** One mark per rule (Plot's strokeDasharray is a constant, not a channel), with its label. */
function ruleMarks(rules: readonly PlotRule[]): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  for (const r of rules) {
    const stroke = r.stroke ?? '#333';
    const style = { stroke, strokeDasharray: r.dash ?? '5 4', strokeWidth: 1.5 };
    const halo = { fill: stroke, stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' } as const;
    if (isNum(r.x)) {
      marks.push(Plot.ruleX([r.x], { x: (d: number) => d, ...style }));
      if (r.label) {
        marks.push(
          Plot.text([r.x], {
            x: (d: number) => d,
            text: () => r.label,
            frameAnchor: 'top',
            rotate: -90,
            textAnchor: 'end',
            lineAnchor: 'bottom',
            dx: -5,
            dy: 4,
            ...halo,
          }),
        );
      }
    } else {
      marks.push(Plot.ruleY([r.y as number], { y: (d: number) => d, ...style }));
      if (r.label) {
        marks.push(
          Plot.text([r.y as number], {
            y: (d: number) => d,
            text: () => r.label,
            frameAnchor: 'right',
            textAnchor: 'end',
            lineAnchor: 'bottom',
            dx: -4,
            dy: -4,
            ...halo,
          }),
        );
      }
    }
  }
  return marks;
}

/** Markers with their error bars, then the labels of labelled markers (drawn above every marker). */
function markerMarks(markers: readonly PlotMarkerSeries[], markerColors: readonly string[]): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  markers.forEach((m, i) => {
    const pts = m.points.map((p) => ({ x: p.x, y: num(p.y), lo: num(p.lo), hi: num(p.hi), label: p.label }));
    const bars = pts.filter((p) => Number.isFinite(p.lo) && Number.isFinite(p.hi));
    if (bars.length > 0) {
      marks.push(Plot.ruleX(bars, { x: 'x', y1: 'lo', y2: 'hi', stroke: markerColors[i], strokeWidth: 1.5 }));
    }
    marks.push(
      Plot.dot(
        pts.filter((p) => Number.isFinite(p.y)),
        {
          x: 'x',
          y: 'y',
          r: m.r ?? 4,
          fill: markerColors[i],
          stroke: 'white',
          strokeWidth: 1,
          symbol: 'circle',
        },
      ),
    );
  });
  markers.forEach((m) => {
    const labelled = m.points.filter((p) => p.label && isNum(p.y));
    if (labelled.length > 0) {
      marks.push(
        Plot.text(labelled, {
          x: 'x',
          y: 'y',
          text: 'label',
          dx: 7,
          dy: -8,
          textAnchor: 'start',
          fill: '#222',
          stroke: 'white',
          strokeWidth: 3,
          paintOrder: 'stroke',
        }),
      );
    }
  });
  return marks;
}

/** Every y value drawn (and the y domain), for the room the tick labels need: "20,000,000" needs more than "0.8". */
function yExtentValues(options: LinePlotOptions, { series, bands, markers, rules }: LinePlotParts): number[] {
  const yValues: number[] = [...(options.y.domain ?? [])];
  for (const s of series) for (const p of s.points) yValues.push(num(p.y));
  for (const b of bands) for (const p of b.points) yValues.push(num(p.lo), num(p.hi));
  for (const m of markers) for (const p of m.points) yValues.push(num(p.y), num(p.lo), num(p.hi));
  for (const r of rules) if (isNum(r.y)) yValues.push(r.y);
  return yValues;
}

/** A left margin (px) wide enough for the y tick labels of these values (≥ 64). */
export function yTickMargin(values: readonly number[], percent: boolean): number {
  let maxAbs = 0;
  let negative = false;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const w = Math.abs(percent ? v * 100 : v);
    if (w > maxAbs) maxAbs = w;
    if (v < 0) negative = true;
  }
  const intDigits = maxAbs >= 1 ? Math.floor(Math.log10(maxAbs)) + 1 : 1;
  const chars = intDigits + Math.floor((intDigits - 1) / 3) + (maxAbs < 10 ? 2 : 0) + (negative ? 1 : 0);
  return Math.max(64, Math.ceil(chars * 7 + 38));
}

/** Observable Plot scale options for one of our axes. @internal */
export function scaleOptions(axis: PlotAxis, isY: boolean): Plot.ScaleOptions {
  const factor = axis.percent ? 100 : 1;
  return {
    type: axis.type ?? 'linear',
    label: axis.label,
    labelAnchor: 'center',
    labelArrow: 'none',
    percent: axis.percent ?? false,
    domain: axis.domain ? [axis.domain[0] * factor, axis.domain[1] * factor] : undefined,
    nice: axis.domain ? false : isY,
    grid: axis.grid ?? isY,
    labelOffset: isY ? 46 : 34,
  } as Plot.ScaleOptions;
}

function num(v: number | null | undefined): number {
  return typeof v === 'number' ? v : NaN;
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function numericBand(p: { x: number; lo: number | null; hi: number | null }): { x: number; lo: number; hi: number } {
  return { x: p.x, lo: num(p.lo), hi: num(p.hi) };
}

/** Throw unless a plot size is a finite number in [160, 4000]. */
export function checkSize(field: string, v: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 160 || v > 4000) {
    throw new FragilityInputError(field, v, 'a number of pixels in [160, 4000]');
  }
  return v;
}

function checkAxis(field: string, axis: PlotAxis): void {
  if (!axis || typeof axis.label !== 'string') {
    throw new FragilityInputError(`${field}.label`, axis?.label, 'a string (the axis label with its unit)');
  }
  if (axis.domain !== undefined) {
    const d = axis.domain;
    if (!Array.isArray(d) || d.length !== 2 || !isNum(d[0]) || !isNum(d[1]) || d[0] === d[1]) {
      throw new FragilityInputError(`${field}.domain`, d, '[min, max], two distinct finite numbers');
    }
  }
}

function checkList<T>(field: string, list: readonly T[] | undefined): readonly T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new FragilityInputError(field, list, 'an array');
  return list;
}

function checkPoints(field: string, points: ReadonlyArray<{ x: number }>): void {
  if (!Array.isArray(points)) throw new FragilityInputError(`${field}.points`, points, 'an array of points');
  points.forEach((p, j) => {
    if (!p || !isNum(p.x)) throw new FragilityInputError(`${field}.points[${j}].x`, p?.x, 'a finite number');
  });
}
