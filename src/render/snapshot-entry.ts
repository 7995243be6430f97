/**
 * Entry of a render worker's start-up snapshot (built by scripts/build-render-snapshot.mjs, after tsc; never
 * imported). A snapshot is a V8 heap saved after this module ran: vega and vega-lite loaded, the DejaVu fonts parsed,
 * a small figure and one figure of each kind the report draws drawn, and written as PDF. A worker started from it (`node --snapshot-blob`, see pool.ts) skips loading,
 * compiling and warming up, which cost each worker about half a second of CPU while the main process was ingesting.
 *
 * The bundle this is built into holds every module a worker runs except resvg's native binding and svg-to-pdfkit,
 * which are required at run time from the package's own node_modules: a process started from a snapshot has no
 * `import()`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter } from 'node:path';
import v8 from 'node:v8';
// static imports here only: this module is never imported, only bundled, and the snapshot must hold vega loaded
// eslint-disable-next-line no-restricted-imports
import * as vega from 'vega';
// eslint-disable-next-line no-restricted-imports
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
// the fontkit pdfkit uses (one copy in the bundle); see fontkit.d.ts
import * as fontkit from 'fontkit';
import { provideFontEngine, providePackageLoader, provideVegaModules } from '../figures/index.js';
import { RENDER_WORKER_MARKER, serveRenderTasks, warmUpForSnapshot, type WorkerStep } from './worker.js';

if (v8.startupSnapshot.isBuildingSnapshot()) {
  provideVegaModules({ vega, vegaLite });
  provideFontEngine(fontkit);
  // figures of every kind the report draws (their spec files, made by the build script): their code is compiled now
  const figures = (process.env['CNIBENCH_SNAPSHOT_WARM_UP'] ?? '')
    .split(delimiter)
    .filter((file) => file !== '')
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as TopLevelSpec);
  // the snapshot is taken once this has run and nothing is left to do; a failure fails the build (no snapshot)
  warmUpForSnapshot(figures).catch((error: unknown) => {
    process.stderr.write(
      `render snapshot: warm-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    // argv: node, the bundle's own path (the module the pool forks), the marker, the step
    const [, bundle, marker, step] = process.argv;
    if (bundle === undefined || marker !== RENDER_WORKER_MARKER || typeof process.send !== 'function') {
      process.stderr.write('cnibench: a render worker snapshot runs only as a worker of the render pool\n');
      process.exit(2);
    }
    const runtimeRequire = createRequire(bundle);
    providePackageLoader((name) => {
      // a CommonJS module as import() would give it: its exports, and those exports again as `default`
      const exports = runtimeRequire(name) as Record<string, unknown>;
      return Promise.resolve({ ...exports, default: exports });
    });
    const workerStep: WorkerStep = step === 'convert' ? 'convert' : 'svg';
    serveRenderTasks(workerStep, process.send.bind(process), 'snapshot');
  });
}
