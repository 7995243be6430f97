import type { CsvFormulas } from '../model/index.js';
import { escapeCsv } from './escape.js';
import { csvNumber } from '../present/index.js';

/** A machine-readable table: named columns, raw values (full precision numbers, null for not available). */
export interface RecordTable {
  readonly id: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | boolean | null)[])[];
}

/**
 * RFC 4180 CSV with a header row and `\n` line ends. Numbers print in JavaScript's shortest round-trip form
 * (no rounding: the CSV is for further analysis), null as an empty field, booleans as `true`/`false`. Text cells a
 * spreadsheet would evaluate are made inert unless `formulas` is 'raw' (see escapeCsv).
 */
export function csvTable(table: RecordTable, formulas: CsvFormulas = 'neutralise'): string {
  const text = (v: string): string => escapeCsv(v, formulas);
  const field = (v: string | number | boolean | null): string =>
    v === null ? '' : typeof v === 'number' ? csvNumber(v) : typeof v === 'boolean' ? String(v) : text(v);
  const lines = [table.columns.map(text).join(',')];
  for (const row of table.rows) lines.push(row.map(field).join(','));
  return `${lines.join('\n')}\n`;
}
