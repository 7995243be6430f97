/**
 * Names from the plan (testbed, distribution, plugin, extra factor levels) become directory names, knb's `--name`
 * and log file names. They are validated before anything runs: no path separators, no `..`, no control characters,
 * no shell metacharacters (they are never given to a shell, but a name like `a;rm -rf b` is a mistake worth
 * catching), no leading dash (it would read as an option).
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { runnerMessages as msg } from './messages.js';

/** Longest accepted name: a directory name must stay well below NAME_MAX (255 bytes). */
export const MAX_NAME_LENGTH = 100;

/** Characters allowed in names besides letters and digits (Unicode letters are allowed). */
const ALLOWED = /^[\p{L}\p{N}._+@=:, -]+$/u;

/**
 * Why `value` is not a safe name, or null when it is.
 * @example unsafeNameReason('../x') // 'it contains a path separator (/ or \\)'
 */
export function unsafeNameReason(value: string): string | null {
  if (value.length === 0 || value.trim().length === 0) return msg.nameEmpty();
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) return msg.nameControl();
  if (value.includes('/') || value.includes('\\')) return msg.nameSeparator();
  if (value === '.' || value.includes('..')) return msg.nameDots();
  if (value.startsWith('.')) return msg.nameHidden();
  if (value.startsWith('-')) return msg.nameLeadingDash();
  if (value.length > MAX_NAME_LENGTH) return msg.nameTooLong(MAX_NAME_LENGTH);
  if (!ALLOWED.test(value)) {
    const bad = [...new Set([...value].filter((c) => !ALLOWED.test(c)))].map((c) => JSON.stringify(c)).join(' ');
    return msg.nameShell(bad);
  }
  return null;
}

/** True when `path` (absolute or relative to `dir`) lies inside `dir` (or is `dir`). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(dir, path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
