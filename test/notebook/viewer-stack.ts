/**
 * The Vega stack that JupyterLab's Vega-Lite renderer (@jupyterlab/vega5-extension) and VS Code's notebook renderers
 * bundle: vega 5, vega-lite 5, vega-embed 6. It is its own small package (test/viewers/package.json, installed by
 * .ci/run with `npm ci --prefix test/viewers`) because vega-lite 5 declares vega 5 as a peer, which cannot sit beside
 * cnibench's vega 6 in one node_modules. Tests that need it skip locally when it is not installed and fail in CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/shared.js';

export const VIEWERS_MODULES = join(REPO_ROOT, 'test', 'viewers', 'node_modules');

/** Browser (UMD) builds, in load order: vega, vega-lite, vega-embed. */
export const VIEWER_SCRIPTS = [
  join(VIEWERS_MODULES, 'vega', 'build', 'vega.min.js'),
  join(VIEWERS_MODULES, 'vega-lite', 'build', 'vega-lite.min.js'),
  join(VIEWERS_MODULES, 'vega-embed', 'build', 'vega-embed.min.js'),
];

export const viewersInstalled = VIEWER_SCRIPTS.every(existsSync);

export function viewerVersion(name: 'vega' | 'vega-lite' | 'vega-embed'): string {
  return (JSON.parse(readFileSync(join(VIEWERS_MODULES, name, 'package.json'), 'utf8')) as { version: string }).version;
}
