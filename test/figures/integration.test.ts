/**
 * From the real statistics stage: observations → analyse() → every figure. The observations are the fixture's
 * iterations, so the figures can be checked against numbers computed independently here.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/model/dataset.js';
import type { Observation } from '../../src/model/observation.js';
import { analyse } from '../../src/stats/index.js';
import {
  deltaHeatmap,
  interactionPlot,
  iterationsView,
  paperGrid,
  renderSvg,
  validateSpec,
} from '../../src/figures/index.js';
import { makeAnalysis } from './data.js';
import { datasetOf } from '../helpers/dataset.js';

function datasetFrom(fixture: ReturnType<typeof makeAnalysis>): Dataset {
  const observations: Observation[] = fixture.summaries.flatMap((s) =>
    s.values.map((value, i) => ({
      factors: s.factors,
      iteration: s.iterations[i]!,
      test: s.test,
      protocol: s.protocol,
      node: s.node,
      metric: s.metric,
      value,
      missing: null,
      provenance: { source: `fixture/${s.key}`, format: 'json', knbVersion: '1.5.0', runName: null, date: null },
    })),
  );
  return datasetOf('fixture', fixture.factors, observations);
}

describe('figures from analyse()', () => {
  const fixture = makeAnalysis({
    distributions: ['k8s', 'k3s', 'k0s', 'mk8s'],
    plugins: ['flannel', 'calico', 'cilium', 'kube-router', 'kube-ovn'],
  });
  const analysis = analyse(datasetFrom(fixture));

  it('every builder gives valid specs', async () => {
    const figures = [
      ...Object.values(paperGrid(analysis)),
      ...Object.values(deltaHeatmap(analysis)),
      ...Object.values(interactionPlot(analysis)),
      ...Object.values(iterationsView(analysis, { metrics: ['ram'] })),
    ];
    expect(figures.map((f) => f.id)).toEqual([
      'paper-grid-ath',
      'paper-grid-uom',
      'delta-heatmap-ath',
      'delta-heatmap-uom',
      'interaction-ath',
      'interaction-uom',
      'iterations-ath',
      'iterations-uom',
    ]);
    for (const f of figures) expect((await validateSpec(f.spec)).valid).toBe(true);
  });

  it('bars are the cell means and error bars the t intervals analyse computed', () => {
    const spec = Object.values(paperGrid(analysis, { conditions: ['idle'], metrics: ['ram'] }))[1]!.spec as unknown as {
      data: { values: { x: string; color: string; mean: number; lo: number; hi: number }[] };
    };
    const bars = spec.data.values; // the one panel's
    expect(bars).toHaveLength(20);
    const flannelK3s = bars.find((b) => b.x === 'Flannel' && b.color === 'K3s')!;
    const cell = analysis.summaries.find(
      (s) =>
        s.factors['testbed'] === 'UOM' &&
        s.factors['plugin'] === 'flannel' &&
        s.factors['distribution'] === 'k3s' &&
        s.test === 'idle' &&
        s.node === 'server' &&
        s.metric === 'ram',
    )!;
    const values = cell.values;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(flannelK3s.mean).toBeCloseTo(mean, 2);
    expect(flannelK3s.lo).toBeCloseTo(cell.ci!.lo, 2);
    expect(flannelK3s.hi).toBeCloseTo(cell.ci!.hi, 2);
    expect(flannelK3s.lo).toBeLessThan(flannelK3s.mean);
  });

  it('the heatmap shows the stated Flannel RAM cut on K3s (about −28 %), significant', () => {
    const spec = Object.values(deltaHeatmap(analysis, { conditions: ['idle'], metrics: ['ram'] }))[1]!
      .spec as unknown as {
      data: { values: { x: string; y: string; pct: number; significant: boolean; label: string }[] };
    };
    const cell = spec.data.values.find((v) => v.x === 'K3s' && v.y === 'Flannel')!;
    expect(cell.pct).toBeGreaterThan(-33);
    expect(cell.pct).toBeLessThan(-23);
    expect(cell.significant).toBe(true);
    expect(cell.label).toMatch(/^\u22122\d$/);
  });

  it('renders', async () => {
    const svg = await renderSvg(Object.values(deltaHeatmap(analysis))[0]!.spec);
    expect(svg).toContain('Kube-OVN');
  });
});
