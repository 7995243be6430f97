/**
 * Worker thread of the render pool: renders one figure (SVG once, then PNG and PDF from that SVG) per message with
 * the figures stage's renderer, and answers with the bytes or the error messages. PNG and PDF are made from the SVG
 * lightened by leanSvg (the same drawing with half the text for svg-to-pdfkit and resvg to parse and walk).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { loadVega, loadVegaLite } from '../figures/load.js';
import { renderSvg, svgToPdf, svgToPng } from '../figures/render.js';
import { installTextMetrics } from '../figures/text-metrics.js';
import { leanSvg } from './lean-svg.js';

export interface RenderJob {
  readonly index: number;
  readonly spec: TopLevelSpec;
  readonly formats: readonly ('svg' | 'png' | 'pdf')[];
  readonly pngScale: number;
}

export interface RenderOutput {
  readonly index: number;
  readonly svg: string | null;
  readonly png: Uint8Array | null;
  readonly pdf: Uint8Array | null;
  readonly errors: readonly { readonly format: 'svg' | 'png' | 'pdf'; readonly message: string }[];
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Render one job; never throws (errors are part of the output). */
export async function renderJob(job: RenderJob): Promise<RenderOutput> {
  const errors: { format: 'svg' | 'png' | 'pdf'; message: string }[] = [];
  let svg: string | null = null;
  let png: Uint8Array | null = null;
  let pdf: Uint8Array | null = null;
  try {
    svg = await renderSvg(job.spec);
  } catch (error) {
    errors.push({ format: 'svg', message: message(error) });
  }
  // the lean SVG feeds the converters only: the .svg file keeps vega's accessible markup
  const converted = job.formats.includes('png') || job.formats.includes('pdf');
  const lean = svg !== null && converted ? leanSvg(svg) : null;
  if (svg !== null && job.formats.includes('png')) {
    try {
      png = await svgToPng(lean ?? svg, job.pngScale);
    } catch (error) {
      errors.push({ format: 'png', message: message(error) });
    }
  }
  if (svg !== null && job.formats.includes('pdf')) {
    try {
      pdf = await svgToPdf(lean ?? svg);
    } catch (error) {
      errors.push({ format: 'pdf', message: message(error) });
    }
  }
  return { index: job.index, svg, png, pdf, errors };
}

/** Marker in workerData: only a worker started by the render pool listens (importing cnibench in any other worker
 * thread, e.g. a test runner's, must not touch that thread's port). */
export const RENDER_WORKER_MARKER = 'cnibench-render-worker';

/**
 * Load what rendering needs (vega, vega-lite and the text metrics, pdfkit, svg-to-pdfkit, resvg) now, before the
 * first job: a pool started early does this while the main thread still ingests. Failures are left to the jobs,
 * which report them per figure.
 */
async function warmUp(): Promise<void> {
  const svgToPdfkitName = 'svg-to-pdfkit';
  await Promise.all([
    loadVegaLite(),
    loadVega().then(installTextMetrics),
    import('pdfkit'),
    import(svgToPdfkitName),
    import('@resvg/resvg-js'),
  ]);
}

const port = (workerData as { role?: unknown } | null)?.role === RENDER_WORKER_MARKER ? parentPort : null;
// tell the pool that this module (and the renderer it imports) loaded: only then is the worker usable
port?.postMessage({ ready: true });
if (port) void warmUp().catch(() => undefined);
port?.on('message', (job: RenderJob) => {
  void renderJob(job).then((output) => {
    const transfer = [output.png, output.pdf]
      .filter((b): b is Uint8Array => b !== null)
      .map((b) => b.buffer as ArrayBuffer);
    port.postMessage(output, transfer);
  });
});
