/**
 * Access to the reference material in ../shared (knb corpus, paper facts, golden statistics).
 * It is not part of the project: on a user's clone it is absent and the tests that need it skip with a message;
 * in CI (CI=true) its absence is a failure, not a skip.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DIR = resolve(REPO_ROOT, '..', 'shared');
export const sharedAvailable = existsSync(join(SHARED_DIR, 'README.md'));
export const inCI = process.env['CI'] === 'true';

/** Absolute path of a file in ../shared, e.g. sharedPath('knb', 'corpus', 'SOURCES.md'). */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/**
 * `describe` for tests that read ../shared: skipped (with the reason in the name) where it is absent,
 * failing in CI where it must be present.
 */
export function describeShared(name: string, body: () => void): void {
  if (sharedAvailable) {
    describe(name, body);
  } else if (inCI) {
    describe(name, () => {
      it('needs ../shared (reference material), which is missing in CI', () => {
        throw new Error(`../shared not found at ${SHARED_DIR}; CI must run with shared/ beside the clone`);
      });
    });
  } else {
    // The body is never called: vitest runs a skipped describe's body to collect its tests, and these bodies read
    // ../shared at collection time. One skipped test says why, once per file.
    describe(name, () => {
      it.skip(`skipped: ../shared (the knb corpus, reference material) is not beside this clone (${SHARED_DIR})`);
    });
  }
}

/**
 * Require an external tool (chromium, pdftoppm, jupyter, iperf3): returns true when present; when absent, the
 * caller skips locally, and in CI this helper's companion test fails.
 */
export function toolAvailable(path: string): boolean {
  return existsSync(path);
}
