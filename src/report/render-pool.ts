/**
 * Figure rendering on several cores. Vega (SVG), resvg (PNG) and pdfkit (PDF) are CPU-bound and single-threaded, and
 * rendering dominates a report's build time, so figures are spread over worker threads, each rendering whole figures.
 * Results come back in figure order, so the files are the same whatever the number of threads. Where a worker
 * cannot start (e.g. TypeScript sources under a test runner without a loader), rendering stays in this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderJob, RenderOutput } from './render-worker.js';

/** Default number of render threads: the cores available, at most 4. */
export function defaultRenderThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function workerUrl(): URL {
  // compiled: render-worker.js beside this file; from sources (tsx): render-worker.ts
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./render-worker${ext}`, import.meta.url);
}

function startWorker(): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl());
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
