/**
 * `(cd $DATADIR; tar -czf - .)` as GNU tar and gzip write it on the Linux hosts knb ran on (FORMATS.md §6):
 * GNU "oldgnu" headers (magic `ustar  \0`), owner root/root (uid/gid 0), modes 0700 for the `mktemp -d` directory
 * and 0644 for the files, the `./` entry first, 10240-byte records, and a gzip header whose MTIME is the moment the
 * archive was written. Everything is derived from the work directory, so the bytes are deterministic.
 */
import { gzipSync } from 'node:zlib';
import type { KnbWorkDir } from './types.js';

const BLOCK = 512;
/** GNU tar's default blocking factor 20 × 512. */
const RECORD = 10240;

function octal(value: number, width: number): string {
  // numeric fields: zero-padded octal, width-1 digits, NUL-terminated
  return value.toString(8).padStart(width - 1, '0');
}

function header(name: string, options: { mode: number; size: number; mtime: number; type: '0' | '5' }): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const put = (text: string, offset: number): void => {
    for (let i = 0; i < text.length; i++) block[offset + i] = text.charCodeAt(i) & 0xff;
  };
  if (name.length > 100) throw new RangeError(`tar member name longer than 100 bytes: ${name}`);
  put(name, 0);
  put(octal(options.mode, 8), 100);
  put(octal(0, 8), 108); // uid root
  put(octal(0, 8), 116); // gid root
  put(octal(options.size, 12), 124);
  put(octal(options.mtime, 12), 136);
  put(' '.repeat(8), 148); // checksum placeholder, as the sum is computed with spaces
  put(options.type, 156);
  put('ustar  \0', 257); // GNU magic + version (oldgnu)
  put('root', 265);
  put('root', 297);
  let sum = 0;
  for (const byte of block) sum += byte;
  // GNU tar writes the checksum as 6 octal digits, NUL, space
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

/** The uncompressed tar stream of a work directory (member names `./`, `./env`, …). */
export function writeTar(run: KnbWorkDir): Uint8Array {
  const chunks: Uint8Array[] = [header('./', { mode: 0o700, size: 0, mtime: run.mtime, type: '5' })];
  const encoder = new TextEncoder();
  for (const file of run.files) {
    const data = encoder.encode(file.content);
    chunks.push(header(`./${file.name}`, { mode: 0o644, size: data.length, mtime: file.mtime, type: '0' }));
    const padded = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
    padded.set(data);
    chunks.push(padded);
  }
  chunks.push(new Uint8Array(2 * BLOCK)); // end-of-archive marker
  const length = chunks.reduce((n, c) => n + c.length, 0);
  const total = Math.ceil(length / RECORD) * RECORD;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * The `.knbdata` archive knb's `-o data` writes: gzip'd tar of the work directory. Deterministic: zlib level 6 (gzip's
 * default) and the gzip MTIME set to the directory's mtime (the moment tar ran), OS byte 3 (Unix).
 */
export function writeKnbdata(run: KnbWorkDir): Uint8Array {
  const gz = gzipSync(writeTar(run), { level: 6 });
  const out = new Uint8Array(gz.buffer, gz.byteOffset, gz.byteLength).slice();
  new DataView(out.buffer).setUint32(4, run.mtime >>> 0, true);
  out[9] = 3;
  return out;
}
