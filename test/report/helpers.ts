/** Shared helpers of the report tests: golden files and a small hand-made figure. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ReportFigure } from '../../src/report/build.js';

export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/**
 * Compare `actual` with golden/<name>.golden (a suffix no formatter touches): written on the first run; on a mismatch
 * `<name>.got.golden` is written beside it (git-ignored as `*.got.*`) for review and the test fails.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, `${name}.golden`);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  const got = join(GOLDEN_DIR, `${name}.got.golden`);
  if (expected !== actual) writeFileSync(got, actual);
  expect(actual, `golden ${name} differs; see ${got}`).toBe(expected);
}

/** A tiny figure whose title and data hold hostile labels. */
export function hostileFigure(id = 'bars'): ReportFigure {
  return {
    id,
    title: 'Bars of <script>alert(1)</script> & 50%_\\&',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 200,
      height: 100,
      data: {
        values: [
          { plugin: '<script>alert(1)</script>', v: 1 },
          { plugin: '50%_\\&', v: 2 },
        ],
      },
      mark: 'bar',
      encoding: { x: { field: 'plugin', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
    },
  };
}
