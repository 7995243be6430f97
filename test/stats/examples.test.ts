// The @example lines of the JSDoc are promises: each is checked here, so the documentation cannot drift.
import { describe, it, expect } from 'vitest';
import { logBeta, logGamma } from '../../src/stats/dist/gamma.js';
import { normalSf, upperIncompleteGamma } from '../../src/stats/dist/normal.js';
import { fiellerRatio } from '../../src/stats/fieller.js';
import { hedgesG } from '../../src/stats/hedges-g.js';
import { cellKey } from '../../src/stats/keys.js';
import { mean } from '../../src/stats/mean.js';
import { adjustP, bh, holm } from '../../src/stats/p-adjust.js';
import { tukeyOutliers } from '../../src/stats/outliers.js';
import { quantileType7Sorted } from '../../src/stats/quantile-type7.js';
import { mulberry32 } from '../../src/model/random.js';
import { sampleVariance, sumOfSquaredDeviations } from '../../src/stats/sample-variance.js';
import { studentT } from '../../src/stats/student-t.js';
import { tInterval } from '../../src/stats/t-interval.js';
import { welchDf, welchT } from '../../src/stats/welch-t.js';
import { expectClose } from './close.js';

describe('JSDoc examples', () => {
  it('hold as written', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleVariance([1, 2, 3, 4])).toBe(1.6666666666666667);
    expect(sumOfSquaredDeviations([1, 2, 3, 4])).toBe(5);
    expect(quantileType7Sorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(tukeyOutliers([1, 2, 3, 4, 100], 2, 4)).toEqual([4]);
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    expect(bh([0.01, 0.04, 0.03])).toEqual([0.03, 0.04, 0.04]);
    expect(adjustP([0.01, 0.04], 'holm')).toEqual([0.02, 0.04]);
    expectClose(logGamma(5), 3.1780538303479458, 1e-14);
    expectClose(logBeta(2, 3), Math.log(1 / 12), 1e-14);
    expectClose(upperIncompleteGamma(1, 1), Math.exp(-1), 1e-14);
    expectClose(normalSf(1.959963984540054), 0.025, 1e-13);
    expect(mulberry32(1)()).toBe(0.6270739405881613);
    const w = welchT({ n: 3, mean: 2, variance: 1 }, { n: 3, mean: 5, variance: 1 })!;
    expectClose(w.statistic, -3.674234614174767, 1e-12);
    expect(welchDf({ n: 3, mean: 0, variance: 1 }, { n: 3, mean: 0, variance: 1 })).toBe(4);
    expect(studentT({ n: 3, mean: 2, variance: 1 }, { n: 3, mean: 5, variance: 1 })!.df).toBe(4);
    expectClose(hedgesG({ n: 3, mean: 5, variance: 1 }, { n: 3, mean: 2, variance: 1 }), 2.4, 1e-15);
    const ci = tInterval(10, 1, 9, 0.95)!;
    expectClose(ci.lo, 7.737842837201796, 1e-13);
    const ratio = fiellerRatio({ n: 10, mean: 110, variance: 25 }, { n: 10, mean: 100, variance: 25 }, 0.95)!;
    expectClose(ratio.lo, 1.0517901054361036, 1e-12);
    expectClose(ratio.hi, 1.1506402067169939, 1e-12);
    expect(
      cellKey(['plugin'], { plugin: 'calico' }, { test: 'idle', protocol: null, node: 'server', metric: 'ram' }),
    ).toBe('plugin=calico|idle|-|server|ram');
  });
});
