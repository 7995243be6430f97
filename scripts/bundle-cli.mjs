/**
 * Build step (`npm run build`, after tsc): the command line's own modules as one ES module,
 * dist/cli/bundle/main.js (with a chunk per lazily loaded part), which bin/cnibench.js runs when it is at least as new as dist/cli/main.js. cnibench's
 * modules are some 200 files: Node resolved, read and compiled each before `cnibench report build` read anything
 * (0.2 s of its start-up); the one file loads in about half that. Packages stay outside the bundle (loaded from
 * node_modules as before, most of them only when used), and so do the worker entries (render/worker.js,
 * ingest/parse-worker.js), which are files of their own.
 * Each module's `import.meta.url` becomes its own compiled file's URL, computed from the bundle's, so that files
 * found beside a module (workers, fonts, the vega bundle, the package root) are found where they are.
 * Without esbuild (a build without dev dependencies) there is no bundle, and bin/cnibench.js runs dist/cli/main.js.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importMetaUrlPlugin, loadEsbuild } from './esbuild-tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'cli', 'main.js');
// chunks of their own for what commands load when they run (esbuild's code splitting on dynamic imports): `cnibench
// --version` does not parse the report stage
const outdir = join(root, 'dist', 'cli', 'bundle');
rmSync(outdir, { recursive: true, force: true });

const esbuild = await loadEsbuild();
if (esbuild === null) {
  process.stderr.write('bundle-cli: esbuild is not installed; bin/cnibench.js runs dist/cli/main.js\n');
  process.exit(0);
}

try {
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    splitting: true,
    chunkNames: '[name]-[hash]',
    packages: 'external',
    plugins: [importMetaUrlPlugin(outdir, (path) => `new URL(${JSON.stringify(`./${path}`)}, import.meta.url).href`)],
    logLevel: 'error',
  });
} catch (error) {
  rmSync(outdir, { recursive: true, force: true });
  process.stderr.write(
    `bundle-cli: bundling failed (${error.message.split('\n')[0]}); bin/cnibench.js runs dist/cli/main.js\n`,
  );
}
