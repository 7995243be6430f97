/**
 * Showing self-displaying objects (figures, tables, analyses, datasets, ledgers, quick looks) and MIME bundles in a
 * notebook, in either TypeScript kernel, through each kernel's public API only:
 * - Deno's kernel (`deno jupyter`): the value of a cell displays itself; `show` is for a display in mid-cell, and
 *   sends the whole bundle with `Deno.jupyter.display(bundle, { raw: true })`.
 * - tslab: pass its public `display` (`import * as tslab from 'tslab'`; `show(x, tslab.display)`). tslab's public
 *   API sends one MIME type per output, so `show` sends the most portable representation (TSLAB_PREFERENCE): a
 *   figure's SVG, a table's HTML, a summary's text — never the same content twice.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FigureSpec } from '../figures/index.js';
import * as msg from './messages.js';
import { CnibenchError, isDisplayable, JUPYTER_DISPLAY, type MimeBundle } from '../model/index.js';
import { HTML_MIME, SVG_MIME, TEXT_MIME } from './mime.js';
import { vegaLiteBundle, type VegaLiteBundleOptions } from './vega-lite-bundle.js';

/** The part of tslab's public `display` that `show` uses (one MIME type per output). */
export interface SingleMimeDisplay {
  raw(contentType: string, data: string | Uint8Array): unknown;
}

export interface ShowOptions {
  /** tslab's public `display` (`import * as tslab from 'tslab'` → `tslab.display`); not needed under Deno */
  readonly display?: SingleMimeDisplay;
  /**
   * under tslab, the MIME types to choose from, in order of preference; default TSLAB_PREFERENCE. E.g.
   * `[VEGA_LITE_MIME]` sends a figure's Vega-Lite spec (JupyterLab and VS Code render it; GitHub shows nothing)
   */
  readonly prefer?: readonly string[];
}

/** The representation sent through tslab's one-type-per-output display, in order of preference. */
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

/**
 * Show a self-displaying object (or a MIME bundle) as one output of the running cell: under Deno the whole bundle
 * (the front end picks the richest representation it renders), under tslab the most portable one.
 * @throws CnibenchError `notebook-no-kernel` outside Deno's kernel when no tslab display is given;
 *   `notebook-not-displayable` for a value that is neither
 * @example await show(paperGrid(analysis)[0]); // Deno
 * @example await show(cellsTable(analysis), { display: tslab.display }); // tslab
 */
export async function show(value: unknown, options: ShowOptions | SingleMimeDisplay = {}): Promise<void> {
  const display = 'raw' in options ? options : options.display;
  const prefer = ('raw' in options ? undefined : options.prefer) ?? TSLAB_PREFERENCE;
  const bundle = await bundleOf(value);
  if (display !== undefined) {
    const type = prefer.find((t) => bundle[t] !== undefined && bundle[t] !== null);
    if (type === undefined) {
      throw new CnibenchError('notebook-not-displayable', msg.noPortableType(Object.keys(bundle)));
    }
    // a JSON type (Vega-Lite) goes as the object itself, as Jupyter's display_data carries it
    display.raw(type, bundle[type] as string);
    return;
  }
  const deno = denoJupyter();
  if (deno === null) throw new CnibenchError('notebook-no-kernel', msg.noKernel());
  await deno.display(bundle, { raw: true });
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
