/**
 * Rendering a figure, in two steps that the render pool runs in different worker processes: `svg` (vega-lite →
 * vega → SVG text) and `convert` (that SVG → PNG by resvg and PDF by cnibench's own writer on pdfkit, figures/svg-pdf.ts).
 * Splitting by step rather than by figure means each worker loads and warms up only its own libraries: with one
 * worker per step, vega is loaded once instead of in every worker, which on a 2-core machine saved more CPU than a
 * second figure-rendering worker gained.
 * PNG and PDF are made from the SVG lightened by leanSvg (the same drawing, half the text for the PDF writer and resvg
 * to parse and walk). Errors are values (per figure and format), never exceptions.
 */
import type { TopLevelSpec } from 'vega-lite';
import {
  loadPackage,
  loadVega,
  loadVegaLite,
  renderSvg,
  svgToPdf,
  svgToPng,
  svgTextAsPaths,
  installTextMetrics,
} from '../figures/index.js';
import { leanSvg } from './lean-svg.js';

export type RenderFormat = 'svg' | 'png' | 'pdf';

export interface RenderJob {
  readonly index: number;
  readonly spec: TopLevelSpec;
  readonly formats: readonly RenderFormat[];
  readonly pngScale: number;
}

export interface RenderError {
  readonly format: RenderFormat;
  readonly message: string;
}

export interface RenderOutput {
  readonly index: number;
  readonly svg: string | null;
  readonly png: Uint8Array | null;
  readonly pdf: Uint8Array | null;
  readonly errors: readonly RenderError[];
}

/** The SVG of a job, or the error (format 'svg'). */
export interface SvgOutput {
  readonly index: number;
  readonly svg: string | null;
  readonly errors: readonly RenderError[];
}

/** A rendered SVG to convert to the job's PNG and PDF. */
export interface ConvertTask {
  readonly index: number;
  readonly svg: string;
  readonly formats: readonly RenderFormat[];
  readonly pngScale: number;
}

export interface ConvertOutput {
  readonly index: number;
  readonly png: Uint8Array | null;
  readonly pdf: Uint8Array | null;
  readonly errors: readonly RenderError[];
}

/**
 * Messages of the pool to a worker: a figure to draw (step 1), an SVG to convert (step 2), or a whole figure (both
 * steps, answered with a RenderOutput: what a convert worker does when it would otherwise wait, see RenderPool).
 */
export type RenderTask =
  | { readonly kind: 'svg'; readonly job: RenderJob }
  | ({ readonly kind: 'convert' } & ConvertTask)
  | { readonly kind: 'figure'; readonly job: RenderJob };

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Does a job need the convert step? */
export function needsConversion(formats: readonly RenderFormat[]): boolean {
  return formats.includes('png') || formats.includes('pdf');
}

/** Step 1: the SVG of a job; never throws. */
export async function svgStep(job: RenderJob): Promise<SvgOutput> {
  try {
    return { index: job.index, svg: await renderSvg(job.spec), errors: [] };
  } catch (error) {
    return { index: job.index, svg: null, errors: [{ format: 'svg', message: message(error) }] };
  }
}

/** Step 2: PNG and PDF (those of `formats`) of a rendered SVG; never throws. */
export async function convertStep(task: ConvertTask): Promise<ConvertOutput> {
  const errors: RenderError[] = [];
  // the lean SVG feeds the converters only: the .svg file keeps vega's accessible markup
  const lean = leanSvg(task.svg);
  let png: Uint8Array | null = null;
  let pdf: Uint8Array | null = null;
  if (task.formats.includes('png')) {
    try {
      png = await svgToPng(lean, task.pngScale);
    } catch (error) {
      errors.push({ format: 'png', message: message(error) });
    }
  }
  if (task.formats.includes('pdf')) {
    try {
      pdf = await svgToPdf(lean);
    } catch (error) {
      errors.push({ format: 'pdf', message: message(error) });
    }
  }
  return { index: task.index, png, pdf, errors };
}

/** Both steps in this thread; never throws (errors are part of the output). */
export async function renderJob(job: RenderJob): Promise<RenderOutput> {
  const { svg, errors } = await svgStep(job);
  if (svg === null || !needsConversion(job.formats)) return { index: job.index, svg, png: null, pdf: null, errors };
  const converted = await convertStep({ index: job.index, svg, formats: job.formats, pngScale: job.pngScale });
  return { index: job.index, svg, png: converted.png, pdf: converted.pdf, errors: [...errors, ...converted.errors] };
}

/** First argument of a render worker process (see the end of this module). */
export const RENDER_WORKER_MARKER = 'cnibench-render-worker';

/** Tasks this worker process has been sent so far (see warmUp). */
let tasksReceived = 0;

/** What a pool worker is started for; it loads that step's libraries as soon as it starts. */
export type WorkerStep = 'svg' | 'convert';

/** How a worker process started: from the render workers' start-up snapshot, or by loading its modules. */
export type WorkerOrigin = 'snapshot' | 'modules';

/** A worker's first message: it is ready for tasks. */
export interface WorkerReady {
  readonly ready: true;
  readonly origin: WorkerOrigin;
}

/**
 * Load a step's libraries now, before its first task: a pool started early does this while the main thread still
 * ingests. Failures are left to the tasks, which report them per figure.
 */
async function warmUp(step: WorkerStep): Promise<void> {
  if (step === 'svg') {
    await Promise.all([loadVegaLite(), loadVega().then(installTextMetrics)]);
    // then one small figure, when no figure is waiting yet: V8 compiles vega's hot paths on the first render, and this
    // happens while the main thread still reads and analyses the campaign. When a figure came in while vega loaded
    // (a small campaign), the warm-up would only delay it: it cost 250 ms and saved the first figure 100–120 ms
    // (measured on the A-shaped look-alike's paper grid, --max-opt=1, 3 runs each)
    if (tasksReceived === 0) await renderSvg(WARM_UP_SPEC);
    return;
  }
  // svg-to-pdfkit is not loaded: cnibench's own PDF writer draws its figures (svg-to-pdfkit only for an SVG outside
  // that writer's vocabulary, loaded then)
  await Promise.all([import('pdfkit'), loadPackage('@resvg/resvg-js')]);
  // the fonts are parsed and the converters compiled on the first conversion: do it now, on a small drawing
  await convertStep({ index: -1, svg: WARM_UP_SVG, formats: ['png', 'pdf'], pngScale: 1 });
  // vega is not loaded here: the pool gives this worker whole figures only when it has nothing to convert (then it
  // loads vega), and loading it meanwhile took CPU from the main thread's ingest
}

/**
 * A small figure with what report figures are made of (panels in a wrapped concat, bars, error bars, points, lines,
 * text, axes, a legend), rendered once when the SVG worker starts. Its output is dropped.
 */
export const WARM_UP_SPEC = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: { text: 'warm-up', subtitle: 'not part of any report' },
  columns: 2,
  concat: [0, 1].map((panel) => ({
    width: 80,
    height: 40,
    data: {
      values: Array.from({ length: 12 }, (_, i) => ({
        x: `x${i % 3}`,
        c: `c${i % 4}`,
        i,
        v: 10 + ((i * 7 + panel * 3) % 11),
        lo: 8 + ((i * 7 + panel * 3) % 11),
        hi: 12 + ((i * 7 + panel * 3) % 11),
      })),
    },
    encoding: {
      x: { field: 'x', type: 'nominal', axis: { title: null } },
      y: { field: 'v', type: 'quantitative', axis: { title: 'value', grid: true } },
      color: { field: 'c', type: 'nominal', legend: { orient: 'bottom', title: 'level' } },
      xOffset: { field: 'c', type: 'nominal' },
    },
    layer: [
      { mark: { type: 'bar' } },
      { mark: { type: 'errorbar' }, encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true, size: 8 } },
      { mark: { type: 'line', strokeWidth: 0.6 }, encoding: { detail: { field: 'c' } } },
      { mark: { type: 'text', dy: -4, fontSize: 7 }, encoding: { text: { field: 'v', type: 'quantitative' } } },
    ],
  })),
} as unknown as TopLevelSpec;

/** A small SVG with text in the report's font, paths and shapes, converted once when the convert worker starts. */
export const WARM_UP_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">' +
  '<rect x="0" y="0" width="120" height="60" fill="#fff"/>' +
  '<path d="M10,50L30,20L50,35L70,10" fill="none" stroke="#4c78a8" stroke-width="1"/>' +
  '<circle cx="90" cy="30" r="4" fill="#f58518"/>' +
  '<text x="10" y="12" font-family="DejaVu Sans" font-size="8">warm-up 0123456789 %</text>' +
  '<text x="60" y="56" font-family="DejaVu Sans" font-size="8" font-weight="bold">Mbit/s −5.2</text>' +
  '</svg>';

/**
 * Answer the pool's tasks in this process (a render worker): `send` is the IPC channel to the pool. The worker tells
 * the pool it is ready at once, then warms up (warmUp, or warmUpFromSnapshot) while the pool waits for jobs.
 */
export function serveRenderTasks(
  step: WorkerStep,
  send: (message: unknown) => void,
  origin: WorkerOrigin = 'modules',
): void {
  // the pool went away (ended, or killed without closing us): so do we
  process.on('disconnect', () => process.exit(0));
  process.on('message', (task: RenderTask) => {
    tasksReceived++;
    if (task.kind === 'svg') {
      void svgStep(task.job).then((output) => send(output));
      return;
    }
    if (task.kind === 'figure') {
      void renderJob(task.job).then((output) => send(output));
      return;
    }
    void convertStep(task).then((output) => send(output));
  });
  // tell the pool that this module (and the renderer it imports) loaded: only then is the worker usable
  send({ ready: true, origin } satisfies WorkerReady);
  void (origin === 'snapshot' ? warmUpFromSnapshot(step) : warmUp(step)).catch(() => undefined);
}

/**
 * What a start-up snapshot of a render worker is made with (render/snapshot-entry.ts), so that a worker started from
 * it has nothing to load or compile: vega drawn once, and cnibench's PDF writer and glyph outlines run once on the
 * warm-up drawing, then on each of `figures` (one of each kind the report draws: each kind runs code of its own in
 * vega, and compiling it had cost a worker's first figures about a quarter of their CPU). resvg is a native module,
 * which a snapshot cannot hold: warmUpFromSnapshot loads it.
 */
export async function warmUpForSnapshot(figures: readonly TopLevelSpec[] = []): Promise<void> {
  // an SVG worker's warm-up (no task can have come: this process is not a worker), then the convert step's JS half
  await warmUp('svg');
  const drawings = [WARM_UP_SVG];
  for (const spec of figures) drawings.push(await renderSvg(spec));
  for (const svg of drawings) {
    const lean = leanSvg(svg);
    await svgToPdf(lean);
    svgTextAsPaths(lean);
  }
}

/** The warm-up of a worker started from a snapshot: only a convert worker's resvg is left to load. */
export async function warmUpFromSnapshot(step: WorkerStep): Promise<void> {
  if (step === 'convert') await convertStep({ index: -1, svg: WARM_UP_SVG, formats: ['png'], pngScale: 1 });
}

/**
 * This module is a render worker when the pool started it: a child process whose arguments are the marker and the
 * step (importing cnibench anywhere else, a process with an IPC channel of its own included, never listens).
 */
const [marker, stepArgument] = process.argv.slice(2);
if (marker === RENDER_WORKER_MARKER && typeof process.send === 'function') {
  serveRenderTasks(stepArgument === 'convert' ? 'convert' : 'svg', process.send.bind(process));
}
