/**
 * Lazy loading of vega and vega-lite. Their ESM builds use top-level await, so a static import would make the
 * whole package impossible to require() from tslab notebooks; every use goes through these functions.
 * Both come from dist/figures/vega-bundle.js when the build made it (scripts/bundle-vega.mjs: one file instead of
 * some 400 modules, a render worker ready about 0.17 s sooner), else from their packages. Either way both come from
 * the same place, so that what one is given (text metrics) the other uses.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';

interface VegaModules {
  readonly vega: typeof Vega;
  readonly vegaLite: typeof VegaLite;
}

/** Beside this module once compiled; never beside the TypeScript sources (tests load the packages). */
const BUNDLE = new URL('./vega-bundle.js', import.meta.url);

let modules: Promise<VegaModules> | undefined;

function loadModules(): Promise<VegaModules> {
  modules ??= existsSync(fileURLToPath(BUNDLE))
    ? (import(BUNDLE.href) as Promise<VegaModules>)
    : Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({ vega, vegaLite }));
  return modules;
}

export async function loadVega(): Promise<typeof Vega> {
  return (await loadModules()).vega;
}

export async function loadVegaLite(): Promise<typeof VegaLite> {
  return (await loadModules()).vegaLite;
}
