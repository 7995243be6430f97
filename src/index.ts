/**
 * cnibench public API. Re-exports only; each stage lives in its own folder (see ARCHITECTURE in the README).
 * Nothing imported here may load vega or vega-lite statically: they use top-level await, and this entry point
 * must stay loadable with require() (tslab notebooks compile cells to CommonJS).
 */
export * from './model/index.js';
export * from './ingest/index.js';
export * from './stats/index.js';
export * from './figures/index.js';
export * from './tables/index.js';
export * from './report/index.js';
export * from './runner/index.js';
export * from './synth/index.js';
export * from './notebook/index.js';
export * from './quicklook/index.js';
