import { describe, expect, it } from 'vitest';
import { csvNumber, writeCsvNumber } from '../../src/model/index.js';

const bytes = Buffer.alloc(40);

/** writeCsvNumber's bytes as text, written at offset 3 between guard bytes (`x`) that must stay untouched. */
function written(value: number | null | undefined): string {
  bytes.fill(120);
  const end = writeCsvNumber(bytes, 3, value);
  const text = bytes.toString('latin1', 3, end);
  return bytes[2] === 120 && bytes[end] === 120 ? text : `${text} (wrote outside its bytes)`;
}

/** A seeded linear congruential generator in [0, 1). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('writeCsvNumber', () => {
  it('writes exactly what csvNumber returns for every hundredth in ±20,000 and integer in ±2,000,000', () => {
    const mismatches: string[] = [];
    for (let k = -2_000_000; k <= 2_000_000; k++) {
      for (const v of [k / 100, k]) if (written(v) !== csvNumber(v)) mismatches.push(`${v}: ${written(v)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('writes exactly what csvNumber returns for random values of every magnitude, rounded or not', () => {
    const random = seeded(7);
    const mismatches: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const x = (random() - 0.5) * 10 ** (Math.floor(random() * 26) - 9);
      for (const v of [x, Math.round(x * 100) / 100, Number(x.toFixed(2)), Math.round(x), Math.round(x * 10) / 10]) {
        if (written(v) !== csvNumber(v)) mismatches.push(`${v}: ${written(v)} vs ${csvNumber(v)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('leaves the edge cases to String: ties, tiny and huge values, missing ones', () => {
    const cases = [0, -0, 0.1 + 0.2, 1.005, 1e-7, 5e-324, 999_999_999.99, 1e9, 1e21, 2 ** 53, Number.MAX_VALUE, -1.5];
    for (const v of cases) expect(written(v)).toBe(csvNumber(v));
    expect(written(0.30000000000000004)).toBe('0.30000000000000004');
    expect(written(-0)).toBe('0');
    expect(written(12.5)).toBe('12.5');
    expect(written(885)).toBe('885');
    for (const v of [null, undefined, NaN, Infinity, -Infinity]) expect(written(v)).toBe('');
  });
});
