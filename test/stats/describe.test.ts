import { describe, it, expect } from 'vitest';
import { describe as describeCells } from '../../src/stats/describe.js';
import { summariesTable } from '../../src/stats/tables.js';
import { statsMessages } from '../../src/stats/messages.js';
import { observation } from './fixtures.js';
import { expectClose } from './close.js';

const f = (distribution: string, plugin = 'flannel') => ({ testbed: 'UOM', distribution, plugin });

describe('describe()', () => {
  it('summarises a cell: mean, n − 1 variance, quartiles (type 7), CV, t interval (R: t.test, quantile)', () => {
    const [s] = describeCells([1, 2, 3, 4].map((v, i) => observation(f('k8s'), i + 1, v)));
    expect(s!.n).toBe(4);
    expect(s!.mean).toBe(2.5);
    expectClose(s!.variance, 5 / 3, 1e-15);
    expect(s!.q1).toBe(1.75);
    expect(s!.median).toBe(2.5);
    expect(s!.q3).toBe(3.25);
    expect([s!.min, s!.max]).toEqual([1, 4]);
    expectClose(s!.cv, Math.sqrt(5 / 3) / 2.5, 1e-15);
    // R: t.test(1:4)$conf.int = 0.4457397 4.5542603
    expectClose(s!.ci!.lo, 0.4457397, 1e-6);
    expectClose(s!.ci!.hi, 4.5542603, 1e-6);
    expect(s!.key).toBe('testbed=UOM|distribution=k8s|plugin=flannel|p2p|tcp|server|ram');
    expect(s!.warnings).toEqual([]);
  });

  it('groups by every factor and the condition, orders cells by level order then vocabulary, values by iteration', () => {
    const rows = [
      observation(f('k3s'), 2, 20),
      observation(f('k3s'), 1, 10),
      observation(f('k8s'), 1, 5, { metric: 'cpu' }),
      observation(f('k8s'), 1, 7),
      observation(f('k8s'), 1, 9, { node: 'client' }),
    ];
    const summaries = describeCells(rows, {
      factors: [
        { name: 'testbed', levels: ['UOM'], originals: {}, labels: {} },
        { name: 'distribution', levels: ['k8s', 'k3s'], originals: {}, labels: {} },
        { name: 'plugin', levels: ['flannel'], originals: {}, labels: {} },
      ],
    });
    expect(summaries.map((s) => `${s.factors['distribution']} ${s.node} ${s.metric}`)).toEqual([
      'k8s client ram',
      'k8s server cpu',
      'k8s server ram',
      'k3s server ram',
    ]);
    expect(summaries[3]!.values).toEqual([10, 20]);
    expect(summaries[3]!.iterations).toEqual([1, 2]);
  });

  it('n = 1: mean, median, min, max; no variance, sd, interval; a warning', () => {
    const [s] = describeCells([observation(f('k8s'), 1, 42)]);
    expect([s!.mean, s!.median, s!.min, s!.max]).toEqual([42, 42, 42, 42]);
    expect([s!.variance, s!.sd, s!.sem, s!.ci, s!.cv]).toEqual([null, null, null, null, null]);
    expect(s!.warnings).toEqual([{ code: 'single-value', message: statsMessages.singleValue() }]);
  });

  it('identical values: zero variance, no interval, a warning, no outliers', () => {
    const [s] = describeCells([5, 5, 5, 5, 5].map((v, i) => observation(f('k8s'), i + 1, v)));
    expect(s!.variance).toBe(0);
    expect(s!.ci).toBeNull();
    expect(s!.outliers).toEqual([]);
    expect(s!.warnings.map((w) => w.code)).toEqual(['zero-variance']);
  });

  it('all-null cell: n = 0, every statistic null, the missing count and a warning', () => {
    const [s] = describeCells([1, 2, 3].map((i) => observation(f('k8s'), i, null)));
    expect(s!.n).toBe(0);
    expect(s!.nMissing).toBe(3);
    expect(s!.mean).toBeNull();
    expect(s!.q1).toBeNull();
    expect(s!.warnings).toEqual([{ code: 'no-values', message: statsMessages.noValues(3) }]);
  });

  it('NaN and ±Infinity are never averaged: excluded, counted missing, warned with their iterations', () => {
    const values = [10, NaN, 12, Infinity, 11, -Infinity];
    const [s] = describeCells(values.map((v, i) => observation(f('k8s'), i + 1, v)));
    expect(s!.n).toBe(3);
    expect(s!.nMissing).toBe(3);
    expect(s!.mean).toBe(11);
    expect(s!.warnings[0]).toEqual({ code: 'non-finite-value', message: statsMessages.nonFiniteValue(3, [2, 4, 6]) });
    expect(s!.warnings[0]!.message).toContain('iterations 2, 4, 6');
  });

  it('flags outliers by Tukey fences, never drops them; states the rule', () => {
    const values = [100, 101, 99, 100, 102, 98, 100, 160, 101, 99];
    const [s] = describeCells(values.map((v, i) => observation(f('k8s'), i + 1, v)));
    expect(s!.outliers).toEqual([8]);
    expect(s!.n).toBe(10);
    expect(s!.max).toBe(160);
    expect(s!.outlierRule).toContain('Tukey');
  });

  it('duplicate iterations are kept and warned about', () => {
    const [s] = describeCells([observation(f('k8s'), 1, 1), observation(f('k8s'), 1, 2), observation(f('k8s'), 2, 3)]);
    expect(s!.n).toBe(3);
    expect(s!.warnings.map((w) => w.code)).toEqual(['duplicate-iteration']);
  });

  it('rejects a confidence level outside (0, 1) with a message naming the option', () => {
    expect(() => describeCells([], { level: 95 })).toThrow(/option level/);
  });

  it('keeps precision for large values with small spread', () => {
    const base = 1e9;
    const [s] = describeCells([1, 2, 3, 4].map((v, i) => observation(f('k8s'), i + 1, base + v)));
    expectClose(s!.variance, 5 / 3, 1e-9);
    expect(s!.mean).toBe(base + 2.5);
  });

  it('summariesTable(): flat arquero columns with factor columns first', () => {
    const t = summariesTable(describeCells([1, 2, 3].map((v, i) => observation(f('k8s'), i + 1, v))));
    expect(t.columnNames().slice(0, 5)).toEqual(['testbed', 'distribution', 'plugin', 'test', 'protocol']);
    expect(t.numRows()).toBe(1);
    expect(t.get('mean', 0)).toBe(2);
  });
});

describe('describe() factor list', () => {
  it('never merges cells across a factor missing from the given list', () => {
    const rows = [
      observation({ distribution: 'k8s', mtu: '1500' }, 1, 1),
      observation({ distribution: 'k8s', mtu: '9000' }, 1, 2),
    ];
    const summaries = describeCells(rows, { factors: ['distribution'] });
    expect(summaries.map((s) => s.key)).toEqual([
      'distribution=k8s|mtu=1500|p2p|tcp|server|ram',
      'distribution=k8s|mtu=9000|p2p|tcp|server|ram',
    ]);
  });
});

describe('describe() with more cell combinations than a safe integer', () => {
  it('groups and orders cells as with few: by the first factor, then the next (string keys)', () => {
    // 2 × 40^10 ≈ 2.1e16 possible cells > Number.MAX_SAFE_INTEGER: cells are keyed by strings, not numbers
    const cells = 40;
    const factorsOf = (i: number): Record<string, string> => {
      const factors: Record<string, string> = { f0: `a${i % 2}` };
      for (let j = 1; j <= 10; j++) factors[`f${j}`] = `v${String((i + j) % cells).padStart(2, '0')}`;
      return factors;
    };
    const records = Array.from({ length: cells }, (_, i) => factorsOf(i));
    // three iterations per cell, interleaved across cells (iteration-major order)
    const rows = [0, 1, 2].flatMap((it) => records.map((factors, i) => observation(factors, it + 1, 10 * i + it)));
    const summaries = describeCells(rows);
    expect(summaries).toHaveLength(cells);
    // known order: f0 (a0 before a1), then f1 by name (its values are distinct within each f0)
    const expected = Array.from({ length: cells }, (_, i) => i).sort(
      (x, y) => (x % 2) - (y % 2) || ((x + 1) % cells) - ((y + 1) % cells),
    );
    expect(summaries.map((s) => s.factors['f1'])).toEqual(expected.map((i) => records[i]!['f1']));
    for (const [k, s] of summaries.entries()) {
      const i = expected[k]!;
      expect(s.n).toBe(3);
      expect(s.values).toEqual([10 * i, 10 * i + 1, 10 * i + 2]);
      expect(s.mean).toBe(10 * i + 1);
    }
  });
});
