/**
 * tslab notebooks compile cells to CommonJS: the figures stage must load with require(), which fails if any
 * module on its import graph statically imports vega or vega-lite (their ESM builds use top-level await).
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('require()', () => {
  it('loads src/figures without loading vega', () => {
    const script = [
      "const figures = require('./src/figures/index.ts');",
      'const loaded = Object.keys(require.cache).some((p) => /node_modules[\\\\/]vega(-lite)?[\\\\/]/.test(p));',
      'process.stdout.write(JSON.stringify({ paperGrid: typeof figures.paperGrid, loaded }));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ paperGrid: 'function', loaded: false });
  });
});
