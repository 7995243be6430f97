// Drift statistics: Mann–Kendall and Theil–Sen against SciPy (reference/drift-reference.json, made by
// reference/drift_reference.py), and the campaign-level records on in-memory datasets whose run times are known.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FactorInfo } from '../../src/model/dataset.js';
import type { Observation } from '../../src/model/observation.js';
import { analyse } from '../../src/stats/analyse.js';
import { comparisonDriftRisk } from '../../src/stats/drift.js';
import { knbDateSeconds, secondsToKnbDate } from '../../src/stats/drift-time.js';
import { kendallS, mannKendall } from '../../src/stats/mann-kendall.js';
import { mulberry32, normalGenerator } from '../../src/model/random.js';
import { orderStatistics, roundHalfEven, select, sortedPairSlopes, theilSen } from '../../src/stats/theil-sen.js';
import { datasetOf } from '../helpers/dataset.js';
import { expectClose } from './close.js';

interface ReferenceCase {
  name: string;
  x: number[];
  y: number[];
  level: number;
  tau: number;
  p: number;
  slope: number;
  intercept: number;
  lo: number;
  hi: number;
}
const reference = JSON.parse(readFileSync(new URL('reference/drift-reference.json', import.meta.url), 'utf8')) as {
  cases: ReferenceCase[];
};

describe('Mann–Kendall and Theil–Sen equal SciPy (kendalltau asymptotic, theilslopes)', () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const mk = mannKendall(c.x, c.y);
      expectClose(mk.tau, c.tau, 1e-12);
      expectClose(mk.p, c.p, 1e-10);
      const ts = theilSen(c.x, c.y, c.level)!;
      expectClose(ts.slope, c.slope, 1e-12, 1e-12);
      expectClose(ts.intercept, c.intercept, 1e-12, 1e-9);
      expectClose(ts.lo, c.lo, 1e-12, 1e-12);
      expectClose(ts.hi, c.hi, 1e-12, 1e-12);
    });
  }

  it('JSDoc examples hold', () => {
    const mk = mannKendall([1, 2, 3, 4, 5], [1, 2, 3, 5, 4]);
    expect(mk.s).toBe(8);
    expectClose(mk.tau, 0.8, 1e-15);
    expect(theilSen([1, 2, 3, 4, 5], [2, 4, 6, 8, 11])!.slope).toBe(2);
    expect(knbDateSeconds('2023-10-02 09:00:00')).toBe(1696237200);
    expect(secondsToKnbDate(1696237200)).toBe('2023-10-02 09:00:00');
  });

  it('selects order statistics as a sort would, ties included', () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 50; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 60) }, () => Math.floor(random() * 12));
      const sorted = [...values].sort((a, b) => a - b);
      for (let k = 0; k < values.length; k++) expect(select(Float64Array.from(values), k)).toBe(sorted[k]);
    }
  });

  it('kendallS (merge sort, O(n log n)) equals the sum of sign products over all pairs, ties in x and y, any order', () => {
    const random = mulberry32(17);
    const bySum = (x: number[], y: number[]): number => {
      let s = 0;
      for (let i = 0; i < x.length; i++)
        for (let j = i + 1; j < x.length; j++) s += Math.sign(x[j]! - x[i]!) * Math.sign(y[j]! - y[i]!);
      return s;
    };
    for (const n of [0, 1, 2, 3, 7, 40, 313, 500]) {
      for (const levels of [3, 50, 1e9]) {
        const x = Array.from({ length: n }, () => Math.floor(random() * levels));
        const y = Array.from({ length: n }, (_, i) => Math.floor(random() * levels) + (i % 5));
        expect(kendallS(x, y)).toBe(bySum(x, y));
        const sorted = [...x].sort((a, b) => a - b);
        expect(kendallS(sorted, y)).toBe(bySum(sorted, y));
      }
    }
  });

  it('orderStatistics gives what a full sort gives, by sorting or by a sampled bracket, ties included', () => {
    const random = mulberry32(29);
    for (const n of [1, 10, 2047, 2048, 5000, 48_828]) {
      for (const spread of [4, 1e6]) {
        const values = Float64Array.from({ length: n }, () => Math.floor(random() * spread) - spread / 3);
        const sorted = Float64Array.from(values).sort();
        const mid = Math.floor((n - 1) / 2);
        const around = Math.floor(n / 20);
        for (const ranks of [
          [0, n - 1],
          [Math.max(0, mid - around), mid, Math.min(n - 1, mid + 1), Math.min(n - 1, mid + around)],
          [mid, mid],
        ]) {
          expect(orderStatistics(Float64Array.from(values), ranks)).toEqual(ranks.map((k) => sorted[k]));
        }
      }
    }
  });

  it('sortedPairSlopes writes the slope of every pair with x_i < x_j of sorted points, none for tied x', () => {
    const x = [0, 0, 1, 1, 1, 3];
    const y = [1, 2, 4, 0, 3, 9];
    const out = new Float64Array(20).fill(NaN);
    const end = sortedPairSlopes(x, y, out, 2);
    const expected: number[] = [];
    for (let i = 0; i < x.length; i++)
      for (let j = i + 1; j < x.length; j++) if (x[j]! > x[i]!) expected.push((y[j]! - y[i]!) / (x[j]! - x[i]!));
    expect(end).toBe(2 + expected.length);
    expect([...out.subarray(2, end)]).toEqual(expected);
  });

  it('rounds ranks half to even as NumPy does, and rejects impossible dates', () => {
    expect([0.5, 1.5, 2.5, -1.5, 3.2].map(roundHalfEven)).toEqual([0, 2, 2, -2, 3]);
    expect(knbDateSeconds('2023-02-30 10:00:00')).toBeNull();
    expect(knbDateSeconds('yesterday')).toBeNull();
    expect(knbDateSeconds(null)).toBeNull();
  });

  it('gives no p-value when every value is tied, and no slope without two distinct times', () => {
    expect(mannKendall([1, 2, 3], [4, 4, 4]).p).toBeNull();
    expect(theilSen([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

const FACTORS: FactorInfo[] = [
  { name: 'testbed', levels: ['T'], originals: {}, labels: { T: 'T' } },
  { name: 'distribution', levels: ['k8s', 'k3s', 'k0s'], originals: {}, labels: {} },
  { name: 'plugin', levels: ['flannel', 'calico'], originals: {}, labels: {} },
];

/**
 * One RAM observation per run; runs of each cell are `minutes` apart; cells follow `order` (sequential blocks) or
 * are interleaved at random (`shuffled`). RAM = 1000 MiB + `perHour` MiB per hour since the first run + noise.
 */
function campaign(seed: number, schedule: 'baseline-last' | 'shuffled', perHour: number): Observation[] {
  const uniform = mulberry32(seed);
  const normal = normalGenerator(uniform);
  const slots: { distribution: string; plugin: string; iteration: number }[] = [];
  const distributions = schedule === 'baseline-last' ? ['k3s', 'k0s', 'k8s'] : ['k8s', 'k3s', 'k0s'];
  for (const distribution of distributions)
    for (const plugin of ['flannel', 'calico'])
      for (let iteration = 1; iteration <= 10; iteration++) slots.push({ distribution, plugin, iteration });
  if (schedule === 'shuffled') {
    for (let i = slots.length - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      [slots[i], slots[j]] = [slots[j]!, slots[i]!];
    }
  }
  const start = knbDateSeconds('2024-03-01 08:00:00')!;
  return slots.map((slot, i) => {
    const seconds = start + i * 600;
    return {
      factors: { testbed: 'T', distribution: slot.distribution, plugin: slot.plugin },
      iteration: slot.iteration,
      test: 'idle',
      protocol: null,
      node: 'server',
      metric: 'ram',
      value: 1000 + (perHour * (seconds - start)) / 3600 + normal() * 5,
      missing: null,
      provenance: { source: 'x', format: 'json', knbVersion: '1.5.0', runName: null, date: secondsToKnbDate(seconds) },
    } satisfies Observation;
  });
}

describe('drift over a campaign (known truth)', () => {
  it('a baseline run last is confounded with time; a linear drift is found within cells', () => {
    const analysis = analyse(datasetOf('drift', FACTORS, campaign(7, 'baseline-last', 20)));
    const drift = analysis.drift!;
    expect(drift.origin).toBe('2024-03-01 08:00:00');
    const k8s = drift.confounding.find((c) => c.factor === 'distribution' && c.level === 'k8s')!;
    expect(k8s).toMatchObject({ scope: { testbed: 'T' }, position: 'last', contexts: 2, separated: 2 });
    expect(k8s.gapHours).toBeGreaterThan(3);
    const ram = drift.metrics.find((m) => m.metric === 'ram')!;
    expect(ram.drifting).toBe(true);
    // truth: 20 MiB/h on ~1000–1200 MiB cells → 1.7–2 % of the cell mean per hour
    expect(ram.slopeCi!.lo).toBeLessThan(2);
    expect(ram.slopeCi!.hi).toBeGreaterThan(1.7);
    const comparison = analysis.comparisons.find((c) => c.level === 'k3s' && c.cell.factors['plugin'] === 'flannel')!;
    const risk = comparisonDriftRisk(drift, ['testbed', 'distribution', 'plugin'], comparison)!;
    expect(risk.timing.separated).toBe(true);
    // k3s flannel ran ~7.5 h before k8s flannel: drift alone predicts about −7.5 h × 1.8 %/h
    expect(risk.expectedDriftPct!).toBeLessThan(-8);
    expect(comparison.deltaPct!).toBeLessThan(-8);
  });

  it("each cell's trend equals mannKendall and theilSen on its runs (the one-pass version in drift.ts)", () => {
    const observations = campaign(5, 'shuffled', 20).map((o) => ({ ...o, value: Math.round(o.value! / 4) * 4 }));
    const drift = analyse(datasetOf('drift', FACTORS, observations)).drift!;
    expect(drift.cells.length).toBe(6);
    for (const c of drift.cells) {
      const mk = mannKendall(c.x, c.values);
      const ts = theilSen(c.x, c.values, 0.95)!;
      expect(c.trend).toEqual({ s: mk.s, varS: mk.varS, tau: mk.tau, z: mk.z, p: mk.p });
      expect([c.slope, c.slopeCi!.lo, c.slopeCi!.hi]).toEqual([ts.slope, ts.lo, ts.hi]);
    }
  });

  it('interleaved (shuffled) runs are not confounded, and no comparison carries a drift risk', () => {
    const analysis = analyse(datasetOf('drift', FACTORS, campaign(7, 'shuffled', 20)));
    expect(analysis.drift!.confounding.filter((c) => c.factor === 'distribution')).toEqual([]);
    for (const c of analysis.comparisons) {
      expect(comparisonDriftRisk(analysis.drift, ['testbed', 'distribution', 'plugin'], c)).toBeNull();
    }
  });

  it('flags a cell whose own runs drift, and not the cells without drift (BH over cells)', () => {
    const observations = campaign(11, 'baseline-last', 0).map((o) =>
      o.factors['distribution'] === 'k0s' && o.factors['plugin'] === 'calico'
        ? { ...o, value: o.value! + o.iteration * 8 }
        : o,
    );
    const drift = analyse(datasetOf('drift', FACTORS, observations)).drift!;
    const flagged = drift.cells.filter((c) => c.drifting).map((c) => c.key);
    expect(flagged).toEqual(['testbed=T|distribution=k0s|plugin=calico|idle|-|server|ram']);
    const cell = drift.cells.find((c) => c.drifting)!;
    // 8 MiB per run, runs 10 minutes apart: 48 MiB/h
    expect(cell.slopeCi!.lo).toBeLessThan(48);
    expect(cell.slopeCi!.hi).toBeGreaterThan(48);
    expect(drift.metrics[0]!.drifting).toBe(false);
  });

  it('falls back to run order without dates, and says so', () => {
    const observations = campaign(3, 'baseline-last', 0).map((o) => ({
      ...o,
      provenance: { ...o.provenance, date: null },
    }));
    const drift = analyse(datasetOf('drift', FACTORS, observations)).drift!;
    expect(drift.codes).toEqual([{ code: 'no-run-times', runs: 60 }]);
    expect(drift.origin).toBeNull();
    expect(drift.cells.every((c) => c.basis === 'run-order' && c.x[0] === 1)).toBe(true);
    expect(drift.metrics).toEqual([]);
    expect(drift.confounding).toEqual([]);
  });
});
