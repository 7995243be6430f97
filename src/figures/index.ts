export {
  figureKey,
  keyedFigures,
  specOf,
  isFigure,
  type Drawable,
  type FigureSpec,
  type FigureSet,
  type CommonFigureOptions,
} from './types.js';
export { paperGrid, factorTitle } from './paper-grid.js';
export type { PaperGridOptions } from './paper-grid.js';
export { validateSpec } from './validate.js';
export type { SpecValidation } from './validate.js';
export { renderSvg, renderPng, renderPdf, svgToPng, svgToPdf, svgSize } from './render.js';
export { fontPaths, provideFontEngine, type FontEngine } from './render-fonts.js';
export type { PngOptions, SvgOptions } from './render.js';
export { specJson } from './json.js';
export {
  FONT_FAMILY,
  FONT_SIZES,
  IEEE_WIDTH_IN,
  PX_PER_INCH,
  distributionPalette,
  figureWidth,
  relativeLuminance,
  viridis,
  OKABE_ITO,
} from './theme.js';
export { FIGURE_SIZES } from './theme.js';
export type { FigureSize, FontSizes } from './theme.js';
export { deltaHeatmap, colourLimit } from './delta-heatmap.js';
export type { DeltaHeatmapOptions, HeatmapRow } from './delta-heatmap.js';
export { interactionPlot } from './interaction-plot.js';
export type { InteractionPlotOptions } from './interaction-plot.js';
export { iterationsView } from './iterations-view.js';
export type { IterationsViewOptions, IterationPoint } from './iterations-view.js';
export { loadVega, loadVegaLite, loadPackage, provideVegaModules, providePackageLoader } from './load.js';
export { installTextMetrics } from './text-metrics.js';
export { svgTextAsPaths } from './text-paths.js';
export { overTime } from './over-time.js';
export type { OverTimeOptions } from './over-time.js';
export { figureBundle, displayableFigure, type FigureBundleOptions } from './display.js';
export { compactSvg } from './compact-svg.js';
