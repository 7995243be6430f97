/** Extracted knb work directories (a directory containing `env`, as `-fd` accepts; also what `knb -k` leaves). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedKnb } from './run.js';
import { issueSink } from './values.js';
import { runFromWorkDir, type WorkDirOptions } from './workdir.js';

export function isKnbDirectory(dir: string): boolean {
  try {
    return statSync(join(dir, 'env')).isFile();
  } catch {
    return false;
  }
}

/** Parse an extracted work directory. `file` is the path shown in messages (relative to the campaign). */
export function parseKnbDirectory(dir: string, file: string, options: WorkDirOptions = {}): ParsedKnb {
  const sink = issueSink(file);
  const names = new Set(readdirSync(dir));
  const cache = new Map<string, Uint8Array>();
  const run = runFromWorkDir(
    'directory',
    {
      get(name) {
        if (!names.has(name)) return undefined;
        let data = cache.get(name);
        if (!data) {
          try {
            data = readFileSync(join(dir, name));
          } catch {
            return undefined;
          }
          cache.set(name, data);
        }
        return data;
      },
      label: (name) => name,
    },
    sink,
    options,
  );
  return { file, format: 'directory', run, issues: sink.issues };
}
