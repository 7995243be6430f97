/** notebook: display helpers for tslab (Jupyter) notebooks — figures as MIME bundles, records as HTML tables. */
export { VEGA_LITE_MIME, SVG_MIME, HTML_MIME, TEXT_MIME, type MimeBundle } from './mime.js';
export { vegaLiteBundle, type VegaLiteBundleOptions } from './vega-lite-bundle.js';
export { compactSvg } from './compact-svg.js';
export { htmlRecords, type HtmlRecordsOptions, type RecordRow } from './html-records.js';
export {
  displayBundle,
  displayHtml,
  displayFigure,
  type DisplayBundleOptions,
  type SingleMimeDisplay,
} from './display.js';
