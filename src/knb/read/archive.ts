/** `.knbdata` archives (knb `-o data`): gzip'd tar of knb's work directory. */
import { gunzipSync } from 'node:zlib';
import { knbMessages as msg } from '../messages.js';
import type { ParsedKnb } from './run.js';
import { readTar, TarError, type TarMember } from './tar.js';
import { issueSink } from './values.js';
import { runFromWorkDir, type WorkDirOptions, type WorkDirSource } from './workdir.js';

/**
 * The members of an archive by name. A class rather than an object of closures: the project runs under tsx, whose
 * esbuild transform names each closure created at run time (a defineProperty call per archive and closure).
 */
class ArchiveMembers implements WorkDirSource {
  private readonly byName = new Map<string, TarMember>();
  constructor(members: readonly TarMember[]) {
    for (const m of members) this.byName.set(m.name, m);
  }
  get(name: string): Uint8Array | undefined {
    return this.byName.get(name)?.data;
  }
  label(name: string): string {
    return this.byName.get(name)?.stored ?? `./${name}`;
  }
}

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
  const run = runFromWorkDir('knbdata', new ArchiveMembers(members), sink, options);
  return { file, format: 'knbdata', run, issues: sink.issues };
}
