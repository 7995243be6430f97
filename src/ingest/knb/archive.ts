/** `.knbdata` archives (knb `-o data`): gzip'd tar of knb's work directory. */
import { gunzipSync } from 'node:zlib';
import { ingestMessages as msg } from '../../messages/ingest.js';
import type { ParsedKnb } from './run.js';
import { readTar, TarError } from './tar.js';
import { issueSink } from './values.js';
import { runFromWorkDir, type WorkDirOptions } from './workdir.js';

/**
 * Output chunk of the gunzip. knb's tar is 10 KB-blocked (50 KB for a typical run), so with zlib's default 16 KB chunks
 * gunzipSync fills four buffers and concatenates them: one 64 KB chunk holds the whole tar and is returned as is,
 * which makes the gunzip about a third cheaper. (Larger chunks cost more again: glibc maps buffers ≥ 128 KB afresh.)
 */
const GUNZIP_CHUNK = 64 * 1024;

/**
 * Parse a `.knbdata` archive. A truncated or corrupt gzip stream is rejected (error issue): the tar members
 * that would be readable are an arbitrary prefix of the run.
 */
export function parseArchive(bytes: Uint8Array, file: string, options: WorkDirOptions = {}): ParsedKnb {
  const sink = issueSink(file);
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes, { chunkSize: GUNZIP_CHUNK });
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
