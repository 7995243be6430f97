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

/**
 * Give vega and vega-lite to this stage instead of having it load them: a render worker started from a start-up
 * snapshot (render/snapshot-entry.ts) has them in its heap already, bundled with this module.
 */
export function provideVegaModules(provided: VegaModules): void {
  modules = Promise.resolve(provided);
}

/** How a package kept out of a bundle (resvg's native binding, svg-to-pdfkit) is loaded; see providePackageLoader. */
type PackageLoader = (name: string) => Promise<unknown>;

let packageLoader: PackageLoader = (name) => import(name);

/**
 * Load packages with this function instead of `import()`: a process started from a start-up snapshot has no
 * `import()` (Node gives it no module loader for that), only a `require` made at run time.
 */
export function providePackageLoader(loader: PackageLoader): void {
  packageLoader = loader;
}

/** A package that is loaded when first needed (its ES module namespace, or a CommonJS module's as import() gives it). */
export function loadPackage<T>(name: string): Promise<T> {
  return packageLoader(name) as Promise<T>;
}

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
