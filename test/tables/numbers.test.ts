import { describe, expect, it } from 'vitest';
import {
  boundText,
  csvNumber,
  decimalsFor,
  fixed,
  latexNum,
  latexP,
  latexPct,
  pCell,
  pText,
  signedPct,
  signedPoints,
  significance,
  significantText,
} from '../../src/present/table-numbers.js';
import { formatInterval, formatNumber, formatP, formatPct } from '../../src/present/number.js';

describe('number display', () => {
  it('chooses decimals for three significant digits', () => {
    expect(decimalsFor(9690.3)).toBe(0);
    expect(decimalsFor(597.3)).toBe(0);
    expect(decimalsFor(25.31)).toBe(1);
    expect(decimalsFor(0.742)).toBe(3);
    expect(decimalsFor(0.0001234)).toBe(4);
  });

  it('uses the typographic minus and never prints -0', () => {
    expect(fixed(-28.14, 1)).toBe('\u221228.1');
    expect(fixed(-0.01, 1)).toBe('0.0');
    expect(fixed(null, 1)).toBe('–');
    expect(fixed(Number.NaN, 1)).toBe('–');
    expect(signedPct(14)).toBe('+14\u00a0%');
    expect(signedPct(-28.1)).toBe('\u221228\u00a0%');
    expect(signedPct(6.44)).toBe('+6.4\u00a0%');
    expect(signedPct(0.001)).toBe('0.00\u00a0%');
    expect(signedPoints(-11.2)).toBe('\u221211\u00a0pp');
    expect(signedPct(null)).toBe('–');
  });

  it('rounds every number as the sentences do (src/format), in text and in LaTeX', () => {
    for (const x of [-45.04, -28.14, -6.449, -0.52, 0.004, 0.995, 9.95, 14.04, 123.456]) {
      expect(signedPct(x)).toBe(formatPct(x));
      expect(latexPct(x)).toBe(`\\num{${formatPct(x, { bare: true }).replace('\u2212', '-')}}`);
      expect(significantText(x)).toBe(formatNumber(x, { significant: 3 }));
    }
    // an interval bound in a table cell reads as in a sentence's "95 % CI lo to hi"
    const ci = { lo: -29.5, hi: -26.5 };
    expect(formatInterval(ci, { pct: true })).toBe(`${boundText(ci.lo)}\u00a0% to ${boundText(ci.hi)}\u00a0%`);
    for (const p of [0.00002, 0.0123, 0.0996, 0.31, 0.995]) {
      expect(`p ${/[<>]/.test(pCell(p)) ? '' : '= '}${pCell(p)}`).toBe(formatP(p));
    }
  });

  it('prints LaTeX numbers through siunitx with an ASCII minus', () => {
    expect(latexNum(-28.14, 1)).toBe('\\num{-28.1}');
    expect(latexNum(null, 1)).toBe('--');
  });

  it('prints p-values and marks as journals and benchstat do', () => {
    expect(pText(0.00002)).toBe('p < 0.001');
    expect(pText(0.0123)).toBe('p = 0.012');
    expect(pText(0.31)).toBe('p = 0.31');
    expect(pText(1)).toBe('p > 0.99');
    expect(pCell(0.0004)).toBe('< 0.001');
    expect(pCell(0.31)).toBe('0.31');
    expect(latexP(0.0004)).toBe('\\num{<0.001}');
    expect(significance(0.0004, 0.05)).toBe('***');
    expect(significance(0.004, 0.05)).toBe('**');
    expect(significance(0.04, 0.05)).toBe('*');
    expect(significance(0.2, 0.05)).toBe('~');
    expect(significance(null, 0.05)).toBe('?');
  });

  it('keeps full precision in CSV', () => {
    expect(csvNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvNumber(null)).toBe('');
    expect(csvNumber(-0)).toBe('0');
  });
});
