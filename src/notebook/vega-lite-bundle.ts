import type { TopLevelSpec } from 'vega-lite';
import { figureBundle, type FigureBundleOptions, type FigureSpec } from '../figures/index.js';
import type { MimeBundle } from '../model/index.js';

export type VegaLiteBundleOptions = FigureBundleOptions;

/**
 * A figure as a Jupyter MIME bundle: the Vega-Lite spec (interactive in JupyterLab and VS Code), its SVG rendering as
 * a fallback, and the title as plain text. A figure from a builder already displays itself (this is its display
 * method's bundle); use this for a bare spec or for other options.
 * @example
 * const [ath] = paperGrid(analysis);
 * await show(await vegaLiteBundle(ath, { svgDecimals: null }));
 */
export function vegaLiteBundle(
  figure: FigureSpec | TopLevelSpec,
  options: VegaLiteBundleOptions = {},
): Promise<MimeBundle> {
  return figureBundle(figure, options);
}
