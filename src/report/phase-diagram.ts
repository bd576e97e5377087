/**
 * A phase diagram: a heatmap of a value over a two-parameter grid (e.g. minimum online fraction over supernode
 * loss × capacity headroom), an optional analytic boundary drawn over it, and a colour bar drawn as marks.
 *
 * @module
 */
import { fnv1aString } from '../numerics/hash.ts';
import * as Plot from '@observablehq/plot';
import { FragilityInputError } from '../errors.ts';
import { checkSize, scaleOptions } from './line-plot.ts';
import { formatNumber } from './format-number.ts';
import { createSvgElement, layoutHeader, renderPlotSvg, type DomDocument, type LegendEntry } from './svg-frame.ts';

/**
 * One grid axis: its label (with unit) and the grid values (the cell centres).
 *
 * @category Plots
 */
export interface PhaseAxis {
  label: string;
  values: readonly number[];
  /** Values are fractions shown as percent ticks. Default false. */
  percent?: boolean;
}

/**
 * Options for {@link phaseDiagram}.
 *
 * @category Plots
 */
export interface PhaseDiagramOptions {
  title?: string;
  subtitle?: string;
  /** Total width in px (default 720). */
  width?: number;
  /** Total height in px (default 500). */
  height?: number;
  x: PhaseAxis;
  y: PhaseAxis;
  /** One value per grid point; `x` and `y` must be among the axis values. Missing cells stay blank. */
  cells: ReadonlyArray<{ x: number; y: number; value: number | null }>;
  /** The colour bar's label, with unit (e.g. `'minimum online fraction (%)'`). */
  valueLabel: string;
  /** Colour-bar ticks as percent (values are fractions). Default false. */
  valuePercent?: boolean;
  /** Colour domain. Default the extent of the finite values. */
  domain?: [number, number];
  /** A d3 sequential scheme name known to Observable Plot (e.g. 'viridis', 'magma', 'blues'). Default 'viridis'. */
  scheme?: string;
  /** Reverse the scheme. Default false. */
  reverse?: boolean;
  /** The analytic boundary, drawn as a line over the cells (in x/y data units). */
  boundary?: ReadonlyArray<{ x: number; y: number }>;
  /** The boundary's legend name. Default `'analytic boundary'`. */
  boundaryLabel?: string;
  /** Print each cell's value in it. Default false. */
  showValues?: boolean;
}

const NO_DATA_FILL = '#d9d9d9';

/**
 * Draw a heatmap of `value` over the (x, y) grid with a colour bar and an optional analytic boundary line.
 *
 * Cells are rectangles whose edges lie midway between neighbouring grid values (non-uniform grids are fine; the
 * outer cells are as wide as their inner neighbour's half-gap on each side); NaN/null values are drawn grey.
 *
 * @param options - See {@link PhaseDiagramOptions}.
 * @returns A standalone SVG string (one `<svg>`; colour bar and legend drawn as marks).
 * @throws FragilityInputError for empty or non-finite axis values, a cell off the grid, a missing `valueLabel`,
 *   or an unknown scheme.
 *
 * @complexity O(cells + |x values| log + |y values| log).
 *
 * @model colour = scheme((value − d₀)/(d₁ − d₀)), clamped to the domain [d₀, d₁].
 *
 * @references Observable Plot, https://observablehq.com/plot/ ; viridis: van der Walt & Smith (2015),
 * https://bids.github.io/colormap/ .
 *
 * @example
 * phaseDiagram({
 *   x: { label: 'supernode loss (%)', values: [0.1, 0.2, 0.3], percent: true },
 *   y: { label: 'capacity headroom (%)', values: [0.5, 1], percent: true },
 *   cells: [{ x: 0.1, y: 0.5, value: 0.9 }, { x: 0.3, y: 0.5, value: 0.1 }],
 *   valueLabel: 'minimum online fraction (%)', valuePercent: true,
 *   boundary: [{ x: 0.2, y: 0.5 }, { x: 0.3, y: 1 }],
 * });
 *
 * @category Plots
 */
export function phaseDiagram(options: PhaseDiagramOptions): string {
  const width = checkSize('width', options.width ?? 720);
  const height = checkSize('height', options.height ?? 500);
  if (typeof options.valueLabel !== 'string') {
    throw new FragilityInputError('valueLabel', options.valueLabel, 'a string (the value label with its unit)');
  }
  const xEdges = cellEdges('x', options.x);
  const yEdges = cellEdges('y', options.y);
  if (!Array.isArray(options.cells)) throw new FragilityInputError('cells', options.cells, 'an array');
  const finite = options.cells
    .map((c) => c?.value)
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  let domain = options.domain;
  if (domain !== undefined) {
    if (!Array.isArray(domain) || domain.length !== 2 || !domain.every(Number.isFinite) || domain[0] === domain[1]) {
      throw new FragilityInputError('domain', domain, '[min, max], two distinct finite numbers');
    }
  } else {
    const lo = finite.length ? Math.min(...finite) : 0;
    const hi = finite.length ? Math.max(...finite) : 1;
    domain = lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
  }
  const scheme = options.scheme ?? 'viridis';
  let color: (v: number) => string;
  try {
    const scale = Plot.scale({
      color: {
        type: 'linear',
        scheme: scheme as Plot.ColorScheme,
        domain,
        reverse: options.reverse ?? false,
        clamp: true,
      },
    });
    color = (v: number) => String(scale.apply(v));
    color((domain[0] + domain[1]) / 2);
  } catch {
    throw new FragilityInputError(
      'scheme',
      scheme,
      "a sequential colour scheme known to Observable Plot (e.g. 'viridis')",
    );
  }

  const rects = options.cells.map((c, i) => {
    const xi = indexOfValue(options.x.values, c?.x);
    const yi = indexOfValue(options.y.values, c?.y);
    if (xi < 0) throw new FragilityInputError(`cells[${i}].x`, c?.x, 'one of x.values');
    if (yi < 0) throw new FragilityInputError(`cells[${i}].y`, c?.y, 'one of y.values');
    const v = typeof c.value === 'number' && Number.isFinite(c.value) ? c.value : NaN;
    const ex = xEdges.get(xi)!;
    const ey = yEdges.get(yi)!;
    return {
      x1: ex[0],
      x2: ex[1],
      y1: ey[0],
      y2: ey[1],
      cx: c.x,
      cy: c.y,
      value: v,
      fill: Number.isNaN(v) ? NO_DATA_FILL : color(v),
    };
  });

  const boundary = options.boundary ?? [];
  if (!Array.isArray(boundary)) throw new FragilityInputError('boundary', boundary, 'an array of {x, y}');
  boundary.forEach((p, j) => {
    if (!p || !Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      throw new FragilityInputError(`boundary[${j}]`, p, 'finite x and y');
    }
  });
  const legend: LegendEntry[] = [];
  if (boundary.length > 0)
    legend.push({
      name: options.boundaryLabel ?? 'analytic boundary',
      kind: 'line',
      color: '#111',
      dash: '7 4',
      width: 2.5,
    });
  if (rects.some((r) => Number.isNaN(r.value)))
    legend.push({ name: 'no data', kind: 'band', color: NO_DATA_FILL, opacity: 1 });
  const header = layoutHeader(width, { title: options.title, subtitle: options.subtitle, legend });

  const xMin = Math.min(...Array.from(xEdges.values(), (e) => e[0]));
  const xMax = Math.max(...Array.from(xEdges.values(), (e) => e[1]));
  const yMin = Math.min(...Array.from(yEdges.values(), (e) => e[0]));
  const yMax = Math.max(...Array.from(yEdges.values(), (e) => e[1]));

  const marks: Plot.Markish[] = [Plot.rect(rects, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: 'fill', inset: 0 })];
  if (options.showValues) {
    marks.push(
      Plot.text(
        rects.filter((r) => !Number.isNaN(r.value)),
        {
          x: 'cx',
          y: 'cy',
          text: (r: { value: number }) =>
            formatNumber(
              r.value,
              options.valuePercent ? { style: 'percent', digits: 0 } : { style: 'significant', digits: 2 },
            ),
          fill: (r: { fill: string }) => (luminance(r.fill) > 0.45 ? '#111' : '#fff'),
          fontSize: 10,
        },
      ),
    );
  }
  if (boundary.length > 0) {
    marks.push(Plot.line(boundary, { x: 'x', y: 'y', stroke: 'white', strokeWidth: 5, strokeOpacity: 0.85 }));
    marks.push(Plot.line(boundary, { x: 'x', y: 'y', stroke: '#111', strokeWidth: 2.5, strokeDasharray: '7 4' }));
  }
  marks.push(colorBar(domain as [number, number], color, options.valueLabel, options.valuePercent ?? false));
  marks.push(header.mark);

  return renderPlotSvg(
    {
      width,
      height,
      marginTop: header.marginTop,
      marginLeft: 64,
      marginRight: 100,
      marginBottom: 44,
      x: {
        ...scaleOptions(
          { label: options.x.label, percent: options.x.percent, domain: [xMin, xMax], grid: false },
          false,
        ),
      },
      y: {
        ...scaleOptions(
          { label: options.y.label, percent: options.y.percent, domain: [yMin, yMax], grid: false },
          true,
        ),
      },
      color: { type: 'identity' },
      marks,
    },
    options.title,
  );
}

/** Edges [lo, hi] of each grid cell, keyed by the value's index, midway between sorted neighbours. */
function cellEdges(field: string, axis: PhaseAxis): Map<number, [number, number]> {
  if (!axis || typeof axis.label !== 'string') throw new FragilityInputError(`${field}.label`, axis?.label, 'a string');
  const values = axis.values;
  if (
    !Array.isArray(values) ||
    values.length === 0 ||
    !values.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new FragilityInputError(`${field}.values`, values, 'a non-empty array of finite numbers');
  }
  const sorted = Array.from(new Set(values)).sort((a, b) => a - b);
  const edges = new Map<number, [number, number]>();
  const half = (i: number): [number, number] => {
    const v = sorted[i];
    const left =
      i > 0
        ? (v - sorted[i - 1]) / 2
        : i + 1 < sorted.length
          ? (sorted[i + 1] - v) / 2
          : Math.max(Math.abs(v) * 0.1, 0.5);
    const right = i + 1 < sorted.length ? (sorted[i + 1] - v) / 2 : left;
    return [v - left, v + right];
  };
  values.forEach((v, i) => edges.set(i, half(sorted.indexOf(v))));
  return edges;
}

function indexOfValue(values: readonly number[], v: unknown): number {
  if (typeof v !== 'number') return -1;
  const exact = values.indexOf(v);
  if (exact >= 0) return exact;
  // Tolerate float noise (0.1 + 0.2 vs 0.3).
  return values.findIndex((w) => Math.abs(w - v) <= 1e-9 * Math.max(1, Math.abs(w)));
}

/** Relative luminance (0 dark … 1 light) of a colour given as #rrggbb or rgb(r, g, b). */
function luminance(css: string): number {
  let r = 0;
  let g = 0;
  let b = 0;
  const hex = /^#([0-9a-f]{6})$/i.exec(css);
  const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/i.exec(css);
  if (hex) {
    const n = parseInt(hex[1], 16);
    r = (n >> 16) & 255;
    g = (n >> 8) & 255;
    b = n & 255;
  } else if (rgb) {
    r = +rgb[1];
    g = +rgb[2];
    b = +rgb[3];
  } else {
    return 1;
  }
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/** A vertical colour bar in the right margin: a gradient rectangle, 5 ticks and the rotated value label. */
function colorBar(
  domain: [number, number],
  color: (v: number) => string,
  label: string,
  percent: boolean,
): Plot.RenderFunction {
  return (_index, _scales, _values, dimensions, context) => {
    const doc = context.document as unknown as DomDocument;
    const { width, height, marginTop, marginBottom, marginRight } = dimensions;
    const x0 = width - marginRight + 16;
    const barWidth = 14;
    const top = marginTop;
    const bottom = height - marginBottom;
    const g = createSvgElement(doc, 'g', { 'aria-label': 'color legend', 'font-size': 11 });
    const stops = 16;
    const id = `fragility-colorbar-${hashString(`${domain[0]}|${domain[1]}|${Array.from({ length: stops + 1 }, (_, i) => color(domain[0] + ((domain[1] - domain[0]) * i) / stops)).join()}`)}`;
    const defs = createSvgElement(doc, 'defs', {});
    const grad = createSvgElement(doc, 'linearGradient', { id, x1: 0, y1: 1, x2: 0, y2: 0 });
    for (let i = 0; i <= stops; i++) {
      const t = i / stops;
      grad.appendChild(
        createSvgElement(doc, 'stop', {
          offset: t.toFixed(4),
          'stop-color': color(domain[0] + (domain[1] - domain[0]) * t),
        }),
      );
    }
    defs.appendChild(grad);
    g.appendChild(defs);
    g.appendChild(
      createSvgElement(doc, 'rect', {
        x: x0,
        y: top,
        width: barWidth,
        height: bottom - top,
        fill: `url(#${id})`,
        stroke: '#666',
        'stroke-width': 0.5,
      }),
    );
    const span = domain[1] - domain[0];
    for (const v of niceTicks(Math.min(domain[0], domain[1]), Math.max(domain[0], domain[1]), 5)) {
      const y = bottom - ((bottom - top) * (v - domain[0])) / span;
      g.appendChild(
        createSvgElement(doc, 'line', { x1: x0 + barWidth, x2: x0 + barWidth + 4, y1: y, y2: y, stroke: '#333' }),
      );
      const text = createSvgElement(doc, 'text', {
        x: x0 + barWidth + 6,
        y,
        dy: '0.35em',
        'text-anchor': 'start',
        fill: '#222',
      });
      text.textContent = String(Number((percent ? v * 100 : v).toPrecision(10)));
      g.appendChild(text);
    }
    const lx = width - 10;
    const ly = (top + bottom) / 2;
    const title = createSvgElement(doc, 'text', {
      transform: `translate(${lx},${ly}) rotate(-90)`,
      'text-anchor': 'middle',
      fill: '#222',
      'font-size': 12,
    });
    title.textContent = label;
    g.appendChild(title);
    return g as unknown as ReturnType<Plot.RenderFunction>;
  };
}

/**
 * About `count` round tick values (1, 2 or 5 × 10^k steps) inside [lo, hi]; always at least the two ends when no
 * round value fits.
 */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((st) => (hi - lo) / st <= count) ?? 10 * power;
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++)
    ticks.push(Number((k * step).toPrecision(12)));
  return ticks.length >= 2 ? ticks : [lo, hi];
}

/** A short deterministic hash (FNV-1a, base 36) for element ids. */
function hashString(s: string): string {
  return fnv1aString(s).toString(36);
}
