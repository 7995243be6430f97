/**
 * Reading campaign files defensively: only regular files are opened (a FIFO would block forever, a device such as
 * /dev/zero never ends), never more than a size limit, and a symbolic link whose real path leads out of the campaign
 * is read only when the user allows it. Every refusal is a value (code and message), never an exception, so that the
 * ledger can account for the file and ingest goes on.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { sep } from 'node:path';
import { knbMessages as msg } from '../messages.js';

/** Default limits: knb archives are tens of kB, reports a few kB; these leave two orders of magnitude of room. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;
export const DEFAULT_MAX_UNPACKED_SIZE = 256 * 1024 * 1024;

export interface ReadLimits {
  /** largest file (and archive member) read, in bytes */
  readonly maxFileSize: number;
  /** largest decompressed content of one archive, in bytes */
  readonly maxUnpackedSize: number;
  /** read symbolic links whose real path is outside the campaign directory */
  readonly followSymlinksOutside: boolean;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  maxUnpackedSize: DEFAULT_MAX_UNPACKED_SIZE,
  followSymlinksOutside: false,
};

/**
 * The file-system calls the walk and the reader make, as one object: tests replace a method to inject the errors a
 * root user cannot provoke with chmod (EACCES on a directory).
 */
export const campaignFs = {
  readdir: (path: string): Dirent[] => readdirSync(path, { withFileTypes: true }),
  realpath: (path: string): string => realpathSync.native(path),
  lstat: (path: string): Stats => lstatSync(path),
};

export type ReadRefusal = { readonly ok: false; readonly code: string; readonly message: string };
export type ReadOutcome = { readonly ok: true; readonly bytes: Uint8Array } | ReadRefusal;

/** What a non-regular file is, in words. */
export function fileKind(stats: Stats): string {
  if (stats.isFIFO()) return 'named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isSocket()) return 'socket';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symbolic link';
  return 'special file';
}

/** Whether `path` (a real path) is `root` (a real path) or inside it. */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The error code of a file-system error (ENOENT, EACCES, ...), or its message. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/** Bytes in words: `67108864 bytes (64 MiB)`. */
export function bytesInWords(n: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = '';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return unit === '' ? `${n} bytes` : `${n} bytes (${Number.isInteger(value) ? value : value.toFixed(1)} ${unit})`;
}

function refuse(code: string, message: string): ReadRefusal {
  return { ok: false, code, message };
}

/**
 * Where a symbolic link leads, checked against the campaign: its real path when it may be read, else the refusal.
 * @param rootReal the campaign directory's real path
 */
export function checkLink(
  abs: string,
  rootReal: string,
  limits: Pick<ReadLimits, 'followSymlinksOutside'>,
): { ok: true; target: string } | ReadRefusal {
  let target: string;
  try {
    target = campaignFs.realpath(abs);
  } catch (error) {
    return refuse('dangling-symlink', msg.danglingSymlink(errorCode(error)));
  }
  if (!isInside(rootReal, target) && !limits.followSymlinksOutside) {
    return refuse('symlink-outside', msg.symlinkOutside(target));
  }
  return { ok: true, target };
}

/**
 * Read one regular file, at most `maxFileSize` bytes. The file is opened non-blocking (a FIFO swapped in after the
 * listing does not block the open) and checked on its descriptor, so what is read is what was checked.
 */
export function readRegularFile(abs: string, maxFileSize: number): ReadOutcome {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = errorCode(error);
    return code === 'ENOENT'
      ? refuse('vanished', msg.vanished(code))
      : refuse('unreadable-file', msg.unreadableFile(code));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse('not-regular-file', msg.notRegularFile(fileKind(stats)));
    const limit = bytesInWords(maxFileSize);
    if (stats.size > maxFileSize) return refuse('file-too-large', msg.fileTooLarge(bytesInWords(stats.size), limit));
    // the size can change while reading: the buffer holds one byte more than the file had, to notice growth
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, maxFileSize) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxFileSize) {
          return refuse('file-too-large', msg.fileTooLarge(`more than ${bytesInWords(maxFileSize)}`, limit));
        }
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxFileSize + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) return { ok: true, bytes: buffer.subarray(0, length) };
      length += n;
    }
  } catch (error) {
    return refuse('unreadable-file', msg.unreadableFile(errorCode(error)));
  } finally {
    closeSync(fd);
  }
}
