import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from '../../src/model/index.js';

describe('maxOf / minOf: Math.max / Math.min without one argument per value', () => {
  it('give what Math.max and Math.min give on small inputs, edge cases included', () => {
    const cases: number[][] = [[], [3], [1, -2, 7.5, 7.5], [-Infinity, Infinity], [0, -0], [-0, 0], [2, NaN, 5]];
    for (const values of cases) {
      expect(Object.is(maxOf(values), Math.max(...values))).toBe(true);
      expect(Object.is(minOf(values), Math.min(...values))).toBe(true);
    }
  });

  it('take a million values, where spreading them into Math.max overflows the stack', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => ((i * 7919) % 1_000_003) - 500_000);
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(maxOf(values)).toBe(values.reduce((a, b) => (b > a ? b : a)));
    expect(minOf(values)).toBe(values.reduce((a, b) => (b < a ? b : a)));
    expect(maxOf(new Set([4, 9, 1]))).toBe(9); // any iterable
  });
});
