/**
 * Online users over time after an outage's onset, against the observed points, with interventions (e.g.
 * mega-supernode injections) as vertical rules. A thin layer over {@link linePlot}.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import {
  linePlot,
  type PlotLineSeries,
  type PlotBandSeries,
  type PlotMarkerSeries,
  type PlotRule,
} from './line-plot.ts';

/**
 * One simulated or modelled trajectory: online users against hours since onset.
 *
 * @category Plots
 */
export interface TimelineSeries {
  name: string;
  /** `t` in hours since onset; `online` as a fraction of normal (or a count, see `online` option). */
  points: ReadonlyArray<{ t: number; online: number | null }>;
  stroke?: string;
  dash?: string;
}

/**
 * A band around a trajectory (e.g. the Monte Carlo 5–95 % envelope).
 *
 * @category Plots
 */
export interface TimelineBand {
  name: string;
  points: ReadonlyArray<{ t: number; lo: number | null; hi: number | null }>;
  fill?: string;
}

/**
 * An observed point; `lo`/`hi` draw a range ("15–20 % of normal"), `label` a caption beside the dot.
 *
 * @category Plots
 */
export interface TimelineObservation {
  t: number;
  online: number;
  lo?: number;
  hi?: number;
  label?: string;
}

/**
 * An intervention at time `t` (hours since onset), drawn as a labelled vertical rule.
 *
 * @category Plots
 */
export interface TimelineEvent {
  t: number;
  label?: string;
}

/**
 * Options for {@link timelinePlot}.
 *
 * @category Plots
 */
export interface TimelinePlotOptions {
  title?: string;
  subtitle?: string;
  width?: number;
  height?: number;
  series?: readonly TimelineSeries[];
  bands?: readonly TimelineBand[];
  observed?: readonly TimelineObservation[];
  /** Legend name of the observed points. Default `'observed'`. */
  observedName?: string;
  /** Interventions, e.g. mega-supernode injections. */
  injections?: readonly TimelineEvent[];
  /** Colour of the injection rules. Default `'#555'`. */
  injectionColor?: string;
  /**
   * `'fraction'` (default): `online` values are fractions of the normal online population, shown as a percent axis
   * labelled `online users (% of normal)`; `'count'`: plain numbers, labelled `online users` (say the unit in
   * `yLabel`, e.g. `'online users (millions)'`).
   */
  online?: 'fraction' | 'count';
  /** Default `'hours since onset (h)'`. */
  xLabel?: string;
  /** Default depends on `online`. */
  yLabel?: string;
  /** x domain in hours; default the data extent. */
  xDomain?: [number, number];
  /** y domain in data units; default [0, 1] for fractions (extended if data exceed it), the data extent for counts. */
  yDomain?: [number, number];
}

/**
 * Plot online users against hours since onset: trajectories, their bands, the observed points (dots with labels
 * and ranges) and the injection times as vertical rules.
 *
 * @param options - See {@link TimelinePlotOptions}.
 * @returns A standalone SVG string (one `<svg>` root with `xmlns`).
 * @throws FragilityInputError for a non-finite `t` or an invalid `online` mode (and see {@link linePlot}).
 *
 * @complexity O(total points).
 *
 * @model y(t) = online(t) / online(normal) when `online: 'fraction'`.
 *
 * @references Skype outage of 22 Dec 2010: L. Rabbe, "CIO update: Post-mortem on the Skype outage" (Skype blog,
 * 29 Dec 2010); see docs/reference/skype-calibration.md.
 *
 * @example
 * timelinePlot({
 *   title: 'Skype, December 2010',
 *   series: [{ name: 'simulated', points: [{ t: 0, online: 1 }, { t: 6, online: 0.18 }, { t: 24, online: 0.83 }] }],
 *   observed: [{ t: 20, online: 0.3, label: 'T+20 h: 30 %' }, { t: 24, online: 0.825, lo: 0.8, hi: 0.85 }],
 *   injections: [{ t: 14, label: 'mega-supernodes' }],
 * });
 *
 * @category Plots
 */
export function timelinePlot(options: TimelinePlotOptions): string {
  const mode = options.online ?? 'fraction';
  if (mode !== 'fraction' && mode !== 'count') {
    throw new FragilityInputError('online', mode, "'fraction' or 'count'");
  }
  const percent = mode === 'fraction';
  const series: PlotLineSeries[] = (options.series ?? []).map((s, i) => ({
    name: s.name,
    stroke: s.stroke,
    dash: s.dash,
    points: checkTimes(`series[${i}].points`, s.points).map((p) => ({ x: p.t, y: p.online })),
  }));
  const bands: PlotBandSeries[] = (options.bands ?? []).map((b, i) => ({
    name: b.name,
    fill: b.fill,
    points: checkTimes(`bands[${i}].points`, b.points).map((p) => ({ x: p.t, lo: p.lo, hi: p.hi })),
  }));
  const observed = checkTimes('observed', options.observed ?? []);
  const markers: PlotMarkerSeries[] = observed.length
    ? [
        {
          name: options.observedName ?? 'observed',
          fill: '#111',
          points: observed.map((o) => ({ x: o.t, y: o.online, lo: o.lo, hi: o.hi, label: o.label })),
        },
      ]
    : [];
  const rules: PlotRule[] = checkTimes('injections', options.injections ?? []).map((e) => ({
    x: e.t,
    label: e.label,
    stroke: options.injectionColor ?? '#555',
  }));
  let yDomain = options.yDomain;
  if (!yDomain && percent) {
    let hi = 1;
    for (const s of series) for (const p of s.points) if (typeof p.y === 'number' && p.y > hi) hi = p.y;
    for (const b of bands) for (const p of b.points) if (typeof p.hi === 'number' && p.hi > hi) hi = p.hi;
    for (const o of observed) hi = Math.max(hi, o.online, o.hi ?? 0);
    yDomain = [0, hi];
  }
  return linePlot({
    title: options.title,
    subtitle: options.subtitle,
    width: options.width,
    height: options.height,
    x: { label: options.xLabel ?? 'hours since onset (h)', domain: options.xDomain },
    y: {
      label: options.yLabel ?? (percent ? 'online users (% of normal)' : 'online users'),
      percent,
      domain: yDomain,
    },
    series,
    bands,
    markers,
    rules,
  });
}

function checkTimes<T extends { t: number }>(field: string, points: readonly T[]): readonly T[] {
  if (!Array.isArray(points)) throw new FragilityInputError(field, points, 'an array');
  points.forEach((p, j) => {
    if (!p || typeof p.t !== 'number' || !Number.isFinite(p.t)) {
      throw new FragilityInputError(`${field}[${j}].t`, p?.t, 'a finite number of hours');
    }
  });
  return points;
}
