/**
 * Render workers started before the report stage is loaded. Loading the report stage (ingest, statistics, tables,
 * arquero: some 300 modules) takes `cnibench report build` about a quarter of a second, and a render worker about a
 * second to load vega and warm up; on a small campaign the build waits for that worker (the A-shaped look-alike had
 * its figure specs ready 0.3–0.7 s before the SVG worker was ready). Started first, the workers are forked 0.11–0.14 s
 * after the process starts instead of 0.32 s: where a core is free they are ready that much sooner. On 2 busy cores
 * the loading only moves earlier and competes with the main process (measured with the convert worker's lower
 * priority, interleaved builds: the example's median 5.50 → 5.04 s over 8 runs, shape A's 3.77 → 3.83 s over 12,
 * within the machine's noise).
 * The command line is only looked at here, not parsed (its parser needs the report stage): the report command takes
 * the pool when its parsed options want one of that size, and closes it otherwise.
 */
import { parseArgs } from 'node:util';
import { defaultRenderThreads, RenderPool } from '../render/index.js';

/** The pool started early, until the report command takes it. */
let early: RenderPool | null = null;
/** Every pool started early, taken or not: main closes them all when the command ends (closing twice is harmless). */
const started: RenderPool[] = [];

/**
 * Render workers `cnibench report ARGV` will want, as far as the command line says: the default number, or `--threads
 * N`; null where it renders nothing in workers (another subcommand, help, `--threads` below 2 or not a number,
 * `--formats none`).
 */
export function earlyRenderThreads(argv: readonly string[], defaultThreads: number): number | null {
  if (argv[0] !== 'build') return null;
  // node's parser, as the command's own (args.ts), but not strict: the other options are not declared here
  const { values } = parseArgs({
    args: [...argv.slice(1)],
    options: { threads: { type: 'string' }, formats: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
  });
  if (values['help'] !== undefined) return null;
  if (typeof values['formats'] === 'string' && values['formats'].trim() === 'none') return null;
  const raw = values['threads'];
  const threads = raw === undefined ? defaultThreads : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return threads >= 2 ? threads : null;
}

/** Start the render workers for `cnibench report ARGV` now, where it will want them (see earlyRenderThreads). */
export function startEarlyRenderPool(argv: readonly string[]): void {
  const threads = earlyRenderThreads(argv, defaultRenderThreads());
  if (threads !== null && early === null) {
    early = RenderPool.start(threads);
    started.push(early);
  }
}

/**
 * The early pool when it has `threads` workers (the parsed options' number), for the caller to use and close; an
 * early pool of another size is closed. Null when there is none to use.
 */
export async function takeEarlyRenderPool(threads: number): Promise<RenderPool | null> {
  const pool = early;
  early = null;
  if (pool === null || pool.threads === threads) return pool;
  await pool.close();
  return null;
}

/**
 * Close every pool started early, taken or not, when the command has ended however it ended (an error after the
 * report command took its pool included): live workers would keep the process from exiting.
 */
export async function closeEarlyRenderPools(): Promise<void> {
  early = null;
  await Promise.all(started.splice(0).map((pool) => pool.close()));
}
