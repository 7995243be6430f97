/**
 * `buildReport`: campaign directory → report folder. `writeReport` is its second half (Dataset + Analysis + figure
 * specs → files), usable on its own from a notebook or a test with hand-made records.
 *
 * The folder: index.md, report.html, figures/ (.vl.json + the chosen formats), tables/ (.md, .tex, .csv),
 * data/ (tidy.csv, tidy.arrow), summary.json, ledger.json. Same input and options → byte-identical files.
 */
import { basename, join, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import type { ColumnTable } from 'arquero';
import type { TopLevelSpec } from 'vega-lite';
import {
  type Dataset,
  type CsvFormulas,
  CnibenchError,
  FIGURE_FORMATS,
  FIGURE_KINDS,
  type FigureFormat,
  type FigureKind,
  type FigureChoice,
  type Metric,
  factorNamed,
  levelNamed,
  oneOf,
  formatIssue,
  visibleControls,
  visibleControlsDeep,
} from '../model/index.js';
import { analyse, type Analysis, type AnalysisOptions, type DesignInference } from '../stats/index.js';
import {
  deltaHeatmap,
  interactionPlot,
  iterationsView,
  overTime,
  paperGrid,
  renderSvg,
  specJson,
  svgToPdf,
  svgToPng,
  type FigureSpec,
} from '../figures/index.js';
import { ingestCampaign, selectDataset } from '../ingest/index.js';
import { DEFAULT_MAX_REPORT_CELLS, designSize } from './size-bound.js';
import * as msg from './messages.js';
import {
  safeFileStem,
  cellsRecords,
  cellsTable,
  deltasRecords,
  deltasTable,
  anovaTermsRecords,
  anovaTermsTable,
  flagsRecords,
  flagsTable,
  findings as rankFindings,
  omittedEffects,
  markdownTable,
  latexTable,
  paperTables,
  csvTable,
  type LatexEnvironment,
  type RecordTable,
  type DisplayTable,
} from '../tables/index.js';
import { type NodeSelection, levelLabelOf } from '../present/index.js';
import { browserAssets } from './assets.js';
import { arrowBytes, csvChunks, tidyCsvBytes, writeTidyArrow } from './data.js';
import { newestDataDate } from './date.js';
import { reportHtml } from './html.js';
import { reportMarkdown } from './markdown.js';
import { OutputDir, type OutputFileSystem } from './output.js';
import { bundledCampaignDir, packageVersion } from './package-root.js';
import {
  defaultRenderThreads,
  RenderPool,
  renderInWorkers,
  renderJob,
  type RenderJob,
  type RenderOutput,
} from '../render/index.js';
import type { ProgressListener } from './progress.js';
import { interactionRecords, summaryJson, type ReportSummary } from './summary.js';

export { FIGURE_FORMATS, FIGURE_KINDS, type FigureFormat, type FigureKind };

/** A figure in the report: what the figures stage returns (only its id, title and spec are needed to write it). */
export type ReportFigure = Pick<FigureSpec, 'id' | 'title' | 'spec'>;

/** The figure builder of each kind `--figures` names (FIGURE_KINDS, in report order: the paper grid first). */
const FIGURE_BUILDERS: Readonly<Record<FigureKind, { readonly name: string; readonly build: typeof paperGrid }>> = {
  'paper-grid': { name: 'paperGrid', build: paperGrid },
  'delta-heatmap': { name: 'deltaHeatmap', build: deltaHeatmap },
  interaction: { name: 'interactionPlot', build: interactionPlot },
  iterations: { name: 'iterationsView', build: iterationsView },
  'over-time': { name: 'overTime', build: overTime },
};

/** How figures become files; the default is the figures stage's renderer (vega → SVG, resvg → PNG, pdfkit → PDF). */
export interface FigureRenderer {
  svg(spec: TopLevelSpec): Promise<string>;
  png(svg: string, scale: number): Promise<Uint8Array>;
  pdf(svg: string): Promise<Uint8Array>;
}

export const defaultRenderer: FigureRenderer = { svg: renderSvg, png: svgToPng, pdf: svgToPdf };

export interface WriteReportOptions {
  /** node role of CPU and RAM in tables and findings (figures get it too); default 'server' */
  readonly node?: NodeSelection;
  /** figure files besides `.vl.json`; default ['svg', 'png', 'pdf'] */
  readonly formats?: readonly FigureFormat[];
  /** figure width, recorded in summary.json (the figures were built with it); default 'page' */
  readonly size?: 'column' | 'page';
  /** PNG pixels per pt (1 = 72 dpi); default 2 */
  readonly pngScale?: number;
  /** the report's date, already normalised (see normaliseDate); default: the newest knb date in the data */
  readonly date?: string | null;
  /** at most this many effects among the findings (every interaction flag is listed); default 20 */
  readonly maxEffects?: number;
  /** extra lines for the Method section and summary.json (what the build decided, e.g. a figure left out) */
  readonly notes?: readonly string[];
  /** campaign name when campaign.yaml has none; default 'campaign' */
  readonly fallbackName?: string;
  /** a renderer of your own (used in this thread); default: the figures stage's, in worker processes */
  readonly renderer?: FigureRenderer;
  /** render workers (child processes) drawing figures; 1 renders in this thread; default: available cores, at most 4 */
  readonly renderThreads?: number;
  /**
   * render workers already started (buildReport starts them before ingesting, so that loading vega and the other
   * renderers overlaps it). writeReport closes it once the figures are rendered, to free its memory before the tidy
   * data is written. Default: workers started here for the figures, `renderThreads` of them
   */
  readonly renderPool?: RenderPool;
  readonly onProgress?: ProgressListener;
  /**
   * CSV text cells a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR first; not numbers) in tables/*.csv and
   * data/tidy.csv: 'neutralise' prefixes them with `'` (OWASP), 'raw' keeps them; default 'neutralise'
   */
  readonly csvFormulas?: CsvFormulas;
  /**
   * LaTeX tables are written one per combination of these columns (factor names, `condition`, `node`, `metric`) into
   * tables/latex/, each sized for a paper; default ['testbed', 'metric']
   */
  readonly tableSplit?: readonly string[];
  /** float of the LaTeX tables: 'auto' (`table` or `table*` by width), or one for all; default 'auto' */
  readonly latexEnvironment?: LatexEnvironment;
  /**
   * LaTeX parts written per table at most (a large design makes thousands: one per split and 40 rows); the Method
   * says how many were left out and the full table stays in CSV and Markdown; default DEFAULT_MAX_LATEX_PARTS
   */
  readonly maxLatexParts?: number;
  /** file writes of the output directory go through it (tests inject a full disk); default node:fs */
  readonly outputFileSystem?: OutputFileSystem;
}

export interface ReportInputs {
  readonly dataset: Dataset;
  readonly analysis: Analysis;
  readonly figures: readonly ReportFigure[];
  /** the tidy table (ingest's tidyTable); default: the files are streamed from the dataset's observations */
  readonly tidy?: ColumnTable;
}

export interface ReportResult {
  /** absolute output directory */
  readonly outDir: string;
  /** absolute path of report.html */
  readonly html: string;
  readonly files: readonly string[];
  readonly summary: ReportSummary;
}

function methodLines(analysis: Analysis, node: NodeSelection): string[] {
  const o = analysis.options;
  const baseline = levelLabelOf(analysis.factors, o.factor, o.baseline);
  const adjust =
    o.adjust === 'none' ? 'no adjustment' : o.adjust === 'holm' ? 'Holm adjustment' : 'Benjamini–Hochberg adjustment';
  const family =
    o.family === 'group'
      ? `within each group of the levels of ${o.factor} for one ${o.interactionFactors[1]}, testbed, condition and metric`
      : `over all ${analysis.comparisons.length} comparisons of the report (every metric and condition: the set the findings are drawn from)`;
  const scale =
    (o.interactionScale ?? 'log') === 'log'
      ? 'on the log of the values, so that interaction means ratios of ratios — the scale of the % wording (every level changing by the same % is no interaction); a group with a value ≤ 0 falls back to raw values and says so'
      : 'on the raw values (differences of differences, in the metric’s unit)';
  const design = analysis.design;
  const twoWay = design === undefined || design.interaction !== null;
  return [
    ...(design !== undefined ? [msg.designLine(design, analysis.factors)] : []),
    `Baseline: ${o.factor} = ${baseline}; deltas are % changes of the mean versus the baseline cell, all else equal.`,
    `Intervals: ${Math.round(o.level * 100)} %; significance at α = ${o.alpha} by ${o.test === 'welch' ? "Welch's t test" : 'the Mann–Whitney U test'} with ${adjust} ${family}.`,
    `n is the number of runs on one deployment of each cell: the tests measure run-to-run noise, not the variation between deployments. No significance is claimed with fewer than 3 runs on a side; a change with no variance in either cell is exact and not tested.`,
    ...(twoWay ? [] : [msg.noTwoWay(design!.noInteraction ?? 'not-crossed', design!.varying)]),
    ...(!twoWay
      ? []
      : [
          [
            `Interactions: two-way ANOVA ${o.interactionFactors.join(' × ')}`,
            `(Type ${o.anovaType === 1 ? 'I' : o.anovaType === 2 ? 'II' : 'III'} sums of squares) ${scale}.`,
            `The interaction term's p is adjusted over all ANOVA tables (${adjust}); only where it is significant is its`,
            `structure described: at each level of ${o.interactionFactors[0]}, the levels of ${o.interactionFactors[1]}`,
            `are sorted by their change and split where two neighbours differ beyond a Bonferroni critical t over the`,
            `table's pairwise differences (residual variance and df of the two-way model). Levels that move together form`,
            `a group; one level apart from all the others is a departing cell, compared with the others' pooled change`,
            `(what an additive table predicts) with a simultaneous (Bonferroni) interval. A table with no within-cell`,
            `variance (below the numeric resolution of the values) has no F test.`,
          ].join(' '),
        ]),
    `Interactions and findings consider the headline metrics (CPU total, RAM, throughput); the CPU components are described and compared only.`,
    `CPU and RAM shown for the ${node === 'both' ? 'client and server' : node} node${node === 'both' ? 's' : ''}; the CSV tables hold every cell.`,
    `Outliers are flagged, never dropped; resampling seed ${o.seed}.`,
  ];
}

function problemLines(dataset: Dataset, limit = 100): string[] {
  const lines: string[] = [];
  for (const e of dataset.ledger.entries) {
    if (e.status !== 'rejected' && e.status !== 'warning' && e.status !== 'failed-run') continue;
    const first = e.issues[0];
    lines.push(first ? `${e.status}: ${formatIssue(first)}` : `${e.status}: ${e.file}: ${e.reason ?? ''}`);
  }
  if (lines.length > limit) return [...lines.slice(0, limit), `… and ${lines.length - limit} more in ledger.json`];
  return lines;
}

/** Render one job with a caller-supplied renderer (in this thread), errors as values like the workers'. */
async function renderWith(renderer: FigureRenderer, job: RenderJob): Promise<RenderOutput> {
  const errors: { format: FigureFormat; message: string }[] = [];
  const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  let svg: string | null = null;
  let png: Uint8Array | null = null;
  let pdf: Uint8Array | null = null;
  try {
    svg = await renderer.svg(job.spec);
  } catch (error) {
    errors.push({ format: 'svg', message: message(error) });
  }
  if (svg !== null && job.formats.includes('png')) {
    png = await renderer.png(svg, job.pngScale).catch((error: unknown) => {
      errors.push({ format: 'png', message: message(error) });
      return null;
    });
  }
  if (svg !== null && job.formats.includes('pdf')) {
    pdf = await renderer.pdf(svg).catch((error: unknown) => {
      errors.push({ format: 'pdf', message: message(error) });
      return null;
    });
  }
  return { index: job.index, svg, png, pdf, errors };
}

/** What summary.json says about the design: what varies, what is crossed, and where each choice came from. */
function designSummary(design: DesignInference): Record<string, unknown> {
  return {
    varying: design.varying,
    crossed: design.crossed,
    factorSource: design.factorSource,
    baselineSource: design.baselineSource,
    interaction: design.interaction,
    interactionSource: design.interactionSource,
    noInteraction: design.noInteraction,
  };
}

/** Write the report folder from computed records. */
export async function writeReport(
  outDir: string,
  inputs: ReportInputs,
  options: WriteReportOptions = {},
): Promise<ReportResult> {
  const out = await OutputDir.open(
    outDir,
    options.outputFileSystem !== undefined ? { fileSystem: options.outputFileSystem } : {},
  );
  try {
    const result = await writeFiles(out, inputs, options);
    await out.commit();
    return result;
  } catch (error) {
    await out.abort();
    throw withOutcome(error, msg.previousReportKept(out.root, out.hadReport));
  }
}

/** The error of a failed build, saying what the output directory holds now. */
function withOutcome(error: unknown, outcome: string): unknown {
  if (error instanceof CnibenchError) {
    return new CnibenchError(error.code, error.message, {
      ...(error.file !== undefined ? { file: error.file } : {}),
      ...(error.line !== undefined ? { line: error.line } : {}),
      hint: error.hint !== undefined ? `${outcome}; ${error.hint}` : outcome,
      cause: error,
    });
  }
  if (error instanceof Error) error.message = `${error.message} (${outcome})`;
  return error;
}

/** The report's files, written into `out` (a staging directory swapped in by writeReport): each part a step. */
async function writeFiles(out: OutputDir, inputs: ReportInputs, options: WriteReportOptions): Promise<ReportResult> {
  const { dataset, analysis } = inputs;
  const formulas = options.csvFormulas ?? 'neutralise';
  const node = options.node ?? 'server';
  const formats = FIGURE_FORMATS.filter((f) => (options.formats ?? FIGURE_FORMATS).includes(f));
  const pngScale = options.pngScale ?? 2;
  const progress = options.onProgress ?? (() => undefined);
  const twoWay = analysis.design?.interaction !== null;

  // the figures render in worker processes while this thread writes the tables and the tidy data (it would otherwise
  // wait idle); the render stage is reported after those two, with the figures done meanwhile already counted
  const figuresIn = reportFigures(inputs.figures);
  const rendering = renderFigures(figuresIn, options, formats, pngScale);
  let tableFiles: TableFile[];
  let tableNotes: string[];
  try {
    progress({ stage: 'tables' });
    ({ tableFiles, notes: tableNotes } = await writeTableFiles(out, analysis, options, node, twoWay, formulas));
    progress({ stage: 'data' });
    await writeTidyFiles(out, inputs, formulas);
  } catch (error) {
    // never leave the workers running (or their failure unobserved) behind a failed write
    await rendering.outputs.catch(() => undefined);
    throw error;
  }
  rendering.announce();
  const { figureFiles, renderErrors } = await writeFigureFiles(out, figuresIn, await rendering.outputs, formats);

  progress({ stage: 'pages' });
  const findingOptions = { node, maxEffects: options.maxEffects ?? 20 };
  const ranked = rankFindings(analysis, findingOptions);
  const omitted = omittedEffects(analysis, findingOptions);
  const page: ReportPage = {
    title: `${dataset.campaign.name ?? options.fallbackName ?? 'campaign'} — CNI benchmark report`,
    description: dataset.campaign.description,
    meta: [],
    findings: ranked,
    findingsNote: omitted > 0 ? `${omitted} more significant effects are listed in tables/deltas.md.` : null,
    figures: figureFiles,
    tables: tableFiles,
    problems: problemLines(dataset),
    method: [...methodLines(analysis, node), ...(options.notes ?? []), ...tableNotes],
  };
  const dates = reportDate(dataset, options);
  const counts = reportCounts(analysis, twoWay);
  page.meta.push(...metaLines(dataset, analysis, counts, twoWay, dates));
  await out.write('index.md', reportMarkdown(page));
  await out.write(
    'report.html',
    reportHtml({ ...page, tables: tableFiles.map((t) => t.table) }, await browserAssets()),
  );
  await out.write('ledger.json', `${JSON.stringify(dataset.ledger, null, 2)}\n`);

  const files = [...new Set([...out.files(), 'summary.json'])].sort();
  const summary: ReportSummary = {
    kind: 'cnibench-report',
    version: 1,
    cnibench: packageVersion(),
    campaign: {
      name: dataset.campaign.name ?? options.fallbackName ?? 'campaign',
      description: dataset.campaign.description,
      layout: dataset.campaign.layout,
    },
    date: dates.date,
    dateSource: dates.date === null ? null : dates.dataDate !== null ? 'data' : 'option',
    analysis: twoWay ? analysis.options : { ...analysis.options, interactionFactors: null },
    ...(analysis.design !== undefined ? { design: designSummary(analysis.design) } : {}),
    display: { node, formats, size: options.size ?? 'page', pngScale },
    ledger: dataset.ledger.summary,
    counts: {
      cells: analysis.summaries.length,
      comparisons: analysis.comparisons.length,
      significant: counts.significant,
      testable: counts.testable,
      lackBaseline: counts.lackBaseline,
      anovaGroups: analysis.interactions.anova.length,
      contrasts: analysis.interactions.contrasts.length,
      interactionFlags: counts.flags,
      findings: ranked.length,
    },
    findings: ranked.map((f) => ({
      rank: f.rank,
      heading: f.heading,
      sentence: f.sentence,
      details: f.details,
      ...f.record,
    })),
    interactions: interactionRecords(analysis),
    renderErrors,
    notes: [...(options.notes ?? []), ...tableNotes],
    figures: figureFiles.map((f) => ({ id: f.id, title: f.title, files: f.files })),
    tables: tableFiles.map((t) => ({ id: t.table.id, title: t.table.title, files: t.files })),
    files,
  };
  await out.write('summary.json', summaryJson(summary));
  return { outDir: out.root, html: join(out.root, 'report.html'), files, summary };
}

/** What index.md and report.html show, before the tables are reduced to their display form for the HTML. */
interface ReportPage {
  readonly title: string;
  readonly description: string | null;
  readonly meta: string[];
  readonly findings: ReturnType<typeof rankFindings>;
  readonly findingsNote: string | null;
  readonly figures: FigureFile[];
  readonly tables: TableFile[];
  readonly problems: string[];
  readonly method: string[];
}

interface FigureFile {
  readonly id: string;
  readonly title: string;
  readonly files: string[];
  readonly spec: TopLevelSpec;
}

interface TableFile {
  readonly table: DisplayTable;
  readonly files: string[];
}

/** The report's date: the one given, else the newest knb date in the data (never the clock). */
function reportDate(dataset: Dataset, options: WriteReportOptions): { date: string | null; dataDate: string | null } {
  const dataDate = options.date === undefined || options.date === null ? newestDataDate(dataset) : null;
  return { date: options.date ?? dataDate, dataDate };
}

/** What could be tested and what was found: the counts of the header line and of summary.json. */
function reportCounts(
  analysis: Analysis,
  twoWay: boolean,
): { significant: number; testable: number; lackBaseline: number; flags: number } {
  return {
    significant: analysis.comparisons.filter((c) => c.significant).length,
    testable: analysis.comparisons.filter((c) => c.p !== null).length,
    lackBaseline: analysis.comparisons.filter((c) => c.warnings.some((w) => w.code === 'baseline-missing')).length,
    flags: twoWay
      ? (analysis.interactions.patterns ?? []).filter((p) => p.kind !== 'together' && p.kind !== 'untested').length
      : 0,
  };
}

/** The header line under the title: files, cells, what was testable and significant, interaction patterns, date. */
function metaLines(
  dataset: Dataset,
  analysis: Analysis,
  counts: ReturnType<typeof reportCounts>,
  twoWay: boolean,
  dates: { date: string | null; dataDate: string | null },
): string[] {
  const ledger = dataset.ledger.summary;
  return [
    `${ledger.files} files: ${ledger.ingested + ledger.warning} ingested (${ledger.warning} with warnings), ${ledger.rejected} rejected, ${ledger.failedRuns} failed runs`,
    `${analysis.summaries.length} cells`,
    msg.comparisonCounts(counts.testable, analysis.comparisons.length, counts.lackBaseline, counts.significant),
    twoWay ? `${counts.flags} interaction patterns` : msg.noTwoWayShort(),
    ...(dates.date !== null ? [dates.dataDate !== null ? `data up to ${dates.date}` : `date ${dates.date}`] : []),
  ];
}

/** A figure as the report writes it: level names with control characters made visible, the file stem chosen. */
interface FigureIn extends ReportFigure {
  readonly stem: string;
}

/** The report's figures with their file stems (unique without case) and control characters made visible. */
function reportFigures(figures: readonly ReportFigure[]): FigureIn[] {
  const usedStems = new Set<string>();
  return figures.map((f) => {
    // ids compared without case: `UOM` and `uom` would be one file on macOS and Windows
    let stem = safeFileStem(f.id);
    for (let i = 2; usedStems.has(stem.toLowerCase()); i++) stem = `${safeFileStem(f.id)}-${i}`;
    usedStems.add(stem.toLowerCase());
    // figure specs carry level names as data: control characters become visible escapes before any renderer sees
    // them (one in a text element makes the SVG invalid XML, and the PNG and PDF made from it fail)
    return { ...f, stem, title: visibleControls(f.title), spec: visibleControlsDeep(f.spec) };
  });
}

/**
 * Start rendering the figures (on the render pool's workers, else in this thread) and return their outputs' promise.
 * Progress of the render stage is held back until `announce()`: the stages before it are reported meanwhile.
 */
function renderFigures(
  figures: readonly FigureIn[],
  options: WriteReportOptions,
  formats: readonly FigureFormat[],
  pngScale: number,
): { readonly outputs: Promise<RenderOutput[] | null>; announce(): void } {
  const progress = options.onProgress ?? (() => undefined);
  const jobs: RenderJob[] = figures.map((f, index) => ({ index, spec: f.spec, formats, pngScale }));
  const total = formats.length > 0 ? jobs.length : 0;
  let done = 0;
  let announced = false;
  const tick = (): void => {
    done++;
    if (announced) progress({ stage: 'render', done, total });
  };
  const render = async (): Promise<RenderOutput[] | null> => {
    let outputs: RenderOutput[] | null = null;
    try {
      if (formats.length > 0 && options.renderer === undefined) {
        outputs = options.renderPool
          ? await options.renderPool.render(jobs, tick)
          : await renderInWorkers(jobs, options.renderThreads ?? defaultRenderThreads(), tick);
      }
    } finally {
      // its workers' memory is not needed any more (the in-thread fallback below does not use them)
      await options.renderPool?.close();
    }
    if (outputs === null && formats.length > 0) {
      outputs = [];
      for (const job of jobs) {
        outputs.push(options.renderer ? await renderWith(options.renderer, job) : await renderJob(job));
        tick();
      }
    }
    return outputs;
  };
  const outputs = render();
  // handled here too: a failure while the tables are still being written must not count as an unhandled rejection
  // (it is awaited, and thrown, once they are)
  outputs.catch(() => undefined);
  return {
    outputs,
    announce: () => {
      announced = true;
      progress({ stage: 'render', done, total });
    },
  };
}

/** figures/: each figure's spec, then the chosen formats (SVG rendered once, PNG and PDF made from it). */
async function writeFigureFiles(
  out: OutputDir,
  figures: readonly FigureIn[],
  outputs: readonly RenderOutput[] | null,
  formats: readonly FigureFormat[],
): Promise<{ figureFiles: FigureFile[]; renderErrors: { figure: string; format: FigureFormat; message: string }[] }> {
  const figureFiles: FigureFile[] = [];
  const renderErrors: { figure: string; format: FigureFormat; message: string }[] = [];
  for (const [index, figure] of figures.entries()) {
    const files = [`figures/${figure.stem}.vl.json`];
    await out.write(files[0]!, specJson(figure.spec));
    const output = outputs?.[index];
    if (output) {
      for (const e of output.errors) renderErrors.push({ figure: figure.stem, format: e.format, message: e.message });
      const bytes: Record<FigureFormat, string | Uint8Array | null> = {
        svg: output.svg,
        png: output.png,
        pdf: output.pdf,
      };
      for (const format of formats) {
        const data = bytes[format];
        if (data === null) continue;
        await out.write(`figures/${figure.stem}.${format}`, data);
        files.push(`figures/${figure.stem}.${format}`);
      }
    }
    figureFiles.push({ id: figure.stem, title: figure.title, files, spec: figure.spec });
  }
  return { figureFiles, renderErrors };
}

/**
 * LaTeX parts written per table at most. The example writes 6 a table; a paper takes a handful. A design near the
 * report's cell bound would otherwise write thousands (1,473 files, 447 MB, for 51 × 200 levels).
 */
export const DEFAULT_MAX_LATEX_PARTS = 48;

/** tables/: each table in Markdown and CSV (complete) and as paper-sized LaTeX parts (at most maxLatexParts). */
async function writeTableFiles(
  out: OutputDir,
  analysis: Analysis,
  options: WriteReportOptions,
  node: NodeSelection,
  twoWay: boolean,
  formulas: CsvFormulas,
): Promise<{ tableFiles: TableFile[]; notes: string[] }> {
  const maxParts = options.maxLatexParts ?? DEFAULT_MAX_LATEX_PARTS;
  const notes: string[] = [];
  const tableOptions = { node };
  const tablePairs: [DisplayTable, RecordTable][] = [
    [cellsTable(analysis, tableOptions), cellsRecords(analysis)],
    [deltasTable(analysis, tableOptions), deltasRecords(analysis)],
    // no two-way analysis: no ANOVA or flags tables at all (the Method says why), never an empty table
    ...(twoWay
      ? ([
          [anovaTermsTable(analysis, tableOptions), anovaTermsRecords(analysis)],
          [flagsTable(analysis, tableOptions), flagsRecords(analysis)],
        ] as [DisplayTable, RecordTable][])
      : []),
  ];
  const tableFiles: { table: DisplayTable; files: string[] }[] = [];
  for (const [display, records] of tablePairs) {
    const stem = `tables/${safeFileStem(display.id)}`;
    await out.write(`${stem}.md`, markdownTable(display));
    await out.write(`${stem}.csv`, csvTable(records, formulas));
    // the full table stays in Markdown and CSV; LaTeX gets paper-sized parts (one per testbed × metric by default)
    const texFiles: string[] = [];
    const split = options.tableSplit !== undefined ? { by: options.tableSplit } : {};
    const parts = paperTables(display, split);
    // bounded by the design, not by its level combinations: the first parts, and the Method says what is left out
    if (parts.length > maxParts) notes.push(msg.latexPartsLeftOut(display.id, maxParts, parts.length));
    for (const part of parts.slice(0, maxParts)) {
      const file = `tables/latex/${safeFileStem(part.id)}.tex`;
      await out.write(file, latexTable(part, { environment: options.latexEnvironment ?? 'auto' }));
      texFiles.push(file);
    }
    tableFiles.push({ table: display, files: [`${stem}.md`, `${stem}.csv`, ...texFiles] });
  }
  return { tableFiles, notes };
}

/** data/: the tidy observations as CSV and Arrow. */
async function writeTidyFiles(out: OutputDir, inputs: ReportInputs, formulas: CsvFormulas): Promise<void> {
  const { dataset } = inputs;
  if (inputs.tidy) {
    await out.writeChunks('data/tidy.csv', csvChunks(inputs.tidy, undefined, formulas));
    await out.write('data/tidy.arrow', arrowBytes(inputs.tidy));
  } else {
    // straight from the observations, streamed: no table of every value (millions of rows at 40,000 archives)
    // the same bytes as tidyCsvChunks, encoded straight into buffers (what `cnibench ingest --format csv` writes)
    await out.writeChunks('data/tidy.csv', tidyCsvBytes(dataset, formulas));
    await out.writeWith('data/tidy.arrow', (path) => writeTidyArrow(path, dataset));
  }
}

export interface BuildReportOptions extends WriteReportOptions {
  /** output directory; default `reports/<campaign directory name>` under `cwd` */
  readonly out?: string;
  /** directory the default output is relative to; default process.cwd() */
  readonly cwd?: string;
  /**
   * baseline level of the compared factor (its name, label or any alias); default campaign.yaml `analysis.baseline`
   * or `baseline:`, else 'k8s' when present, else the factor's first level
   */
  readonly baseline?: string;
  /**
   * factor compared against the baseline; default campaign.yaml `analysis.factor`, else `distribution` or `plugin`
   * when they vary, else the factor with the most levels
   */
  readonly factor?: string;
  /** the two factors of the two-way analysis; default campaign.yaml `analysis.interaction`, else a crossed pair */
  readonly interaction?: readonly [string, string];
  /** layout pattern or alternatives (as ingestCampaign's `layout`) */
  readonly layout?: string | readonly string[];
  /** design CSV instead of a layout (as ingestCampaign's `manifest`) */
  readonly manifest?: string;
  /** globs of files that are not data (as ingestCampaign's `ignore`) */
  readonly ignore?: readonly string[];
  /** figure width: IEEE 'column' (3.5 in) or 'page' (7.16 in); default campaign.yaml `figures: size:`, else 'page' */
  readonly size?: 'column' | 'page';
  /** figure files besides `.vl.json`; default campaign.yaml `figures: formats:`, else ['svg', 'png', 'pdf'] */
  readonly formats?: readonly FigureFormat[];
  /** treat ingest warnings as errors (passed to ingest); default false */
  readonly strict?: boolean;
  /** how ingest reads the campaign: links out of it, file and unpacked size limits (ingest's defaults otherwise) */
  readonly reading?: {
    readonly followSymlinksOutside?: boolean;
    readonly maxFileSize?: number;
    readonly maxUnpackedSize?: number;
  };
  /** further analysis options */
  readonly analysis?: Partial<AnalysisOptions>;
  /**
   * figure kinds to draw, in report order; default campaign.yaml `figures: kinds:`, else every kind (FIGURE_KINDS).
   * Each figure option here wins over campaign.yaml's `figures:` entry of the same name.
   */
  readonly figures?: readonly FigureKind[];
  /**
   * factor on the figures' x axis and factor drawn as colour; default campaign.yaml `figures: x:` / `color:`, else
   * chosen from the design (designRoles)
   */
  readonly xFactor?: string;
  readonly colorFactor?: string;
  /** figures of each kind at most (one per combination of the other factors); default campaign.yaml's, else 6 */
  readonly maxFigures?: number;
  /**
   * the levels the figures draw, per factor, by name, label or alias (e.g. `{ testbed: ['ATH'] }`: the figures of one
   * testbed; `{ tuning: ['default', 'mtu'] }`: two tunings in every panel); factors not named keep every level.
   * Figures keep the roles (x, colour) and colours of the whole design; the tables keep every level. Default
   * campaign.yaml `figures: levels:`, else every level
   */
  readonly figureLevels?: Readonly<Record<string, readonly string[]>>;
  /** conditions the figures draw (`idle`, `p2p-tcp` …); default campaign.yaml `figures: conditions:`, else all */
  readonly figureConditions?: readonly string[];
  /** metrics the figures draw, in display order; default campaign.yaml `figures: metrics:`, else cpu, ram, bandwidth */
  readonly figureMetrics?: readonly Metric[];
  /**
   * the iterations view (one point per iteration) is drawn only while no cell has more iterations than this: beyond,
   * it is illegible, and its specs (every value) dominate rendering time and memory; default 100
   */
  readonly maxIterationsForStrips?: number;
  /**
   * build the report of these levels only (factor name → levels by name, label or alias; as selectDataset's `levels`);
   * default every level
   */
  readonly levels?: Readonly<Record<string, readonly string[]>>;
  /**
   * cells the report is built for at most (one per combination of factor levels, test, protocol, node and metric);
   * a larger design is refused before any statistics, with its size and the subset to build instead (a
   * CnibenchError 'report-too-large'); default DEFAULT_MAX_REPORT_CELLS (size-bound.ts says why)
   */
  readonly maxCells?: number;
}

/**
 * Build the whole report of a campaign directory (default: the bundled example campaign, resolved from the installed
 * package, not the current directory).
 */
export async function buildReport(dir?: string, options: BuildReportOptions = {}): Promise<ReportResult> {
  const campaignDir = resolve(dir ?? bundledCampaignDir());
  const info = await stat(campaignDir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new CnibenchError(
      'report-campaign-missing',
      dir === undefined ? msg.bundledCampaignMissing(campaignDir) : msg.campaignMissing(campaignDir),
    );
  }
  // figure renderers load in worker processes (about a second) while this thread ingests and analyses
  const formats = options.formats ?? FIGURE_FORMATS;
  const pool =
    formats.length > 0 && options.renderer === undefined && options.renderPool === undefined
      ? RenderPool.start(options.renderThreads ?? defaultRenderThreads())
      : undefined;
  try {
    return await buildWith(campaignDir, options, pool);
  } finally {
    await pool?.close();
  }
}

/**
 * What the figures draw: each option given wins over campaign.yaml's `figures:` entry of the same name; levels
 * given as options are resolved here (campaign.yaml's were resolved by ingest, with their line).
 */
function figureChoice(dataset: Dataset, analysis: Analysis, options: BuildReportOptions): FigureChoice {
  const yaml = dataset.campaign.figures ?? {};
  if (options.figureConditions !== undefined) {
    // as for levels: a condition the campaign lacks is the user's mistake, not a figure to leave out
    const present = [
      ...new Set(analysis.summaries.map((s) => (s.protocol === null ? s.test : `${s.test}-${s.protocol}`))),
    ];
    for (const c of options.figureConditions) oneOf(c, 'figureConditions', present);
  }
  const levels =
    options.figureLevels === undefined
      ? yaml.levels
      : Object.fromEntries(
          Object.entries(options.figureLevels).map(([name, wanted]) => {
            const factor = factorNamed(name, 'figureLevels', dataset.factors);
            return [factor.name, wanted.map((l) => levelNamed(l, `figureLevels.${name}`, factor))];
          }),
        );
  const pick = <K extends keyof FigureChoice>(key: K, value: FigureChoice[K] | undefined) => {
    const chosen = value ?? yaml[key];
    return chosen !== undefined ? { [key]: chosen } : {};
  };
  return {
    ...pick('kinds', options.figures),
    ...(levels !== undefined ? { levels } : {}),
    ...pick('conditions', options.figureConditions),
    ...pick('metrics', options.figureMetrics),
    ...pick('x', options.xFactor),
    ...pick('color', options.colorFactor),
    ...pick('size', options.size),
    ...pick('maxFigures', options.maxFigures),
    ...pick('formats', options.formats),
  };
}

async function buildWith(
  campaignDir: string,
  options: BuildReportOptions,
  pool: RenderPool | undefined,
): Promise<ReportResult> {
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: 'ingest' });
  // per-second samples are not part of the report (figures and tables read the Analysis): not kept, to save memory
  const ingested = await ingestCampaign(campaignDir, {
    strict: options.strict ?? false,
    ...options.reading,
    samples: 'none',
    ...(options.layout !== undefined ? { layout: options.layout } : {}),
    ...(options.manifest !== undefined ? { manifest: options.manifest } : {}),
    ...(options.ignore !== undefined ? { ignore: options.ignore } : {}),
    onProgress: (done, total) => {
      if (done === total || done % 1000 === 0) progress({ stage: 'ingest', done, total });
    },
  });
  const dataset = options.levels !== undefined ? selectDataset(ingested, { levels: options.levels }) : ingested;
  const size = designSize(dataset);
  const maxCells = options.maxCells ?? DEFAULT_MAX_REPORT_CELLS;
  if (size.cells > maxCells) {
    throw new CnibenchError(
      'report-too-large',
      msg.reportTooLarge(size.cells, maxCells, size.combinations, size.factors),
    );
  }
  progress({ stage: 'analyse' });
  const analysisOptions: Partial<AnalysisOptions> = {
    ...options.analysis,
    ...(options.factor !== undefined ? { factor: options.factor } : {}),
    ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
    ...(options.interaction !== undefined ? { interactionFactors: options.interaction } : {}),
  };
  const analysis = analyse(dataset, analysisOptions);
  progress({ stage: 'figures' });
  const node = options.node ?? 'server';
  const choice = figureChoice(dataset, analysis, options);
  const figures: ReportFigure[] = [];
  const notes: string[] = [];
  const maxN = analysis.summaries.reduce((m, s) => Math.max(m, s.n), 0);
  const stripLimit = options.maxIterationsForStrips ?? 100;
  const kinds = choice.kinds ?? FIGURE_KINDS;
  // a selection of levels draws a part of the whole design's figures: the same roles (x, colour) and colours
  if (choice.levels !== undefined && Object.keys(choice.levels).length > 0) {
    notes.push(msg.figureLevelsNote(choice.levels, dataset.factors));
  }
  const figureOptions = {
    size: choice.size ?? 'page',
    node,
    ...(choice.x !== undefined ? { xFactor: choice.x } : {}),
    ...(choice.color !== undefined ? { colorFactor: choice.color } : {}),
    ...(choice.levels !== undefined ? { levels: choice.levels } : {}),
    ...(choice.maxFigures !== undefined ? { maxFigures: choice.maxFigures } : {}),
    ...(choice.metrics !== undefined ? { metrics: choice.metrics } : {}),
    ...(choice.conditions !== undefined ? { conditions: choice.conditions } : {}),
  };
  for (const kind of FIGURE_KINDS) {
    if (!kinds.includes(kind)) continue;
    const { name, build } = FIGURE_BUILDERS[kind];
    if (name === 'iterationsView' && maxN > stripLimit) {
      notes.push(msg.stripsSkipped(maxN, stripLimit));
      continue;
    }
    if (name === 'interactionPlot' && analysis.design?.interaction === null) continue;
    // a figure that cannot be drawn for this design is left out and said so: the report is still built
    let set: FigureSpec[];
    try {
      set = Object.values(build(analysis, figureOptions));
    } catch (error) {
      if (!(error instanceof CnibenchError)) throw error;
      notes.push(msg.figureLeftOut(name, error.message));
      continue;
    }
    figures.push(...set);
    // what a figure set left out (groups beyond maxFigures, levels beyond a panel's room) goes to the Method too
    const leftOut = new Set(
      set.flatMap((f) =>
        f.caption.split('; ').filter((part) => /figures drawn|showing \d+ of|equal time slices/.test(part)),
      ),
    );
    notes.push(...leftOut);
  }
  const fallbackName = basename(campaignDir);
  // the directory's name, not campaign.yaml's `name:` (free text with spaces and punctuation)
  const out = options.out ?? resolve(options.cwd ?? process.cwd(), 'reports', safeFileStem(fallbackName));
  return writeReport(
    out,
    { dataset, analysis, figures },
    {
      ...options,
      node,
      size: choice.size ?? 'page',
      formats: choice.formats ?? FIGURE_FORMATS,
      fallbackName,
      notes: [...notes, ...(options.notes ?? [])],
      ...(pool !== undefined ? { renderPool: pool } : {}),
    },
  );
}
