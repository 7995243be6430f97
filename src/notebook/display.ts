import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';
import type { FigureSpec } from '../figures/index.js';
import * as msg from './messages.js';
import { CnibenchError } from '../model/index.js';
import { HTML_MIME, SVG_MIME, TEXT_MIME, type MimeBundle } from './mime.js';
import { vegaLiteBundle, type VegaLiteBundleOptions } from './vega-lite-bundle.js';

/** What tslab's kernel publishes a display with: the content of a Jupyter `display_data` message. */
type WriteDisplayData = (content: { data: MimeBundle; metadata: object; transient: object }, update: boolean) => void;

/** The part of `tslab.display` the fallback needs (one MIME type per output). */
export interface SingleMimeDisplay {
  raw(contentType: string, data: string | Uint8Array): unknown;
}

export interface DisplayBundleOptions {
  /**
   * used when the tslab kernel's writer cannot be found (another tslab install than the one running the kernel):
   * pass `tslab.display`; it shows one representation only (SVG, else HTML, else text). Default none (throws).
   */
  readonly fallback?: SingleMimeDisplay;
}

// tslab's public `display.raw` sends one MIME type per output, so a figure with its SVG fallback would show twice.
// The kernel's own writer (module `tslab/dist/jupyter.js`, set for the running cell) takes a whole bundle; it is
// found in the CommonJS module cache, which is the instance the kernel runs whatever its install location.
const JUPYTER_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

function kernelWriter(): WriteDisplayData | null {
  const cache = createRequire(import.meta.url).cache;
  for (const [id, mod] of Object.entries(cache)) {
    if (!JUPYTER_MODULE.test(id)) continue;
    const writer = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof writer === 'function') return writer as WriteDisplayData;
  }
  return null;
}

/**
 * Show a MIME bundle (from vegaLiteBundle, or `{ 'text/html': … }`) as one output of the running tslab cell; the
 * front end picks the richest representation it renders.
 * @throws CnibenchError `notebook-no-kernel` outside a tslab kernel when no fallback is given.
 */
export function displayBundle(bundle: MimeBundle, options: DisplayBundleOptions = {}): void {
  const write = kernelWriter();
  if (write !== null) {
    write({ data: bundle, metadata: {}, transient: {} }, false);
    return;
  }
  if (options.fallback !== undefined) {
    const type = [SVG_MIME, HTML_MIME, TEXT_MIME].find((t) => typeof bundle[t] === 'string');
    if (type !== undefined) {
      options.fallback.raw(type, bundle[type] as string);
      return;
    }
  }
  throw new CnibenchError('notebook-no-kernel', msg.noKernel());
}

/** Show an HTML string (htmlRecords, htmlTable) with a plain-text twin for front ends without HTML. */
export function displayHtml(html: string, text = '<table>', options: DisplayBundleOptions = {}): void {
  displayBundle({ [HTML_MIME]: html, [TEXT_MIME]: text }, options);
}

/**
 * Show a figure in the running tslab cell: its Vega-Lite spec with the SVG fallback (see vegaLiteBundle).
 * @example await displayFigure(Object.values(paperGrid(analysis))[0]);
 */
export async function displayFigure(
  figure: FigureSpec | TopLevelSpec,
  options: VegaLiteBundleOptions & DisplayBundleOptions = {},
): Promise<void> {
  displayBundle(await vegaLiteBundle(figure, options), options);
}
