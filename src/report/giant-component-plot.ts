/**
 * Giant component against the removed fraction, several removal strategies (random, targeted), each with its
 * analytic curve drawn over the simulated mean and confidence band. A thin layer over {@link linePlot}.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import { linePlot, type PlotBandSeries, type PlotLineSeries, type PlotRule } from './line-plot.ts';
import { PLOT_PALETTE, type LegendEntry } from './svg-frame.ts';

/**
 * One removal strategy: its analytic curve and/or its simulated mean with CI.
 *
 * @category Plots
 */
export interface GiantComponentCurve {
  /** E.g. `'random'`, `'targeted (highest degree)'`. */
  name: string;
  /** Analytic giant fraction S(f) (fraction of all original nodes) against removed fraction f. */
  analytic?: ReadonlyArray<{ f: number; S: number | null }>;
  /** Simulated mean S(f) with its CI `[lo, hi]` (the band is drawn where both are present). */
  simulated?: ReadonlyArray<{ f: number; S: number | null; lo?: number | null; hi?: number | null }>;
  color?: string;
}

/**
 * Options for {@link giantComponentPlot}.
 *
 * @category Plots
 */
export interface GiantComponentPlotOptions {
  title?: string;
  subtitle?: string;
  width?: number;
  height?: number;
  curves: readonly GiantComponentCurve[];
  /**
   * Critical removed fractions, drawn as labelled vertical rules. Colour: `stroke`, else the colour of the curve
   * named `curve`, else dark grey.
   */
  thresholds?: ReadonlyArray<{ f: number; label?: string; stroke?: string; curve?: string }>;
  /** Default `'fraction of nodes removed f'`. */
  xLabel?: string;
  /** Default `'giant component S (fraction of original nodes)'`. */
  yLabel?: string;
  /** Default [0, 1]. */
  xDomain?: [number, number];
  /** Default [0, 1]. */
  yDomain?: [number, number];
  /** How the simulated legend entry names its band. Default `'simulated mean, 95% CI'`. */
  simulatedLabel?: string;
}

/**
 * Plot the giant component fraction S against the removed fraction f for several removal strategies: per
 * strategy a solid analytic curve, a dashed simulated mean and a shaded CI band, in one colour.
 *
 * @param options - See {@link GiantComponentPlotOptions}.
 * @returns A standalone SVG string.
 * @throws FragilityInputError for a non-finite f (and see {@link linePlot}).
 *
 * @complexity O(total points).
 *
 * @model Random removal: S = q·[1 − G0(u)], u = 1 − q + q·G1(u), q = 1 − f (Callaway et al. 2000); targeted
 * removal by the degree cutoff of Cohen et al. (2001) — the curves are supplied by the caller.
 *
 * @references Callaway, Newman, Strogatz & Watts (2000), PRL 85, 5468, doi:10.1103/PhysRevLett.85.5468 ;
 * Cohen, Erez, ben-Avraham & Havlin (2001), PRL 86, 3682, doi:10.1103/PhysRevLett.86.3682 ; Newman & Ziff
 * (2001), PRE 64, 016706, doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * giantComponentPlot({
 *   curves: [
 *     { name: 'random', analytic: [{ f: 0, S: 1 }, { f: 0.5, S: 0.6 }],
 *       simulated: [{ f: 0, S: 1, lo: 1, hi: 1 }, { f: 0.5, S: 0.59, lo: 0.57, hi: 0.61 }] },
 *     { name: 'targeted', analytic: [{ f: 0, S: 1 }, { f: 0.2, S: 0 }] },
 *   ],
 * });
 *
 * @category Plots
 */
export function giantComponentPlot(options: GiantComponentPlotOptions): string {
  if (!Array.isArray(options.curves)) throw new FragilityInputError('curves', options.curves, 'an array');
  const series: PlotLineSeries[] = [];
  const bands: PlotBandSeries[] = [];
  const legend: LegendEntry[] = [];
  const simulatedLabel = options.simulatedLabel ?? 'simulated mean, 95% CI';
  const colors = options.curves.map((c, i) => c.color ?? PLOT_PALETTE[i % PLOT_PALETTE.length]);
  options.curves.forEach((c, i) => {
    const color = colors[i];
    const sim = checkF<NonNullable<GiantComponentCurve['simulated']>[number]>(
      `curves[${i}].simulated`,
      c.simulated ?? [],
    );
    const ana = checkF<NonNullable<GiantComponentCurve['analytic']>[number]>(`curves[${i}].analytic`, c.analytic ?? []);
    if (sim.length > 0) {
      const sorted = [...sim].sort((a, b) => a.f - b.f);
      const withCi = sorted.filter((p) => typeof p.lo === 'number' && typeof p.hi === 'number');
      if (withCi.length > 0) {
        bands.push({
          name: c.name,
          fill: color,
          legend: false,
          points: withCi.map((p) => ({ x: p.f, lo: p.lo!, hi: p.hi! })),
        });
      }
      series.push({
        name: c.name,
        stroke: color,
        width: 1.25,
        dash: '4 3',
        legend: false,
        points: sorted.map((p) => ({ x: p.f, y: p.S })),
      });
      legend.push({ name: `${c.name}: ${simulatedLabel}`, kind: 'bandline', color, dash: '4 3' });
    }
    if (ana.length > 0) {
      series.push({
        name: c.name,
        stroke: color,
        width: 2.25,
        legend: false,
        points: [...ana].sort((a, b) => a.f - b.f).map((p) => ({ x: p.f, y: p.S })),
      });
      legend.push({ name: `${c.name}: analytic`, kind: 'line', color, width: 2.25 });
    }
  });
  // Analytic curves on top of the simulated means: move them to the end (linePlot draws series in order).
  series.sort((a, b) => Number(a.dash === undefined) - Number(b.dash === undefined));
  const rules: PlotRule[] = (options.thresholds ?? []).map((t, i) => {
    if (typeof t.f !== 'number' || !Number.isFinite(t.f)) {
      throw new FragilityInputError(`thresholds[${i}].f`, t.f, 'a finite fraction');
    }
    const byCurve = t.curve === undefined ? -1 : options.curves.findIndex((c) => c.name === t.curve);
    return { x: t.f, label: t.label, stroke: t.stroke ?? (byCurve >= 0 ? colors[byCurve] : '#333') };
  });
  return linePlot({
    title: options.title,
    subtitle: options.subtitle,
    width: options.width,
    height: options.height,
    x: { label: options.xLabel ?? 'fraction of nodes removed f', domain: options.xDomain ?? [0, 1] },
    y: { label: options.yLabel ?? 'giant component S (fraction of original nodes)', domain: options.yDomain ?? [0, 1] },
    series,
    bands,
    rules,
    legend,
  });
}

function checkF<T extends { f: number }>(field: string, points: readonly T[]): readonly T[] {
  if (!Array.isArray(points)) throw new FragilityInputError(field, points, 'an array');
  points.forEach((p, j) => {
    if (!p || typeof p.f !== 'number' || !Number.isFinite(p.f)) {
      throw new FragilityInputError(`${field}[${j}].f`, p?.f, 'a finite fraction');
    }
  });
  return points;
}
