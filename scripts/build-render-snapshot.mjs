/**
 * Build step (`npm run build`, after tsc and bundle-vega): the render workers' start-up snapshot.
 *  1. esbuild bundles dist/render/snapshot-entry.js and everything a worker runs (vega, vega-lite, pdfkit, fontkit,
 *     cnibench's figures stage) into one CommonJS file, dist/render/worker-snapshot.cjs: a snapshot's entry can
 *     require nothing but Node's own modules. resvg (a native binding) and svg-to-pdfkit stay out; the worker
 *     requires them at run time. vega-canvas is its browser build: no attempt to import the optional `canvas`
 *     package (a top-level await, which CommonJS cannot hold; without `canvas` both builds draw nothing with it).
 *  2. `node --build-snapshot` runs that bundle (vega loaded, one figure drawn, one PDF written) and saves the heap
 *     to dist/render/worker-snapshot.blob, with the V8 options the workers run with.
 *  3. dist/render/worker-snapshot.json says for which Node, platform, place and options it was built: the pool uses
 *     the snapshot only where all of them hold (render/pool.ts, renderSnapshot).
 * Measured on 2 cores: a worker started from the snapshot drew its first figure after ~0.3 s instead of ~0.5 s.
 * Without esbuild (a build without dev dependencies), or where building fails, there is no snapshot and the
 * workers load their modules as before; the build itself does not fail.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importMetaUrlPlugin, loadEsbuild } from './esbuild-tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'dist', 'render');
const files = {
  entry: join(dir, 'snapshot-entry.js'),
  bundle: join(dir, 'worker-snapshot.cjs'),
  blob: join(dir, 'worker-snapshot.blob'),
  info: join(dir, 'worker-snapshot.json'),
};
const removeAll = () => {
  for (const f of [files.bundle, files.blob, files.info]) rmSync(f, { force: true });
};
const giveUp = (why) => {
  removeAll();
  process.stderr.write(`build-render-snapshot: ${why}; the render workers load their modules instead\n`);
  process.exit(0);
};
removeAll();

const esbuild = await loadEsbuild();
if (esbuild === null) giveUp('esbuild is not installed');

const require = createRequire(import.meta.url);
try {
  await esbuild.build({
    entryPoints: [files.entry],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: files.bundle,
    // a snapshot has no import(): dynamic imports inside the bundle become lazy requires of bundled modules
    supported: { 'dynamic-import': false },
    external: ['@resvg/resvg-js', 'svg-to-pdfkit'],
    alias: {
      'vega-canvas': require.resolve('vega-canvas').replace(/vega-canvas\.node\.js$/, 'vega-canvas.browser.js'),
    },
    // each module's import.meta.url, through a helper of the bundle's own (see banner): a module may name a local
    // variable `require`
    plugins: [importMetaUrlPlugin(dir, (path) => `__cnibenchFileUrl(${JSON.stringify(path)})`)],
    banner: {
      js: 'var __cnibenchFileUrl = (path) => require("node:url").pathToFileURL(require("node:path").join(__dirname, path)).href;',
    },
    legalComments: 'eof',
    logLevel: 'error',
  });
} catch (error) {
  giveUp(`bundling failed (${error.message.split('\n')[0]})`);
}

const { RENDER_WORKER_V8_OPTIONS } = await import(pathToFileURL(join(dir, 'pool.js')).href);
const built = spawnSync(
  process.execPath,
  [...RENDER_WORKER_V8_OPTIONS, '--snapshot-blob', files.blob, '--build-snapshot', files.bundle],
  { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
);
if (built.status !== 0)
  giveUp(`node --build-snapshot exited ${built.status}: ${built.stderr.trim().split('\n').pop()}`);
writeFileSync(
  files.info,
  `${JSON.stringify(
    {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      bundle: files.bundle,
      v8Options: RENDER_WORKER_V8_OPTIONS,
    },
    null,
    2,
  )}\n`,
);
