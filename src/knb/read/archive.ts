/** `.knbdata` archives (knb `-o data`): gzip'd tar of knb's work directory. */
import { knbMessages as msg } from '../messages.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './files.js';
import { inflateSync, memberTooLarge, type Inflated } from './inflate.js';
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

export interface ArchiveOptions extends WorkDirOptions {
  /** size limits (default DEFAULT_READ_LIMITS) */
  readonly limits?: Pick<ReadLimits, 'maxFileSize' | 'maxUnpackedSize'>;
  /** the archive already gunzipped by the caller (inflateBounded), with its limits checked */
  readonly inflated?: Inflated;
}

/**
 * Parse a `.knbdata` archive. A truncated or corrupt gzip stream is rejected (error issue): the tar members
 * that would be readable are an arbitrary prefix of the run. An archive unpacking to more than the limits is rejected
 * without being inflated further.
 */
export function parseArchive(bytes: Uint8Array, file: string, options: ArchiveOptions = {}): ParsedKnb {
  const sink = issueSink(file);
  const inflated = options.inflated ?? inflateSync(bytes, options.limits ?? DEFAULT_READ_LIMITS);
  if (!inflated.ok) {
    sink.error(inflated.code, inflated.message);
    return { file, format: 'knbdata', run: null, issues: sink.issues };
  }
  const tar = inflated.tar;
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
  const maxFileSize = (options.limits ?? DEFAULT_READ_LIMITS).maxFileSize;
  for (const m of members) {
    if (m.data.length > maxFileSize) {
      const refusal = memberTooLarge(m.stored, m.data.length, { maxFileSize });
      if (!refusal.ok) sink.error(refusal.code, refusal.message);
      return { file, format: 'knbdata', run: null, issues: sink.issues };
    }
  }
  const run = runFromWorkDir('knbdata', new ArchiveMembers(members), sink, options);
  return { file, format: 'knbdata', run, issues: sink.issues };
}
