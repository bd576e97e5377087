/**
 * Collapse probability against supernode loss: simulated fractions with confidence intervals as error bars, the
 * analytic (mean-field) critical loss as a vertical rule, shaded loss ranges. A thin layer over {@link linePlot}.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import { linePlot, type PlotLineSeries, type PlotMarkerSeries, type PlotRule, type PlotSpan } from './line-plot.ts';
import { PLOT_PALETTE, type LegendEntry } from './svg-frame.ts';

/**
 * One simulated point: the fraction of runs that collapsed at a given loss, with its CI `[lo, hi]`.
 *
 * @category Plots
 */
export interface CollapsePoint {
  /** Supernode loss as a fraction of all supernodes, in [0, 1]. */
  loss: number;
  /** Fraction of runs that collapsed, in [0, 1] (null if not computed). */
  probability: number | null;
  lo?: number | null;
  hi?: number | null;
}

/**
 * A set of simulated points (one setting: e.g. a headroom value, or one scenario).
 *
 * @category Plots
 */
export interface CollapseSeries {
  name: string;
  points: readonly CollapsePoint[];
  color?: string;
}

/**
 * A critical loss drawn as a vertical rule (e.g. the mean-field boundary).
 *
 * @category Plots
 */
export interface CollapseBoundary {
  loss: number;
  label?: string;
  stroke?: string;
  dash?: string;
}

/**
 * Options for {@link collapsePlot}.
 *
 * @category Plots
 */
export interface CollapsePlotOptions {
  title?: string;
  subtitle?: string;
  width?: number;
  height?: number;
  series: readonly CollapseSeries[];
  /** Analytic critical losses (vertical rules; default colour dark red). */
  boundaries?: readonly CollapseBoundary[];
  /** Shaded loss ranges, e.g. `{ x1: 0.25, x2: 0.30, label: 'observed 2010 loss' }` (fractions). */
  spans?: readonly PlotSpan[];
  /** Default `'supernode loss (% of supernodes)'`. */
  xLabel?: string;
  /** Default `'collapse probability (% of runs)'`. */
  yLabel?: string;
  /** Loss domain (fractions). Default the data extent. */
  xDomain?: [number, number];
  /** Join each series' points with a thin line. Default true. */
  connect?: boolean;
}

/**
 * Plot the fraction of simulated runs that collapsed against supernode loss, with CI error bars, the analytic
 * critical loss as a vertical rule and optional shaded ranges (e.g. the observed 25–30 %). Both axes in percent.
 *
 * @param options - See {@link CollapsePlotOptions}.
 * @returns A standalone SVG string.
 * @throws FragilityInputError for a non-finite loss (and see {@link linePlot}).
 *
 * @complexity O(total points).
 *
 * @model P̂(collapse | f₀) = collapsed runs / runs, CI as supplied (e.g. Wilson); boundary f₀* from the
 * mean-field fibre-bundle fixed point (σ = σ_c).
 *
 * @references Pradhan, Hansen & Chakrabarti (2010), Failure processes in elastic fiber bundles, Rev. Mod. Phys.
 * 82, 499, doi:10.1103/RevModPhys.82.499 ; Wilson (1927), JASA 22, 209, doi:10.1080/01621459.1927.10502953.
 *
 * @example
 * collapsePlot({
 *   series: [{ name: 'simulated (95% CI)', points: [{ loss: 0.2, probability: 0.1, lo: 0.03, hi: 0.25 }] }],
 *   boundaries: [{ loss: 0.27, label: 'mean-field boundary' }],
 *   spans: [{ x1: 0.25, x2: 0.3, label: 'observed' }],
 * });
 *
 * @category Plots
 */
export function collapsePlot(options: CollapsePlotOptions): string {
  if (!Array.isArray(options.series)) throw new FragilityInputError('series', options.series, 'an array');
  const colors = options.series.map((s, i) => s.color ?? PLOT_PALETTE[i % PLOT_PALETTE.length]);
  const connect = options.connect ?? true;
  const series: PlotLineSeries[] = [];
  const markers: PlotMarkerSeries[] = [];
  const legend: LegendEntry[] = [];
  options.series.forEach((s, i) => {
    if (!Array.isArray(s.points)) throw new FragilityInputError(`series[${i}].points`, s.points, 'an array');
    s.points.forEach((p: CollapsePoint, j: number) => {
      if (!p || typeof p.loss !== 'number' || !Number.isFinite(p.loss)) {
        throw new FragilityInputError(`series[${i}].points[${j}].loss`, p?.loss, 'a finite fraction');
      }
    });
    const sorted = [...s.points].sort((a, b) => a.loss - b.loss);
    if (connect) {
      series.push({
        name: s.name,
        stroke: colors[i],
        width: 1.25,
        legend: false,
        points: sorted.map((p) => ({ x: p.loss, y: p.probability })),
      });
    }
    markers.push({
      name: s.name,
      fill: colors[i],
      points: sorted.map((p) => ({ x: p.loss, y: p.probability, lo: p.lo, hi: p.hi })),
    });
    legend.push({ name: s.name, kind: 'pointrange', color: colors[i] });
  });
  const rules: PlotRule[] = (options.boundaries ?? []).map((b, i) => {
    if (typeof b.loss !== 'number' || !Number.isFinite(b.loss)) {
      throw new FragilityInputError(`boundaries[${i}].loss`, b.loss, 'a finite fraction');
    }
    return { x: b.loss, label: b.label, stroke: b.stroke ?? '#8b1a1a', dash: b.dash ?? '6 4' };
  });
  return linePlot({
    title: options.title,
    subtitle: options.subtitle,
    width: options.width,
    height: options.height,
    x: { label: options.xLabel ?? 'supernode loss (% of supernodes)', percent: true, domain: options.xDomain },
    y: { label: options.yLabel ?? 'collapse probability (% of runs)', percent: true, domain: [0, 1] },
    series,
    markers,
    rules,
    spans: options.spans,
    legend,
  });
}
