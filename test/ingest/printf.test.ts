import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cFixed2, cInt } from '../../src/knb/c-printf.js';
import { knbAverage } from '../../src/knb/read/workdir.js';

describe('cFixed2: C printf %.2f', () => {
  it('rounds exact binary ties to even, as glibc does (toFixed rounds them up)', () => {
    expect(cFixed2(0.125)).toBe('0.12');
    expect(cFixed2(0.375)).toBe('0.38');
    expect(cFixed2(0.625)).toBe('0.62');
    expect(cFixed2(0.875)).toBe('0.88');
    expect(cFixed2(2.125)).toBe('2.12');
    expect((0.125).toFixed(2)).toBe('0.13');
  });

  it('rounds the exact double value otherwise (2.675 is 2.67499999…)', () => {
    expect(cFixed2(2.675)).toBe('2.67');
    expect(cFixed2(1.005)).toBe('1.00');
    expect(cFixed2(0.48 + 0.0 + 0.33 + 0.27 + 0.0)).toBe('1.08');
    expect(cFixed2(0)).toBe('0.00');
    expect(cFixed2(12.5)).toBe('12.50');
  });

  it('agrees with toFixed everywhere except exact ties', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (x) => {
        const tie = Number.isInteger(x * 8) && !Number.isInteger(x * 4);
        if (!tie) expect(cFixed2(x)).toBe(x.toFixed(2));
      }),
    );
  });

  it('cInt truncates toward zero like %d of a double', () => {
    expect(cInt(688.9)).toBe('688');
    expect(cInt(-1.5)).toBe('-1');
  });
});

describe('knbAverage: knb averaging of a .metrics file', () => {
  it('prints the mean per column (%.2f) and truncated ram (%d) and the record count', () => {
    const rows = [
      [0.35, 0, 0.31, 0.04, 0, 2989, 1],
      [0.52, 0, 0.38, 0, 0, 2988, 2],
      [0.08, 0, 0.08, 0.1, 0, 2989, 3],
      [0.27, 0, 0.23, 0, 0, 2987, 4],
      [0.44, 0, 0.33, 0.17, 0, 3002, 5],
      [0.1, 0, 0.06, 0.02, 0, 2987, 6],
      [0.79, 0, 0.46, 0.88, 0, 3002, 7],
      [0.34, 0, 0.28, 11.11, 0, 3000, 8],
    ];
    // the fork's ./knb-client-custom-p2p-17290-client.avg line
    expect(knbAverage(rows)!.join(' ')).toBe('0.36 0.00 0.27 1.54 0.00 2993 8');
  });

  it('returns null without records (knb writes only the header)', () => {
    expect(knbAverage([])).toBeNull();
  });
});
