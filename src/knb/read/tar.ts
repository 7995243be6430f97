/**
 * A small reader for the POSIX/GNU tar archives knb writes (`tar -czf - .`): 512-byte headers, octal sizes,
 * ustar prefixes and GNU long names. Only regular files are returned; directories and links are skipped.
 */

export interface TarMember {
  /** name without a leading `./` (e.g. `env`, `knb-client-idle-6542.bw`) */
  readonly name: string;
  /** name as stored (e.g. `./env`), for messages */
  readonly stored: string;
  /** the member's bytes (a view into the archive, not a copy) */
  readonly data: Uint8Array;
}

export class TarError extends Error {
  constructor(
    message: string,
    readonly member?: string,
  ) {
    super(message);
    this.name = 'TarError';
  }
}

const BLOCK = 512;
/** type flags (header byte 156): `0` regular file (old tars: NUL), `7` contiguous file, `L` GNU long name */
const TYPE_FILE = 48;
const TYPE_CONTIGUOUS = 55;
const TYPE_LONG_NAME = 76;

/** A NUL-terminated header field as latin1 (tar names are bytes; latin1 keeps every byte as one character). */
function readString(bytes: Buffer, start: number, length: number): string {
  const limit = start + length;
  // a plain loop: Buffer#indexOf goes through a native binding, costly for fields of a few dozen bytes
  let end = start;
  while (end < limit && bytes[end] !== 0) end++;
  return bytes.toString('latin1', start, end);
}

/** `ustar` at offset 257 (POSIX `ustar\0`, GNU `ustar `). */
function hasUstarMagic(bytes: Uint8Array, offset: number): boolean {
  const m = offset + 257;
  return (
    bytes[m] === 117 && bytes[m + 1] === 115 && bytes[m + 2] === 116 && bytes[m + 3] === 97 && bytes[m + 4] === 114
  );
}

/** Size field: octal digits (NUL/space terminated) or GNU base-256 when the high bit of the first byte is set. */
function readSize(bytes: Buffer, start: number): number {
  if ((bytes[start]! & 0x80) !== 0) {
    let n = bytes[start]! & 0x7f;
    for (let i = start + 1; i < start + 12; i++) n = n * 256 + bytes[i]!;
    return n;
  }
  // octal digits, optionally led by blanks/zeros and ended by NUL or blank
  let i = start;
  const end = start + 12;
  while (i < end && bytes[i] === 32) i++;
  let n = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 48 && c <= 55) {
      n = n * 8 + (c - 48);
      digits++;
    } else break;
  }
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c !== 0 && c !== 32) {
      // the field's bytes are not quoted: they may be anything but a tar header
      throw new TarError(`bad size field in the header at byte ${start - 124} (expected octal digits)`);
    }
  }
  return digits === 0 ? 0 : n;
}

function isZeroBlock(bytes: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + BLOCK; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * What a 512-byte header block at `offset` declares: null for the zero block that ends an archive, else the member's
 * size and stored name (for streaming readers that must refuse a huge member before inflating it).
 * @throws TarError when the size field is not a number
 */
export function tarHeaderAt(bytes: Buffer, offset: number): { size: number; name: string } | null {
  if (isZeroBlock(bytes, offset)) return null;
  return { size: readSize(bytes, offset + 124), name: readString(bytes, offset, 100) };
}

/** Verify the header checksum (sum of header bytes with the checksum field read as spaces). */
function checksumOk(bytes: Buffer, offset: number): boolean {
  const stored = readString(bytes, offset + 148, 8).trim();
  if (!/^[0-7]+$/.test(stored)) return false;
  let sum = 0;
  const end = offset + BLOCK;
  for (let i = offset; i < end; i++) sum += bytes[i]!;
  // the checksum field itself counts as eight blanks
  for (let i = offset + 148; i < offset + 156; i++) sum -= bytes[i]!;
  return sum + 8 * 32 === parseInt(stored, 8);
}

/** `./env` → `env` (knb archives `.`, so every name starts with `./`; `././x` is stripped too). */
function withoutDotSlash(stored: string): string {
  let i = 0;
  while (stored.charCodeAt(i) === 46 && stored.charCodeAt(i + 1) === 47) i += 2;
  return i === 0 ? stored : stored.slice(i);
}

/**
 * List the regular-file members of an uncompressed tar.
 * @throws TarError when a header is invalid or the archive ends inside a member (truncated)
 */
export function readTar(archive: Uint8Array): TarMember[] {
  // one Buffer view for the whole archive: its latin1 decoding and subarray views need no wrapper per member
  const bytes = Buffer.isBuffer(archive)
    ? archive
    : Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const members: TarMember[] = [];
  let offset = 0;
  let longName: string | null = null;
  while (offset + BLOCK <= bytes.length) {
    if (isZeroBlock(bytes, offset)) break;
    const ustar = hasUstarMagic(bytes, offset);
    // The gzip CRC already protects the bytes; the header checksum (a 512-byte sum, the costliest step of reading a
    // 3.5 KB archive) is verified only for old v7 headers, which have no `ustar` magic to recognise them by.
    if (!ustar && !checksumOk(bytes, offset)) {
      throw new TarError(`invalid tar header at byte ${offset} (no ustar magic, checksum mismatch)`);
    }
    const type = bytes[offset + 156]!;
    let name = readString(bytes, offset, 100);
    // POSIX ustar (`ustar\0`) may split long names into prefix/name; GNU (`ustar `) uses that space otherwise
    if (ustar && bytes[offset + 262] === 0 && bytes[offset + 345] !== 0) {
      name = `${readString(bytes, offset + 345, 155)}/${name}`;
    }
    const size = readSize(bytes, offset + 124);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    const stored = longName ?? name;
    if (dataEnd > bytes.length) throw new TarError(`archive ends inside member ${stored}`, stored);
    if (type === TYPE_LONG_NAME) {
      // a path is at most 4096 bytes (PATH_MAX); a longer "name" is not one tar wrote for a file
      if (size > 4096) throw new TarError(`a GNU long name of ${size} bytes at byte ${offset} (at most 4096 expected)`);
      longName = bytes.toString('utf8', dataStart, dataEnd).replace(/\0+$/, '');
    } else {
      if (type === TYPE_FILE || type === 0 || type === TYPE_CONTIGUOUS) {
        members.push({ name: withoutDotSlash(stored), stored, data: bytes.subarray(dataStart, dataEnd) });
      }
      longName = null;
    }
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  return members;
}
