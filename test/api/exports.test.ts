/**
 * The public surface, pinned: the root's export list and each stage subpath's, compared with a committed snapshot, so
 * that a name added to or dropped from the API is a decision seen in review, not an accident of `export *`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.js';

const STAGES = readdirSync(join(REPO_ROOT, 'src'))
  .filter((name) => statSync(join(REPO_ROOT, 'src', name)).isDirectory() && name !== 'cli')
  .sort();

async function exportedNames(entry: string): Promise<string[]> {
  const module = (await import(entry)) as Record<string, unknown>;
  return Object.keys(module).sort();
}

describe('public API', () => {
  it('the root exports the names a notebook needs, no more (about 25)', async () => {
    const names = await exportedNames('../../src/index.js');
    expect(names.length).toBeLessThanOrEqual(30);
    for (const internal of ['cFixed2', 'jsonForScript', 'podName', 'EXIT', 'writeKnbdata', 'welchT']) {
      expect(names).not.toContain(internal);
    }
    await expect(JSON.stringify(names, null, 1) + '\n').toMatchFileSnapshot('./snapshots/root.json');
  });

  it.each(STAGES)('cnibench/%s exports what its snapshot lists', async (stage) => {
    const names = await exportedNames(`../../src/${stage}/index.js`);
    expect(names.length).toBeGreaterThan(0);
    await expect(JSON.stringify(names, null, 1) + '\n').toMatchFileSnapshot(`./snapshots/${stage}.json`);
  });

  it('package.json maps a subpath to every stage and to nothing else', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const subpaths = Object.keys(pkg.exports)
      .filter((k) => k !== '.' && k !== './package.json')
      .map((k) => k.slice(2))
      .sort();
    expect(subpaths).toEqual(STAGES);
  });

  it('the built package resolves its subpaths by name, with import and with require', () => {
    const script = [
      "const root = require('cnibench');",
      "const stats = require('cnibench/stats');",
      "if (typeof root.analyse !== 'function' || typeof stats.welchT !== 'function') process.exit(3);",
      "import('cnibench/knb').then((knb) => { if (typeof knb.parseKnb !== 'function') process.exit(4); });",
    ].join('\n');
    const result = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
