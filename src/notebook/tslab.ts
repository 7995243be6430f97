/**
 * The whole MIME bundle under tslab, in one display_data message, through one exported (undocumented) binding of
 * tslab 1.0.x.
 *
 * Why: tslab's documented display (`display.raw(type, data)`, `display.html(s)`, …) builds `{ [type]: data }`, one
 * MIME type per output, so a figure would be either its SVG (what GitHub and nbviewer show) or its Vega-Lite spec
 * (what JupyterLab and VS Code render), never both as under Deno. Every one of those methods ends in
 * `lastWriteDisplayData(content, update)`, an exported binding of tslab's own `dist/jupyter` module that the kernel
 * sets, for each executing cell, to that cell's display_data writer. Handing it the whole bundle sends the message a
 * Jupyter kernel is meant to send: every representation of one output, the front end picks.
 *
 * How it is reached: by Node's ordinary module resolution, never through `require.cache`. `tslab` is resolved from
 * the kernel's program (the main module: tslab's `bin/tslab` under its kernel) and from cnibench's own location; a
 * candidate counts only when its `display` is the very object the notebook passed (`import * as tslab from 'tslab'`
 * in a cell is the kernel's own module instance), so `./jupyter` resolved beside it is the module instance the
 * kernel writes to. Relies on tslab 1.0.x (1.0.22 is its last release); with any other shape — no matching module,
 * no `jupyter` module beside it, the binding not a function — `tslabWriter` returns null and `show` falls back to
 * the documented one-type display.
 */
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** `content` of a Jupyter display_data message as tslab's writer takes it. */
export interface DisplayDataContent {
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly transient: Readonly<Record<string, unknown>>;
}

/** tslab 1.0.x's `lastWriteDisplayData`: sends `content` as display_data (update_display_data when `update`). */
export type DisplayDataWriter = (content: DisplayDataContent, update: boolean) => void;

/** The part of tslab's `dist/jupyter` module used here. */
interface TslabJupyterModule {
  readonly lastWriteDisplayData?: unknown;
}

/**
 * Where `tslab` is resolved from, in order: the kernel's program (under tslab's kernel, tslab's `bin/tslab`; the
 * `tslab` a cell imports is that package's own module), then cnibench's own location (a project with both installed).
 */
export function tslabSearchFrom(): string[] {
  const require = createRequire(import.meta.url);
  const main = require.main?.filename;
  return [...(typeof main === 'string' ? [main] : []), fileURLToPath(import.meta.url)];
}

/** tslab's jupyter module found for a display object (null: none); resolved once per display object. */
const jupyterOf = new WeakMap<object, TslabJupyterModule | null>();

function findJupyterModule(display: object, from: readonly string[]): TslabJupyterModule | null {
  for (const origin of from) {
    let main: string;
    try {
      main = createRequire(origin).resolve('tslab');
    } catch {
      continue; // no tslab reachable from here
    }
    const require = createRequire(main);
    try {
      const tslab = require(main) as { display?: unknown } | null;
      if (tslab?.display !== display) continue; // another copy of tslab: not the kernel's
      return require('./jupyter') as TslabJupyterModule;
    } catch {
      continue;
    }
  }
  return null;
}

/**
 * The display_data writer of the cell tslab is executing, when `display` is tslab 1.0.x's public `display` (the
 * same module instance the kernel loaded) and a cell is executing; else null (another tslab version, another
 * display object, or no cell has run yet). Read at each call: the kernel replaces the writer for every cell.
 * @param from where to resolve `tslab` from (default: `tslabSearchFrom()`)
 */
export function tslabWriter(display: object, from: readonly string[] = tslabSearchFrom()): DisplayDataWriter | null {
  let jupyter = jupyterOf.get(display);
  if (jupyter === undefined) {
    jupyter = findJupyterModule(display, from);
    jupyterOf.set(display, jupyter);
  }
  const write = jupyter?.lastWriteDisplayData;
  return typeof write === 'function' ? (write as DisplayDataWriter) : null;
}

/**
 * A bundle as display_data carries it: text as strings, JSON types (Vega-Lite) as the objects themselves, bytes in
 * base64 (as tslab's own display sends them).
 */
export function wireData(bundle: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [type, value] of Object.entries(bundle)) {
    if (value === undefined || value === null) continue;
    data[type] = value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
  }
  return data;
}
