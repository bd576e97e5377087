/**
 * Reports: markdown/CSV/JSON tables and SVG plots (Observable Plot on a linkedom document, so the same code runs
 * in Node, vitest and Deno notebooks), PNG conversion with rsvg-convert, and a report-bundle writer.
 *
 * This layer renders plain data: it never imports analytic/, montecarlo/ or cascade/.
 *
 * @module
 */
export {
  formatNumber,
  formatFixed,
  formatSignificant,
  formatPercent,
  formatExponential,
  type NumberFormat,
  type NumberFormatSpec,
  type NonFiniteText,
} from './format-number.ts';
export type { TableRow, TableColumn, TableColumnInput } from './table-columns.ts';
export { markdownTable, type MarkdownTableOptions } from './markdown-table.ts';
export { csvTable, quoteCsvField, parseCsvTable, parseCsvRecords, type CsvTableOptions } from './csv-table.ts';
export { toJsonSafe, jsonReportText, writeJsonReport } from './json-report.ts';
export { PLOT_PALETTE, PLOT_FONT_FAMILY, PLOT_FONT_SIZE, type LegendEntry } from './svg-frame.ts';
export {
  linePlot,
  type LinePlotOptions,
  type PlotAxis,
  type PlotLineSeries,
  type PlotBandSeries,
  type PlotMarkerSeries,
  type PlotRule,
  type PlotSpan,
} from './line-plot.ts';
export {
  timelinePlot,
  type TimelinePlotOptions,
  type TimelineSeries,
  type TimelineBand,
  type TimelineObservation,
  type TimelineEvent,
} from './timeline-plot.ts';
export {
  collapsePlot,
  type CollapsePlotOptions,
  type CollapsePoint,
  type CollapseSeries,
  type CollapseBoundary,
} from './collapse-plot.ts';
export { phaseDiagram, type PhaseDiagramOptions, type PhaseAxis } from './phase-diagram.ts';
export {
  giantComponentPlot,
  type GiantComponentPlotOptions,
  type GiantComponentCurve,
} from './giant-component-plot.ts';
export { svgToPng, rsvgConvertAvailable, RsvgConvertMissingError, type SvgToPngOptions } from './svg-to-png.ts';
export {
  writeReport,
  type ReportBundle,
  type ReportSection,
  type ReportTable,
  type ReportPlot,
  type ReportCsv,
  type WrittenReport,
} from './report-bundle.ts';
export {
  jupyterSvg,
  JUPYTER_DISPLAY,
  type JupyterSvg,
  showSvg,
  showMarkdown,
  JUPYTER_SETTLE_MS,
} from './jupyter-display.ts';
