/**
 * Jupyter MIME bundles: one output holding the same content in several representations; the front end shows the
 * richest it can render. The constants live in model (every stage attaches displays); re-exported here.
 */
export {
  VEGA_LITE_MIME,
  VEGA_LITE_V5_SCHEMA,
  SVG_MIME,
  HTML_MIME,
  TEXT_MIME,
  type MimeBundle,
} from '../model/index.js';
