/** Progress of a report build, reported as values; the CLI turns them into terminal lines. */

/**
 * In the order they are reported. The figures start rendering (in worker processes) right after 'figures'; 'tables' and
 * 'data' are written by the main thread meanwhile, then 'render' reports the figures done so far and waits for the rest.
 */
export const REPORT_STAGES = ['ingest', 'analyse', 'figures', 'tables', 'data', 'render', 'pages'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

export const STAGE_LABELS: Readonly<Record<ReportStage, string>> = {
  ingest: 'reading the campaign',
  analyse: 'computing statistics',
  figures: 'building figures',
  render: 'rendering figures',
  tables: 'writing tables',
  data: 'writing tidy data',
  pages: 'writing index.md, report.html, summary.json',
};

export interface ProgressEvent {
  readonly stage: ReportStage;
  /** for counted stages (render): items done so far and in all */
  readonly done?: number;
  readonly total?: number;
}

export type ProgressListener = (event: ProgressEvent) => void;
