/** index.md: findings first, then figures, tables, input files and method, all labels escaped. */
import { escapeMarkdown, type Finding, markdownTable, type DisplayTable } from '../tables/index.js';

export interface MarkdownFigure {
  readonly id: string;
  readonly title: string;
  /** written files of the figure, relative to the report root, e.g. `figures/grid-UOM.svg` */
  readonly files: readonly string[];
}

export interface MarkdownReport {
  readonly title: string;
  readonly description: string | null;
  readonly meta: readonly string[];
  readonly findings: readonly Finding[];
  readonly findingsNote: string | null;
  readonly figures: readonly MarkdownFigure[];
  readonly tables: readonly { readonly table: DisplayTable; readonly files: readonly string[] }[];
  readonly problems: readonly string[];
  readonly method: readonly string[];
}

function extension(file: string): string {
  const match = /\.([a-z.]+)$/.exec(file.slice(file.lastIndexOf('/') + 1));
  const ext = match?.[1] ?? file;
  return ext === 'vl.json' ? 'Vega-Lite' : ext.toUpperCase();
}

function links(files: readonly string[]): string {
  // a paper-sized LaTeX part is named by what it holds (`LaTeX uom-ram`), not only by its extension
  return files
    .map((f) => {
      const part = /^tables\/latex\/[^-/]+-(.+)\.tex$/.exec(f)?.[1];
      return `[${part !== undefined ? `LaTeX ${part}` : extension(f)}](${f})`;
    })
    .join(' · ');
}

export function reportMarkdown(report: MarkdownReport): string {
  const out: string[] = [`# ${escapeMarkdown(report.title)}`, ''];
  // campaign.yaml descriptions are multi-line (paragraphs, lists of faults): keep their paragraphs and line breaks
  // (a trailing backslash is CommonMark's hard line break)
  if (report.description) {
    for (const paragraph of descriptionParagraphs(report.description)) {
      out.push(paragraph.map((line) => escapeMarkdown(line)).join('\\\n'), '');
    }
  }
  if (report.meta.length > 0) out.push(report.meta.map(escapeMarkdown).join(' · '), '');

  out.push('## Findings', '');
  if (report.findings.length === 0) out.push('No significant effect and no interaction pattern.', '');
  else {
    // one short sentence each under its heading; the statistics behind them are in the tables and in report.html
    let heading: string | null = null;
    for (const f of report.findings) {
      if (f.heading !== heading) {
        if (heading !== null) out.push('');
        out.push(`### ${escapeMarkdown(f.heading)}`, '');
        heading = f.heading;
      }
      out.push(`${f.rank}. ${escapeMarkdown(f.sentence)}`);
    }
    out.push('');
  }
  if (report.findingsNote) out.push(escapeMarkdown(report.findingsNote), '');

  out.push('## Figures', '');
  if (report.figures.length === 0) out.push('No figure.', '');
  for (const figure of report.figures) {
    out.push(`### ${escapeMarkdown(figure.title)}`, '');
    const image = figure.files.find((f) => f.endsWith('.svg')) ?? figure.files.find((f) => f.endsWith('.png'));
    if (image) out.push(`![${escapeMarkdown(figure.title)}](${image})`, '');
    out.push(links(figure.files), '');
  }

  out.push('## Tables', '');
  for (const { table, files } of report.tables) {
    out.push(`### ${escapeMarkdown(table.title)}`, '', links(files), '');
    out.push(markdownTable(table, { title: false }));
  }

  out.push('## Input files', '');
  if (report.problems.length === 0) out.push('Every data file was ingested without problems.', '');
  else out.push(...report.problems.map((p) => `- ${escapeMarkdown(p)}`), '');

  out.push('## Method', '', ...report.method.map((m) => `- ${escapeMarkdown(m)}`), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** Split a free-text description into paragraphs (blank-line separated) of trimmed, non-empty lines. */
export function descriptionParagraphs(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0),
    )
    .filter((p) => p.length > 0);
}
