/**
 * Build step (`npm run build`, after tsc and bundle-vega): the render workers' start-up snapshot.
 *  1. esbuild bundles dist/render/snapshot-entry.js and everything a worker runs (vega, vega-lite, pdfkit, fontkit,
 *     cnibench's figures stage) into one CommonJS file, dist/render/worker-snapshot.cjs: a snapshot's entry can
 *     require nothing but Node's own modules. resvg (a native binding) and svg-to-pdfkit stay out; the worker
 *     requires them at run time. vega-canvas is its browser build: no attempt to import the optional `canvas`
 *     package (a top-level await, which CommonJS cannot hold; without `canvas` both builds draw nothing with it).
 *  2. The CLI just compiled draws the figures of two small synthetic campaigns (the example's design at 3 runs a
 *     cell, and shape B's MTU levels at 1), specs only (`report build --formats none`): one figure of each kind of
 *     each, for the warm-up.
 *  3. `node --build-snapshot` runs that bundle (vega loaded; a small figure and those figures drawn, each also written
 *     as PDF and as glyph outlines) and saves the heap to dist/render/worker-snapshot.blob, with the V8 options the
 *     workers run with. The heap then holds the code of every kind of figure compiled: a worker's first figures pay
 *     less for compiling it. Measured on 2 cores, the A-shaped look-alike's 12 figures drawn by a pool of 2: workers'
 *     CPU 3.3-3.8 s against 3.6-4.4 s with the small figure only (4 alternating runs); the whole report build 3.51 vs
 *     3.59 s (medians of 6), the example's no different (4.36 vs 4.32 s). The blob grew from 25 to 30 MB: a worker
 *     is ready about 0.03 s later with 18 MB more resident. The build takes about 6 s more.
 *  4. dist/render/worker-snapshot.json says for which Node, platform, place and options it was built: the pool uses
 *     the snapshot only where all of them hold (render/pool.ts, renderSnapshot).
 * Measured on 2 cores: a worker started from the snapshot drew its first figure after ~0.3 s instead of ~0.5 s.
 * Without esbuild (a build without dev dependencies), or where building fails, there is no snapshot and the
 * workers load their modules as before; the build itself does not fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, relative } from 'node:path';
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

/**
 * Spec files (.vl.json) of one figure of each kind the report draws, on two synthetic designs, written under `scratch`
 * by the CLI just compiled; none (the warm-up's small figure only) where that fails, said on stderr.
 */
function warmUpFigures(scratch) {
  const cli = pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href;
  const runCli = (args) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const cli = await import(${JSON.stringify(cli)}); process.exitCode = await cli.main(process.argv.slice(1));`,
        ...args,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
    );
  const specs = [];
  for (const [name, shape, iterations] of [
    ['example', 'example', '3'],
    ['mtu', 'b', '1'],
  ]) {
    const campaign = join(scratch, name);
    const report = join(scratch, `${name}-report`);
    const steps = [
      ['fixtures', 'generate', campaign, '--shape', shape, '--seed', '7', '--iterations', iterations],
      ['report', 'build', campaign, '-o', report, '--formats', 'none', '-q'],
    ];
    for (const args of steps) {
      const result = runCli(args);
      if (result.status !== 0) {
        process.stderr.write(
          `build-render-snapshot: \`cnibench ${args.slice(0, 2).join(' ')}\` for the warm-up figures exited ` +
            `${result.status} (${(result.stderr ?? '').trim().split('\n').pop()}); the snapshot warms up on one small figure\n`,
        );
        return [];
      }
    }
    // one figure of each kind: a kind's figures differ only by their data (one per testbed or network here)
    const files = readdirSync(join(report, 'figures')).sort();
    for (const kind of FIGURE_KINDS) {
      const file = files.find((name) => name.startsWith(`${kind}-`) && name.endsWith('.vl.json'));
      if (file !== undefined) specs.push(join(report, 'figures', file));
    }
  }
  return specs;
}

const { RENDER_WORKER_V8_OPTIONS } = await import(pathToFileURL(join(dir, 'pool.js')).href);
const { FIGURE_KINDS } = await import(pathToFileURL(join(root, 'dist', 'model', 'index.js')).href);
const scratch = mkdtempSync(join(tmpdir(), 'cnibench-snapshot-warm-up-'));
let built;
let warmedOn = [];
try {
  warmedOn = warmUpFigures(scratch);
  built = spawnSync(
    process.execPath,
    [...RENDER_WORKER_V8_OPTIONS, '--snapshot-blob', files.blob, '--build-snapshot', files.bundle],
    {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      // read by render/snapshot-entry.ts while the snapshot is built
      env: { ...process.env, CNIBENCH_SNAPSHOT_WARM_UP: warmedOn.join(delimiter) },
    },
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
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
      // the figures the warm-up drew besides its small one (design/figure), for a look and for the tests
      warmUpFigures: warmedOn.map((file) => relative(scratch, file).replace(/-report\/figures\//, '/')),
    },
    null,
    2,
  )}\n`,
);
