/**
 * Escaping of text that comes from data (level names, labels, campaign names) for each output language.
 * A plugin named `<script>` or `50%_\&` must come out as those characters, never as markup. Each escaper also makes
 * control characters visible (`\x1b`; see model/text-safety.ts), as a defence behind the labels that already do.
 */
import { visibleControls } from '../model/index.js';

// the CSV field rule lives in model (csv.ts): ingest's tidy writer and the tables share it
export { escapeCsv } from '../model/index.js';

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape text for HTML element content and attribute values (quoted with either quote).
 * @example escapeHtml('<script>') // '&lt;script&gt;'
 */
export function escapeHtml(text: string): string {
  return visibleControls(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Escape text for inline Markdown (CommonMark / GFM), including table cells: every character that could start
 * markup is backslash-escaped (CommonMark allows a backslash before any ASCII punctuation), and line breaks,
 * which would end a table row, become spaces.
 * @example escapeMarkdown('50%_\\&') // '50%\\_\\\\\\&'
 */
export function escapeMarkdown(text: string): string {
  return visibleControls(text.replace(/\r\n|\r|\n/g, ' ')).replace(/[\\`*_[\]<>#|~&$]/g, (c) => `\\${c}`);
}

const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  // typographic characters of cnibench's own texts, so that pdflatex needs no Unicode setup
  '±': '\\textpm{}',
  '\u2212': '\\textminus{}',
  '×': '\\texttimes{}',
  '…': '\\dots{}',
  '–': '--',
  '—': '---',
  η: '$\\eta$',
  '²': '\\textsuperscript{2}',
  α: '$\\alpha$',
  Δ: '$\\Delta$',
  µ: '\\textmu{}',
  μ: '\\textmu{}',
  '≥': '$\\geq$',
  '≤': '$\\leq$',
  '≠': '$\\neq$',
  '≈': '$\\approx$',
  '→': '$\\rightarrow$',
  '·': '\\textperiodcentered{}',
  '°': '\\textdegree{}',
  '\u2018': '`',
  '\u2019': "'",
  '\u201c': '``',
  '\u201d': "''",
  '\u00a0': '~',
  '\u2009': '\\,',
  '\u202f': '\\,',
};

/** Accents pdflatex builds from an ASCII letter (NFD's combining marks → the LaTeX accent command). */
const LATEX_ACCENTS: Readonly<Record<string, string>> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0308': '"',
  '\u030a': 'r',
  '\u030c': 'v',
  '\u0327': 'c',
};

/**
 * Any other non-ASCII character: an accented Latin letter as its accent command (`é` → `\'{e}`), anything else
 * (CJK, emoji) as a visible `U+XXXX`, so that pdflatex without Unicode set-up never stops on it.
 */
function latexNonAscii(c: string): string {
  const special = LATEX_SPECIALS[c];
  if (special !== undefined) return special;
  const decomposed = c.normalize('NFD');
  const base = decomposed[0] ?? '';
  const accent = LATEX_ACCENTS[decomposed.slice(1)];
  if (decomposed.length === 2 && /[A-Za-z]/.test(base) && accent !== undefined) {
    return /[a-z]/.test(accent) ? `\\${accent}{${base}}` : `{\\${accent}{${base}}}`;
  }
  const code = c.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Escape text for LaTeX text mode (the ten special characters plus `<`, `>`, `|`, which T1-less fonts misprint).
 * The output is pure ASCII: typographic characters become commands, other non-ASCII characters accents or `U+XXXX`.
 * Line breaks become spaces (a blank line would end the paragraph inside a table cell).
 * @example escapeLatex('50%_\\&') // '50\\%\\_\\textbackslash{}\\&'
 */
export function escapeLatex(text: string): string {
  return visibleControls(text.replace(/\r\n|\r|\n/g, ' ')).replace(/[\\{}$&#%_^~<>|]|[^\x00-\x7f]/gu, (c) =>
    c.charCodeAt(0) < 0x80 ? (LATEX_SPECIALS[c] ?? c) : latexNonAscii(c),
  );
}

/**
 * Serialise a value for a `<script type="application/json">` block: `<`, `>`, `&` and the two JavaScript line
 * separators are written as \u escapes so that no label can close the script element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A file-name stem made safe: only letters, digits, `.`, `_` and `-` survive (others become `_`), no leading dot,
 * never empty. Used for every file name derived from data (figure ids, table ids).
 */
export function safeFileStem(stem: string): string {
  const cleaned = stem.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return cleaned.length === 0 ? '_' : cleaned.slice(0, 120);
}
