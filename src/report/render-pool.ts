/**
 * Figure rendering on several cores. Vega (SVG), resvg (PNG) and pdfkit (PDF) are CPU-bound and single-threaded, and
 * rendering dominates a report's build time, so figures are spread over worker threads, each rendering whole figures.
 * Results come back in figure order, so the files are the same whatever the number of threads. Where a worker
 * cannot start (e.g. TypeScript sources under a test runner without a loader), rendering stays in this thread.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageDir } from './assets.js';
import { RENDER_WORKER_MARKER, type RenderJob, type RenderOutput } from './render-worker.js';

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

/**
 * Young generation of a render worker, MiB. vega, svg-to-pdfkit and resvg's input allocate many short-lived objects;
 * V8's default young generation (16 MiB semi-spaces) promotes many of them and garbage collection took about a
 * quarter of the render time in profiles; 64 MiB semi-spaces (young generation ≈ 3 × semi-space) cut it to a few
 * per cent, for some 100 MiB more memory per worker.
 */
const WORKER_YOUNG_GENERATION_MB = 192;

function startWorker(): Promise<Worker> {
  return new Promise((resolve, reject) => {
    // workerEntry() throws where tsx is missing under TypeScript sources: the promise rejects, the pool falls back
    const { entry, eval: isCode } = workerEntry();
    const worker = new Worker(entry, {
      eval: isCode,
      workerData: { role: RENDER_WORKER_MARKER },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
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
 * Render worker threads, started ahead of the jobs: each loads vega, vega-lite, pdfkit and resvg as soon as it
 * starts (about a second of module loading), so that a caller can start the pool before ingesting and analysing and
 * have that loading done on the other core meanwhile. Close it when done (live workers keep the process running).
 */
export class RenderPool {
  private readonly workers: Promise<Worker[]>;
  private closed = false;

  private constructor(threads: number) {
    this.workers =
      threads < 2
        ? Promise.resolve([])
        : Promise.allSettled(Array.from({ length: threads }, startWorker)).then((started) =>
            started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
          );
  }

  /** Start `threads` workers (none below 2: one worker is no faster than this thread). */
  static start(threads: number): RenderPool {
    return new RenderPool(threads);
  }

  /**
   * Render jobs on the pool's workers; `onDone` is called as each finishes (for progress). Returns the outputs in
   * job order, or null when fewer than two workers started (the caller then renders in-process).
   */
  async render(jobs: readonly RenderJob[], onDone: () => void): Promise<RenderOutput[] | null> {
    const all = await this.workers;
    if (this.closed || all.length < 2 || jobs.length === 0) return null;
    // no more workers than jobs
    const workers = all.slice(0, jobs.length);
    const outputs: RenderOutput[] = new Array(jobs.length);
    let next = 0;
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (next >= jobs.length) {
                worker.removeAllListeners('message');
                worker.removeAllListeners('error');
                worker.removeAllListeners('exit');
                return resolve();
              }
              worker.postMessage(jobs[next++]);
            };
            worker.on('message', (output: RenderOutput) => {
              outputs[output.index] = output;
              onDone();
              feed();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => reject(new Error(`render worker exited with code ${code}`)));
            feed();
          }),
      ),
    );
    return outputs;
  }

  /** Stop the workers (idempotent); their memory is released. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = await this.workers;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Render jobs on up to `threads` workers started for them; `onDone` is called as each finishes (for progress).
 * Returns the outputs in job order, or null when no pool could be used (the caller then renders in-process).
 */
export async function renderInWorkers(
  jobs: readonly RenderJob[],
  threads: number,
  onDone: () => void,
): Promise<RenderOutput[] | null> {
  const pool = RenderPool.start(Math.min(threads, jobs.length));
  try {
    return await pool.render(jobs, onDone);
  } finally {
    await pool.close();
  }
}
