import { describe, it, expect } from 'vitest';
import { formatInterval, formatNumber, formatP, formatPct, significanceMark } from '../../src/present/number.js';

const NB = '\u00a0';

describe('formatNumber', () => {
  it.each([
    [649.302, '649'],
    [12.345, '12.3'],
    [0.012345, '0.0123'],
    [-0.012345, '−0.0123'],
    [9.996, '10.0'],
    [0.9996, '1.00'],
    [0, '0'],
    [123456.7, '123457'],
    [-28, '−28.0'],
    [NaN, '?'],
    [Infinity, '∞'],
    [-Infinity, '−∞'],
    [null, '–'],
  ])('%s → %s', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });

  it('signed and fixed decimals', () => {
    expect(formatNumber(3.14159, { decimals: 2, signed: true })).toBe('+3.14');
    expect(formatNumber(-0.001, { decimals: 2 })).toBe('0.00'); // no "−0.00"
    expect(formatNumber(1234.5, { significant: 6 })).toBe('1234.50');
  });
});

describe('formatPct', () => {
  it.each([
    [-28.3, `−28${NB}%`],
    [6.44, `+6.4${NB}%`],
    [0.52, `+0.52${NB}%`],
    [9.96, `+10${NB}%`],
    [0, `0${NB}%`],
    [14, `+14${NB}%`],
    [null, '–'],
  ])('%s → %s', (value, expected) => {
    expect(formatPct(value)).toBe(expected);
  });

  it('options: unsigned, ASCII space, bare', () => {
    expect(formatPct(28.3, { signed: false, space: ' ' })).toBe('28 %');
    expect(formatPct(-6, { bare: true })).toBe('−6.0');
  });
});

describe('formatP', () => {
  it.each([
    [0.0001, 'p < 0.001'],
    [0.001, 'p = 0.001'],
    [0.0123, 'p = 0.012'],
    [0.05, 'p = 0.050'],
    [0.31, 'p = 0.31'],
    [0.995, 'p > 0.99'],
    [null, 'p = ?'],
  ])('%s → %s', (value, expected) => {
    expect(formatP(value)).toBe(expected);
  });

  it('without prefix', () => {
    expect(formatP(0.0004, { prefix: false })).toBe('< 0.001');
  });
});

describe('formatInterval and significanceMark', () => {
  it('intervals', () => {
    expect(formatInterval({ lo: -31.2, hi: -24.8 }, { pct: true })).toBe(`−31${NB}% to −25${NB}%`);
    expect(formatInterval({ lo: 639.42, hi: 659.18 })).toBe('639 to 659');
    expect(formatInterval(null)).toBe('–');
    expect(formatInterval({ lo: 1, hi: 2 }, { separator: ' … ' })).toBe('1.00 … 2.00');
  });

  it('benchstat marks: ~ when not significant, stars by adjusted p otherwise', () => {
    expect(significanceMark({ significant: false, pAdjusted: 0.3 })).toBe('~');
    expect(significanceMark({ significant: false, pAdjusted: null })).toBe('?');
    expect(significanceMark({ significant: true, pAdjusted: 0.02 })).toBe('*');
    expect(significanceMark({ significant: true, pAdjusted: 0.005 })).toBe('**');
    expect(significanceMark({ significant: true, pAdjusted: 1e-6 })).toBe('***');
  });
});
