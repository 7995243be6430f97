import { describe, expect, it } from 'vitest';
import { levelLabel, levelNamed, normaliseLevel, orderLevels, type Dataset } from '../../src/model/index.js';
import { inferDesign } from '../../src/stats/index.js';
import { factsDataset } from '../stats/fixtures.js';

describe('level names of real campaigns', () => {
  it('knows weavenet / weave-net, kuberouter and versioned Calico', () => {
    expect(['weavenet', 'weave-net', 'Weave_Net'].map((s) => normaliseLevel('plugin', s).name)).toEqual([
      'weave',
      'weave',
      'weave',
    ]);
    expect(normaliseLevel('plugin', 'kuberouter').name).toBe('kube-router');
    expect(normaliseLevel('cni', 'Calico-3.16').name).toBe('calico-3.16');
    expect(levelLabel('plugin', 'calico-3.16')).toBe('Calico 3.16');
    expect(levelLabel('plugin', 'weave')).toBe('Weave Net');
    expect(normaliseLevel('plugin', 'my-cni-2').name).toBe('my-cni-2');
  });

  it('orders numeric levels numerically, auto-like words first (baseline not moved)', () => {
    expect(orderLevels('mtu', ['1500', 'auto', '1000', '1450', '1100'], { baseline: '1500' })).toEqual([
      'auto',
      '1000',
      '1100',
      '1450',
      '1500',
    ]);
    expect(orderLevels('window', ['64K', '1M', '128K'])).toEqual(['64K', '128K', '1M']);
    expect(orderLevels('os', ['u20', 'u18'])).toEqual(['u20', 'u18']);
  });

  it('accepts a level by name, label or alias, else names the allowed ones', () => {
    const factor = {
      name: 'plugin',
      levels: ['flannel', 'weave'],
      originals: { weave: ['weavenet'] },
      labels: { flannel: 'Flannel', weave: 'Weave Net' },
    };
    expect(levelNamed('Weave Net', 'baseline', factor)).toBe('weave');
    expect(levelNamed('weave-net', 'baseline', factor)).toBe('weave');
    expect(levelNamed('weavenet', 'baseline', factor)).toBe('weave');
    expect(() => levelNamed('calico', 'baseline', factor)).toThrow(/its levels are "flannel", "weave"/);
  });
});

describe('inferDesign', () => {
  const dataset = factsDataset(1);
  it('keeps the reference study defaults when the campaign has them', () => {
    const d = inferDesign(dataset);
    expect(d).toMatchObject({ factor: 'distribution', baseline: 'k8s', interaction: ['distribution', 'plugin'] });
    expect(d.crossed).toContainEqual(['distribution', 'plugin']);
  });

  it('without distribution and plugin: the factor with most levels, a crossed pair with it; none crossed → none', () => {
    const renamed: Dataset = {
      ...dataset,
      campaign: { ...dataset.campaign, baseline: {} },
      factors: dataset.factors.map((f) => ({ ...f, name: `${f.name}X` })),
      observations: dataset.observations.map((o) => ({
        ...o,
        factors: Object.fromEntries(Object.entries(o.factors).map(([k, v]) => [`${k}X`, v])),
      })),
    };
    // one factors object per cell, as ingest shares them
    const shared = new Map<string, Readonly<Record<string, string>>>();
    const cells = renamed.observations.map((o) => {
      const key = JSON.stringify(o.factors);
      if (!shared.has(key)) shared.set(key, o.factors);
      return { ...o, factors: shared.get(key)! };
    });
    const d = inferDesign({ ...renamed, observations: cells });
    const most = [...renamed.factors].sort((a, b) => b.levels.length - a.levels.length)[0]!.name;
    expect(d.factor).toBe(most);
    expect(d.interaction).toContain(most);
    // drop one combination: no pair with the missing cell is crossed any more
    const holed = cells.filter((o) => !(o.factors['distributionX'] === 'k3s' && o.factors['pluginX'] === 'calico'));
    const h = inferDesign({ ...renamed, observations: holed }, { factor: 'distributionX' });
    expect(h.crossed).not.toContainEqual(['distributionX', 'pluginX']);
    expect(() => inferDesign(dataset, { factor: 'kernel' })).toThrow(
      /its factors are "testbed", "distribution", "plugin"/,
    );
    expect(() => inferDesign(dataset, { interaction: ['plugin', 'plugin'] })).toThrow(/two different factors/);
  });
});
