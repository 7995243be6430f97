/** `.knbdata` archives (knb `-o data`): gzip'd tar of knb's work directory. */
import { gunzipSync } from 'node:zlib';
import { ingestMessages as msg } from '../../messages/ingest.js';
import type { ParsedKnb } from './run.js';
import { readTar, TarError } from './tar.js';
import { issueSink } from './values.js';
import { runFromWorkDir, type WorkDirOptions } from './workdir.js';

/**
 * Parse a `.knbdata` archive. A truncated or corrupt gzip stream is rejected (error issue): the tar members
 * that would be readable are an arbitrary prefix of the run.
 */
export function parseArchive(bytes: Uint8Array, file: string, options: WorkDirOptions = {}): ParsedKnb {
  const sink = issueSink(file);
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    sink.error('gzip-truncated', msg.truncatedGzip(detail));
    return { file, format: 'knbdata', run: null, issues: sink.issues };
  }
  let members;
  try {
    members = readTar(tar);
  } catch (error) {
    if (error instanceof TarError) {
      sink.error('tar-invalid', error.member ? msg.truncatedTar(error.member) : msg.notTar(error.message));
      return { file, format: 'knbdata', run: null, issues: sink.issues };
    }
    throw error;
  }
  const byName = new Map<string, { stored: string; data: Uint8Array }>();
  for (const m of members) byName.set(m.name, m);
  const run = runFromWorkDir(
    'knbdata',
    {
      get: (name) => byName.get(name)?.data,
      label: (name) => byName.get(name)?.stored ?? `./${name}`,
    },
    sink,
    options,
  );
  return { file, format: 'knbdata', run, issues: sink.issues };
}
