/**
 * Figure rendering on several cores. Vega (SVG), resvg (PNG) and pdfkit (PDF) are CPU-bound and single-threaded, and
 * rendering dominates a report's build time, so it runs as a pipeline of three steps: this thread compiles each
 * figure (vega-lite → Vega, about a third of drawing it; this thread is otherwise idle), SVG workers draw it (vega)
 * and hand each SVG to convert workers (PNG and PDF), half the threads each. A worker loads only its step's
 * libraries: measured on 2 cores, one SVG and one convert worker used about 25 % less CPU than two workers rendering
 * whole figures (each loading and warming up everything), with the two steps about equally long.
 * Results come back in figure order, so the files are the same whatever the number of threads. Where a worker
 * cannot start (e.g. TypeScript sources under a test runner without a loader), rendering stays in this thread.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compileFigure, type CompiledSpec } from '../figures/index.js';
import { packageDir } from './assets.js';
import {
  needsConversion,
  RENDER_WORKER_MARKER,
  type ConvertOutput,
  type RenderJob,
  type RenderOutput,
  type RenderTask,
  type RenderWorkerData,
  type SvgOutput,
  type WorkerStep,
  WARM_UP_SPEC,
} from './render-worker.js';

/** Young generation of a render worker's heap, MB (see startWorker). */
const RENDER_YOUNG_GENERATION_MB = 96;

/** Default number of render threads: the cores available, at most 4. */
export function defaultRenderThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * The worker's entry. Compiled: render-worker.js beside this file. From TypeScript sources (tsx, vitest) a worker
 * thread does not inherit the loader, so a small eval'd entry registers tsx's loader in the thread first; where tsx
 * cannot be found the pool is not used.
 */
function workerEntry(): { readonly entry: string | URL; readonly eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./render-worker.js', import.meta.url), eval: false };
  // the ES module build of tsx's API (its CommonJS build cannot register the ESM loader from a worker)
  const api = join(packageDir('tsx'), 'dist', 'esm', 'api', 'index.mjs');
  if (!existsSync(api)) throw new Error(`tsx loader API not found at ${api}`);
  const tsxApi = pathToFileURL(api).href;
  const worker = new URL('./render-worker.ts', import.meta.url).href;
  const code =
    `(async () => { const { register } = await import(${JSON.stringify(tsxApi)}); register(); ` +
    `await import(${JSON.stringify(worker)}); })().catch((error) => setImmediate(() => { throw error; }));`;
  return { entry: code, eval: true };
}

function startWorker(step: WorkerStep): Promise<Worker> {
  return new Promise((resolve, reject) => {
    // workerEntry() throws where tsx is missing under TypeScript sources: the promise rejects, the pool falls back
    const { entry, eval: isCode } = workerEntry();
    const worker = new Worker(entry, {
      eval: isCode,
      workerData: { role: RENDER_WORKER_MARKER, step } satisfies RenderWorkerData,
      // vega allocates millions of short-lived objects a figure: with V8's default young generation (16 MB here)
      // they are promoted and collected again by full collections; a larger nursery let the iterations view render
      // with about a fifth less CPU (measured in one process with --max-semi-space-size)
      resourceLimits: { maxYoungGenerationSizeMb: RENDER_YOUNG_GENERATION_MB },
    });
    const fail = (error: unknown): void => {
      void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    worker.once('error', fail);
    worker.once('exit', () => fail(new Error('render worker exited before it was ready')));
    worker.once('message', () => {
      worker.removeAllListeners('error');
      worker.removeAllListeners('exit');
      resolve(worker);
    });
  });
}

/**
 * Render worker threads, started ahead of the jobs: each loads its step's libraries as soon as it starts (vega and
 * vega-lite, or pdfkit and resvg: about a second), so that a caller can start the pool before ingesting and
 * analysing and have that loading done on the other core meanwhile. Close it when done (live workers keep the
 * process running).
 */
export class RenderPool {
  private readonly workers: Promise<{ svg: Worker[]; convert: Worker[] }>;
  private closed = false;
  private drawing = false;

  private constructor(threads: number) {
    const steps: WorkerStep[] =
      threads < 2 ? [] : Array.from({ length: threads }, (_, i) => (i % 2 === 0 ? 'svg' : 'convert'));
    this.workers = Promise.allSettled(steps.map(startWorker)).then((started) => {
      const workers = { svg: [] as Worker[], convert: [] as Worker[] };
      started.forEach((s, i) => {
        if (s.status === 'fulfilled') workers[steps[i]!].push(s.value);
      });
      return workers;
    });
    // the warm-up figure, compiled here (this thread loads vega-lite for the report's figures anyway) and drawn by
    // each SVG worker while this thread goes on reading the campaign
    if (steps.length > 0) {
      void Promise.all([this.workers, compileFigure(WARM_UP_SPEC)])
        .then(([{ svg }, compiled]) => {
          // too late to help once the figures are being drawn
          if (this.closed || this.drawing) return;
          for (const worker of svg) worker.postMessage({ kind: 'warm-up', compiled } satisfies RenderTask);
        })
        .catch(() => undefined);
    }
  }

  /** Start `threads` workers, half for each step (none below 2: one worker is no faster than this thread). */
  static start(threads: number): RenderPool {
    return new RenderPool(threads);
  }

  /**
   * Render jobs on the pool's workers; `onDone` is called as each figure is complete (for progress). Returns the
   * outputs in job order, or null when a step has no worker (the caller then renders in-process).
   */
  async render(jobs: readonly RenderJob[], onDone: () => void): Promise<RenderOutput[] | null> {
    const { svg: svgWorkers, convert: convertWorkers } = await this.workers;
    if (this.closed || svgWorkers.length === 0 || convertWorkers.length === 0 || jobs.length === 0) return null;
    this.drawing = true;
    const outputs: RenderOutput[] = new Array(jobs.length);
    const svgs = new Map<number, SvgOutput>();
    const convertQueue: RenderTask[] = [];
    const idleConverters = [...convertWorkers];
    let complete = 0;
    const all = [...svgWorkers, ...convertWorkers];
    try {
      await new Promise<void>((resolve, reject) => {
        const finish = (output: RenderOutput): void => {
          outputs[output.index] = output;
          onDone();
          if (++complete === jobs.length) resolve();
        };
        const dispatchConversions = (): void => {
          while (idleConverters.length > 0 && convertQueue.length > 0) {
            idleConverters.pop()!.postMessage(convertQueue.shift()!);
          }
        };
        // figures are compiled (vega-lite → Vega) here, one at a time in job order, while the SVG workers draw the
        // ones compiled before: compiling is about a third of drawing, and this thread is otherwise idle
        const drawQueue: RenderTask[] = [];
        const idleDrawers: Worker[] = [];
        const nextSvg = (worker: Worker): void => {
          const task = drawQueue.shift();
          if (task) worker.postMessage(task);
          else idleDrawers.push(worker);
        };
        const compileAll = async (): Promise<void> => {
          for (const job of jobs) {
            // between figures, let the workers' messages through (finished SVGs go on to the converters)
            await new Promise((resolve) => setImmediate(resolve));
            if (this.closed) return;
            let compiled: CompiledSpec;
            try {
              compiled = await compileFigure(job.spec);
            } catch (error) {
              const text = error instanceof Error ? error.message : String(error);
              finish({ index: job.index, svg: null, png: null, pdf: null, errors: [{ format: 'svg', message: text }] });
              continue;
            }
            drawQueue.push({ kind: 'svg', index: job.index, compiled });
            const idle = idleDrawers.pop();
            if (idle) nextSvg(idle);
          }
        };
        for (const worker of svgWorkers) {
          worker.on('message', (output: SvgOutput) => {
            const job = jobs[output.index]!;
            if (output.svg === null || !needsConversion(job.formats)) {
              finish({ index: output.index, svg: output.svg, png: null, pdf: null, errors: output.errors });
            } else {
              svgs.set(output.index, output);
              convertQueue.push({
                kind: 'convert',
                index: output.index,
                svg: output.svg,
                formats: job.formats,
                pngScale: job.pngScale,
              });
              dispatchConversions();
            }
            nextSvg(worker);
          });
          idleDrawers.push(worker);
        }
        compileAll().catch(reject);
        for (const worker of convertWorkers) {
          worker.on('message', (output: ConvertOutput) => {
            const svg = svgs.get(output.index)!;
            svgs.delete(output.index);
            finish({
              index: output.index,
              svg: svg.svg,
              png: output.png,
              pdf: output.pdf,
              errors: [...svg.errors, ...output.errors],
            });
            idleConverters.push(worker);
            dispatchConversions();
          });
        }
        for (const worker of all) {
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`render worker exited with code ${code}`)));
        }
      });
    } finally {
      for (const worker of all) {
        worker.removeAllListeners('message');
        worker.removeAllListeners('error');
        worker.removeAllListeners('exit');
      }
    }
    return outputs;
  }

  /** Stop the workers (idempotent); their memory is released. */
  async close(): Promise<void> {
    this.closed = true;
    const { svg, convert } = await this.workers;
    await Promise.all([...svg, ...convert].map((w) => w.terminate()));
  }
}

/**
 * Render jobs on `threads` workers started for them; `onDone` is called as each figure is complete (for progress).
 * Returns the outputs in job order, or null when no pool could be used (the caller then renders in-process).
 */
export async function renderInWorkers(
  jobs: readonly RenderJob[],
  threads: number,
  onDone: () => void,
): Promise<RenderOutput[] | null> {
  if (jobs.length === 0) return null;
  const pool = RenderPool.start(threads);
  try {
    return await pool.render(jobs, onDone);
  } finally {
    await pool.close();
  }
}
