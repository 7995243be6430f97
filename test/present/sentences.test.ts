import { describe, it, expect } from 'vitest';
import { analyse } from '../../src/stats/analyse.js';
import { compare } from '../../src/stats/compare.js';
import { describe as describeCells } from '../../src/stats/describe.js';
import { comparisonSentence, conditionNodeLabel } from '../../src/present/index.js';
import { factorInfo, factsDataset, observation } from '../stats/fixtures.js';

const NB = '\u00a0';

describe('sentences', () => {
  const dataset = factsDataset(2024);
  const analysis = analyse(dataset);

  it('a significant comparison, worded as the study would', () => {
    const c = analysis.comparisons.find(
      (x) => x.level === 'k3s' && x.cell.factors['plugin'] === 'flannel' && x.cell.metric === 'ram',
    )!;
    expect(comparisonSentence(c, dataset.factors)).toMatch(
      new RegExp(
        `^K3s uses 28${NB}% less RAM than vanilla K8s \\(UOM, Flannel, P2P TCP server; 95${NB}% CI −\\d+${NB}% to −\\d+${NB}%; p < 0\\.001\\)$`,
      ),
    );
  });

  it('not significant, and impossible comparisons, say so', () => {
    const c = analysis.comparisons.find(
      (x) => x.level === 'k3s' && x.cell.factors['plugin'] === 'kube-ovn' && x.cell.metric === 'ram',
    )!;
    expect(comparisonSentence(c, dataset.factors)).toContain('not a significant change');
    const rows = [1, 2, 3].map((i) =>
      observation({ testbed: 'UOM', distribution: 'k3s', plugin: 'calico' }, i, 500 + i),
    );
    const [missing] = compare(describeCells(rows));
    expect(comparisonSentence(missing!, factorInfo())).toBe(
      'K3s cannot be compared with vanilla K8s (UOM, Calico, P2P TCP server): the baseline cell (distribution = k8s) has no usable value: no comparison',
    );
  });

  it('throughput is worded as higher/lower', () => {
    const rows = [
      ...[900, 910, 905, 895, 900, 902].map((v, i) =>
        observation({ distribution: 'k8s', plugin: 'calico' }, i + 1, v, { metric: 'bandwidth', node: null }),
      ),
      ...[700, 710, 705, 695, 700, 702].map((v, i) =>
        observation({ distribution: 'k0s', plugin: 'calico' }, i + 1, v, { metric: 'bandwidth', node: null }),
      ),
    ];
    const [c] = compare(describeCells(rows));
    expect(comparisonSentence(c!, factorInfo())).toMatch(
      new RegExp(`^K0s reaches 22${NB}% lower throughput than vanilla K8s \\(Calico, P2P TCP;`),
    );
  });

  it('condition labels', () => {
    expect(conditionNodeLabel({ test: 'idle', protocol: null, node: 'client' })).toBe('Idle client');
    expect(conditionNodeLabel({ test: 'p2s', protocol: 'udp', node: null })).toBe('P2S UDP');
  });
});

describe('analyse()', () => {
  it('fills and records options, copies the factors, rejects bad options by name', () => {
    const dataset = factsDataset(1);
    const a = analyse(dataset, { adjust: 'bh' });
    expect(a.options).toMatchObject({
      level: 0.95,
      alpha: 0.05,
      factor: 'distribution',
      baseline: 'k8s',
      adjust: 'bh',
      anovaType: 2,
    });
    expect(a.factors).toBe(dataset.factors);
    expect(a.summaries.length).toBe(40);
    expect(a.comparisons.length).toBe(30);
    expect(a.interactions.anova.length).toBe(2);
    expect(() => analyse(dataset, { level: 95 })).toThrow(/option level/);
    expect(() => analyse(dataset, { anovaType: 4 as 1 })).toThrow(/option anovaType/);
    expect(() => analyse(dataset, { metrics: [] })).toThrow(/option metrics: expected a non-empty list/);
    expect(() => analyse(dataset, { metrics: ['ram', 'disk' as 'ram'] })).toThrow(
      /option metrics: unknown metric disk; expected some of .*cpu_user/,
    );
    // the defaults are recorded, so the report can state them
    expect(a.options.metrics).toEqual(['cpu', 'ram', 'bandwidth']);
    expect(a.options.family).toBe('all');
    expect(a.options.interactionScale).toBe('log');
    expect(() => analyse(dataset, { family: 'plugin' as 'all' })).toThrow("option family: expected 'all' or 'group'");
    expect(() => analyse(dataset, { interactionScale: 'sqrt' as 'log' })).toThrow(
      "option interactionScale: expected 'log' or 'raw'",
    );
  });
});

describe('analyse() option errors and defaults', () => {
  it('names the option, the value and what was expected', () => {
    const dataset = factsDataset(1);
    expect(() => analyse(dataset, { factor: 'kernel' })).toThrow(
      "option factor: 'kernel' is not a factor of this campaign; expected one of: testbed, distribution, plugin",
    );
    expect(() => analyse(dataset, { baseline: 'rke2' })).toThrow(
      'option baseline: "rke2" is not a level of distribution; its levels are "k8s", "k3s", "k0s", "mk8s"',
    );
    expect(() => analyse(dataset, { interactionFactors: ['distribution', 'mtu'] })).toThrow(
      /option interactionFactors/,
    );
  });

  it('without k8s, the baseline defaults to the factor’s first level', () => {
    const dataset = factsDataset(1);
    const noK8s = {
      ...dataset,
      campaign: { ...dataset.campaign, baseline: {} },
      factors: dataset.factors.map((f) => (f.name === 'distribution' ? { ...f, levels: ['k3s', 'k0s', 'mk8s'] } : f)),
      observations: dataset.observations.filter((o) => o.factors['distribution'] !== 'k8s'),
    };
    const a = analyse(noK8s);
    expect(a.options.baseline).toBe('k3s');
    expect(
      a.comparisons.every((c) => c.baseline === 'k3s' && c.warnings.every((w) => w.code !== 'baseline-missing')),
    ).toBe(true);
  });
});

describe('arquero tables on request', () => {
  it('comparisons, ANOVA terms and contrasts as flat tables', async () => {
    const { comparisonsTable, anovaTable, contrastsTable } = await import('../../src/stats/tables.js');
    const a = analyse(factsDataset(3));
    const c = comparisonsTable(a.comparisons);
    expect(c.numRows()).toBe(a.comparisons.length);
    expect(c.columnNames()).toContain('delta_pct_lo');
    expect(c.get('delta_pct', 0)).toBe(a.comparisons[0]!.deltaPct);
    const t = anovaTable(a.interactions.anova);
    expect(t.numRows()).toBe(2 * 4); // distribution, plugin, interaction, residual per group
    expect(t.array('term').slice(0, 4)).toEqual(['distribution', 'plugin', 'distribution:plugin', 'Residual']);
    const k = contrastsTable(a.interactions.contrasts);
    expect(k.numRows()).toBe(a.interactions.contrasts.length);
    expect(k.array('flagged').filter(Boolean).length).toBe(a.interactions.contrasts.filter((x) => x.flagged).length);
  });
});
