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

function readString(bytes: Uint8Array, start: number, length: number): string {
  const limit = start + length;
  let end = bytes.indexOf(0, start);
  if (end < 0 || end > limit) end = limit;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** `ustar` at offset 257 (POSIX `ustar\0`, GNU `ustar `). */
function hasUstarMagic(bytes: Uint8Array, offset: number): boolean {
  const m = offset + 257;
  return (
    bytes[m] === 117 && bytes[m + 1] === 115 && bytes[m + 2] === 116 && bytes[m + 3] === 97 && bytes[m + 4] === 114
  );
}

/** Size field: octal digits (NUL/space terminated) or GNU base-256 when the high bit of the first byte is set. */
function readSize(bytes: Uint8Array, start: number): number {
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
      throw new TarError(`bad size field ${JSON.stringify(readString(bytes, start, 12))} (expected octal digits)`);
    }
  }
  return digits === 0 ? 0 : n;
}

function isZeroBlock(bytes: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + BLOCK; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Verify the header checksum (sum of header bytes with the checksum field read as spaces). */
function checksumOk(bytes: Uint8Array, offset: number): boolean {
  const stored = readString(bytes, offset + 148, 8).trim();
  if (!/^[0-7]+$/.test(stored)) return false;
  let sum = 0;
  const end = offset + BLOCK;
  for (let i = offset; i < end; i++) sum += bytes[i]!;
  // the checksum field itself counts as eight blanks
  for (let i = offset + 148; i < offset + 156; i++) sum -= bytes[i]!;
  return sum + 8 * 32 === parseInt(stored, 8);
}

function decodeUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * List the regular-file members of an uncompressed tar.
 * @throws TarError when a header is invalid or the archive ends inside a member (truncated)
 */
export function readTar(bytes: Uint8Array): TarMember[] {
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
    const type = String.fromCharCode(bytes[offset + 156]!);
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
    const data = bytes.subarray(dataStart, dataEnd);
    if (type === 'L') {
      longName = decodeUtf8(data).replace(/\0+$/, '');
    } else {
      if (type === '0' || type === '\0' || type === '7') {
        members.push({ name: stored.startsWith('./') ? stored.replace(/^(\.\/)+/, '') : stored, stored, data });
      }
      longName = null;
    }
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  return members;
}
