import { describe, it, expect } from 'vitest';
import { incompleteBeta, incompleteBetaComplement } from '../../src/stats/dist/beta.js';
import { fSf } from '../../src/stats/dist/f.js';
import { logGamma } from '../../src/stats/dist/gamma.js';
import { normalQuantile, normalSf } from '../../src/stats/dist/normal.js';
import { tCdf, tQuantile, tSf, tTwoSidedP } from '../../src/stats/dist/t.js';
import { expectClose } from './close.js';

// Reference values: scipy 1.17.1 (scipy.stats.t / f / norm, scipy.special.betainc / gammaln).
describe('distributions', () => {
  it('log-gamma', () => {
    expectClose(logGamma(5), Math.log(24), 1e-14);
    expectClose(logGamma(0.1), 2.252712651734206, 1e-13);
    expectClose(logGamma(171.3), 708.1149470389971, 1e-14);
    expect(() => logGamma(0)).toThrow(RangeError);
  });

  it('regularised incomplete beta and its complement', () => {
    expectClose(incompleteBeta(0.5, 2, 3), 0.6875, 1e-14);
    expectClose(incompleteBetaComplement(0.5, 2, 3), 0.3125, 1e-14);
    expectClose(incompleteBeta(0.01, 2.5, 7.5), 0.0005569981844049886, 1e-12);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(() => incompleteBeta(1.5, 2, 3)).toThrow(RangeError);
  });

  it('Student t: quantiles, tails, CDF', () => {
    expectClose(tQuantile(0.975, 9), 2.262157162798205, 1e-12);
    expectClose(tQuantile(0.995, 3.5), 5.085702223091256, 1e-12);
    expectClose(tQuantile(0.025, 120), -1.9799304050824411, 1e-12);
    expectClose(tSf(40, 5), 9.205981085886477e-8, 1e-11);
    expect(tCdf(0, 7)).toBe(0.5);
    expectClose(tCdf(tQuantile(0.9, 4), 4), 0.9, 1e-13);
    expectClose(tTwoSidedP(2.262157162798205, 9), 0.05, 1e-12);
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
    expect(() => tTwoSidedP(1, 0)).toThrow(RangeError);
  });

  it('F upper tail', () => {
    expectClose(fSf(3, 2, 10), 0.09536743164062497, 1e-13);
    expectClose(fSf(0.5, 12, 180), 0.9127888066940065, 1e-12);
    expect(fSf(0, 3, 10)).toBe(1);
    expect(fSf(Infinity, 3, 10)).toBe(0);
  });

  it('normal tails and quantiles (far tails keep relative precision)', () => {
    expectClose(normalSf(8), 6.22096057427174e-16, 1e-12);
    expectClose(normalQuantile(0.975), 1.959963984540054, 1e-14);
    expectClose(normalQuantile(1e-10), -6.361340902404056, 1e-13);
    expect(normalSf(0)).toBe(0.5);
  });
});
