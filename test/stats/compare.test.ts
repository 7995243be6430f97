import { describe, it, expect } from 'vitest';
import { compare } from '../../src/stats/compare.js';
import { describe as describeCells } from '../../src/stats/describe.js';
import { fiellerRatio } from '../../src/stats/fieller.js';
import { hedgesG } from '../../src/stats/hedges-g.js';
import { mannWhitneyU } from '../../src/stats/mann-whitney.js';
import { adjustP, bh, holm } from '../../src/stats/p-adjust.js';
import { welchT } from '../../src/stats/welch-t.js';
import { statsMessages } from '../../src/stats/messages.js';
import type { Observation } from '../../src/model/observation.js';
import { comparisonSentence } from '../../src/present/index.js';
import { factorInfo, observation } from './fixtures.js';
import { expectClose } from './close.js';

const cell = (
  distribution: string,
  values: (number | null)[],
  plugin = 'flannel',
  metric: 'ram' | 'cpu' = 'ram',
): Observation[] => values.map((v, i) => observation({ testbed: 'UOM', distribution, plugin }, i + 1, v, { metric }));

describe('two-sample tests and helpers', () => {
  it('Welch t (scipy: ttest_ind(x, y, equal_var=False))', () => {
    const r = welchT({ n: 3, mean: 2, variance: 1 }, { n: 3, mean: 5, variance: 1 })!;
    expectClose(r.statistic, -3.6742346141747673, 1e-12);
    expect(r.df).toBe(4);
    expectClose(r.p, 0.021311641128756713, 1e-12);
    expect(welchT({ n: 1, mean: 2, variance: 0 }, { n: 3, mean: 5, variance: 1 })).toBeNull();
    expect(welchT({ n: 3, mean: 2, variance: 0 }, { n: 3, mean: 5, variance: 0 })).toBeNull();
  });

  it('Mann–Whitney exact p, small and larger samples (scipy method="exact")', () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6])).toEqual({ statistic: 0, u: 0, p: 0.1, method: 'exact' });
    const x = [12.1, 13.4, 11.9, 12.8, 12.2];
    const y = [10.2, 10.9, 11.1, 10.4, 10.0, 10.8];
    const r = mannWhitneyU(x, y)!;
    expect(r.u).toBe(30);
    expectClose(r.p, 0.004329004329004329, 1e-12);
    const big = mannWhitneyU(
      Array.from({ length: 30 }, (_, i) => i),
      Array.from({ length: 30 }, (_, i) => i + 10.5),
    )!;
    expect(big.u).toBe(190);
    expectClose(big.p, 7.21501775620137e-5, 1e-9);
    expect(mannWhitneyU([], [1])).toBeNull();
    // n = 50 each, far tail: counts summed from the exact low end keep the precision (scipy: 1.0717173062469012e-23)
    const fifty = Array.from({ length: 50 }, (_, i) => i * 1.01);
    const far = mannWhitneyU(
      fifty,
      Array.from({ length: 50 }, (_, i) => i + 40.5),
    )!;
    expect(far.method).toBe('exact');
    expectClose(far.p, 1.0717173062469012e-23, 1e-9);
    expectClose(
      mannWhitneyU(
        fifty,
        Array.from({ length: 50 }, (_, i) => i + 13.5),
      )!.p,
      3.94482513661257e-5,
      1e-9,
    );
    // beyond 50 a sample: the normal approximation
    expect(
      mannWhitneyU(
        Array.from({ length: 51 }, (_, i) => i),
        [0.5, 1.5],
      )!.method,
    ).toBe('normal');
  });

  it('Hedges g and Fieller ratio interval', () => {
    expectClose(hedgesG({ n: 3, mean: 5, variance: 1 }, { n: 3, mean: 2, variance: 1 }), 2.4, 1e-15);
    const ratio = fiellerRatio({ n: 10, mean: 110, variance: 25 }, { n: 10, mean: 100, variance: 25 }, 0.95)!;
    // check: both bounds solve (x̄ − ρȳ)² = t² (v_x + ρ² v_y)
    const t = 2.10092204024096; // t_{0.975, 18}
    for (const rho of [ratio.lo, ratio.hi]) expectClose((110 - rho * 100) ** 2, t * t * (2.5 + rho * rho * 2.5), 1e-9);
    expect(ratio.lo).toBeLessThan(1.1);
    expect(ratio.hi).toBeGreaterThan(1.1);
    // baseline mean indistinguishable from 0: unbounded → null
    expect(fiellerRatio({ n: 3, mean: 1, variance: 1 }, { n: 3, mean: 0.1, variance: 4 }, 0.95)).toBeNull();
  });

  it('Holm and BH keep nulls out of the family', () => {
    expect(holm([0.01, null, 0.04, 0.03])).toEqual([0.03, null, 0.06, 0.06]);
    expect(bh([0.01, 0.04, 0.03])).toEqual([0.03, 0.04, 0.04]);
    expect(adjustP([0.2, 0.01], 'none')).toEqual([0.2, 0.01]);
  });
});

describe('compare()', () => {
  const base = [600, 604, 598, 602, 597, 603, 601, 599, 600, 596];
  const lower = base.map((v) => v * 0.8);

  it('compares each non-baseline level with the baseline of the same plugin and condition', () => {
    const rows = [
      ...cell('k8s', base),
      ...cell('k3s', lower),
      ...cell(
        'k0s',
        base.map((v) => v + 1),
      ),
    ];
    const result = compare(describeCells(rows));
    expect(result.map((c) => c.level)).toEqual(['k3s', 'k0s']);
    const [k3s, k0s] = result;
    expectClose(k3s!.deltaPct, -20, 1e-12);
    expect(k3s!.significant).toBe(true);
    expect(k3s!.deltaCi!.method).toBe('welch');
    expect(k3s!.deltaPctCi!.method).toBe('fieller');
    expect(k3s!.mannWhitney!.method).toBe('normal'); // 600 appears twice in the pooled sample: ties
    expect(k3s!.hedgesG!).toBeLessThan(0);
    expect(k0s!.family).toBe(k3s!.family);
    // Holm within the family of 2
    expect(k0s!.pAdjusted).toBe(Math.min(1, Math.max(k0s!.p! * 1, k3s!.p! * 2)));
  });

  it('any factor and any baseline level', () => {
    const rows = [...cell('k8s', base, 'flannel'), ...cell('k8s', lower, 'calico')];
    const [c] = compare(describeCells(rows), { factor: 'plugin', baseline: 'calico' });
    expect(c!.level).toBe('flannel');
    expectClose(c!.deltaPct, 25, 1e-12);
  });

  it('missing baseline cell: a comparison with a warning and null statistics, never dropped', () => {
    const rows = [...cell('k3s', lower)];
    const [c] = compare(describeCells(rows));
    expect(c!.deltaPct).toBeNull();
    expect(c!.significant).toBe(false);
    expect(c!.warnings).toEqual([
      { code: 'baseline-missing', message: statsMessages.baselineMissing('k8s', 'distribution') },
    ]);
    // an all-null baseline is the same as a missing one
    const [d] = compare(describeCells([...cell('k8s', [null, null]), ...cell('k3s', lower)]));
    expect(d!.warnings[0]!.code).toBe('baseline-missing');
  });

  it('small n: the Mann–Whitney-only warning (n < 4), a plain note at n ≤ 3, n < 6 has no useful interval', () => {
    const rows = [...cell('k8s', [600, 601, 602]), ...cell('k3s', [500, 501, 502])];
    // Welch decides: 3 vs 3 can be significant, so no "cannot reach significance" on this row — a note instead
    const [c] = compare(describeCells(rows));
    expect(c!.significant).toBe(true);
    expect(c!.warnings.map((w) => w.code)).toEqual(['small-n', 'small-n-interval']);
    const [m] = compare(describeCells(rows), { test: 'mann-whitney' });
    expect(m!.significant).toBe(false);
    expect(m!.warnings.map((w) => w.code)).toEqual(['small-n-significance', 'small-n', 'small-n-interval']);
    const [d] = compare(describeCells([...cell('k8s', base.slice(0, 5)), ...cell('k3s', lower.slice(0, 5))]));
    expect(d!.warnings.map((w) => w.code)).toEqual(['small-n-interval']);
  });

  it('n = 2 vs 2 is never declared significant (MIN_N_FOR_CLAIM = 3): described, with a warning saying why', () => {
    const [c] = compare(describeCells([...cell('k8s', [600, 601]), ...cell('k3s', [500, 501])]));
    expect(c!.p!).toBeLessThan(0.05);
    expect(c!.significant).toBe(false);
    expect(c!.warnings.map((w) => w.code)).toContain('small-n-claim');
    expect(comparisonSentence(c!, factorInfo())).toContain(
      'described only: too few runs for a significance claim (n = 2 vs 2)',
    );
  });

  it('zero variance on both sides with a shift: an exact change, no test — not "not significant (p = ?)"', () => {
    const [c] = compare(describeCells([...cell('k8s', [5, 5, 5, 5, 5, 5]), ...cell('k3s', [6, 6, 6, 6, 6, 6])]));
    expect(c!.welch).toBeNull();
    expect(c!.deltaPctCi).toBeNull();
    expectClose(c!.deltaPct, 20, 1e-12);
    expect(c!.significant).toBe(false);
    expect(c!.exact).toBe(true);
    expect(c!.warnings.map((w) => w.code)).toEqual(['exact-change']);
    const sentence = comparisonSentence(c!, factorInfo());
    expect(sentence).toContain('an exact change (no variance in either cell, no test)');
    expect(sentence).not.toContain('p = ?');
    // equal constant cells: no change, nothing exact about it, the old warning
    const [same] = compare(describeCells([...cell('k8s', [5, 5, 5, 5, 5, 5]), ...cell('k3s', [5, 5, 5, 5, 5, 5])]));
    expect(same!.exact).toBeUndefined();
    expect(same!.warnings.map((w) => w.code)).toContain('zero-variance');
  });

  it('n = 1 on a side: delta only, no test of means', () => {
    const [c] = compare(describeCells([...cell('k8s', [600]), ...cell('k3s', lower)]));
    expect(c!.delta).not.toBeNull();
    expect(c!.welch).toBeNull();
    expect(c!.p).toBeNull();
  });

  it('Mann–Whitney as the deciding test, BH on request', () => {
    const rows = [...cell('k8s', base), ...cell('k3s', lower)];
    const [c] = compare(describeCells(rows), { test: 'mann-whitney', adjust: 'bh' });
    expect(c!.p).toBe(c!.mannWhitney!.p);
    expect(c!.pAdjusted).toBe(c!.p);
  });
});

describe('seeded bootstrap interval of the % delta', () => {
  const base = [600, 604, 598, 602, 597, 603, 601, 599, 600, 596];
  const rows = [
    ...cell('k8s', base),
    ...cell(
      'k3s',
      base.map((v) => v * 0.8 + (v % 3)),
    ),
  ];

  it('is deterministic, seeded, close to Fieller on well-behaved data', () => {
    const summaries = describeCells(rows);
    const [boot] = compare(summaries, { percentInterval: 'bootstrap', seed: 7 });
    const [again] = compare(summaries, { percentInterval: 'bootstrap', seed: 7 });
    const [other] = compare(summaries, { percentInterval: 'bootstrap', seed: 8 });
    const [fieller] = compare(summaries);
    expect(boot!.deltaPctCi!.method).toBe('bootstrap');
    expect(again!.deltaPctCi).toEqual(boot!.deltaPctCi);
    expect(other!.deltaPctCi).not.toEqual(boot!.deltaPctCi);
    expect(boot!.deltaPctCi!.lo).toBeLessThan(boot!.deltaPct!);
    expect(boot!.deltaPctCi!.hi).toBeGreaterThan(boot!.deltaPct!);
    // percentile bootstrap intervals are a little narrower at n = 10; within 40 % of Fieller's width
    const width = (c: typeof boot) => c!.deltaPctCi!.hi - c!.deltaPctCi!.lo;
    expect(Math.abs(width(boot) - width(fieller)) / width(fieller)).toBeLessThan(0.4);
  });
});

describe('option checks', () => {
  it('compare and interactionPatterns reject a level or alpha outside (0, 1), naming the option', async () => {
    const { interactionPatterns } = await import('../../src/stats/interaction-patterns.js');
    expect(() => compare([], { level: 95 })).toThrow('compare: option level');
    expect(() => compare([], { alpha: 5 })).toThrow('compare: option alpha');
    expect(() => interactionPatterns([], { level: 0 })).toThrow('interactionPatterns: option level');
    expect(() => interactionPatterns([], { alpha: 1 })).toThrow('interactionPatterns: option alpha');
  });
});
