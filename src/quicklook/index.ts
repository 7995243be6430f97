/**
 * quicklook: small Observable Plot figures for exploring a campaign before the report — per-second samples over
 * time, iterations per cell, a metric over run time (drift) — rendered to one deterministic SVG each in Node or Deno
 * (linkedom as the DOM), each displaying itself in a notebook. Imports model only.
 */
export { samplesLook, type SamplesLookOptions } from './samples.js';
export { iterationsLook, type IterationsLookOptions } from './iterations.js';
export { driftLook, type DriftLookOptions } from './drift.js';
export type { MetricSelection } from './cell-rows.js';
export type { Selection } from './select.js';
export { plotSvg, quickLook, type QuickLook } from './render.js';
