/**
 * Lazy loading of vega and vega-lite. Their ESM builds use top-level await, so a static import would make the
 * whole package impossible to require() from tslab notebooks; every use goes through these functions.
 */
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';

let vegaModule: Promise<typeof Vega> | undefined;
let vegaLiteModule: Promise<typeof VegaLite> | undefined;

export function loadVega(): Promise<typeof Vega> {
  vegaModule ??= import('vega');
  return vegaModule;
}

export function loadVegaLite(): Promise<typeof VegaLite> {
  vegaLiteModule ??= import('vega-lite');
  return vegaLiteModule;
}
