/**
 * The notebooks, one per kernel, from one kernel-neutral source each (notebooks/src/*.ts, jupytext's "percent"
 * format: `// %%` starts a code cell, `// %% [markdown]` a markdown cell whose lines start with `// `; a `[deno]` or
 * `[tslab]` tag keeps a cell for that kernel only).
 *
 * Why one source and two generated notebooks rather than one notebook for both kernels: a notebook names its kernel
 * in its metadata (JupyterLab and VS Code open it with that kernel), its committed outputs are that kernel's (Deno
 * shows a cell's value itself, an execute_result; under tslab `show` sends display_data; each kernel chunks printing
 * its own way), and the first cell differs (how `show` reaches the kernel). Everything else is the same text, kept once.
 *
 * Usage: `npm run notebooks` (build, generate, execute each under its kernel and write notebooks/<kernel>/*.ipynb
 * with outputs; `-- --kernel=deno` for one kernel); `tsx scripts/notebooks.ts --check` exits 1 when a committed
 * notebook's cells differ from its source.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
export const NOTEBOOKS = join(REPO, 'notebooks');
export const SOURCES = join(NOTEBOOKS, 'src');
export const KERNELS = ['deno', 'tslab'] as const;
export type Kernel = (typeof KERNELS)[number];

/** The line of a source that the kernel's setup replaces. */
const IMPORT_LINE = "import * as cnibench from 'cnibench';";

/** How each kernel reaches cnibench (this repository's build, no symlink, no network) and shows objects. */
const SETUP: Readonly<Record<Kernel, string>> = {
  deno: [
    "import * as cnibench from '../../dist/index.js'; // in your project: from 'cnibench' (package.json + node_modules)",
    '// a cnibench object displays itself as the value of a cell; show() displays one in mid-cell',
    "import { show } from '../../dist/notebook/index.js'; // in your project: from 'cnibench/notebook'",
  ].join('\n'),
  tslab: [
    "import * as cnibench from '../../dist/index.js'; // in your project: from 'cnibench'",
    "import { show as showWith } from '../../dist/notebook/index.js'; // in your project: from 'cnibench/notebook'",
    "import * as tslab from 'tslab';",
    "// show() sends an object's whole MIME bundle through tslab, as Deno's kernel shows it (Vega-Lite, SVG, text)",
    'const show = (value: unknown) => showWith(value, tslab);',
  ].join('\n'),
};

const METADATA: Readonly<Record<Kernel, Record<string, unknown>>> = {
  deno: {
    kernelspec: { display_name: 'Deno', language: 'typescript', name: 'deno' },
    language_info: { file_extension: '.ts', mimetype: 'text/x.typescript', name: 'typescript' },
  },
  tslab: {
    kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' },
    language_info: { file_extension: '.ts', mimetype: 'text/typescript', name: 'typescript' },
  },
};

interface SourceCell {
  readonly type: 'markdown' | 'code';
  readonly kernel: Kernel | null;
  readonly text: string;
}

export interface NotebookCell {
  id: string;
  cell_type: 'markdown' | 'code';
  metadata: Record<string, unknown>;
  source: string[];
  outputs?: Record<string, unknown>[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

const MARKER = /^\/\/ %%(?: \[(markdown)\])?(?: \[(deno|tslab)\])?\s*$/;

/** The cells of a percent-format source. */
export function parseSource(text: string, file: string): SourceCell[] {
  const cells: SourceCell[] = [];
  let current: { type: 'markdown' | 'code'; kernel: Kernel | null; lines: string[] } | null = null;
  const close = () => {
    if (current) cells.push({ type: current.type, kernel: current.kernel, text: current.lines.join('\n').trim() });
  };
  for (const [i, line] of text.split('\n').entries()) {
    const marker = MARKER.exec(line);
    if (marker) {
      close();
      current = { type: marker[1] ? 'markdown' : 'code', kernel: (marker[2] as Kernel | undefined) ?? null, lines: [] };
      continue;
    }
    if (current === null) {
      if (line.trim() === '') continue;
      throw new Error(`${file}:${i + 1}: expected a cell marker (// %% or // %% [markdown]) before any content`);
    }
    if (current.type === 'markdown') {
      if (line !== '//' && !line.startsWith('// ')) {
        if (line.trim() === '') continue;
        throw new Error(`${file}:${i + 1}: a markdown cell's lines start with "// "`);
      }
      current.lines.push(line.slice(3));
    } else current.lines.push(line);
  }
  close();
  return cells;
}

/** Deno shows a cell's last value itself: a final `await show(x);` on one line becomes the value `x`. */
function lastValue(code: string): string {
  const lines = code.split('\n');
  const last = /^await show\((.+)\);$/.exec(lines[lines.length - 1]!);
  if (last === null) return code;
  lines[lines.length - 1] = last[1]!;
  return lines.join('\n');
}

/** nbformat's multi-line string: the text split after each line end. */
function asLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** The notebook of one source for one kernel, without outputs. */
export function notebookFor(sourceText: string, kernel: Kernel, file = 'source'): Notebook {
  const cells = parseSource(sourceText, file).filter((c) => c.kernel === null || c.kernel === kernel);
  let imported = false;
  const out = cells.map((cell, index): NotebookCell => {
    const id = `cell-${String(index + 1).padStart(2, '0')}`;
    if (cell.type === 'markdown') return { id, cell_type: 'markdown', metadata: {}, source: asLines(cell.text) };
    let code = cell.text;
    if (code.includes(IMPORT_LINE)) {
      code = code.replace(IMPORT_LINE, SETUP[kernel]);
      // a stage's subpath (`cnibench/stats`) is this repository's build of that stage
      code = code.replace(/from 'cnibench\/([a-z]+)'/g, "from '../../dist/$1/index.js'");
      imported = true;
    }
    if (kernel === 'deno') code = lastValue(code);
    return { id, cell_type: 'code', metadata: {}, source: asLines(code), outputs: [], execution_count: null };
  });
  if (!imported) throw new Error(`${file}: no cell holds ${IMPORT_LINE}`);
  return { cells: out, metadata: METADATA[kernel], nbformat: 4, nbformat_minor: 5 };
}

export function sourceNames(): string[] {
  return readdirSync(SOURCES)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => f.replace(/\.ts$/, ''));
}

export function generated(name: string, kernel: Kernel): Notebook {
  const file = join(SOURCES, `${name}.ts`);
  return notebookFor(readFileSync(file, 'utf8'), kernel, file);
}

type Output = Record<string, unknown>;

/**
 * Consecutive stream outputs of the same stream joined into one: how a kernel chunks a cell's printing depends on
 * timing (Deno flushes when it likes), and front ends show the joined text anyway.
 */
function mergeStreams(outputs: readonly Output[]): Output[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const previous = merged[merged.length - 1];
    if (
      output['output_type'] === 'stream' &&
      previous?.['output_type'] === 'stream' &&
      previous['name'] === output['name']
    ) {
      merged[merged.length - 1] = { ...previous, text: textOf(previous['text']) + textOf(output['text']) };
    } else merged.push(output['output_type'] === 'stream' ? { ...output, text: textOf(output['text']) } : output);
  }
  // nbformat's multi-line string form: one entry per line
  return merged.map((o) => (o['output_type'] === 'stream' ? { ...o, text: asLines(o['text'] as string) } : o));
}

function textOf(text: unknown): string {
  return Array.isArray(text) ? text.join('') : typeof text === 'string' ? text : '';
}

/** nbconvert's volatile fields (timings, execution counts) removed; what a re-execution must reproduce. */
export function stable(notebook: Notebook): Notebook {
  return {
    ...notebook,
    cells: notebook.cells.map((cell) => ({
      ...cell,
      metadata: {},
      ...(cell.cell_type === 'code'
        ? {
            execution_count: null,
            outputs: mergeStreams(cell.outputs ?? []).map((output) =>
              'execution_count' in output ? { ...output, execution_count: null } : output,
            ),
          }
        : {}),
    })),
    // the kernel's own language_info carries its version: the notebook keeps the generated metadata
    metadata: METADATA[kernelOf(notebook)]!,
  };
}

function kernelOf(notebook: Notebook): Kernel {
  const name = (notebook.metadata['kernelspec'] as { name?: string } | undefined)?.name;
  return name === 'deno' ? 'deno' : 'tslab';
}

export const JUPYTER = '/usr/bin/jupyter';
/** Debian's Python, the one Jupyter's packages are installed for. */
export const PYTHON = '/usr/bin/python3';
const EXECUTE = join(REPO, 'scripts', 'execute-notebook.py');

/** Environment of an execution: UTC, and Deno neither checking for updates nor prompting. */
export function executionEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TZ: 'UTC', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' };
}

/**
 * Executes a notebook headless under its kernel, with the kernel's working directory notebooks/<kernel>/ (the
 * notebook goes through stdin, so nothing is written there), and returns it with outputs. The runner is nbconvert's
 * executor (nbclient) waiting for output a kernel sends after reporting idle (see scripts/execute-notebook.py).
 */
export function execute(notebook: Notebook, kernel: Kernel): Notebook {
  const result = spawnSync(PYTHON, [EXECUTE], {
    cwd: join(NOTEBOOKS, kernel),
    input: JSON.stringify(notebook),
    encoding: 'utf8',
    env: executionEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`notebook execution failed (${kernel}):\n${result.stderr.slice(-4000)}`);
  return JSON.parse(result.stdout) as Notebook;
}

export function serialise(notebook: Notebook): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

export function notebookPath(name: string, kernel: Kernel): string {
  return join(NOTEBOOKS, kernel, `${name}.ipynb`);
}

function main(args: readonly string[]): number {
  const check = args.includes('--check');
  const only = args.find((a) => a.startsWith('--kernel='))?.slice('--kernel='.length);
  let stale = 0;
  for (const kernel of KERNELS.filter((k) => only === undefined || k === only)) {
    mkdirSync(join(NOTEBOOKS, kernel), { recursive: true });
    for (const name of sourceNames()) {
      const path = notebookPath(name, kernel);
      const fresh = generated(name, kernel);
      if (check) {
        const committed = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Notebook) : null;
        const same =
          committed !== null &&
          JSON.stringify(committed.cells.map((c) => c.source)) === JSON.stringify(fresh.cells.map((c) => c.source));
        if (!same) {
          stale++;
          process.stderr.write(`${kernel}/${name}.ipynb: cells differ from notebooks/src/${name}.ts\n`);
        }
        continue;
      }
      const started = Date.now();
      writeFileSync(path, serialise(stable(execute(fresh, kernel))));
      process.stdout.write(`${kernel}/${name}.ipynb executed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
