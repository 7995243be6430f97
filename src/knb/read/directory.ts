/** Extracted knb work directories (a directory containing `env`, as `-fd` accepts; also what `knb -k` leaves). */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { knbMessages as msg } from '../messages.js';
import { campaignFs, checkLink, DEFAULT_READ_LIMITS, errorCode, readRegularFile, type ReadLimits } from './files.js';
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

/**
 * Parse an extracted work directory. `file` is the path shown in messages (relative to the campaign). Members are read
 * as campaign files are: regular files only, within the size limit, links out of the campaign only when allowed
 * (`reading.rootReal`: the campaign's real path; default the directory's own). A member that cannot be read so is an
 * error naming it.
 */
export function parseKnbDirectory(
  dir: string,
  file: string,
  options: WorkDirOptions = {},
  reading: Partial<ReadLimits> & { rootReal?: string } = {},
): ParsedKnb {
  const sink = issueSink(file);
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...reading };
  let names: Set<string>;
  try {
    names = new Set(campaignFs.readdir(dir).map((d) => d.name));
  } catch (error) {
    sink.error('unreadable-directory', msg.unreadableDirectory(errorCode(error)));
    return { file, format: 'directory', run: null, issues: sink.issues };
  }
  const rootReal = reading.rootReal ?? campaignFs.realpath(dir);
  const cache = new Map<string, Uint8Array>();
  const run = runFromWorkDir(
    'directory',
    {
      get(name) {
        if (!names.has(name)) return undefined;
        let data = cache.get(name);
        if (!data) {
          const abs = join(dir, name);
          let isLink = false;
          try {
            isLink = campaignFs.lstat(abs).isSymbolicLink();
          } catch {
            isLink = false;
          }
          if (isLink) {
            const link = checkLink(abs, rootReal, limits);
            if (!link.ok) {
              sink.member(name).error(link.code, link.message);
              names.delete(name);
              return undefined;
            }
          }
          const read = readRegularFile(abs, limits.maxFileSize);
          if (!read.ok) {
            sink.member(name).error(read.code, read.message);
            names.delete(name);
            return undefined;
          }
          data = read.bytes;
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
