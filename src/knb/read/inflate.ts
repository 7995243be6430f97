/**
 * Bounded gunzip of `.knbdata` archives. A gzip bomb (1 MB of gzip holding 1 GiB of zeros) must not be inflated
 * whole: the output is limited to `maxUnpackedSize`, and no tar member may be larger than `maxFileSize`.
 *
 * Two ways: `inflateSync` (one call, output capped by zlib's maxOutputLength: memory at most the limit), for parseKnb
 * on one file; `inflateBounded` for a campaign, which tries the same one-call gunzip with a small cap (a knb archive
 * unpacks to tens of kB) and, only when that is exceeded, streams the archive in 64 kB chunks, reading the tar
 * headers as they come: a member declaring more than the file size limit stops the inflate at its header, and
 * output after the tar's end block is counted, not kept.
 */
import { createGunzip, gunzipSync } from 'node:zlib';
import { knbMessages as msg } from '../messages.js';
import { bytesInWords, type ReadLimits } from './files.js';
import { TarError, tarHeaderAt } from './tar.js';

export type Inflated =
  { readonly ok: true; readonly tar: Buffer } | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Output chunk of the gunzip. knb's tar is 10 KB-blocked (50 KB for a typical run), so with zlib's default 16 KB chunks
 * gunzipSync fills four buffers and concatenates them: one 64 KB chunk holds the whole tar and is returned as is,
 * which makes the gunzip about a third cheaper. (Larger chunks cost more again: glibc maps buffers ≥ 128 KB afresh.)
 */
export const GUNZIP_CHUNK = 64 * 1024;

/** The one-call cap of inflateBounded: far above a knb archive, small enough to cost nothing when exceeded. */
const QUICK_CAP = 4 * 1024 * 1024;

const BLOCK = 512;

type Limits = Pick<ReadLimits, 'maxFileSize' | 'maxUnpackedSize'>;

function tooLarge(limits: Limits): Inflated {
  return { ok: false, code: 'unpacked-too-large', message: msg.unpackedTooLarge(bytesInWords(limits.maxUnpackedSize)) };
}

function isTooLarge(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

function corrupt(error: unknown): Inflated {
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, code: 'gzip-truncated', message: msg.truncatedGzip(detail) };
}

/** A member name as it may appear in a message: knb's names only (letters, digits, `._-/`), else none. */
function printableName(name: string): string | null {
  return /^[A-Za-z0-9._/-]{1,100}$/.test(name) ? name : null;
}

export function memberTooLarge(name: string, size: number, limits: Pick<ReadLimits, 'maxFileSize'>): Inflated {
  return {
    ok: false,
    code: 'member-too-large',
    message: msg.memberTooLarge(printableName(name), bytesInWords(size), bytesInWords(limits.maxFileSize)),
  };
}

/** Gunzip in one call, at most `maxUnpackedSize` bytes of output (zlib stops there). */
export function inflateSync(bytes: Uint8Array, limits: Limits): Inflated {
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes, { chunkSize: GUNZIP_CHUNK, maxOutputLength: limits.maxUnpackedSize });
  } catch (error) {
    return isTooLarge(error) ? tooLarge(limits) : corrupt(error);
  }
  // the members' sizes are checked by parseArchive, on the tar it reads anyway
  return { ok: true, tar };
}

/**
 * The tar headers of a stream of chunks, read as soon as a whole header has arrived. Keeps the chunks up to the tar's
 * end block; `feed` returns a refusal as soon as a header declares a member over the limit.
 */
class TarHeaderScanner {
  readonly chunks: Buffer[] = [];
  kept = 0;
  ended = false;
  private nextHeader = 0;
  private readonly block = Buffer.alloc(BLOCK);
  constructor(private readonly limits: Limits) {}

  /** Copy the 512 bytes at `offset` (which may span chunks) into `this.block`. */
  private copyBlock(offset: number): void {
    let start = 0;
    let filled = 0;
    for (const chunk of this.chunks) {
      const end = start + chunk.length;
      if (end > offset + filled && filled < BLOCK) {
        const from = offset + filled - start;
        const n = Math.min(chunk.length - from, BLOCK - filled);
        chunk.copy(this.block, filled, from, from + n);
        filled += n;
      }
      start = end;
      if (filled === BLOCK) return;
    }
  }

  feed(chunk: Buffer): Inflated | null {
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (!this.ended && this.nextHeader + BLOCK <= this.kept) {
      this.copyBlock(this.nextHeader);
      let header;
      try {
        header = tarHeaderAt(this.block, 0);
      } catch (error) {
        if (!(error instanceof TarError)) throw error;
        // not a tar: readTar reports it; nothing after this header is needed to say so
        this.ended = true;
        break;
      }
      if (header === null) {
        this.ended = true;
        break;
      }
      if (header.size > this.limits.maxFileSize) return memberTooLarge(header.name, header.size, this.limits);
      this.nextHeader += BLOCK + Math.ceil(header.size / BLOCK) * BLOCK;
    }
    return null;
  }
}

/** Streamed gunzip with the checks above; the output after the tar's end block is counted, not kept. */
async function inflateStreaming(bytes: Uint8Array, limits: Limits): Promise<Inflated> {
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK });
  const scanner = new TarHeaderScanner(limits);
  let total = 0;
  gunzip.end(bytes);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.maxUnpackedSize) {
        gunzip.destroy();
        return tooLarge(limits);
      }
      if (scanner.ended) continue;
      const refusal = scanner.feed(chunk);
      if (refusal) {
        gunzip.destroy();
        return refusal;
      }
    }
  } catch (error) {
    return corrupt(error);
  }
  return { ok: true, tar: Buffer.concat(scanner.chunks, scanner.kept) };
}

/** Gunzip an archive for a campaign: one call when it is small (every knb archive), streamed when it is not. */
export async function inflateBounded(bytes: Uint8Array, limits: Limits): Promise<Inflated> {
  const cap = Math.min(QUICK_CAP, limits.maxUnpackedSize);
  try {
    // the members' sizes are checked by parseArchive, on the tar it reads anyway
    return { ok: true, tar: gunzipSync(bytes, { chunkSize: GUNZIP_CHUNK, maxOutputLength: cap }) };
  } catch (error) {
    if (!isTooLarge(error)) return corrupt(error);
    if (cap === limits.maxUnpackedSize) return tooLarge(limits);
  }
  return inflateStreaming(bytes, limits);
}
