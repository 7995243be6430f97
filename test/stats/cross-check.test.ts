/**
 * An independent oracle: simple-statistics (a well-tested library with its own implementations) must agree with
 * cnibench's columnar statistics on random samples. cnibench does not call it at run time — its primitives work on
 * typed arrays grouped once per cell, which is what keeps a million observations under two seconds — so this test is
 * where the two implementations meet.
 */
import fc from 'fast-check';
import * as ss from 'simple-statistics';
import { describe as suite, expect, it } from 'vitest';
import type { Observation } from '../../src/model/observation.js';
import { describe } from '../../src/stats/describe.js';
import { studentT } from '../../src/stats/student-t.js';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function observations(values: readonly number[]): Observation[] {
  return values.map((value, i) => ({
    factors: { testbed: 'T', distribution: 'k8s', plugin: 'flannel' },
    iteration: i + 1,
    test: 'p2p',
    protocol: 'tcp',
    node: 'server',
    metric: 'ram',
    value,
    missing: null,
    provenance: { source: `x/${i + 1}.json`, format: 'json', knbVersion: '1.5.0', runName: null, date: null },
  }));
}

const sample = fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true }), {
  minLength: 2,
  maxLength: 40,
});

suite('cnibench statistics agree with simple-statistics', () => {
  it('describe: mean, sample variance and sd, median, min, max', () => {
    fc.assert(
      fc.property(sample, (values) => {
        const [cell] = describe(observations(values));
        expect(cell).toBeDefined();
        expect(close(cell!.mean!, ss.mean(values))).toBe(true);
        expect(close(cell!.variance!, ss.sampleVariance(values))).toBe(true);
        expect(close(cell!.sd!, ss.sampleStandardDeviation(values))).toBe(true);
        expect(close(cell!.median!, ss.median(values))).toBe(true);
        expect(cell!.min).toBe(ss.min(values));
        expect(cell!.max).toBe(ss.max(values));
      }),
      { numRuns: 300 },
    );
  });

  it("Student's t statistic equals simple-statistics' tTestTwoSample", () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const moments = (v: number[]) => ({ n: v.length, mean: ss.mean(v), variance: ss.sampleVariance(v) });
        const ours = studentT(moments(x), moments(y));
        const theirs = ss.tTestTwoSample(x, y, 0);
        if (ours === null || theirs === null || !Number.isFinite(theirs)) return;
        expect(close(ours.statistic, theirs)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
