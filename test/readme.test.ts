/**
 * The README's library example is run as written (only the package name is pointed at the sources), so the README
 * cannot drift from the API: a renamed function or option fails here.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from './helpers/shared.js';

describe('README', () => {
  it('library example runs against the current API', async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'README has a ```ts example').toBeDefined();
    const dir = join(REPO_ROOT, 'test', 'artifacts');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'readme-example.ts');
    const source = (block ?? '')
      .replace(/from 'cnibench'/g, "from '../../src/index.js'")
      .replace(/'fixtures\/example-campaign'/g, JSON.stringify(join(REPO_ROOT, 'fixtures', 'example-campaign')));
    writeFileSync(file, `${source}\nexport {};\n`);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import(pathToFileURL(file).href);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  }, 120_000);
});
