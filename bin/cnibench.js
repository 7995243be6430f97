#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/main.js (built by `npm install` through the prepare script).
import('../dist/cli/main.js')
  .then((cli) => cli.main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
      process.stderr.write('cnibench: the package is not built; run `npm install` (or `npm run build`) first\n');
    } else {
      process.stderr.write(`cnibench: internal error: ${error && error.stack ? error.stack : error}\n`);
    }
    process.exitCode = 3;
  });
