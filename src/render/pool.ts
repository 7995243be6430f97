/**
 * Figure rendering on several cores. Vega (SVG), resvg (PNG) and the PDF writer are CPU-bound and single-threaded,
 * and rendering dominates a report's build time, so it runs in worker processes as a pipeline of two steps: SVG
 * workers (vega-lite and vega) hand each SVG to convert workers (PNG and PDF), half the workers each. A worker loads
 * only its step's libraries at start: measured on 2 cores, one SVG and one convert worker used about 25 % less CPU than
 * two workers rendering whole figures (each loading and warming up everything). A worker whose step has nothing left
 * takes the other's work rather than wait (see render): the two steps are about equally long on the example's
 * figures, but on the A-shaped look-alike's the convert worker waited a third of the render time; sharing cut that
 * build's median from 3.65 to 3.38 s (8 interleaved runs; the example's from 5.08 to 4.67 s, 6 runs).
 * The main thread meanwhile writes the report's other files (report/build.ts).
 * Results come back in figure order, so the files are the same whatever the number of workers. Where a worker
 * cannot start (e.g. TypeScript sources without tsx), rendering stays in this thread.
 */
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fork } from 'node:child_process';
import {
  needsConversion,
  RENDER_WORKER_MARKER,
  type ConvertOutput,
  type ConvertTask,
  type RenderJob,
  type RenderOutput,
  type RenderTask,
  type SvgOutput,
  type WorkerOrigin,
  type WorkerReady,
  type WorkerStep,
} from './worker.js';

/**
 * V8 options of a render worker (see startWorker): `--max-opt=1`, no optimising compiler; a young generation
 * (semi-space) of 32 MB. A start-up snapshot must be built with the same options as the process it starts.
 */
export const RENDER_WORKER_V8_OPTIONS: readonly string[] = [
  '--max-opt=1',
  // vega allocates millions of short-lived objects a figure: with V8's default young generation they are
  // promoted and collected again by full collections; a larger nursery let the iterations view render with
  // about a fifth less CPU
  '--max-semi-space-size=32',
];

/** What scripts/build-render-snapshot.mjs writes beside the blob: the snapshot is used only where all of it holds. */
export interface RenderSnapshotInfo {
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  /** the bundle the snapshot was built from, where it was built (its paths are inside the snapshot) */
  readonly bundle: string;
  readonly v8Options: readonly string[];
  /** the figures its warm-up drew besides a small one (`design/figure.vl.json`), one of each kind per design */
  readonly warmUpFigures?: readonly string[];
}

/** Files of the render workers' start-up snapshot, beside the compiled pool (dist/render/). */
const SNAPSHOT_FILES = {
  blob: 'worker-snapshot.blob',
  bundle: 'worker-snapshot.cjs',
  info: 'worker-snapshot.json',
} as const;

/**
 * The render workers' start-up snapshot, when the build made one for this very Node, this place and these options
 * (else null: workers then load their modules). CNIBENCH_RENDER_SNAPSHOT=0 turns it off (for comparisons).
 */
export function renderSnapshot(
  here = dirname(fileURLToPath(import.meta.url)),
): { readonly blob: string; readonly bundle: string } | null {
  if (import.meta.url.endsWith('.ts') || process.env['CNIBENCH_RENDER_SNAPSHOT'] === '0') return null;
  const blob = join(here, SNAPSHOT_FILES.blob);
  const bundle = join(here, SNAPSHOT_FILES.bundle);
  try {
    const info = JSON.parse(readFileSync(join(here, SNAPSHOT_FILES.info), 'utf8')) as RenderSnapshotInfo;
    const usable =
      info.node === process.version &&
      info.platform === process.platform &&
      info.arch === process.arch &&
      info.bundle === bundle &&
      info.v8Options.join(' ') === RENDER_WORKER_V8_OPTIONS.join(' ') &&
      existsSync(blob) &&
      existsSync(bundle);
    return usable ? { blob, bundle } : null;
  } catch {
    // no snapshot built (no esbuild, a build from sources) or an unreadable description: start without it
    return null;
  }
}

/** Default number of render workers: the cores available, at most 4. */
export function defaultRenderThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * A render worker: a child Node process (see startWorker), seen through the few calls the pool makes.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- messages are typed where they are read (SvgOutput, ConvertOutput) */
interface RenderWorker {
  postMessage(message: RenderTask): void;
  on(event: 'message', listener: (message: any) => void): void;
  once(event: 'message', listener: (message: unknown) => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  once(event: 'exit', listener: (code: number | null) => void): void;
  removeAllListeners(event: 'message' | 'error' | 'exit'): void;
  terminate(): Promise<void>;
  /** how the process started (its first message says) */
  origin: WorkerOrigin;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The worker's entry and the Node options it needs. Compiled: worker.js beside this file. From TypeScript
 * sources (tsx, vitest) the child registers tsx's loader first (its `--import` entry); where tsx cannot be found the
 * pool is not used.
 */
function workerEntry(): { readonly entry: string; readonly loader: readonly string[] } {
  if (!import.meta.url.endsWith('.ts')) {
    return { entry: fileURLToPath(new URL('./worker.js', import.meta.url)), loader: [] };
  }
  const tsx = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs');
  if (!existsSync(tsx)) throw new Error(`tsx loader not found at ${tsx}`);
  return {
    entry: fileURLToPath(new URL('./worker.ts', import.meta.url)),
    loader: ['--import', pathToFileURL(tsx).href],
  };
}

/**
 * A render worker is a child process rather than a thread, for one V8 option: `--max-opt=1` (no optimising
 * compiler). Rendering runs a great deal of code once per figure (vega-lite's and vega's parsers, each figure's own
 * expressions): V8's optimising compiler spent more CPU compiling that code on background threads than the
 * optimised code saved. Measured on the 12 figures of the A-shaped look-alike in one thread: 5.3 s → 3.6 s of CPU,
 * the same wall time; on 2 cores that CPU is what the other threads wait for. V8 options are per process, and the
 * main thread's ingest and statistics need that compiler (the statistics bench runs 3 to 9 times slower without it).
 */
function startWorker(step: WorkerStep): Promise<RenderWorker> {
  const snapshot = renderSnapshot();
  // a snapshot that does not start (a Node that refuses it) is not fatal: the worker loads its modules instead
  return snapshot === null ? forkWorker(step, null) : forkWorker(step, snapshot).catch(() => forkWorker(step, null));
}

/**
 * Fork a render worker: from the start-up snapshot (the bundle's path is the module forked, which the snapshot's
 * main function reads from argv) or from the worker module.
 */
function forkWorker(
  step: WorkerStep,
  snapshot: { readonly blob: string; readonly bundle: string } | null,
): Promise<RenderWorker> {
  return new Promise((resolve, reject) => {
    // workerEntry() throws where tsx is missing under TypeScript sources: the promise rejects, the pool falls back
    const { entry, loader } = snapshot === null ? workerEntry() : { entry: snapshot.bundle, loader: [] };
    const child = fork(entry, [RENDER_WORKER_MARKER, step], {
      // not the parent's options (a test runner's loaders and conditions): only what rendering needs
      execArgv: [
        ...loader,
        ...RENDER_WORKER_V8_OPTIONS,
        ...(snapshot === null ? [] : ['--snapshot-blob', snapshot.blob]),
      ],
      serialization: 'advanced',
      // a worker prints nothing: its errors come back as values, per figure and format
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const worker: RenderWorker = {
      postMessage: (message) => void child.send(message),
      on: (event, listener) => void child.on(event, listener),
      once: (event: string, listener: (...args: never[]) => void) => void child.once(event, listener as never),
      removeAllListeners: (event) => void child.removeAllListeners(event),
      terminate: () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill();
        }),
      origin: 'modules',
    };
    const fail = (error: unknown): void => {
      void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    child.once('error', fail);
    child.once('exit', () => fail(new Error('render worker exited before it was ready')));
    child.once('message', (ready: WorkerReady) => {
      child.removeAllListeners('error');
      child.removeAllListeners('exit');
      worker.origin = ready.origin;
      resolve(worker);
    });
  });
}

/**
 * Render worker processes, started ahead of the jobs: each loads its step's libraries as soon as it starts (vega and
 * vega-lite, or pdfkit and resvg: about a second), so that a caller can start the pool before ingesting and
 * analysing and have that loading done on the other core meanwhile. Close it when done (live workers keep the
 * process running).
 */
export class RenderPool {
  private readonly workers: Promise<{ svg: RenderWorker[]; convert: RenderWorker[] }>;
  private closed = false;

  /** @param threads the workers asked for (some may fail to start: the pool then declines, see render) */
  private constructor(readonly threads: number) {
    const steps: WorkerStep[] =
      threads < 2 ? [] : Array.from({ length: threads }, (_, i) => (i % 2 === 0 ? 'svg' : 'convert'));
    this.workers = Promise.allSettled(steps.map(startWorker)).then((started) => {
      const workers = { svg: [] as RenderWorker[], convert: [] as RenderWorker[] };
      started.forEach((s, i) => {
        if (s.status === 'fulfilled') workers[steps[i]!].push(s.value);
      });
      return workers;
    });
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
    const outputs: RenderOutput[] = new Array(jobs.length);
    // SVGs drawn and waiting for (or in) their conversion
    const svgs = new Map<number, SvgOutput>();
    // the costliest figures first (the size of a spec stands for its cost: its data and views), so that the last to
    // be drawn and converted are cheap ones and neither worker waits long for the other at the end; a convert worker
    // with nothing to convert takes the cheapest from the back. Outputs keep the jobs' order whatever the order drawn
    const cost = new Map(jobs.map((job) => [job, JSON.stringify(job.spec).length]));
    const svgQueue = [...jobs].sort((a, b) => cost.get(b)! - cost.get(a)! || a.index - b.index);
    const convertQueue: ConvertTask[] = [];
    const idle = new Set<RenderWorker>();
    const stepOf = new Map<RenderWorker, WorkerStep>([
      ...svgWorkers.map((w) => [w, 'svg'] as const),
      ...convertWorkers.map((w) => [w, 'convert'] as const),
    ]);
    let complete = 0;
    const all = [...stepOf.keys()];
    try {
      await new Promise<void>((resolve, reject) => {
        const finish = (output: RenderOutput): void => {
          outputs[output.index] = output;
          onDone();
          if (++complete === jobs.length) resolve();
        };
        /**
         * The next task of an idle worker. Each keeps to its step while that step has work: SVG workers draw from the
         * front of the queue, convert workers convert in the order SVGs came. A worker whose step has nothing left
         * takes the other's work rather than wait: an SVG worker converts, a convert worker draws a whole figure, the
         * last one waiting. Which step is the slower depends on the figures (the A-shaped look-alike's 12 figures
         * kept the convert worker waiting a third of the time; the example's are about even).
         */
        const taskFor = (step: WorkerStep): RenderTask | null => {
          if (step === 'svg') {
            if (svgQueue.length > 0) return { kind: 'svg', job: svgQueue.shift()! };
            if (convertQueue.length > 0) return { kind: 'convert', ...convertQueue.shift()! };
            return null;
          }
          if (convertQueue.length > 0) return { kind: 'convert', ...convertQueue.shift()! };
          if (svgQueue.length > 0) return { kind: 'figure', job: svgQueue.pop()! };
          return null;
        };
        const dispatch = (): void => {
          for (const worker of [...idle]) {
            const task = taskFor(stepOf.get(worker)!);
            if (task === null) continue;
            idle.delete(worker);
            worker.postMessage(task);
          }
        };
        const onOutput = (worker: RenderWorker, output: SvgOutput | ConvertOutput | RenderOutput): void => {
          if ('png' in output && 'svg' in output) {
            // a whole figure
            finish(output);
          } else if ('svg' in output) {
            // step 1 done: convert it, unless that step is not asked for or the SVG failed
            const job = jobs[output.index]!;
            if (output.svg === null || !needsConversion(job.formats)) {
              finish({ index: output.index, svg: output.svg, png: null, pdf: null, errors: output.errors });
            } else {
              svgs.set(output.index, output);
              convertQueue.push({ index: output.index, svg: output.svg, formats: job.formats, pngScale: job.pngScale });
            }
          } else {
            // step 2 done
            const svg = svgs.get(output.index)!;
            svgs.delete(output.index);
            finish({
              index: output.index,
              svg: svg.svg,
              png: output.png,
              pdf: output.pdf,
              errors: [...svg.errors, ...output.errors],
            });
          }
          idle.add(worker);
          dispatch();
        };
        for (const worker of all) {
          worker.on('message', (output: SvgOutput | ConvertOutput | RenderOutput) => onOutput(worker, output));
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`render worker exited with code ${code}`)));
          idle.add(worker);
        }
        dispatch();
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

  /** How each started worker began (SVG workers first): from the start-up snapshot, or loading its modules. */
  async origins(): Promise<WorkerOrigin[]> {
    const { svg, convert } = await this.workers;
    return [...svg, ...convert].map((w) => w.origin);
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
