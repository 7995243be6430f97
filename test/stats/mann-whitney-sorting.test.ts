import { describe, it, expect } from 'vitest';
import { mannWhitneyU } from '../../src/stats/mann-whitney.js';
import { mulberry32 } from '../../src/model/random.js';

/** U of x by counting pairs (ties count one half): the definition, with no sorting at all. */
function uByPairs(x: readonly number[], y: readonly number[]): number {
  let u = 0;
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
  return u;
}

describe('mannWhitneyU sorting into reused buffers', () => {
  it('gives U by pair counting on both sides of the insertion-sort size, whatever the order of calls', () => {
    const random = mulberry32(11);
    // sizes up and down across 32 (insertion sort) / 33+ (typed sort), so a buffer is reused after a larger sample
    const sizes = [40, 3, 33, 1, 32, 60, 7, 31, 34, 2];
    for (const nx of sizes) {
      for (const ny of [...sizes].reverse()) {
        // few distinct values: many ties; some -0 next to 0
        const draw = (): number => (random() < 0.1 ? -0 : Math.round(random() * 12) / 2);
        const x = Array.from({ length: nx }, draw);
        const y = Array.from({ length: ny }, draw);
        const before = [[...x], [...y]];
        const result = mannWhitneyU(x, y);
        expect(result?.u).toBe(uByPairs(x, y));
        // the inputs are left as they were (sorting happens on copies), and a repeated call gives the same answer
        expect([x, y]).toEqual(before);
        expect(mannWhitneyU(x, y)).toEqual(result);
      }
    }
  });
});

describe('mannWhitneyU with NaN', () => {
  it('rejects it instead of ranking it (NaN has no rank)', () => {
    expect(() => mannWhitneyU([1, Number.NaN, 3], [2, 4])).toThrow(/NaN/);
    expect(() => mannWhitneyU([1, 3], [Number.NaN])).toThrow(/NaN/);
  });
});
