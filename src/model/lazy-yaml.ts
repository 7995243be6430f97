/**
 * The `yaml` package, loaded on first use. Most campaigns have no YAML at all (archives, and campaign.yaml is
 * optional), and loading the parser costs about 45 ms of every process's start-up (a third of `cnibench ingest`'s
 * module loading): it is required synchronously, from its CommonJS build, only by code that reads YAML.
 */
import { createRequire } from 'node:module';

let loaded: typeof import('yaml') | null = null;

/** The `yaml` module (the same instance on every call). */
export function yamlModule(): typeof import('yaml') {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return loaded;
}
