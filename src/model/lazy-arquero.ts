/**
 * The `arquero` package, loaded on first use. Tables are what notebooks and the library's table functions return,
 * but `cnibench ingest` and `cnibench report build` write their files without one (streamed from the observations):
 * loading arquero cost about 0.12 s of their start-up, before any file is read. It is required synchronously, from
 * its CommonJS build, only by code that makes a table.
 */
import { createRequire } from 'node:module';

let loaded: typeof import('arquero') | null = null;

/** The `arquero` module (the same instance on every call). */
export function arqueroModule(): typeof import('arquero') {
  loaded ??= createRequire(import.meta.url)('arquero') as typeof import('arquero');
  return loaded;
}
