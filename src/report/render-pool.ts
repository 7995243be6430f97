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

function startWorker(): Promise<Worker> {
  return new Promise((resolve, reject) => {
    // workerEntry() throws where tsx is missing under TypeScript sources: the promise rejects, the pool falls back
    const { entry, eval: isCode } = workerEntry();
    const worker = new Worker(entry, { eval: isCode, workerData: { role: RENDER_WORKER_MARKER } });
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
 * Render jobs on up to `threads` workers; `onDone` is called as each finishes (for progress). Returns the outputs in
 * job order, or null when no worker could be started (the caller then renders in-process).
 */
export async function renderInWorkers(
  jobs: readonly RenderJob[],
  threads: number,
  onDone: () => void,
): Promise<RenderOutput[] | null> {
  const count = Math.min(threads, jobs.length);
  if (count < 2) return null;
  const started = await Promise.allSettled(Array.from({ length: count }, startWorker));
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (workers.length < 2) {
    await Promise.all(workers.map((w) => w.terminate()));
    return null;
  }
  const outputs: RenderOutput[] = new Array(jobs.length);
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (next >= jobs.length) return resolve();
              worker.postMessage(jobs[next++]);
            };
            worker.on('message', (output: RenderOutput) => {
              outputs[output.index] = output;
              onDone();
              feed();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => {
              if (code !== 0) reject(new Error(`render worker exited with code ${code}`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outputs;
}
