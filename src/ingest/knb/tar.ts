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
  let end = start;
  const limit = start + length;
  while (end < limit && bytes[end] !== 0) end++;
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Size field: octal digits (NUL/space terminated) or GNU base-256 when the high bit of the first byte is set. */
function readSize(bytes: Uint8Array, start: number): number {
  if ((bytes[start]! & 0x80) !== 0) {
    let n = bytes[start]! & 0x7f;
    for (let i = start + 1; i < start + 12; i++) n = n * 256 + bytes[i]!;
    return n;
  }
  const text = readString(bytes, start, 12).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarError(`bad size field ${JSON.stringify(text)} (expected octal digits)`);
  return parseInt(text, 8);
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
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : bytes[offset + i]!;
  return sum === parseInt(stored, 8);
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
    if (!checksumOk(bytes, offset)) {
      throw new TarError(`invalid tar header at byte ${offset} (checksum mismatch)`);
    }
    const type = String.fromCharCode(bytes[offset + 156]!);
    let name = readString(bytes, offset, 100);
    const magic = readString(bytes, offset + 257, 6);
    if (magic.startsWith('ustar')) {
      const prefix = readString(bytes, offset + 345, 155);
      if (prefix !== '' && !magic.startsWith('ustar ')) name = `${prefix}/${name}`;
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
        members.push({ name: stored.replace(/^(\.\/)+/, ''), stored, data });
      }
      longName = null;
    }
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  return members;
}
