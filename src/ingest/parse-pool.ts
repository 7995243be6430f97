/**
 * Reading a large campaign on more than one core. Reading, gunzipping and parsing the files is most of an ingest; the
 * rest (placing runs in cells, duplicates, the ledger, observations) depends on file order and stays in the main
 * thread. The main thread takes files from the front of the list and parse workers from the back, each claiming a
 * file in a shared array before reading it (Atomics: a file is read by exactly one thread), so the shares balance by
 * themselves however busy the cores are; the main thread uses a worker's result when it reaches that file. Everything
 * counted is in file order, as in one thread: the outputs are the same bytes whatever the number of threads.
 * A worker that stops before posting a file it claimed (killed, out of memory) is an error naming that file, never a
 * wait without end; one that cannot start leaves every file to the main thread.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CnibenchError } from '../model/index.js';
import type { ReadRefusal } from '../knb/index.js';
import { ingestMessages as msg } from './messages.js';
import { unpackParsed, type IngestParsed, type ParseContext, type ParseJob } from './parse-file.js';
import {
  CLAIMED_BY_MAIN,
  FIRST_WORKER_CLAIM,
  PARSE_WORKER_MARKER,
  type ParseResult,
  type ParseWorkerData,
} from './parse-worker.js';

/**
 * Fewest files for which ingest starts parse workers. A worker takes about 60–100 ms to start (its modules), while the
 * main thread reads some 300–500 archives; below about 1,000 files it would read too few to shorten the ingest, and
 * every worker costs CPU (its start, and its own warm-up of the parsers).
 */
export const PARALLEL_MIN_FILES = 1000;

/**
 * Threads of other processes running at this moment: Linux's count of running threads (/proc/loadavg) less this
 * process's own; null where the system does not say.
 */
export function othersRunning(): number | null {
  try {
    const running = Number(readFileSync('/proc/loadavg', 'latin1').split(' ')[3]?.split('/')[0]);
    if (!Number.isInteger(running)) return null;
    let own = 0;
    for (const task of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'latin1');
      // the state follows the command name in parentheses: `pid (name) R ...`
      if (stat.charAt(stat.lastIndexOf(')') + 2) === 'R') own++;
    }
    return Math.max(0, running - own);
  } catch {
    return null;
  }
}

/**
 * Parse workers worth starting: `threads - 1`, at most one per core that neither this thread nor another process is
 * running on. On a busy machine a worker only takes CPU from this thread (measured on the 2-core project machine under
 * load: the ingest took 10–20 % longer with a worker than without), so none is started there.
 */
export function workersFor(threads: number, cores: number, others: number | null): number {
  const free = cores - 1 - (others ?? 0);
  return Math.max(0, Math.min(threads - 1, free));
}

/**
 * The worker's entry. Compiled: parse-worker.js beside this file. From TypeScript sources (tsx, vitest) a worker
 * thread does not inherit the loader: a small eval'd entry registers tsx's loader in the thread first.
 */
function workerEntry(): { readonly entry: string | URL; readonly eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) return { entry: new URL('./parse-worker.js', import.meta.url), eval: false };
  // the ES module build of tsx's API (its CommonJS build cannot register the ESM loader from a worker)
  const api = join(
    dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
    'dist',
    'esm',
    'api',
    'index.mjs',
  );
  if (!existsSync(api)) throw new Error(`tsx loader API not found at ${api}`);
  const worker = new URL('./parse-worker.ts', import.meta.url).href;
  const code =
    `(async () => { const { register } = await import(${JSON.stringify(pathToFileURL(api).href)}); register(); ` +
    `await import(${JSON.stringify(worker)}); })().catch((error) => setImmediate(() => { throw error; }));`;
  return { entry: code, eval: true };
}

interface Waiter {
  readonly resolve: (result: ParseResult) => void;
  readonly reject: (error: Error) => void;
}

/** Parse workers sharing a campaign's files with the main thread (see the top of this file). */
export class ParsePool {
  private readonly claims: Int32Array;
  private readonly workers: Worker[] = [];
  /** per worker, why it stopped (null while it runs) */
  private readonly stopped: (string | null)[] = [];
  private readonly results = new Map<number, ParseResult>();
  private readonly waiters = new Map<number, Waiter>();

  private constructor(
    private readonly jobs: readonly ParseJob[],
    context: ParseContext,
    workers: number,
  ) {
    const shared = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (jobs.length + 1));
    this.claims = new Int32Array(shared);
    this.claims[jobs.length] = jobs.length;
    const { entry, eval: isCode } = workerEntry();
    try {
      for (let id = 0; id < workers; id++) this.startWorker(id, entry, isCode, context);
    } catch (error) {
      // those started would read files nobody takes
      for (const w of this.workers) void w.terminate();
      throw error;
    }
  }

  private startWorker(id: number, entry: string | URL, isCode: boolean, context: ParseContext): void {
    const claims = this.claims.buffer as SharedArrayBuffer;
    const data: ParseWorkerData = { role: PARSE_WORKER_MARKER, id, jobs: this.jobs, context, claims };
    const worker = new Worker(entry, { eval: isCode, workerData: data, stdout: false, stderr: false });
    this.workers.push(worker);
    this.stopped.push(null);
    worker.on('message', (results: ParseResult[]) => {
      for (const r of results) this.deliver(r);
    });
    worker.on('error', (error) => this.stop(id, error instanceof Error ? error.message : String(error)));
    worker.on('exit', (code) => this.stop(id, `exit code ${code}`));
  }

  /**
   * Start up to `threads - 1` workers for the jobs (workersFor: no more than the cores other processes leave free), or
   * none (null) when one thread is asked for, when there are fewer than `minFiles` files (too few to pay for a worker's
   * start) or when no core is free.
   * @param others threads of other processes running now (tests pass their own)
   */
  static start(
    jobs: readonly ParseJob[],
    context: ParseContext,
    threads: number,
    minFiles = PARALLEL_MIN_FILES,
    others: () => number | null = othersRunning,
  ): ParsePool | null {
    if (threads < 2 || jobs.length < minFiles) return null;
    const workers = workersFor(threads, availableParallelism(), others());
    if (workers === 0) return null;
    try {
      return new ParsePool(jobs, context, workers);
    } catch {
      // no worker could be made (e.g. TypeScript sources without tsx): this thread reads every file
      return null;
    }
  }

  private deliver(result: ParseResult): void {
    const waiter = this.waiters.get(result.index);
    if (waiter) {
      this.waiters.delete(result.index);
      waiter.resolve(result);
    } else {
      this.results.set(result.index, result);
    }
  }

  /** A worker ended: files it claimed and did not post are errors (a normal end posts every claimed file first). */
  private stop(id: number, why: string): void {
    if (this.stopped[id] !== null) return;
    this.stopped[id] = why;
    for (const [index, waiter] of this.waiters) {
      if (this.owner(index) === id && !this.results.has(index)) {
        this.waiters.delete(index);
        waiter.reject(this.lost(index, why));
      }
    }
  }

  private owner(index: number): number {
    return Atomics.load(this.claims, index) - FIRST_WORKER_CLAIM;
  }

  private lost(index: number, why: string): CnibenchError {
    const file = this.jobs[index]!.rel;
    return new CnibenchError('ingest-worker', msg.workerStopped(why), { file, hint: msg.workerHint() });
  }

  /**
   * The parse of job `index` when a worker has claimed it (waiting for it if need be); null when the main thread has
   * now claimed it and must read it itself. Call in job order.
   * @throws CnibenchError when the worker that claimed it stopped without posting it
   */
  async take(index: number): Promise<IngestParsed | ReadRefusal | null> {
    if (Atomics.compareExchange(this.claims, index, 0, CLAIMED_BY_MAIN) === 0) return null;
    let result = this.results.get(index);
    if (result !== undefined) {
      this.results.delete(index);
    } else {
      const why = this.stopped[this.owner(index)];
      if (why !== null && why !== undefined) throw this.lost(index, why);
      result = await new Promise<ParseResult>((resolve, reject) => this.waiters.set(index, { resolve, reject }));
    }
    if (result.error !== undefined) throw new Error(`${this.jobs[index]!.rel}: ${result.error}`);
    return unpackParsed(result.posted!);
  }

  /** How many files the workers have claimed so far (read, being read, or lost if a worker stopped). */
  workerFiles(): number {
    let n = 0;
    for (let i = 0; i < this.jobs.length; i++) if (Atomics.load(this.claims, i) >= FIRST_WORKER_CLAIM) n++;
    return n;
  }

  /** Stop the workers (those still running have nothing left to claim, or the ingest failed). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
