/**
 * Errors of the storage, not of cnibench: a full disk, a quota, a read-only file system, missing permissions. They
 * are reported with their meaning and the path (exit 2), never as "a bug in cnibench".
 */

/** errno codes of storage failures and their meaning (as strerror words them). */
export const STORAGE_ERRNO: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EFBIG: 'file too large',
  EIO: 'input/output error',
};

export interface StorageFailure {
  readonly code: string;
  readonly meaning: string;
  /** the path the failing call named (node:fs errors carry it), when known */
  readonly path: string | undefined;
}

/** The storage failure `error` is, or null when it is another kind of error. */
export function storageFailure(error: unknown): StorageFailure | null {
  const e = error as NodeJS.ErrnoException | null;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const meaning = code === undefined ? undefined : STORAGE_ERRNO[code];
  if (code === undefined || meaning === undefined) return null;
  return { code, meaning, path: typeof e?.path === 'string' ? e.path : undefined };
}
