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
  η: '$\\eta$',
  '²': '\\textsuperscript{2}',
  α: '$\\alpha$',
};

/**
 * Escape text for LaTeX text mode (the ten special characters plus `<`, `>`, `|`, which T1-less fonts misprint).
 * Line breaks become spaces (a blank line would end the paragraph inside a table cell).
 * @example escapeLatex('50%_\\&') // '50\\%\\_\\textbackslash{}\\&'
 */
export function escapeLatex(text: string): string {
  return visibleControls(text.replace(/\r\n|\r|\n/g, ' ')).replace(
    /[\\{}$&#%_^~<>|±\u2212×…–η²α]/g,
    (c) => LATEX_SPECIALS[c] ?? c,
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
