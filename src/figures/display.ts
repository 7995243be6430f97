/**
 * A figure's Jupyter MIME bundle: the Vega-Lite spec (interactive where a Vega-Lite renderer runs), its SVG rendering
 * (GitHub, nbviewer, any viewer without Vega), and the title as plain text. Every figure builder attaches it as the
 * figure's display method (see model/display.ts), so a figure shows itself as the value of a Deno notebook cell.
 */
import type { TopLevelSpec } from 'vega-lite';
import {
  SVG_MIME,
  TEXT_MIME,
  VEGA_LITE_MIME,
  VEGA_LITE_V5_SCHEMA,
  withDisplay,
  type Displayable,
  type MimeBundle,
} from '../model/index.js';
import { compactSvg } from './compact-svg.js';
import { renderSvg } from './render.js';
import type { FigureSpec } from './types.js';

export interface FigureBundleOptions {
  /**
   * add an `image/svg+xml` rendering, shown where Vega-Lite is not rendered (GitHub, nbviewer, VS Code without the
   * extension); default true. The SVG is rendered by cnibench (vega headless), so it is the same everywhere.
   */
  readonly svg?: boolean;
  /**
   * decimals kept in the SVG's coordinates (see compactSvg: 2 is finer than print, and the notebook file much
   * smaller); null keeps vega's full precision; default 2
   */
  readonly svgDecimals?: number | null;
}

function isFigureSpec(value: FigureSpec | TopLevelSpec): value is FigureSpec {
  return typeof (value as FigureSpec).id === 'string' && typeof (value as FigureSpec).spec === 'object';
}

/**
 * The MIME bundle of a figure (or of a bare Vega-Lite spec). The spec goes out under vega-lite 5's MIME type with a
 * v5 `$schema`: the viewers people use (JupyterLab, VS Code) bundle vega-lite 5, and every spec cnibench emits
 * compiles with it (test/notebook/vega-lite-5.test.ts); the SVG is rendered with the project's vega.
 * @example const bundle = await figureBundle(paperGrid(analysis)[0]); Object.keys(bundle) // [vega-lite, text, svg]
 */
export async function figureBundle(
  figure: FigureSpec | TopLevelSpec,
  options: FigureBundleOptions = {},
): Promise<MimeBundle> {
  const spec = isFigureSpec(figure) ? figure.spec : figure;
  const title = isFigureSpec(figure) ? figure.title : typeof spec.title === 'string' ? spec.title : 'Vega-Lite figure';
  const bundle: Record<string, unknown> = {
    [VEGA_LITE_MIME]: { ...spec, $schema: VEGA_LITE_V5_SCHEMA },
    [TEXT_MIME]: `<figure: ${title}>`,
  };
  if (options.svg ?? true) {
    const svg = await renderSvg(spec);
    const decimals = options.svgDecimals === undefined ? 2 : options.svgDecimals;
    bundle[SVG_MIME] = decimals === null ? svg : compactSvg(svg, decimals);
  }
  return bundle;
}

/** `figure` with its display method attached (the same object). */
export function displayableFigure<T extends FigureSpec>(figure: T): T & Displayable {
  return withDisplay(figure, (f) => figureBundle(f));
}
