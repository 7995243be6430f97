/**
 * Showing self-displaying objects (figures, tables, analyses, datasets, ledgers, quick looks) and MIME bundles in a
 * notebook, in either TypeScript kernel, each output one display_data message with the object's whole MIME bundle:
 * - Deno's kernel (`deno jupyter`): the value of a cell displays itself; `show` is for a display in mid-cell, and
 *   sends the whole bundle with `Deno.jupyter.display(bundle, { raw: true })`.
 * - tslab: pass tslab itself or its public `display` (`import * as tslab from 'tslab'`; `show(x, tslab)` or
 *   `show(x, tslab.display)`). tslab's documented display sends one MIME type per output; under tslab 1.0.x `show`
 *   sends the same bundle as under Deno through `lastWriteDisplayData`, an exported but undocumented binding of
 *   tslab's `dist/jupyter` module (tslab.ts: why, and how it is reached without tslab's private module cache). With
 *   another tslab, or another display object, it falls back to the documented display with the most portable
 *   representation (TSLAB_PREFERENCE: a figure's SVG, a table's HTML, a summary's text) and says so once, as a
 *   text output before the first.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FigureSpec } from '../figures/index.js';
import * as msg from './messages.js';
import { CnibenchError, isDisplayable, JUPYTER_DISPLAY, type MimeBundle } from '../model/index.js';
import { HTML_MIME, SVG_MIME, TEXT_MIME } from './mime.js';
import { vegaLiteBundle, type VegaLiteBundleOptions } from './vega-lite-bundle.js';
import { tslabSearchFrom, tslabWriter, wireData } from './tslab.js';

/** The part of tslab's public `display` that `show` uses (its documented method: one MIME type per output). */
export interface SingleMimeDisplay {
  raw(contentType: string, data: string | Uint8Array): unknown;
}

/** Options of `show`; tslab's module itself (`import * as tslab from 'tslab'`) is one: it has `display`. */
export interface ShowOptions {
  /** tslab's public `display` (`tslab.display`); not needed under Deno */
  readonly display?: SingleMimeDisplay;
  /**
   * under tslab, only when the whole bundle cannot be sent (another tslab than 1.0.x), the MIME types to choose the
   * one sent from, in order of preference; default TSLAB_PREFERENCE. E.g. `[VEGA_LITE_MIME]` sends a figure's
   * Vega-Lite spec (JupyterLab and VS Code render it; GitHub shows nothing)
   */
  readonly prefer?: readonly string[];
}

/** The representation sent through tslab's documented one-type-per-output display (the fallback), by preference. */
export const TSLAB_PREFERENCE: readonly string[] = [SVG_MIME, HTML_MIME, 'text/markdown', TEXT_MIME];

/** The part of Deno's `Deno.jupyter` namespace used here. */
interface DenoJupyter {
  display(value: unknown, options?: { raw?: boolean }): Promise<void> | void;
}

/** Deno.jupyter when this process is Deno's Jupyter kernel (accessing it elsewhere throws, by Deno's design). */
function denoJupyter(): DenoJupyter | null {
  const deno = (globalThis as { Deno?: { jupyter?: DenoJupyter } }).Deno;
  if (deno === undefined) return null;
  try {
    return typeof deno.jupyter?.display === 'function' ? deno.jupyter : null;
  } catch {
    return null;
  }
}

const MIME_TYPE = /^[a-z]+\/[-+.\w]+$/;

function isMimeBundle(value: unknown): value is MimeBundle {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => MIME_TYPE.test(k));
}

/** The MIME bundle of a self-displaying object, or the bundle itself. */
export async function bundleOf(value: unknown): Promise<MimeBundle> {
  if (isDisplayable(value)) return await value[JUPYTER_DISPLAY]();
  if (isMimeBundle(value)) return value;
  throw new CnibenchError('notebook-not-displayable', msg.notDisplayable(value === null ? 'null' : typeof value));
}

/** Displays that have been told, once, that they get one MIME type per output. */
const noticed = new WeakSet<object>();

/**
 * Show a self-displaying object (or a MIME bundle) as one output of the running cell, the whole bundle in one
 * display_data message (the front end picks the richest representation it renders: JupyterLab and VS Code the
 * Vega-Lite figure, GitHub and nbviewer its SVG, a terminal the text):
 * - under Deno's kernel, with no second argument (`Deno.jupyter.display`, Deno's public API);
 * - under tslab, with `tslab` or `tslab.display` as the second argument (`import * as tslab from 'tslab'`). This
 *   relies on tslab 1.0.x (its last release, 1.0.22): tslab's documented display sends one MIME type per output, so
 *   the bundle goes through `lastWriteDisplayData`, an exported but undocumented binding of tslab's `dist/jupyter`
 *   module, the writer every tslab display ends in. Where that binding is not found (another tslab version, another
 *   display object), `show` sends the most portable representation alone through the documented display
 *   (`options.prefer`, default TSLAB_PREFERENCE: a figure's SVG, a table's HTML) and says so once, as a text output.
 * @throws CnibenchError `notebook-no-kernel` outside Deno's kernel when no tslab display is given;
 *   `notebook-not-displayable` for a value that is neither, or (in the one-type fallback) has no type it can send
 * @example await show(paperGrid(analysis).UOM); // Deno
 * @example await show(cellsTable(analysis), tslab); // tslab (or tslab.display, or { display: tslab.display })
 */
export function show(value: unknown, options: ShowOptions | SingleMimeDisplay = {}): Promise<void> {
  return showFrom(value, options, tslabSearchFrom);
}

/**
 * `show`, with where tslab is resolved from given (tests pass the location of a tslab-shaped module). Not exported
 * by the stage's door.
 */
export async function showFrom(
  value: unknown,
  options: ShowOptions | SingleMimeDisplay,
  tslabFrom: () => readonly string[],
): Promise<void> {
  const display = 'raw' in options ? options : options.display;
  const bundle = await bundleOf(value);
  if (display !== undefined) {
    const write = tslabWriter(display, tslabFrom());
    if (write !== null) {
      // tslab's own display sends { data, metadata: {}, transient: { display_id } }; no display id: a new output
      write({ data: wireData(bundle), metadata: {}, transient: {} }, false);
      return;
    }
    const prefer = ('raw' in options ? undefined : options.prefer) ?? TSLAB_PREFERENCE;
    const type = prefer.find((t) => bundle[t] !== undefined && bundle[t] !== null);
    if (type === undefined) {
      throw new CnibenchError('notebook-not-displayable', msg.noPortableType(Object.keys(bundle)));
    }
    if (!noticed.has(display)) {
      noticed.add(display);
      display.raw(TEXT_MIME, msg.oneTypePerOutput(tslabVersion(options)));
    }
    // a JSON type (Vega-Lite) goes as the object itself, as Jupyter's display_data carries it
    display.raw(type, bundle[type] as string);
    return;
  }
  const deno = denoJupyter();
  if (deno === null) throw new CnibenchError('notebook-no-kernel', msg.noKernel());
  await deno.display(bundle, { raw: true });
}

/** tslab's version when `show` was given tslab's module (`tslab.versions.tslab`), else null. */
function tslabVersion(options: object): string | null {
  const version = (options as { versions?: { tslab?: unknown } }).versions?.tslab;
  return typeof version === 'string' ? version : null;
}

/** Show a MIME bundle (alias of `show` for a bundle). */
export function displayBundle(bundle: MimeBundle, options: ShowOptions = {}): Promise<void> {
  return show(bundle, options);
}

/** Show an HTML string (htmlRecords, htmlTable) with a plain-text twin for front ends without HTML. */
export function displayHtml(html: string, text = '<table>', options: ShowOptions = {}): Promise<void> {
  return show({ [HTML_MIME]: html, [TEXT_MIME]: text }, options);
}

/**
 * Show a figure or a bare Vega-Lite spec with bundle options (a figure from a builder also shows itself: `show(f)`).
 * @example await displayFigure(paperGrid(analysis).UOM, { svgDecimals: null });
 */
export async function displayFigure(
  figure: FigureSpec | TopLevelSpec,
  options: VegaLiteBundleOptions & ShowOptions = {},
): Promise<void> {
  await show(await vegaLiteBundle(figure, options), options);
}
