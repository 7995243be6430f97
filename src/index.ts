/**
 * cnibench's root: the few names a notebook or script needs to go from a campaign directory to statistics, figures,
 * tables and a report. Everything else is behind a stage's subpath (`cnibench/stats`, `cnibench/figures`,
 * `cnibench/tables`, `cnibench/ingest`, `cnibench/knb`, `cnibench/runner`, `cnibench/synth`, `cnibench/present`,
 * `cnibench/notebook`, `cnibench/report`, `cnibench/model`); docs/architecture.md says what each holds.
 * Nothing imported here may load vega or vega-lite statically: they use top-level await, and this entry point must
 * stay loadable with require() (tslab notebooks compile cells to CommonJS).
 */
// from a campaign directory to a dataset
export { ingestCampaign, selectDataset, tidyTable, type IngestOptions, type DatasetSelection } from './ingest/index.js';
// statistics
export { analyse } from './stats/index.js';
// figures
export {
  paperGrid,
  deltaHeatmap,
  interactionPlot,
  iterationsView,
  renderSvg,
  renderPng,
  renderPdf,
} from './figures/index.js';
// tables and findings
export { cellsTable, deltasTable, findings, markdownTable, latexTable, csvTable } from './tables/index.js';
// the report
export { buildReport, bundledCampaignDir, type BuildReportOptions, type ReportResult } from './report/index.js';
// errors
export { CnibenchError, isCnibenchError } from './model/index.js';
// the data types passed between stages
export type { Dataset, Observation, FactorInfo, Ledger, LedgerEntry, Metric, NodeSelection } from './model/index.js';
export type { Analysis, AnalysisOptions, CellSummary, Comparison } from './stats/index.js';
export type { FigureSpec, FigureSet, Drawable } from './figures/index.js';
export type { DisplayTable, Finding } from './tables/index.js';
// quick looks before the report (Observable Plot) and data for any data-frame library
export { samplesLook, iterationsLook, driftLook } from './quicklook/index.js';
export { frame } from './notebook/index.js';
