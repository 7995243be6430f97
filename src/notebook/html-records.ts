import type { ColumnTable } from 'arquero';
import { formatNumber, MISSING } from '../present/index.js';
import * as msg from './messages.js';
import { CnibenchError } from '../model/index.js';
import { escapeHtml } from '../tables/index.js';

/** A row of plain values, as `table.objects()` or a `.map()` over statistics records gives. */
export type RecordRow = Readonly<Record<string, unknown>>;

export interface HtmlRecordsOptions {
  /** columns to show, in this order; default: every column, in first-seen order (an arquero table's own order) */
  readonly columns?: readonly string[];
  /** header text per column; default: the column name */
  readonly labels?: Readonly<Record<string, string>>;
  /** `<caption>` text; default none */
  readonly caption?: string;
  /** at most this many rows, then a note saying how many were left out; default 50 */
  readonly maxRows?: number;
  /** significant digits of numbers (see formatNumber: integer digits are never rounded away); default 3 */
  readonly significant?: number;
  /** fixed decimals per column, instead of significant digits */
  readonly decimals?: Readonly<Record<string, number>>;
}

function isColumnTable(value: unknown): value is ColumnTable {
  const t = value as ColumnTable | null;
  return typeof t === 'object' && t !== null && typeof t.objects === 'function' && typeof t.columnNames === 'function';
}

/** What a non-record input is, for the error message. */
function describeInput(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array holding a non-object';
  return typeof value;
}

function rowsOf(
  input: readonly RecordRow[] | ColumnTable,
  limit: number,
): { rows: readonly RecordRow[]; total: number; columns: string[] } {
  // an arquero table materialises only the rows shown (a tidy table has tens of thousands)
  if (isColumnTable(input)) {
    return { rows: input.objects({ limit }) as RecordRow[], total: input.numRows(), columns: input.columnNames() };
  }
  if (!Array.isArray(input)) throw new CnibenchError('notebook-not-tabular', msg.notTabular(describeInput(input)));
  const columns: string[] = [];
  for (const row of input) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new CnibenchError('notebook-not-tabular', msg.notTabular(describeInput(input)));
    }
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  }
  return { rows: input.slice(0, limit), total: input.length, columns };
}

/** One value as display text: numbers per formatNumber (real minus, no exponent), null/undefined as `–`. */
function cellText(value: unknown, decimals: number | undefined, significant: number): string {
  if (value === null || value === undefined) return MISSING;
  if (typeof value === 'number') {
    // counts and iteration numbers stay integers; other numbers keep `significant` digits
    if (decimals !== undefined) return formatNumber(value, { decimals });
    return Number.isInteger(value) ? formatNumber(value, { decimals: 0 }) : formatNumber(value, { significant });
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map((v) => cellText(v, decimals, significant)).join(', ');
  return JSON.stringify(value);
}

/**
 * Records (or an arquero table) as an HTML `<table>` for a notebook: every text escaped (a level named `<b>` shows
 * as those characters), numbers right-aligned and rounded for reading, missing values as `–`.
 * Show it with `displayHtml(...)` (or `tslab.display.html(...)`).
 * @throws CnibenchError `notebook-not-tabular` when the input is neither; `notebook-unknown-column` for a bad
 * `columns` option.
 * @example htmlRecords([{ plugin: 'flannel', ram: 649.302 }]) // '<table …><tr><td>flannel</td><td …>649</td>…'
 */
export function htmlRecords(input: readonly RecordRow[] | ColumnTable, options: HtmlRecordsOptions = {}): string {
  const maxRows = Math.max(0, options.maxRows ?? 50);
  const { rows: shown, total, columns: present } = rowsOf(input, maxRows);
  const columns = options.columns ?? present;
  for (const c of columns) {
    if (!present.includes(c)) throw new CnibenchError('notebook-unknown-column', msg.unknownColumn(c, present));
  }
  const significant = options.significant ?? 3;
  // a column is numeric (right-aligned) when every non-missing value in it is a number
  const numeric = columns.map(
    (c) => shown.some((r) => typeof r[c] === 'number') && shown.every((r) => r[c] == null || typeof r[c] === 'number'),
  );
  const align = (i: number): string => (numeric[i] ? ' style="text-align:right"' : ' style="text-align:left"');
  const head = columns.map((c, i) => `<th${align(i)}>${escapeHtml(options.labels?.[c] ?? c)}</th>`).join('');
  const body = shown
    .map(
      (row) =>
        `<tr>${columns.map((c, i) => `<td${align(i)}>${escapeHtml(cellText(row[c], options.decimals?.[c], significant))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const caption = options.caption === undefined ? '' : `<caption>${escapeHtml(options.caption)}</caption>\n`;
  const note =
    shown.length < total ? `<p class="note">${escapeHtml(msg.truncatedRows(shown.length, total))}</p>\n` : '';
  return `<table class="cnibench">\n${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n${note}`;
}
