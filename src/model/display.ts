/**
 * Self-displaying objects for notebooks. Deno's Jupyter kernel shows a cell's value through the method keyed by
 * `Symbol.for('Jupyter.display')` (Deno.jupyter.$display), which returns a MIME bundle or a Promise of one (Deno's
 * `Deno.jupyter.Displayable` type). Every stage that makes a displayable object (figures, tables, analyses, ledgers,
 * datasets) attaches the method where the object is made, with `withDisplay`; this module sits in model so that
 * any stage can use it without importing the notebook stage above it.
 */

/** The key Deno's kernel looks up (`Deno.jupyter.$display` is this same registered symbol). */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display') as never;

/** JupyterLab's and VS Code's renderers bundle vega-lite 5 and render this type (test/notebook checks each spec). */
export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';
/** The `$schema` written into a bundle's spec: the content compiles under vega-lite 5 (checked by a test). */
export const VEGA_LITE_V5_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
export const SVG_MIME = 'image/svg+xml';
export const HTML_MIME = 'text/html';
export const TEXT_MIME = 'text/plain';

/**
 * `data` of a Jupyter `display_data` message: MIME type → content. JSON types carry the object itself,
 * text types a string. The front end shows the richest it renders (JupyterLab: Vega-Lite; GitHub and nbviewer:
 * the SVG; a terminal: the plain text).
 */
export type MimeBundle = Readonly<Record<string, unknown>>;

/** An object that shows itself in Deno's kernel (and, through `show`, in tslab). */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

/**
 * `value` with a display method attached (not enumerable: it stays out of spreads, JSON and equality checks, and
 * the object keeps its plain-data shape). Returns the same object.
 * @example withDisplay({ n: 1 }, () => ({ 'text/plain': 'one' }))[Symbol.for('Jupyter.display')]() // { 'text/plain': 'one' }
 */
export function withDisplay<T extends object>(
  value: T,
  bundle: (self: T) => MimeBundle | Promise<MimeBundle>,
): T & Displayable {
  Object.defineProperty(value, JUPYTER_DISPLAY, {
    value: () => bundle(value),
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return value as T & Displayable;
}

/** True when `value` carries a display method (ours or any other library's). */
export function isDisplayable(value: unknown): value is Displayable {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Displayable>)[JUPYTER_DISPLAY] === 'function'
  );
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * A short summary (a title and lines) as a MIME bundle: text/plain, and text/html with every text escaped (the
 * summaries carry names from campaign.yaml and directory names). Analyses, datasets and ledgers show this.
 * @example summaryBundle('Ledger', ['3 files']) // { 'text/plain': 'Ledger\n  3 files', 'text/html': '<div …' }
 */
export function summaryBundle(title: string, lines: readonly string[]): MimeBundle {
  const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
  const items = lines.map((l) => `<li>${escape(l)}</li>`).join('');
  return {
    [TEXT_MIME]: [title, ...lines.map((l) => `  ${l}`)].join('\n'),
    [HTML_MIME]: `<div class="cnibench-summary"><strong>${escape(title)}</strong><ul>${items}</ul></div>`,
  };
}
