import { expect } from 'vitest';

/**
 * Relative closeness: |a − b| ≤ rel · max(|a|, |b|) + abs. One tolerance helper for every numeric check.
 * The golden values come from SciPy 1.10 / statsmodels 0.13 (test/data/golden-scipy.json, copied from shared/stats/golden.json).
 */
export function expectClose(actual: number | null | undefined, expected: number, rel = 1e-9, abs = 0): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  const a = actual as number;
  const tolerance = rel * Math.max(Math.abs(a), Math.abs(expected)) + abs;
  if (!(Math.abs(a - expected) <= tolerance)) {
    throw new Error(`expected ${a} to be within ${tolerance} (rel ${rel}) of ${expected}`);
  }
}
