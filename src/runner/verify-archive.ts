/**
 * An archive is verified before it enters the layout: knb can exit 0 with a truncated `.knbdata` (its `tar` killed
 * while `gzip` still closed the stream properly, or the disk filling up), and a file in the layout means "complete".
 * The whole file is read through zlib (which checks the gzip CRC-32 and length trailer) and the tar headers are
 * walked (ingest's reader: header checksums, member sizes within the archive) up to the end-of-archive blocks.
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readTar } from '../knb/index.js';
import { runnerMessages as msg } from './messages.js';

/** Largest archive accepted, compressed and uncompressed: a knb archive is kilobytes to a few megabytes. */
export const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

const BLOCK = 512;

function zeroBlock(bytes: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + BLOCK; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Why the archive at `path` is not a complete knb archive, or null when it is. */
export function archiveProblem(path: string): string | null {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return msg.noArchive(path);
  }
  if (size === 0) return msg.noArchive(path);
  if (size > MAX_ARCHIVE_BYTES) return msg.archiveTooLarge(path, MAX_ARCHIVE_BYTES);
  const bytes = readFileSync(path);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return msg.notAnArchive(path);
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes, { maxOutputLength: MAX_ARCHIVE_BYTES });
  } catch (error) {
    return msg.brokenGzip(path, (error as Error).message);
  }
  try {
    const members = readTar(tar);
    if (members.length === 0) return msg.brokenTar(path, 'it holds no file');
  } catch (error) {
    return msg.brokenTar(path, (error as Error).message);
  }
  // a tar cut at a member boundary reads as complete: the two zero blocks that end an archive must be there
  if (tar.length < 2 * BLOCK || tar.length % BLOCK !== 0 || !zeroBlock(tar, tar.length - BLOCK)) {
    return msg.brokenTar(path, 'it lacks the end-of-archive blocks (truncated)');
  }
  return null;
}
