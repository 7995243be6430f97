import { escapeLatex } from './escape.js';
import { markdownCell } from './to-markdown.js';
import { latexNum, latexP, latexPct, latexSignificant } from '../present/index.js';
import type { Align, DisplayCell, DisplayTable } from './table.js';

/**
 * `auto`: a `table` float when the tabular fits a column, `table*` (both columns) when it fits the page;
 * `longtable` (one-column documents only; needs `\usepackage{longtable}`) breaks across pages.
 */
export const LATEX_ENVIRONMENTS = ['auto', 'table', 'table*', 'longtable'] as const;
export type LatexEnvironment = (typeof LATEX_ENVIRONMENTS)[number];

export interface LatexTableOptions {
  /** float placement; default `htbp` (`t` for `table*`, which LaTeX places only at the top of a page) */
  readonly placement?: string;
  /** prefix of the `\label`; default `tab:cnibench-` */
  readonly labelPrefix?: string;
  /** the whole label (overrides prefix + table id) */
  readonly label?: string;
  /** the caption (overrides the table's title) */
  readonly caption?: string;
  /** wrap the tabular in a float with caption and label; default true */
  readonly float?: boolean;
  /** default 'auto' */
  readonly environment?: LatexEnvironment;
  /** width of a column and of the page in pt; default IEEE two-column: 252 and 516 */
  readonly columnWidthPt?: number;
  readonly pageWidthPt?: number;
}

/** IEEEtran's \columnwidth (3.5 in) and \textwidth (7.16 in) in TeX points. */
export const IEEE_COLUMN_PT = 252;
export const IEEE_PAGE_PT = 516;

/**
 * Width per character of `\footnotesize` (8 pt) Computer Modern, on average over digits (0.5 em) and lower-case
 * letters, in pt; calibrated against pdflatex's boxes by test/tables/latex-compile.test.ts.
 */
const CHAR_PT = 4.1;
/** `\tabcolsep` (6 pt) each side of a column. */
const COLUMN_SEP_PT = 12;

/** Estimated natural width of the tabular in pt, with `\tabcolsep` of `sepPt` each side. */
export function estimateTabularWidth(table: DisplayTable, sepPt = COLUMN_SEP_PT / 2): number {
  const visible = (text: string) => text.replace(/\\(.)/g, '$1').length;
  return table.columns.reduce((sum, column, i) => {
    const widest = Math.max(
      visible(column.label),
      ...table.rows.map((r) => {
        const cell = r[i];
        return cell ? visible(markdownCell(cell)) : 0;
      }),
    );
    return sum + widest * CHAR_PT + 2 * sepPt;
  }, 0);
}

/** The float a table needs: `table` when it fits a column, `table*` otherwise. */
export function chooseEnvironment(table: DisplayTable, columnWidthPt = IEEE_COLUMN_PT): 'table' | 'table*' {
  return estimateTabularWidth(table) <= columnWidthPt ? 'table' : 'table*';
}

/** One cell as LaTeX: numbers through siunitx `\num{}`, `\pm` in math mode, marks as superscripts. */
export function latexCell(cell: DisplayCell): string {
  switch (cell.kind) {
    case 'text':
      return escapeLatex(cell.text);
    case 'number':
      return cell.significant !== undefined
        ? latexSignificant(cell.value, cell.significant)
        : latexNum(cell.value, cell.decimals);
    case 'p':
      return latexP(cell.p);
    case 'mean-sd':
      if (cell.mean === null) return `-- (${cell.n})`;
      return `${latexNum(cell.mean, cell.decimals)} $\\pm$ ${latexNum(cell.sd, cell.decimals)} (${cell.n})`;
    case 'delta': {
      if (cell.pct === null) return '--';
      const unit = cell.unit === '%' ? '\\,\\%' : '\\,pp';
      // the digits of the text renderers (formatPct), so a number reads the same in the paper and the report
      const interval =
        cell.lo !== null && cell.hi !== null
          ? ` [${latexPct(cell.lo, { signed: false })}, ${latexPct(cell.hi, { signed: false })}]`
          : '';
      return `${latexPct(cell.pct)}${unit}${interval}\\textsuperscript{${escapeLatex(cell.mark)}}`;
    }
  }
}

const ALIGN_SPEC: Readonly<Record<Align, string>> = { left: 'l', right: 'r', center: 'c' };

/**
 * A booktabs table (`\\toprule`, `\\midrule`, `\\bottomrule`) with siunitx numbers, ready to `\\input` in a paper whose
 * preamble loads `booktabs` and `siunitx` (and `longtable` for that environment; `graphicx` for a table wider than
 * the page, shrunk to its width). Text from data is escaped (`50%_\\&` prints as written); the output is ASCII.
 */
export function latexTable(table: DisplayTable, options: LatexTableOptions = {}): string {
  const float = options.float !== false;
  const columnWidth = options.columnWidthPt ?? IEEE_COLUMN_PT;
  const pageWidth = options.pageWidthPt ?? IEEE_PAGE_PT;
  const requested = options.environment ?? 'auto';
  const environment = requested === 'auto' ? chooseEnvironment(table, columnWidth) : requested;
  const available = environment === 'table' ? columnWidth : pageWidth;
  // too wide at the usual spacing: half the space between columns, then, if still too wide, shrink to the width
  const narrow = estimateTabularWidth(table) > available;
  const shrink = narrow && environment !== 'longtable' && estimateTabularWidth(table, 3) > available;
  const label = options.label ?? `${options.labelPrefix ?? 'tab:cnibench-'}${table.id}`;
  const caption = `\\caption{${escapeLatex(options.caption ?? table.title)}}`;
  const packages = [
    'booktabs',
    'siunitx',
    ...(environment === 'longtable' ? ['longtable'] : []),
    ...(shrink ? ['graphicx'] : []),
  ];
  const lines: string[] = [`% Generated by cnibench. Needs ${packages.map((p) => `\\usepackage{${p}}`).join(', ')}.`];
  const spec = table.columns.map((c) => ALIGN_SPEC[c.align]).join('');
  const header = `${table.columns.map((c) => escapeLatex(c.label)).join(' & ')} \\\\`;
  const body = table.rows.map((row) => `${row.map(latexCell).join(' & ')} \\\\`);
  const notes = table.notes.map((note) => escapeLatex(note));
  if (environment === 'longtable') {
    lines.push('\\begingroup', '\\footnotesize');
    if (narrow) lines.push('\\setlength{\\tabcolsep}{3pt}');
    lines.push(`\\begin{longtable}{${spec}}`);
    if (float) lines.push(`${caption}\\label{${escapeLatex(label)}} \\\\`);
    lines.push('\\toprule', header, '\\midrule', '\\endfirsthead', '\\toprule', header, '\\midrule', '\\endhead');
    lines.push('\\bottomrule', '\\endlastfoot', ...body);
    lines.push('\\end{longtable}');
    for (const note of notes) lines.push(`\\par ${note}`);
    lines.push('\\endgroup');
    return `${lines.join('\n')}\n`;
  }
  if (float) {
    lines.push(
      `\\begin{${environment}}[${options.placement ?? (environment === 'table*' ? 't' : 'htbp')}]`,
      '\\centering',
      '\\footnotesize',
    );
    lines.push(caption, `\\label{${escapeLatex(label)}}`);
  }
  if (narrow) lines.push('\\setlength{\\tabcolsep}{3pt}');
  if (shrink) lines.push(`\\resizebox{${environment === 'table' ? '\\columnwidth' : '\\textwidth'}}{!}{%`);
  lines.push(`\\begin{tabular}{${spec}}`, '\\toprule', header, '\\midrule', ...body, '\\bottomrule', '\\end{tabular}');
  if (shrink) lines.push('}');
  if (notes.length > 0) {
    // notes wrap to the float's width (a bare paragraph in a float is as wide as the column or page)
    lines.push('', '\\smallskip');
    for (const note of notes) lines.push(`\\par ${note}`);
  }
  if (float) lines.push(`\\end{${environment}}`);
  return `${lines.join('\n')}\n`;
}
