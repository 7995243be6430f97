import { describe, expect, it } from 'vitest';
import { awkNumber } from '../../src/knb/write/c-format.js';
import fc from 'fast-check';
import { cFixed, cFixed2, cGeneral, cInt } from '../../src/knb/c-printf.js';

describe('cFixed (C printf %.Nf, glibc rounding)', () => {
  it('rounds exact binary ties half to even, unlike toFixed', () => {
    expect(cFixed(0.125, 2)).toBe('0.12');
    expect((0.125).toFixed(2)).toBe('0.13');
    expect(cFixed(0.375, 2)).toBe('0.38');
    expect(cFixed(2.5, 0)).toBe('2');
    expect(cFixed(3.5, 0)).toBe('4');
  });
  it('rounds the exact value of the double (2.675 is 2.67499…)', () => {
    expect(cFixed(2.675, 2)).toBe('2.67');
    expect(cFixed(1.005, 2)).toBe('1.00');
  });
  it('formats ordinary values, zero, negatives and large numbers', () => {
    expect(cFixed(0, 2)).toBe('0.00');
    expect(cFixed(4.9, 2)).toBe('4.90');
    expect(cFixed(-0.004, 2)).toBe('-0.00');
    expect(cFixed(9823.6, 0)).toBe('9824');
    expect(cFixed(0.0049999, 2)).toBe('0.00');
  });
  it('agrees with toFixed away from ties', () => {
    for (let i = 0; i < 2000; i++) {
      const x = (i * 7.3193) % 97;
      const exact = cFixed(x, 2);
      // toFixed and C differ only at exact binary ties, which these values are not
      if (!Number.isInteger(x * 800)) expect(exact).toBe(x.toFixed(2));
    }
  });
});

describe('cInt, cGeneral, awkNumber', () => {
  it('truncates like %d', () => {
    expect(cInt(694.9)).toBe('694');
    expect(cInt(-0.5)).toBe('0');
  });
  it('prints %.2g like iperf3 loss percentages', () => {
    expect(cGeneral(27.3, 2)).toBe('27');
    expect(cGeneral(2.2, 2)).toBe('2.2');
    expect(cGeneral(0, 2)).toBe('0');
    expect(cGeneral(0.51, 2)).toBe('0.51');
  });
  it('reads fields like awk (empty → 0)', () => {
    expect(awkNumber('0.63')).toBe(0.63);
    expect(awkNumber('')).toBe(0);
    expect(awkNumber(undefined)).toBe(0);
    expect(awkNumber('1598481193\r')).toBe(1598481193);
  });
});

describe('cFixed2 (the fast path ingest uses) equals cFixed(x, 2)', () => {
  it('for any double, ties included', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.integer({ min: -8_000_000, max: 8_000_000 }).map((k) => k / 8),
        ),
        (x) => {
          expect(cFixed2(x)).toBe(cFixed(x, 2));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
