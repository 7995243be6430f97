import { describe, expect, it } from 'vitest';
import {
  csvNumber,
  decimalsFor,
  fixed,
  latexNum,
  pCell,
  pText,
  signedPct,
  significance,
} from '../../src/tables/numbers.js';

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
    expect(signedPct(14)).toBe('+14.0 %');
    expect(signedPct(-28.1)).toBe('\u221228.1 %');
    expect(signedPct(0.01)).toBe('0.0 %');
  });

  it('prints LaTeX numbers through siunitx with an ASCII minus', () => {
    expect(latexNum(-28.14, 1)).toBe('\\num{-28.1}');
    expect(latexNum(null, 1)).toBe('--');
  });

  it('prints p-values and marks as journals and benchstat do', () => {
    expect(pText(0.00002)).toBe('p < 0.001');
    expect(pText(0.0123)).toBe('p = 0.012');
    expect(pText(1)).toBe('p = 1');
    expect(pCell(0.0004)).toBe('<0.001');
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
