import { join, resolve } from 'node:path';
import { intOption, choiceOption, parseCommandArgs, parseLevels } from './args.js';
import { layoutOptions } from './ingest.js';
import type { Command } from './command.js';
import type { CliIO } from './io.js';
import { CnibenchError, CONDITION_IDS, EXIT, METRICS } from '../model/index.js';
import {
  reportMessages as msg,
  buildReport,
  type BuildReportOptions,
  FIGURE_FORMATS,
  FIGURE_KINDS,
  type FigureKind,
  type FigureFormat,
  normaliseDate,
  REPORT_STAGES,
  STAGE_LABELS,
  type ProgressEvent,
  DEFAULT_MAX_REPORT_CELLS,
  DEFAULT_MAX_LATEX_PARTS,
} from '../report/index.js';
import { READ_OPTIONS, readOptions } from './read-options.js';
import { takeEarlyRenderPool } from './early-render-pool.js';
import { defaultRenderThreads } from '../render/index.js';

const HELP = `cnibench report build [DIR] — build the report of a campaign: findings, tables, figures, HTML

Usage: cnibench report build [DIR] [options]

DIR is a campaign directory (layout {testbed}/{distribution}/{plugin}/{iteration}.<ext>, optional
campaign.yaml). Without DIR, the example campaign bundled with cnibench is used.

Writes into the output directory:
  index.md          findings first, then figures, tables, input-file problems and method
  report.html       one self-contained page, interactive figures, works offline (no network at all)
  figures/          <id>.vl.json (Vega-Lite spec) and .svg / .png / .pdf
  tables/           cells, deltas, anova, interactions as .md and .csv (every cell); tables/latex/ the same
                    as paper-sized .tex files (booktabs + siunitx), one per testbed × metric
  data/             tidy.csv and tidy.arrow: one row per observation
  summary.json      counts, options, findings and the list of files
  ledger.json       every input file: ingested, with warnings, rejected (with the reason), failed run

Options:
  -o, --out DIR         output directory (default: reports/<campaign directory name> under the current
                        directory; for the bundled example campaign, reports/example).
                        An existing directory must be empty or hold an earlier report (its files are replaced).
  -b, --baseline LEVEL  baseline level of the compared factor: its name, label or any alias (default:
                        campaign.yaml analysis.baseline or baseline:, else k8s when present, else the
                        factor's first level)
      --factor NAME     factor compared against the baseline (default: campaign.yaml analysis.factor, else
                        distribution or plugin when they vary, else the factor with the most levels)
      --interaction A,B the two factors of the two-way analysis (default: campaign.yaml
                        analysis.interaction, else a fully crossed pair, preferring distribution,plugin and
                        pairs with the compared factor; none crossed: no two-way section, and the report
                        says why)
      --layout PATTERN  where files sit, as for \`cnibench ingest\` (repeatable: alternatives)
      --manifest FILE   a design CSV instead of a layout, as for \`cnibench ingest\`
      --ignore GLOB     files that are not data (auxiliary), e.g. '*.cast'; repeatable
      --node ROLE       node whose CPU and RAM are shown: server, client or both (default: server)
      --levels F=A,B    build the report of these levels of factor F only (names, labels or aliases);
                        repeat for other factors, e.g. --levels plugin=flannel,cilium --levels testbed=ATH
      --max-cells N     refuse a design of more than N cells (one per combination of factor levels, test,
                        node and metric) before computing anything, naming the subset to build instead
                        (default: 150000; a larger report takes minutes and gigabytes)
      --table-split LIST
                        one LaTeX table per combination of these columns (factor names, condition,
                        node, metric) in tables/latex/ (default: testbed,metric)
      --latex ENV       LaTeX float: auto (table or table* by width), table, table*, longtable
                        (default: auto)
      --max-latex-parts N
                        LaTeX parts per table at most; the Method names what was left out, the whole
                        table stays in CSV and Markdown (default: 48)
      --png-scale N     PNG pixels per point; 1 = 72 dpi (default: 2)
      --threads N       render workers (child processes) drawing figures; 1 renders in the main thread
                        (default: the available cores, at most 4)
      --max-findings N  at most N effects among the findings; interactions are all listed (default: 20)
      --date DATE       the report's date (YYYY-MM-DD, ISO date-time or Unix seconds); default: the
                        SOURCE_DATE_EPOCH environment variable, else the newest knb date in the data.
                        Nothing else depends on the clock: rebuilding gives byte-identical files.
      --strict          treat ingest warnings as errors (exit code 1 when any file had warnings)
      --csv-raw-formulas
                        keep CSV text cells that start with = + - @ (or a tab or CR) as they are; by default
                        they get a leading ' so that a spreadsheet does not run them as formulas (numbers,
                        -3.2 included, are never changed)
      --follow-symlinks-outside  read links that lead out of the campaign (default: rejected, not opened)
      --max-file-size SIZE       largest file or archive member read (default: 64MiB)
      --max-unpacked-size SIZE   largest unpacked content of one .knbdata (default: 256MiB)
  -q, --quiet           no progress lines
  -h, --help            this help

Figure options (each wins over the same entry of campaign.yaml's figures: section; see README):
      --figures LIST    figure kinds, comma-separated from
                        ${FIGURE_KINDS.join(', ')},
                        or "all", or "none" (default: campaign.yaml figures.kinds, else all)
      --figure-levels F=A,B
                        draw only these levels of factor F (name, label or alias); repeat for other
                        factors, e.g. --figure-levels testbed=ATH --figure-levels tuning=default,mtu.
                        Figures keep the whole design's x, colour and colours; tables keep every level
                        (default: campaign.yaml figures.levels, else every level; any --figure-levels
                        replaces all of campaign.yaml's)
      --figure-condition LIST
                        conditions drawn, comma-separated: idle, p2p-tcp, p2p-udp, p2s-tcp, p2s-udp …
                        (default: campaign.yaml figures.conditions, else all)
      --figure-metric LIST
                        metrics drawn, comma-separated: cpu, ram, bandwidth, cpu_user … (default:
                        campaign.yaml figures.metrics, else cpu,ram,bandwidth)
      --x FACTOR        factor on the figures' x axis; --color FACTOR the factor drawn as colour
                        (default: campaign.yaml figures.x / figures.color, else chosen from the design:
                        the compared factor as colour when colour can tell its levels apart, at most 8
                        and not numeric, else on x)
      --max-figures N   figures of each kind at most, one per combination of the other factors; the
                        rest are named in the Method section (default: campaign.yaml
                        figures.max-figures, else 6)
      --size SIZE       figure width: column (IEEE 3.5 in) or page (7.16 in) (default: campaign.yaml
                        figures.size, else page)
      --formats LIST    figure formats besides .vl.json, comma-separated from svg,png,pdf, or "none"
                        (default: campaign.yaml figures.formats, else svg,png,pdf)

Exit codes: 0 built; 1 built, but some files were rejected (or had warnings with --strict); 2 not built.

Examples:
  cnibench report build                                  # the bundled example campaign
  cnibench report build my-campaign -o out/report        # your campaign into out/report
  cnibench report build my-campaign --node both --formats svg,pdf --size column
  cnibench report build my-campaign --baseline k3s --date 2024-01-15
  cnibench report build shape-b --factor mtu --baseline 1500 --interaction network,mtu
  cnibench report build shape-b --figures paper-grid,delta-heatmap --figure-levels testbed=tbed
  SOURCE_DATE_EPOCH=1700000000 cnibench report build my-campaign
`;

function parseFormats(raw: string | undefined): FigureFormat[] | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'none') return [];
  const parts = raw.split(',').map((p) => p.trim().toLowerCase());
  if (parts.some((p) => !(FIGURE_FORMATS as readonly string[]).includes(p))) {
    throw new CnibenchError('usage', `cnibench report build: ${msg.badFormats(raw, FIGURE_FORMATS)}`);
  }
  return FIGURE_FORMATS.filter((f) => parts.includes(f));
}

function parsePair(raw: string): [string, string] {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === '') || parts[0] === parts[1]) {
    throw new CnibenchError(
      'usage',
      `cnibench report build: --interaction expects two different factor names separated by a comma, e.g. network,mtu; got "${raw}"`,
    );
  }
  return [parts[0]!, parts[1]!];
}

function parseFigureKinds(raw: string | undefined): FigureKind[] | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'none') return [];
  if (raw === 'all') return [...FIGURE_KINDS];
  const parts = raw.split(',').map((p) => p.trim().toLowerCase());
  const unknown = parts.filter((p) => !(FIGURE_KINDS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw new CnibenchError(
      'usage',
      `cnibench report build: --figures '${unknown.join(',')}' is not a figure kind; expected ${FIGURE_KINDS.join(', ')}, all or none`,
    );
  }
  return FIGURE_KINDS.filter((k) => parts.includes(k));
}

/** `--figure-levels F=A,B` (repeatable): the levels of each factor the figures draw. */
function parseList<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T[] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const unknown = parts.filter((p) => !(allowed as readonly string[]).includes(p));
  if (parts.length === 0 || unknown.length > 0) {
    throw new CnibenchError('usage', `cnibench report build: ${msg.badList(name, unknown.join(',') || raw, allowed)}`);
  }
  return parts as T[];
}

function parseScale(raw: string | undefined): number {
  if (raw === undefined) return 2;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0))
    throw new CnibenchError('usage', `cnibench report build: ${msg.badScale(raw)}`);
  return value;
}

function progressPrinter(io: CliIO, quiet: boolean): (event: ProgressEvent) => void {
  if (quiet) return () => undefined;
  return (event) => {
    const step = REPORT_STAGES.indexOf(event.stage) + 1;
    const line = msg.progressLine(step, REPORT_STAGES.length, STAGE_LABELS[event.stage], event.done, event.total);
    // on a terminal a counted stage redraws in place; in a log every line stays
    if (io.isTTY && event.total !== undefined) {
      io.stderr(`\r${line}${event.done === event.total ? '\n' : ''}`);
    } else if (
      event.total === undefined ||
      event.done === event.total ||
      event.done === 0 ||
      event.stage === 'ingest'
    ) {
      io.stderr(`${line}\n`);
    }
  };
}

async function build(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('report build', argv, {
    out: { type: 'string', short: 'o' },
    baseline: { type: 'string', short: 'b' },
    factor: { type: 'string' },
    interaction: { type: 'string' },
    layout: { type: 'string', multiple: true },
    manifest: { type: 'string' },
    ignore: { type: 'string', multiple: true },
    node: { type: 'string' },
    formats: { type: 'string' },
    size: { type: 'string' },
    figures: { type: 'string' },
    'figure-levels': { type: 'string', multiple: true },
    'figure-condition': { type: 'string' },
    'figure-metric': { type: 'string' },
    x: { type: 'string' },
    color: { type: 'string' },
    'max-figures': { type: 'string' },
    levels: { type: 'string', multiple: true },
    'max-cells': { type: 'string' },
    'table-split': { type: 'string' },
    'max-latex-parts': { type: 'string' },
    latex: { type: 'string' },
    'png-scale': { type: 'string' },
    'max-findings': { type: 'string' },
    threads: { type: 'string' },
    date: { type: 'string' },
    strict: { type: 'boolean' },
    'csv-raw-formulas': { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    ...READ_OPTIONS,
  });
  if (positionals.length > 1) {
    throw new CnibenchError('usage', `cnibench ${msg.tooManyPositionals(positionals.slice(1))}`, {
      hint: 'see `cnibench report build --help`',
    });
  }
  const str = (name: string): string | undefined => values[name] as string | undefined;
  const node = choiceOption('report build', 'node', str('node'), ['server', 'client', 'both'] as const, 'server');
  // figure options left out take campaign.yaml's figures: entries (buildReport), so no default here
  const size =
    str('size') === undefined
      ? undefined
      : choiceOption('report build', 'size', str('size'), ['page', 'column'] as const, 'page');
  const formats = parseFormats(str('formats'));
  const figures = parseFigureKinds(str('figures'));
  const maxFigures =
    str('max-figures') === undefined ? undefined : intOption('report build', 'max-figures', str('max-figures'), 6, 1);
  const figureLevels = parseLevels('report build', 'figure-levels', values['figure-levels'] as string[] | undefined);
  const figureConditions = parseList('figure-condition', str('figure-condition'), CONDITION_IDS);
  const figureMetrics = parseList('figure-metric', str('figure-metric'), METRICS);
  const maxCells = intOption('report build', 'max-cells', str('max-cells'), DEFAULT_MAX_REPORT_CELLS, 1);
  const levels = parseLevels('report build', 'levels', values['levels'] as string[] | undefined);
  const latex = choiceOption(
    'report build',
    'latex',
    str('latex'),
    ['auto', 'table', 'table*', 'longtable'] as const,
    'auto',
  );
  const tableSplit = str('table-split')
    ?.split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const maxLatexParts =
    str('max-latex-parts') === undefined
      ? undefined
      : intOption('report build', 'max-latex-parts', str('max-latex-parts'), DEFAULT_MAX_LATEX_PARTS, 1);
  const pngScale = parseScale(str('png-scale'));
  const maxEffects = intOption('report build', 'max-findings', str('max-findings'), 20, 0);
  const threads = str('threads') === undefined ? undefined : intOption('report build', 'threads', str('threads'), 1, 1);
  const rawDate = str('date') ?? io.env['SOURCE_DATE_EPOCH'];
  const date =
    rawDate === undefined
      ? undefined
      : normaliseDate(rawDate, str('date') !== undefined ? '--date' : 'SOURCE_DATE_EPOCH');
  const dir = positionals[0] === undefined ? undefined : resolve(io.cwd, positionals[0]);
  // The bundled example's report goes where the repository keeps its committed copy (reports/example), so that
  // `npx cnibench report build` in a clone rebuilds exactly that folder.
  const out = str('out') ?? (dir === undefined ? join('reports', 'example') : undefined);

  const options: BuildReportOptions = {
    ...(out !== undefined ? { out: resolve(io.cwd, out) } : {}),
    ...(str('baseline') !== undefined ? { baseline: str('baseline') } : {}),
    ...(str('factor') !== undefined ? { factor: str('factor') } : {}),
    ...(str('interaction') !== undefined ? { interaction: parsePair(str('interaction')!) } : {}),
    ...layoutOptions(values),
    node,
    ...(size !== undefined ? { size } : {}),
    ...(formats !== undefined ? { formats } : {}),
    ...(figures !== undefined ? { figures } : {}),
    ...(maxFigures !== undefined ? { maxFigures } : {}),
    ...(figureLevels !== undefined ? { figureLevels } : {}),
    ...(figureConditions !== undefined ? { figureConditions } : {}),
    ...(figureMetrics !== undefined ? { figureMetrics } : {}),
    maxCells,
    ...(levels !== undefined ? { levels } : {}),
    latexEnvironment: latex,
    ...(tableSplit !== undefined ? { tableSplit } : {}),
    ...(maxLatexParts !== undefined ? { maxLatexParts } : {}),
    ...(str('x') !== undefined ? { xFactor: str('x') } : {}),
    ...(str('color') !== undefined ? { colorFactor: str('color') } : {}),
    pngScale,
    maxEffects,
    ...(threads !== undefined ? { renderThreads: threads } : {}),
    ...(date !== undefined ? { date } : {}),
    strict: values['strict'] === true,
    csvFormulas: values['csv-raw-formulas'] === true ? 'raw' : 'neutralise',
    reading: readOptions('report build', values),
    onProgress: progressPrinter(io, values['quiet'] === true),
    cwd: io.cwd,
  };
  // the render workers main.ts started before the report stage loaded, when they are the ones these options want
  // (taken once every option is read: main.ts closes them however the command ends)
  const renderPool = formats?.length === 0 ? null : await takeEarlyRenderPool(threads ?? defaultRenderThreads());
  const result = await buildReport(dir, { ...options, ...(renderPool !== null ? { renderPool } : {}) });
  const s = result.summary;
  io.stdout(
    msg.summaryText({
      campaign: s.campaign.name,
      files: s.ledger.files,
      ingested: s.ledger.ingested,
      warning: s.ledger.warning,
      rejected: s.ledger.rejected,
      failedRuns: s.ledger.failedRuns,
      auxiliary: s.ledger.auxiliary,
      cells: s.counts.cells,
      significant: s.counts.significant,
      comparisons: s.counts.comparisons,
      testable: s.counts.testable,
      lackBaseline: s.counts.lackBaseline,
      twoWay: s.analysis.interactionFactors !== null,
      flags: s.counts.interactionFlags,
      figures: s.figures.length,
      outDir: result.outDir,
      html: result.html,
    }),
  );
  let code: number = EXIT.ok;
  if (s.renderErrors.length > 0) {
    io.stderr(`${msg.renderErrorsNote(s.renderErrors)}\n`);
    code = EXIT.partial;
  }
  if (s.ledger.rejected > 0) {
    io.stderr(`${msg.rejectedFilesNote(s.ledger.rejected)}\n`);
    return EXIT.partial;
  }
  if (values['strict'] === true && s.ledger.warning > 0) {
    io.stderr(`${msg.strictWarningsNote(s.ledger.warning)}\n`);
    return EXIT.partial;
  }
  return code;
}

export const command: Command = {
  name: 'report',
  summary: 'build the report (figures, tables, findings, HTML) of a campaign',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'build') {
      throw new CnibenchError('usage', `cnibench ${msg.unknownSubcommand(sub)}`, {
        hint: 'see `cnibench report --help`',
      });
    }
    return build(rest, io);
  },
};
