export {
  buildReport,
  writeReport,
  defaultRenderer,
  DEFAULT_MAX_LATEX_PARTS,
  FIGURE_FORMATS,
  FIGURE_KINDS,
  type FigureKind,
  type FigureFormat,
  type FigureRenderer,
  type ReportFigure,
  type ReportInputs,
  type ReportResult,
  type WriteReportOptions,
  type BuildReportOptions,
} from './build.js';
export {
  REPORT_STAGES,
  STAGE_LABELS,
  type ReportStage,
  type ProgressEvent,
  type ProgressListener,
} from './progress.js';
export type { ReportSummary } from './summary.js';
export { normaliseDate } from './date.js';
export { bundledCampaignDir } from './package-root.js';
export { tidyCsvChunks, tidyArrowTable, writeTidyArrow } from './data.js';
export { leanSvg } from '../render/index.js';
export { DEFAULT_MAX_REPORT_CELLS, designSize, type DesignSize } from './size-bound.js';
export * as reportMessages from './messages.js';
