/**
 * Quick looks on a seeded in-memory campaign (not the example campaign, which may be regenerated): golden SVGs
 * compared byte for byte (a mismatch writes `<id>.got.svg` beside the golden file), byte-identical repeats, what the
 * marks show checked against the data they were drawn from, and the errors a bad selection gets.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quicklookMessages as msg } from '../../src/quicklook/messages.js';
import type { FactorInfo, Observation, Sample, SampleSeries } from '../../src/model/index.js';
import { JUPYTER_DISPLAY } from '../../src/model/index.js';
import { driftLook, iterationsLook, samplesLook, type QuickLook } from '../../src/quicklook/index.js';
import { mulberry32, normalGenerator } from '../../src/model/random.js';
import { datasetOf } from '../helpers/dataset.js';

const GOLDEN = join(import.meta.dirname, 'golden');

function factor(name: string, levels: string[], labels: Record<string, string> = {}): FactorInfo {
  return {
    name,
    levels,
    originals: Object.fromEntries(levels.map((l) => [l, [l]])),
    labels: { ...Object.fromEntries(levels.map((l) => [l, l])), ...labels },
  };
}

const FACTORS = [
  factor('testbed', ['A', 'B']),
  factor('distribution', ['k8s', 'k3s'], { k8s: 'K8s', k3s: 'K3s' }),
  factor('plugin', ['flannel', 'calico'], { flannel: 'Flannel', calico: 'Calico' }),
];
const ITERATIONS = 6;
/** CPU of the server node under p2p TCP rises by this much per run, in run order (the planted drift). */
const DRIFT_PER_RUN = 0.05;

/** Runs every 5 minutes from 2024-03-01 10:00 UTC, in the order testbed, distribution, plugin, iteration. */
function campaign() {
  const gauss = normalGenerator(mulberry32(12));
  const observations: Observation[] = [];
  const samples: SampleSeries[] = [];
  let run = 0;
  for (const testbed of ['A', 'B']) {
    for (const distribution of ['k8s', 'k3s']) {
      for (const plugin of ['flannel', 'calico']) {
        for (let iteration = 1; iteration <= ITERATIONS; iteration++) {
          const start = Date.UTC(2024, 2, 1, 10, 0, 0) + run * 300_000;
          const date = new Date(start).toISOString().replace('T', ' ').slice(0, 19);
          const source = `${testbed}/${distribution}/${plugin}/0${iteration}.knbdata`;
          // the last run of testbed B, k3s, calico comes from a format without a date
          const undated = testbed === 'B' && distribution === 'k3s' && plugin === 'calico' && iteration === ITERATIONS;
          const provenance = {
            source,
            format: 'knbdata' as const,
            knbVersion: '1.5.0',
            runName: null,
            date: undated ? null : date,
          };
          const factors = { testbed, distribution, plugin };
          const ram = (plugin === 'calico' ? 960 : 900) * (distribution === 'k3s' ? 0.8 : 1) + 8 * gauss();
          const cpu = 12 + (testbed === 'B' ? 3 : 0) + DRIFT_PER_RUN * run + 0.4 * gauss();
          const base = { factors, iteration, missing: null, provenance };
          observations.push({ ...base, test: 'idle', protocol: null, node: 'server', metric: 'ram', value: ram });
          observations.push({ ...base, test: 'p2p', protocol: 'tcp', node: 'server', metric: 'cpu', value: cpu });
          for (const node of ['client', 'server'] as const) {
            const series: Sample[] = [];
            for (let s = 0; s < 8; s++) {
              const user = Math.round((cpu * 0.6 + 0.5 * gauss()) * 100) / 100;
              series.push({
                timestamp: start / 1000 + 20 + s,
                user,
                nice: 0,
                system: Math.round(cpu * 30) / 100,
                iowait: 0.1,
                steal: 0,
                ram: Math.round(ram),
              });
            }
            samples.push({
              factors,
              iteration,
              test: 'p2p',
              protocol: 'tcp',
              node,
              samples: series,
              source,
              member: `./knb-p2p-tcp-${node}.metrics`,
            });
          }
          run++;
        }
      }
    }
  }
  return { ...datasetOf('quick looks', FACTORS, observations), samples };
}

const dataset = campaign();

const looks: Record<string, () => Promise<QuickLook>> = {
  'samples-one-run': () =>
    samplesLook(dataset, { factors: { testbed: 'A', distribution: 'k8s', plugin: 'flannel' }, iteration: 2 }),
  'samples-one-cell-ram': () =>
    samplesLook(
      dataset,
      { factors: { testbed: 'B', distribution: 'k3s', plugin: 'calico' }, node: 'server' },
      { metric: 'ram' },
    ),
  'iterations-ram': () => iterationsLook(dataset, { metric: 'ram', test: 'idle', node: 'server' }),
  'drift-cpu': () => driftLook(dataset, { metric: 'cpu', test: 'p2p', protocol: 'tcp', node: 'server' }),
};

describe('golden quick-look SVGs (test/quicklook/golden)', () => {
  mkdirSync(GOLDEN, { recursive: true });
  for (const [name, make] of Object.entries(looks)) {
    it(`${name}: byte-identical to its golden file and on repeat`, async () => {
      const [first, second] = [await make(), await make()];
      expect(second.svg).toBe(first.svg);
      const path = join(GOLDEN, `${name}.svg`);
      if (!existsSync(path)) {
        if (process.env['CI'] === 'true') throw new Error(`golden ${path} is missing; run the tests locally first`);
        writeFileSync(path, first.svg);
        return;
      }
      const expected = readFileSync(path, 'utf8');
      if (first.svg !== expected) writeFileSync(path.replace(/\.svg$/, '.got.svg'), first.svg);
      expect(first.svg).toBe(expected);
    });
  }
});

describe('what the quick looks draw', () => {
  it('is one standalone SVG that displays itself as SVG with a text title', async () => {
    const look = await looks['iterations-ram']!();
    expect(look.svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(look.svg.endsWith('</svg>')).toBe(true);
    const bundle = await (look as QuickLook & { [JUPYTER_DISPLAY]: () => Record<string, unknown> })[JUPYTER_DISPLAY]();
    expect(bundle).toEqual({ 'image/svg+xml': look.svg, 'text/plain': `<quick look: ${look.title}>` });
  });

  it('iterations: one dot per iteration with a value, panels per distribution and testbed', async () => {
    const look = await looks['iterations-ram']!();
    const dots = look.svg.match(/<circle /g) ?? [];
    expect(dots).toHaveLength(dataset.observations.filter((o) => o.metric === 'ram').length);
    for (const label of ['K8s', 'K3s', 'Flannel', 'Calico', '>A<', '>B<']) expect(look.svg).toContain(label);
  });

  it('samples: one line per series selected, x in seconds from the first sample', async () => {
    const run = await looks['samples-one-run']!();
    expect(run.svg.match(/<path [^>]*d="M/g)?.length ?? 0).toBeGreaterThanOrEqual(2); // client and server
    expect(run.title).toBe('CPU per second: A, k8s, flannel, run 2');
    const cell = await looks['samples-one-cell-ram']!();
    // six runs of the cell, each line labelled with its run number at its end
    for (let i = 1; i <= ITERATIONS; i++) expect(cell.svg).toContain(`>${i}</text>`);
  });

  it('drift: runs on the date axis, the undated run left out and counted, the planted rise visible', async () => {
    const look = await looks['drift-cpu']!();
    expect(look.title).toBe('CPU over run date (UTC): p2p-tcp, server (1 value from runs without a date left out)');
    expect(look.svg.match(/<circle /g)).toHaveLength(2 * 2 * 2 * ITERATIONS - 1);
    // the least-squares line of each testbed's panel rises (SVG y grows downwards): the planted drift
    const regression = look.svg.slice(look.svg.indexOf('aria-label="linear-regression"'));
    const lines = [...regression.matchAll(/<path [^>]*d="M([\d.]+),([\d.]+)L([\d.]+),([\d.]+)"/g)];
    expect(lines).toHaveLength(2);
    for (const [, , y1, , y2] of lines) expect(Number(y2)).toBeLessThan(Number(y1));
  });

  it('rejects a selection that names an unknown factor or level, selects nothing, or mixes conditions', async () => {
    await expect(samplesLook(dataset, { factors: { plugn: 'flannel' } })).rejects.toThrow(
      msg.unknownFactor('plugn', ['testbed', 'distribution', 'plugin']),
    );
    await expect(samplesLook(dataset, { factors: { plugin: 'cilium' } })).rejects.toThrow(
      msg.unknownLevel('plugin', 'cilium', ['flannel', 'calico']),
    );
    await expect(samplesLook(dataset, { test: 'idle' })).rejects.toThrow(
      msg.nothingSelected('sample series', '{"test":"idle"}'),
    );
    await expect(driftLook(dataset, { metric: 'cpu' })).resolves.toBeDefined(); // one condition holds cpu here
    await expect(
      iterationsLook(
        {
          ...dataset,
          observations: dataset.observations.map(
            (o) => ({ ...o, node: o.metric === 'ram' ? 'client' : 'server' }) as Observation,
          ),
        },
        { metric: 'ram' },
      ),
    ).resolves.toBeDefined();
    let ramSeen = 0;
    const mixed = dataset.observations.map((o) =>
      o.metric === 'ram' && ramSeen++ % 2 === 0 ? { ...o, node: 'client' as const } : o,
    );
    await expect(iterationsLook({ ...dataset, observations: mixed }, { metric: 'ram' })).rejects.toThrow(
      msg.mixedConditions(['idle/-/client', 'idle/-/server']),
    );
  });
});
