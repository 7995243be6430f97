/**
 * The render stage: figure specs into SVG, PNG and PDF bytes on worker processes (pool.ts), or in this thread
 * (worker.ts's renderJob). Its own stage, below report and cli, so that the command line can start the workers before
 * it loads the report stage: the workers then load vega while the main process loads and runs the rest (see
 * cli/early-render-pool.ts).
 */
export { defaultRenderThreads, RenderPool, renderInWorkers } from './pool.js';
export { renderJob, type RenderError, type RenderFormat, type RenderJob, type RenderOutput } from './worker.js';
export { leanSvg } from './lean-svg.js';
