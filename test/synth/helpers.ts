/** Test-side readers of what synth writes: an independent tar reader (not the ingest stage's), so tests can compare. */
import { gunzipSync } from 'node:zlib';
import type { KnbFile, KnbWorkDir } from '../../src/knb/index.js';

export interface TarMember {
  readonly name: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  readonly type: string;
  readonly uname: string;
  readonly magic: string;
  readonly content: string;
}

/** Walk the 512-byte headers of an uncompressed tar. */
export function readTar(tar: Uint8Array): TarMember[] {
  const buf = Buffer.from(tar.buffer, tar.byteOffset, tar.byteLength);
  const members: TarMember[] = [];
  let offset = 0;
  while (offset + 512 <= buf.length) {
    const h = buf.subarray(offset, offset + 512);
    if (h.every((b) => b === 0)) break;
    const text = (start: number, length: number): string =>
      h
        .subarray(start, start + length)
        .toString('latin1')
        .replace(/\0.*$/s, '');
    const size = parseInt(text(124, 12), 8);
    offset += 512;
    members.push({
      name: text(0, 100),
      mode: parseInt(text(100, 8), 8),
      uid: parseInt(text(108, 8), 8),
      gid: parseInt(text(116, 8), 8),
      mtime: parseInt(text(136, 12), 8),
      type: text(156, 1),
      uname: text(265, 32),
      magic: h.subarray(257, 265).toString('latin1'),
      content: buf.subarray(offset, offset + size).toString('latin1'),
    });
    offset += Math.ceil(size / 512) * 512;
  }
  return members;
}

/** A `.knbdata` archive back into a work directory. */
export function readKnbdata(bytes: Uint8Array): KnbWorkDir {
  const members = readTar(gunzipSync(bytes));
  const dir = members.find((m) => m.name === './');
  const files: KnbFile[] = members
    .filter((m) => m.name !== './')
    .map((m) => ({ name: m.name.replace(/^\.\//, ''), content: m.content, mtime: m.mtime }));
  return { files, mtime: dir?.mtime ?? 0 };
}

/** Replace files of a work directory (by name); `undefined` content keeps the file. */
export function editRun(run: KnbWorkDir, edit: (name: string, content: string) => string): KnbWorkDir {
  return { ...run, files: run.files.map((f) => ({ ...f, content: edit(f.name, f.content) })) };
}
