/** The installed package's root (where package.json named cnibench is), found from this module, never from cwd. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

export function packageRoot(): string {
  if (root !== null) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'cnibench') {
      root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cnibench package root not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** cnibench's version from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The bundled example campaign: `fixtures/example-campaign/` of the installed package. */
export function bundledCampaignDir(): string {
  return join(packageRoot(), 'fixtures', 'example-campaign');
}
