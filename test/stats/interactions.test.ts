import { describe, it, expect } from 'vitest';
import { anovaTwoWay } from '../../src/stats/anova-two-way.js';
import { interactionContrast } from '../../src/stats/interaction-contrast.js';
import { interactions } from '../../src/stats/interactions.js';
import { tQuantile, tTwoSidedP } from '../../src/stats/dist/t.js';
import { statsMessages } from '../../src/stats/messages.js';
import type { Observation } from '../../src/model/observation.js';
import { additiveObservations, observation } from './fixtures.js';
import { expectClose } from './close.js';

/** A 2 × 2 design with known cell means and the same ±1 noise pattern in every cell (MSE = 4/3 for n = 4). */
function twoByTwo(means: Record<string, number>): Observation[] {
  const noise = [-1, 1, -1, 1];
  const out: Observation[] = [];
  for (const [k, m] of Object.entries(means)) {
    const [distribution, plugin] = k.split('|') as [string, string];
    noise.forEach((e, i) => out.push(observation({ distribution, plugin }, i + 1, m + e)));
  }
  return out;
}

describe('interaction contrasts', () => {
  const twoByTwoMeans = { 'k8s|flannel': 100, 'k8s|calico': 200, 'k3s|flannel': 110, 'k3s|calico': 180 };

  it("reference 'mean': c = observed delta − mean delta over the plugins present; Var = MSE Σ w²/n; t interval", () => {
    const result = interactions(twoByTwo(twoByTwoMeans), { reference: 'mean' });
    const [flannel, calico] = result.contrasts;
    expect([flannel!.levelA, flannel!.levelB]).toEqual(['k3s', 'flannel']);
    // d_flannel = 10, d_calico = −20, additive = −5 → contrasts +15 and −15
    expectClose(flannel!.contrast, 15, 1e-12);
    expectClose(calico!.contrast, -15, 1e-12);
    expectClose(flannel!.contrastPct, 15, 1e-12); // % of the baseline cell mean 100
    expectClose(calico!.contrastPct, -7.5, 1e-12); // % of 200
    expectClose(flannel!.observedPct, 10, 1e-12);
    expectClose(flannel!.additivePct, -5, 1e-12);
    const mse = 4 / 3;
    const se = Math.sqrt(mse * (0.25 * (2 / 4) + 0.25 * (2 / 4)));
    const q = tQuantile(0.975, 12);
    expectClose(flannel!.contrastCi!.lo, 15 - q * se, 1e-12);
    expect(flannel!.contrastCi!.method).toBe('contrast-t');
    // the 2 × 2 interaction F is t² of the contrast: F = (c / se)²
    const term = result.anova[0]!.terms.find((t) => t.term === 'distribution:plugin')!;
    expectClose(term.f, (15 / se) ** 2, 1e-9);
    expect(flannel!.flagged).toBe(true);
  });

  it("'median-others': with two plugins the reference is the other plugin's delta; the 2 × 2 F is still t²", () => {
    const result = interactions(twoByTwo(twoByTwoMeans), { reference: 'median-others' });
    const [flannel, calico] = result.contrasts;
    // d_flannel = 10, d_calico = −20: each is compared with the other
    expectClose(flannel!.contrast, 30, 1e-12);
    expectClose(flannel!.additivePct, -20, 1e-12);
    expectClose(calico!.contrast, -30, 1e-12);
    const se = Math.sqrt((4 / 3) * (2 / 4 + 2 / 4));
    expectClose(flannel!.contrastCi!.hi, 30 + tQuantile(0.975, 12) * se, 1e-12);
    const term = result.anova[0]!.terms.find((t) => t.term === 'distribution:plugin')!;
    expectClose(term.f, (30 / se) ** 2, 1e-9);
  });

  it("default 'median' of two deltas is their mean: the 2 × 2 contrast equals the mean reference's", () => {
    const byMedian = interactions(twoByTwo(twoByTwoMeans)).contrasts;
    const byMean = interactions(twoByTwo(twoByTwoMeans), { reference: 'mean' }).contrasts;
    expect(byMedian.map((c) => [c.contrast, c.contrastCi])).toEqual(byMean.map((c) => [c.contrast, c.contrastCi]));
  });

  it("'median' of all deltas: the middle one (odd K) or two (even K); the median cell itself is untested", () => {
    const pair = (delta: number, n = 10) => ({ at: { n, mean: 100 + delta }, base: { n, mean: 100 } });
    // deltas 10 (own), −20, 0, 5, 40 → median 5 (the third other pair, weight 1)
    const odd = interactionContrast(pair(10), [pair(-20), pair(0), pair(5), pair(40)], 4, 100, 0.95);
    expect(odd.additive).toBe(5);
    expect(odd.contrast).toBe(5);
    expect(odd.reference).toEqual([2]);
    expectClose(odd.se, Math.sqrt(4 * (0.2 + 0.2)), 1e-12);
    expectClose(odd.p, tTwoSidedP(5 / odd.se!, 100), 1e-12);
    // own delta 5 is the median: contrast 0, not tested
    const middle = interactionContrast(pair(5), [pair(-20), pair(0), pair(10), pair(40)], 4, 100, 0.95);
    expect(middle.contrast).toBe(0);
    expect(middle.p).toBeNull();
    // even K = 4: deltas 10 (own), −20, 0, 40 → median (0 + 10)/2, own weight 1 − ½, the other ½
    const even = interactionContrast(pair(10), [pair(-20), pair(0), pair(40)], 4, 100, 0.95);
    expect(even.additive).toBe(5);
    expect(even.contrast).toBe(5);
    expect(even.reference).toEqual([1]);
    expectClose(even.se, Math.sqrt(4 * (0.25 * 0.2 + 0.25 * 0.2)), 1e-12);
  });

  it("'median-others': the middle one (odd) or the mean of the middle two (even), weights fixed by the selection", () => {
    const pair = (delta: number, n = 10) => ({ at: { n, mean: 100 + delta }, base: { n, mean: 100 } });
    const loo = (own: ReturnType<typeof pair>, others: ReturnType<typeof pair>[]) =>
      interactionContrast(own, others, 4, 100, 0.95, 'median-others');
    // others −20, 0, 5 → median 0 (one pair selected, weight 1)
    const odd = loo(pair(10), [pair(-20), pair(0), pair(5)]);
    expect(odd.additive).toBe(0);
    expect(odd.contrast).toBe(10);
    expect(odd.reference).toEqual([1]);
    expectClose(odd.se, Math.sqrt(4 * (0.2 + 0.2)), 1e-12);
    // others −20, 0, 5, 40 → median (0 + 5)/2 (two pairs selected, weight ½ each)
    const even = loo(pair(10), [pair(40), pair(-20), pair(5), pair(0)]);
    expect(even.additive).toBe(2.5);
    expect(even.contrast).toBe(7.5);
    expect(even.reference).toEqual([2, 3]);
    expectClose(even.se, Math.sqrt(4 * (0.2 + 0.25 * 0.2 * 2)), 1e-12);
    expectClose(even.p, tTwoSidedP(7.5 / even.se!, 100), 1e-12);
    // unequal n enter through 1/n of the selected cells only
    const unequal = loo(pair(10, 5), [pair(-20, 2), pair(0, 8)]);
    expectClose(unequal.se, Math.sqrt(4 * (0.4 + 0.25 * (0.5 + 0.5) + 0.25 * (0.125 + 0.125))), 1e-12);
  });

  it('thresholds are configurable: a minimum size the contrast does not reach, and alpha', () => {
    const obs = twoByTwo(twoByTwoMeans);
    expect(interactions(obs, { minInteractionPct: 20 }).contrasts.some((c) => c.flagged)).toBe(false);
    expect(interactions(obs, { alpha: 1e-12 }).contrasts.some((c) => c.flagged)).toBe(false);
  });

  it('interactionContrast with a single common level is identically 0 and untested', () => {
    for (const reference of ['median', 'median-others', 'mean'] as const) {
      const v = interactionContrast({ at: { n: 3, mean: 5 }, base: { n: 3, mean: 4 } }, [], 1, 10, 0.95, reference);
      expect(v.contrast).toBe(0);
      expect(v.p).toBeNull();
    }
  });

  it('one plugin with a large effect of its own (Calico −45 % on K0s): only that cell is flagged', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const obs = additiveObservations(seed).map((o) =>
        o.factors['distribution'] === 'k0s' && o.factors['plugin'] === 'calico' ? { ...o, value: o.value! * 0.55 } : o,
      );
      const flagged = interactions(obs).contrasts.filter((c) => c.flagged);
      expect(flagged.map((c) => `${c.levelA}|${c.levelB}`)).toEqual(['k0s|calico']);
      expect(flagged[0]!.contrastPct!).toBeLessThan(-40);
      // the mean reference spreads Calico's effect over every plugin on K0s: the other four are flagged too
      const byMean = interactions(obs, { reference: 'mean' }).contrasts.filter((c) => c.flagged);
      expect(byMean.filter((c) => c.levelA === 'k0s').length).toBe(5);
    }
  });

  it('considers the headline metrics by default (not the CPU components); `metrics` chooses', () => {
    const obs = twoByTwo(twoByTwoMeans);
    const asMetric = (metric: 'cpu_user' | 'bandwidth') =>
      obs.map((o) => ({ ...o, metric, node: metric === 'bandwidth' ? null : o.node }));
    const all = [...obs, ...asMetric('cpu_user'), ...asMetric('bandwidth')];
    expect(interactions(all).anova.map((t) => t.group.metric)).toEqual(['ram', 'bandwidth']);
    expect(interactions(all, { metrics: ['cpu_user'] }).anova.map((t) => t.group.metric)).toEqual(['cpu_user']);
  });
});

describe('two-way ANOVA: unbalanced and empty cells', () => {
  const values = (m: number, n: number) => Array.from({ length: n }, (_, i) => m + ((i % 3) - 1) * 2 + i * 0.1);
  const design = (skip: string[] = []): Observation[] => {
    const out: Observation[] = [];
    const means: Record<string, number> = {
      'k8s|flannel': 600,
      'k8s|calico': 650,
      'k8s|cilium': 800,
      'k3s|flannel': 540,
      'k3s|calico': 610,
      'k3s|cilium': 900,
      'k0s|flannel': 560,
      'k0s|calico': 600,
      'k0s|cilium': 780,
    };
    let n = 4;
    for (const [k, m] of Object.entries(means)) {
      if (skip.includes(k)) continue;
      const [distribution, plugin] = k.split('|') as [string, string];
      values(m, n).forEach((v, i) => out.push(observation({ distribution, plugin }, i + 1, v)));
      n = n === 6 ? 4 : n + 1;
    }
    return out;
  };

  it('an empty cell: reported, the non-estimable interaction df is lost, contrasts of the remaining cells', () => {
    const result = interactions(design(['k3s|cilium']));
    const table = result.anova[0]!;
    expect(table.emptyCells).toEqual(['k3s|cilium']);
    expect(table.balanced).toBe(false);
    const term = table.terms.find((t) => t.term === 'distribution:plugin')!;
    expect(term.df).toBe(3);
    expect(table.terms.find((t) => t.term === 'Residual')!.df).toBe(table.n - 8);
    expect(table.warnings.map((w) => w.code)).toEqual(['anova-empty-cells', 'anova-lost-df']);
    expect(table.warnings[0]!.message).toBe(statsMessages.anovaEmptyCells(['k3s|cilium']));
    expect(result.contrasts.filter((c) => c.levelA === 'k3s').map((c) => c.levelB)).toEqual(['flannel', 'calico']);
    // Type III is possible but warned about with empty cells
    const t3 = interactions(design(['k3s|cilium']), { anovaType: 3 }).anova[0]!;
    expect(t3.warnings.map((w) => w.code)).toContain('anova-type3-empty');
    expect(t3.terms[0]!.term).toBe('Intercept');
  });

  it('an empty baseline cell: the contrast of that plugin is absent with a warning', () => {
    const result = interactions(design(['k8s|calico']));
    const c = result.contrasts.find((x) => x.levelA === 'k3s' && x.levelB === 'calico')!;
    expect(c.contrast).toBeNull();
    expect(c.warnings[0]!.code).toBe('no-baseline-cell');
  });

  it('baseline level missing from the group: ANOVA still runs, no contrasts, a warning', () => {
    const result = interactions(design(['k8s|flannel', 'k8s|calico', 'k8s|cilium']));
    expect(result.anova[0]!.terms.find((t) => t.term === 'distribution:plugin')!.df).toBe(2);
    expect(result.contrasts).toEqual([]);
    expect(result.anova[0]!.warnings.map((w) => w.code)).toContain('baseline-missing');
  });

  it('one value per cell: no residual df, no F, a warning', () => {
    const obs = design().filter((o) => o.iteration === 1);
    const table = interactions(obs).anova[0]!;
    expect(table.terms.find((t) => t.term === 'Residual')!.df).toBe(0);
    expect(table.terms.every((t) => t.f === null)).toBe(true);
    expect(table.warnings.map((w) => w.code)).toContain('anova-no-residual-df');
  });

  it('groups by every other factor and the condition', () => {
    const obs = [
      ...design(),
      ...design().map((o) => ({ ...o, metric: 'cpu' as const })),
      ...design().map((o) => ({ ...o, factors: { ...o.factors, testbed: 'ATH' } })),
    ];
    const result = interactions(obs);
    // a factor absent from some observations is the level '' there; groups come in cell order (metric vocabulary order)
    expect(result.anova.map((t) => `${t.group.factors['testbed']}/${t.group.metric}`)).toEqual([
      '/cpu',
      '/ram',
      'ATH/ram',
    ]);
  });

  it('Types I, II and III agree on the interaction and differ on main effects when unbalanced', () => {
    const cells = [
      { a: 'x', b: 'p', n: 3, mean: 1, ssWithin: 2 },
      { a: 'x', b: 'q', n: 7, mean: 4, ssWithin: 5 },
      { a: 'y', b: 'p', n: 6, mean: 2, ssWithin: 3 },
      { a: 'y', b: 'q', n: 2, mean: 9, ssWithin: 1 },
    ];
    const [t1, t2, t3] = ([1, 2, 3] as const).map((type) => anovaTwoWay(cells, { anovaType: type }));
    const ss = (fit: typeof t1, term: string) => fit!.terms.find((t) => t.term === term)!.ss;
    expectClose(ss(t1, 'A:B'), ss(t2, 'A:B'), 1e-12);
    expectClose(ss(t2, 'A:B'), ss(t3, 'A:B'), 1e-12);
    expect(Math.abs(ss(t1, 'A') - ss(t2, 'A'))).toBeGreaterThan(1e-6);
    expectClose(ss(t1, 'B'), ss(t2, 'B'), 1e-12);
    expect(() => anovaTwoWay([])).toThrow(RangeError);
  });
});
