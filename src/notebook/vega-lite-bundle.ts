import type { TopLevelSpec } from 'vega-lite';
import { renderSvg, type FigureSpec } from '../figures/index.js';
import { compactSvg } from './compact-svg.js';
import { SVG_MIME, TEXT_MIME, VEGA_LITE_MIME, type MimeBundle } from './mime.js';

export interface VegaLiteBundleOptions {
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
 * A figure as a Jupyter MIME bundle: the Vega-Lite spec (interactive in JupyterLab), its SVG rendering as a
 * fallback, and the title as plain text. Show it with `displayBundle(bundle)`.
 * @example
 * const [ath] = paperGrid(analysis);
 * displayBundle(await vegaLiteBundle(ath));
 */
export async function vegaLiteBundle(
  figure: FigureSpec | TopLevelSpec,
  options: VegaLiteBundleOptions = {},
): Promise<MimeBundle> {
  const spec = isFigureSpec(figure) ? figure.spec : figure;
  const title = isFigureSpec(figure) ? figure.title : typeof spec.title === 'string' ? spec.title : 'Vega-Lite figure';
  const bundle: Record<string, unknown> = {
    [VEGA_LITE_MIME]: spec,
    [TEXT_MIME]: `<figure: ${title}>`,
  };
  if (options.svg ?? true) {
    const svg = await renderSvg(spec);
    const decimals = options.svgDecimals === undefined ? 2 : options.svgDecimals;
    bundle[SVG_MIME] = decimals === null ? svg : compactSvg(svg, decimals);
  }
  return bundle;
}
