/**
 * Writes the factor-explosion campaign of issue 11 — 1 testbed × 51 distributions × 200 plugins × 3 runs = 30,600
 * small knb archives — for a whole-process measurement of `cnibench report build` (time and peak memory):
 *   npx tsx perf/explosion-gen.ts DIR && /usr/bin/time -v node bin/cnibench.js report build DIR -o OUT -q
 * Other sizes: `npx tsx perf/explosion-gen.ts DIR DISTRIBUTIONS PLUGINS` (default 51 200).
 */
import { EXAMPLE_CAMPAIGN, exampleCell, writeCampaign, type CampaignOptions } from '../src/synth/index.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx perf/explosion-gen.ts DIR [DISTRIBUTIONS=51] [PLUGINS=200]');
const distributionCount = Number(process.argv[3] ?? 51);
const pluginCount = Number(process.argv[4] ?? 200);
const distributions = Array.from({ length: distributionCount }, (_, i) => ({
  id: `dist${String(i).padStart(2, '0')}`,
  label: `D${i}`,
}));
const plugins = Array.from({ length: pluginCount }, (_, i) => ({
  id: `cni${String(i).padStart(3, '0')}`,
  label: `C${i}`,
}));
const example = EXAMPLE_CAMPAIGN as unknown as CampaignOptions;
const options: CampaignOptions = {
  ...example,
  seed: 11,
  name: `factor explosion (${distributionCount} × ${pluginCount})`,
  description: `synthetic: ${distributionCount} distributions × ${pluginCount} plugins × 3 runs, for the memory and time bound of issue 11`,
  testbeds: [example.testbeds[0]!],
  distributions,
  plugins,
  baseline: distributions[0]!.id,
  iterations: 3,
  faults: [],
  format: () => 'knbdata',
  // every cell takes the example's Flannel-on-K8s parameters: the point is the number of levels, not the effects
  cell: (key) => exampleCell({ ...key, distribution: 'k8s', plugin: 'flannel' }),
};
const t0 = performance.now();
const { files, bytes } = writeCampaign(dir, options);
console.log(
  `${files.length} files, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
