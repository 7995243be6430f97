/**
 * CSV fields, one rule for every CSV cnibench writes (ingest's tidy files, the report's tables): numbers in
 * JavaScript's shortest round-trip form, text quoted when needed, control characters made visible and, by default,
 * text a spreadsheet would evaluate as a formula made inert (text-safety.ts).
 */
import { csvSafeText, visibleControls, type CsvFormulas } from './text-safety.js';

/**
 * Quote one CSV text field per RFC 4180: fields holding the delimiter, a quote, or a line break are quoted and
 * inner quotes doubled. Control characters but tab and line feed become visible escapes. A field a spreadsheet would
 * evaluate (`=`, `+`, `-`, `@`, tab, CR first) is made inert with a leading `'` unless `formulas` is 'raw'
 * (csvSafeText); numbers are not text fields and never pass here.
 * @example escapeCsv('=1+1') // "'=1+1"
 */
export function escapeCsv(field: string, formulas: CsvFormulas = 'neutralise'): string {
  const safe = visibleControls(csvSafeText(field, formulas));
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A plain number for CSV: JavaScript's shortest round-trip form, empty where undefined. */
export function csvNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return Object.is(value, -0) ? '0' : String(value);
}
