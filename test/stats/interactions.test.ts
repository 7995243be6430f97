import { describe, it, expect } from 'vitest';
import { anovaTwoWay } from '../../src/stats/anova-two-way.js';
import { interactionContrast } from '../../src/stats/interaction-contrast.js';
import { interactions } from '../../src/stats/interactions.js';
import { tQuantile } from '../../src/stats/dist/t.js';
import { statsMessages } from '../../src/messages/stats.js';
import type { Observation } from '../../src/model/observation.js';
import { observation } from './fixtures.js';
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
  it('c = observed delta − mean delta over the plugins present; Var = MSE Σ w²/n; t interval with residual df', () => {
    const result = interactions(
      twoByTwo({ 'k8s|flannel': 100, 'k8s|calico': 200, 'k3s|flannel': 110, 'k3s|calico': 180 }),
    );
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
    expect(flannel!.sentence).toContain('Flannel uses 10\u00a0% more RAM on K3s than on vanilla K8s');
  });

  it('thresholds are configurable: a minimum size the contrast does not reach, and alpha', () => {
    const obs = twoByTwo({ 'k8s|flannel': 100, 'k8s|calico': 200, 'k3s|flannel': 110, 'k3s|calico': 180 });
    expect(interactions(obs, { minInteractionPct: 20 }).contrasts.some((c) => c.flagged)).toBe(false);
    expect(interactions(obs, { alpha: 1e-12 }).contrasts.some((c) => c.flagged)).toBe(false);
  });

  it('interactionContrast with a single common level is identically 0 and untested', () => {
    const v = interactionContrast({ at: { n: 3, mean: 5 }, base: { n: 3, mean: 4 } }, [], 1, 10, 0.95);
    expect(v.contrast).toBe(0);
    expect(v.p).toBeNull();
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
    const t3 = interactions(design(['k3s|cilium']), { type: 3 }).anova[0]!;
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
    const [t1, t2, t3] = ([1, 2, 3] as const).map((type) => anovaTwoWay(cells, { type }));
    const ss = (fit: typeof t1, term: string) => fit!.terms.find((t) => t.term === term)!.ss;
    expectClose(ss(t1, 'A:B'), ss(t2, 'A:B'), 1e-12);
    expectClose(ss(t2, 'A:B'), ss(t3, 'A:B'), 1e-12);
    expect(Math.abs(ss(t1, 'A') - ss(t2, 'A'))).toBeGreaterThan(1e-6);
    expectClose(ss(t1, 'B'), ss(t2, 'B'), 1e-12);
    expect(() => anovaTwoWay([])).toThrow(RangeError);
  });
});
