#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/main.js (built by `npm install` through the prepare script). The build
// also bundles it into dist/cli/bundle/main.js (scripts/bundle-cli.mjs: one file loads faster than some 200), used
// when it is at least as new as main.js: a main.js compiled again without bundling is never shadowed by an old bundle.
import { statSync } from 'node:fs';

const dist = new URL('../dist/cli/', import.meta.url);
const mtime = (name) => statSync(new URL(name, dist), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime('bundle/main.js') >= mtime('main.js') && mtime('main.js') >= 0;

import(bundled ? '../dist/cli/bundle/main.js' : '../dist/cli/main.js')
  .then((cli) => cli.main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main')) {
      process.stderr.write('cnibench: the package is not built; run `npm install` (or `npm run build`) first\n');
    } else {
      process.stderr.write(`cnibench: internal error: ${error && error.stack ? error.stack : error}\n`);
    }
    process.exitCode = 3;
  });
