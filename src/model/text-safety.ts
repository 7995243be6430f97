/**
 * Text from data (level names, campaign names and descriptions, file names, run names) made safe for outputs.
 *
 * One rule for control characters: C0 controls (except tab and line feed), DEL and C1 controls become a visible
 * escape `\xNN` (`\x1b` for ESC), and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, which
 * reorder what a reader sees, "Trojan Source", CVE-2021-42574) become `\u202e`. The escape is visible and keeps two
 * names that differ only in a control character apart (U+FFFD would merge them into one label). A control character
 * makes SVG invalid XML (XML 1.0 allows only tab, LF and CR) and lets a terminal be driven by escape sequences.
 *
 * CSV cells: a text cell that a spreadsheet would evaluate (starts with `=`, `+`, `-`, `@`, tab or carriage return:
 * the OWASP "CSV injection" rule) gets a leading `'`, unless it is a plain number written as text (`-3.2`).
 */

const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_AND_LINE_BREAKS = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Control characters (but tab and line feed) as visible escapes.
 * @example visibleControls('flannel\x1b[31m') // 'flannel\\x1b[31m'
 */
export function visibleControls(text: string): string {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(text) ? text.replace(CONTROLS, visible) : text;
}

/**
 * One line of text for a terminal or a listing: every control character, tab and line breaks included, escaped (a
 * file name with a newline cannot forge a second line).
 * @example oneLine('a\nb') // 'a\\x0ab'
 */
export function oneLine(text: string): string {
  CONTROLS_AND_LINE_BREAKS.lastIndex = 0;
  return CONTROLS_AND_LINE_BREAKS.test(text) ? text.replace(CONTROLS_AND_LINE_BREAKS, visible) : text;
}

/** Every string in a JSON-like value (a figure spec) through visibleControls; other values as they are. */
export function visibleControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return visibleControls(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => visibleControlsDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[visibleControls(k)] = visibleControlsDeep(v);
    return out as T;
  }
  return value;
}

/** What CSV writers do with a text cell a spreadsheet would evaluate: neutralise it (default) or keep it raw. */
export type CsvFormulas = 'neutralise' | 'raw';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A CSV text cell made inert for spreadsheets (OWASP CSV injection): a cell starting with `=`, `+`, `-`, `@`, tab
 * or carriage return is prefixed with `'`, unless it is a plain number (`-3.2`, `+1e5`), which no spreadsheet runs.
 * With 'raw' the cell is returned as it is. Call it on text cells only, before RFC 4180 quoting.
 * @example csvSafeText('=HYPERLINK("http://x")') // `'=HYPERLINK("http://x")`
 * @example csvSafeText('-3.2') // '-3.2'
 */
export function csvSafeText(cell: string, formulas: CsvFormulas = 'neutralise'): string {
  if (formulas === 'raw' || !FORMULA_START.test(cell) || PLAIN_NUMBER.test(cell)) return cell;
  return `'${cell}`;
}

const REDRAW_PREFIX = /^\r(\x1b\[K)?/;

/**
 * Text for a terminal: control characters but tab and line feed escaped (an escape sequence in a file, campaign or
 * run name is printed, not obeyed), except the redraw prefix cnibench's own progress lines start with (`\r`, or
 * `\r` + erase-line `ESC[K`).
 * @example terminalText('\rdone ATH/\x1b]0;pwned\x07') // '\rdone ATH/\\x1b]0;pwned\\x07'
 */
export function terminalText(text: string): string {
  const prefix = REDRAW_PREFIX.exec(text)?.[0] ?? '';
  return prefix + visibleControls(text.slice(prefix.length));
}
