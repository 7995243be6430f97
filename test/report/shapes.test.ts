/**
 * Issue 10 acceptance: look-alikes of two real campaign shapes (src/synth/shapes.ts), read with their campaign.yaml
 * only — no renaming, no symlinks — build with the compared factor and baseline the user chose; index.md and
 * summary.json are golden. Small sizes keep it fast; the full shapes are built by perf/shapes.bench.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/index.js';
import { generateShapeA, generateShapeB, writeCampaignFiles } from '../../src/synth/index.js';
import { CnibenchError } from '../../src/model/index.js';
import { expectGolden } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnibench-shapes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const shapeA = join(scratch, 'shape-a');
writeCampaignFiles(shapeA, generateShapeA({ plugins: ['calico-3.16', 'flannel', 'weavenet'] }));
const shapeB = join(scratch, 'shape-b');
writeCampaignFiles(shapeB, generateShapeB({ mtus: ['1400', '1500', 'auto'] }));

const build = (dir: string, out: string, extra: Parameters<typeof buildReport>[1] = {}) =>
  buildReport(dir, { out: join(scratch, out), formats: [], date: '2024-02-01', renderThreads: 1, ...extra });

describe('shape A look-alike (one distribution, setups × OS × tunings, not crossed)', () => {
  it('builds from campaign.yaml alone: renderings counted once, .cast ignored, no two-way section and says why', async () => {
    const result = await build(shapeA, 'a');
    const index = readFileSync(join(result.outDir, 'index.md'), 'utf8');
    const summary = readFileSync(join(result.outDir, 'summary.json'), 'utf8');
    expect(result.summary.ledger).toMatchObject({ ingested: 36, rejected: 0, warning: 0 });
    expect(result.summary.analysis).toMatchObject({ factor: 'plugin', baseline: 'flannel', interactionFactors: null });
    expect(index).toContain('no pair of the varying factors (plugin, os, tuning) is fully crossed');
    expect(index).not.toContain('interaction flags');
    expect(result.summary.tables.map((t) => t.id)).not.toContain('anova');
    expect(index).toMatch(/\d+ of \d+ comparisons testable \(\d+ lack a baseline cell\); \d+ significant/);
    // the compared factor's levels are the subject of every effect sentence
    const effects = result.summary.findings.filter((f) => f.kind === 'effect');
    for (const f of effects)
      expect(f.sentence).toMatch(
        /^(Calico 3\.16|Weave Net|Antrea|Calico|Canal|Cilium|Kube-OVN|Kube-router) (uses|reaches) .* than Flannel /,
      );
    expectGolden('shape-a/index.md', index);
    expectGolden('shape-a/summary.json', summary);
  });

  it('takes the compared factor and baseline from the options, by label or alias', async () => {
    const result = await build(shapeA, 'a-os', { factor: 'os', baseline: 'u18.04-hwe' });
    expect(result.summary.analysis).toMatchObject({ factor: 'os', baseline: 'u18.04-hwe' });
    const byAlias = await build(shapeA, 'a-alias', { baseline: 'weave-net' });
    expect(byAlias.summary.analysis).toMatchObject({ factor: 'plugin', baseline: 'weave' });
    await expect(build(shapeA, 'a-bad', { factor: 'plugin', baseline: 'calcio' })).rejects.toThrow(
      /"calcio" is not a level of plugin; its levels are "flannel", "calico-3.16", "weave"/,
    );
    await expect(build(shapeA, 'a-bad2', { factor: 'kernel' })).rejects.toBeInstanceOf(CnibenchError);
  });
});

describe('shape B look-alike (knb 1.5.1 fork MTU study, crossed)', () => {
  it('builds from campaign.yaml alone with MTU compared against 1500 and network × mtu', async () => {
    const result = await build(shapeB, 'b');
    const index = readFileSync(join(result.outDir, 'index.md'), 'utf8');
    const summary = readFileSync(join(result.outDir, 'summary.json'), 'utf8');
    expect(result.summary.ledger).toMatchObject({ ingested: 31, warning: 5, rejected: 0 });
    expect(result.summary.analysis).toMatchObject({
      factor: 'mtu',
      baseline: '1500',
      interactionFactors: ['network', 'mtu'],
    });
    expect(result.summary.counts.anovaGroups).toBeGreaterThan(0);
    expectGolden('shape-b/index.md', index);
    expectGolden('shape-b/summary.json', summary);
  });
});
