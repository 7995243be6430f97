/**
 * selectDataset on a real ingest (the bundled example campaign: archives with per-second samples, reports without):
 * the subset stays whole — observations, samples, factor levels and the ledger agree — and works with analyse.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestCampaign, selectDataset } from '../../src/ingest/index.js';
import { CnibenchError, type Dataset } from '../../src/model/index.js';
import { analyse } from '../../src/stats/index.js';
import { REPO_ROOT } from '../helpers/shared.js';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await ingestCampaign(join(REPO_ROOT, 'fixtures', 'example-campaign'));
}, 60_000);

describe('selectDataset', () => {
  it('keeps only the named levels (by name, label or alias), tests and metrics, everywhere', () => {
    const subset = selectDataset(dataset, {
      levels: { testbed: ['UOM'], distribution: ['k8s', 'MicroK8s', 'K3s'] },
      tests: ['idle', 'p2p'],
      metrics: ['ram', 'bandwidth'],
    });
    expect(subset.observations.length).toBeGreaterThan(0);
    for (const o of subset.observations) {
      expect(o.factors['testbed']).toBe('UOM');
      expect(['k8s', 'mk8s', 'k3s']).toContain(o.factors['distribution']);
      expect(['idle', 'p2p']).toContain(o.test);
      expect(['ram', 'bandwidth']).toContain(o.metric);
    }
    expect(subset.factors.find((f) => f.name === 'distribution')!.levels).toEqual(['k8s', 'k3s', 'mk8s']);
    expect(subset.factors.find((f) => f.name === 'testbed')!.levels).toEqual(['UOM']);
    // samples follow the cells and tests
    expect(subset.samples.length).toBeGreaterThan(0);
    expect(subset.samples.length).toBeLessThan(dataset.samples.length);
    for (const s of subset.samples) {
      expect(s.factors['testbed']).toBe('UOM');
      expect(['idle', 'p2p']).toContain(s.test);
    }
    // the ledger: only files of kept cells, their counts recounted, the summary consistent with the observations
    const placed = subset.ledger.entries.filter((e) => e.factors !== null);
    expect(placed.every((e) => e.factors!['testbed'] === 'UOM')).toBe(true);
    expect(placed.length).toBe(3 * 5 * 10);
    expect(subset.ledger.summary.observations).toBe(subset.observations.length);
    expect(subset.ledger.summary.missing).toBe(subset.observations.filter((o) => o.value === null).length);
  });

  it('a subset analyses like a campaign of its own', () => {
    const subset = selectDataset(dataset, { levels: { testbed: ['ATH'] }, metrics: ['ram'] });
    const analysis = analyse(subset, { factor: 'distribution', baseline: 'K8s' });
    expect(analysis.options.baseline).toBe('k8s');
    expect(new Set(analysis.summaries.map((s) => s.factors['testbed']))).toEqual(new Set(['ATH']));
    expect(analysis.summaries.every((s) => s.metric === 'ram')).toBe(true);
  });

  it('drops the samples when no sampled metric is kept; names the option on a bad value', () => {
    expect(selectDataset(dataset, { metrics: ['bandwidth'] }).samples).toEqual([]);
    expect(() => selectDataset(dataset, { levels: { testbed: ['LRZ'] } })).toThrow(CnibenchError);
    expect(() => selectDataset(dataset, { levels: { testbed: ['LRZ'] } })).toThrow(/levels\.testbed.*"ATH", "UOM"/);
    expect(() => selectDataset(dataset, { levels: { kernel: ['6.1'] } })).toThrow(/"kernel" is not a factor/);
    // @ts-expect-error: not a test
    expect(() => selectDataset(dataset, { tests: ['p2x'] })).toThrow('option tests: "p2x" is not one of');
  });
});
