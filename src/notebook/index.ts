/**
 * notebook: showing cnibench objects in Deno's Jupyter kernel and in tslab (public APIs only), records as HTML
 * tables, and data frames for other libraries.
 */
export { VEGA_LITE_MIME, VEGA_LITE_V5_SCHEMA, SVG_MIME, HTML_MIME, TEXT_MIME, type MimeBundle } from './mime.js';
export { vegaLiteBundle, type VegaLiteBundleOptions } from './vega-lite-bundle.js';
export { compactSvg } from './compact-svg.js';
export { htmlRecords, type HtmlRecordsOptions, type RecordRow } from './html-records.js';
export { recordsView, type RecordsView } from './records-view.js';
export {
  show,
  bundleOf,
  displayBundle,
  displayHtml,
  displayFigure,
  TSLAB_PREFERENCE,
  type ShowOptions,
  type SingleMimeDisplay,
} from './display.js';
export { frame, type FrameFormat, type FrameRecord } from './frame.js';
