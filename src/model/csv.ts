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

/**
 * Write csvNumber(value) into `bytes` at `at` (ASCII: one byte a character) and return the end; the caller leaves room
 * for 25 bytes (the longest shortest-round-trip form of a double). The tidy CSV writes hundreds of thousands of
 * numbers, and most are knb's: hundredths (`%.2f` cpu) or integers (ram, bandwidth). For those the digits are written
 * directly. Why that is String(value): when r = round(100·value) and r / 100 === value, the decimal r/100 reads back as
 * value, and under 1e9 any other decimal that does is closer than a double's spacing (< 1e-6) to it, so it has more
 * significant digits, not fewer; r/100 without trailing zeros is then the shortest form, JavaScript's rendering.
 * Everything else (0.30000000000000004, 1e-7, huge values) goes through String.
 */
export function writeCsvNumber(bytes: Uint8Array, at: number, value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return at;
  const negative = value < 0;
  const magnitude = negative ? -value : value;
  const hundredths = Math.round(magnitude * 100);
  if (magnitude < 1e9 && hundredths / 100 === magnitude) {
    if (hundredths === 0) {
      bytes[at] = 48;
      return at + 1;
    }
    if (negative) bytes[at++] = 45;
    let whole = Math.floor(hundredths / 100);
    const fraction = hundredths - whole * 100;
    // the whole part's digits, most significant first
    let digits = 1;
    for (let p = 10; p <= whole; p *= 10) digits++;
    for (let k = at + digits - 1; k >= at; k--) {
      bytes[k] = 48 + (whole % 10);
      whole = Math.floor(whole / 10);
    }
    at += digits;
    if (fraction !== 0) {
      bytes[at++] = 46;
      bytes[at++] = 48 + Math.floor(fraction / 10);
      if (fraction % 10 !== 0) bytes[at++] = 48 + (fraction % 10);
    }
    return at;
  }
  const text = csvNumber(value);
  for (let k = 0; k < text.length; k++) bytes[at + k] = text.charCodeAt(k);
  return at + text.length;
}
