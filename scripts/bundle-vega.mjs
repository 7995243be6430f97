/**
 * Build step (`npm run build`, after tsc): vega and vega-lite as one ES module, dist/figures/vega-bundle.js, which
 * figures/load.ts loads when it is there. Their packages are some 400 small modules (vega's d3 dependencies among
 * them): Node resolves, reads and compiles each, which took a render worker 0.23–0.26 s before it could draw, against
 * 0.07 s for the one bundled file (the same code; the SVGs are byte-identical, tested). Without esbuild (a build
 * without dev dependencies) nothing is bundled and the packages are loaded as before.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEsbuild } from './esbuild-tools.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'figures', 'vega-bundle.js');

const esbuild = await loadEsbuild();
if (esbuild === null) {
  // an old bundle would not match the vega now installed
  rmSync(outfile, { force: true });
  process.stderr.write('bundle-vega: esbuild is not installed; the render workers load vega from its packages\n');
  process.exit(0);
}
if (!existsSync(dirname(outfile))) mkdirSync(dirname(outfile), { recursive: true });
await esbuild.build({
  stdin: {
    contents: "export * as vega from 'vega';\nexport * as vegaLite from 'vega-lite';\n",
    resolveDir: root,
    sourcefile: 'vega-bundle-entry.js',
    loader: 'js',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile,
  // the licences of vega, vega-lite and d3 stay with their code, gathered at the end of the file
  legalComments: 'eof',
  logLevel: 'warning',
});
