/**
 * Jupyter MIME bundles: one output holding the same content in several representations; the front end shows the
 * richest it can render (JupyterLab: Vega-Lite; GitHub and nbviewer: the SVG; a terminal: the plain text).
 */

/** JupyterLab renders this type with its built-in Vega 5 extension (it reads v5 and later Vega-Lite specs). */
export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';
export const SVG_MIME = 'image/svg+xml';
export const HTML_MIME = 'text/html';
export const TEXT_MIME = 'text/plain';

/**
 * `data` of a Jupyter `display_data` message: MIME type → content. JSON types carry the object itself,
 * text types a string.
 */
export type MimeBundle = Readonly<Record<string, unknown>>;
