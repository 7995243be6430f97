// Statistics stage speed: describe + compare + interactions over ~1,000,000 observations (target ≤ 2 s in total on
// the 2-core machine). Two shapes: many small cells (an extra factor, 10 iterations each: 102,400 cells) and few
// large cells (3,200 cells of 313 iterations). Run with `npm run bench -- stats`.
import type { Observation } from '../src/model/observation.js';
import { METRICS, type Metric, type Protocol, type Test } from '../src/model/vocabulary.js';
import { compare } from '../src/stats/compare.js';
import { describe } from '../src/stats/describe.js';
import { interactionsFromSummaries } from '../src/stats/interactions.js';
import { mulberry32, normalGenerator } from '../src/stats/rng.js';

const CONDITIONS: { test: Test; protocol: Protocol | null }[] = [
  { test: 'idle', protocol: null },
  { test: 'p2p', protocol: 'tcp' },
  { test: 'p2p', protocol: 'udp' },
  { test: 'p2s', protocol: 'tcp' },
  { test: 'p2s', protocol: 'udp' },
];

function build(extraLevels: number, iterations: number): Observation[] {
  const z = normalGenerator(mulberry32(42));
  const out: Observation[] = [];
  const provenance = { source: 'bench', format: 'json' as const, knbVersion: '1.5.0', runName: null, date: null };
  for (const testbed of ['ATH', 'UOM']) {
    for (const distribution of ['k8s', 'k3s', 'k0s', 'mk8s']) {
      for (const plugin of ['flannel', 'calico', 'cilium', 'kube-router', 'kube-ovn']) {
        for (let x = 0; x < extraLevels; x++) {
          const factors: Record<string, string> =
            extraLevels > 1 ? { testbed, distribution, plugin, kernel: `k${x}` } : { testbed, distribution, plugin };
          for (const c of CONDITIONS) {
            for (const metric of METRICS as readonly Metric[]) {
              for (const node of ['client', 'server'] as const) {
                const mu = 100 + distribution.length * 7 + plugin.length * 11;
                for (let i = 1; i <= iterations; i++) {
                  out.push({ factors, iteration: i, test: c.test, protocol: c.protocol, node, metric, value: mu + 5 * z(), missing: null, provenance });
                }
              }
            }
          }
        }
      }
    }
  }
  return out;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

for (const [label, extra, iterations] of [
  ['102,400 cells × 10 iterations', 32, 10],
  ['3,200 cells × 313 iterations', 1, 313],
] as const) {
  const observations = build(extra, iterations);
  (globalThis as { gc?: () => void }).gc?.();
  const [summaries, tDescribe] = time(() => describe(observations));
  const [comparisons, tCompare] = time(() => compare(summaries));
  const [inter, tInteractions] = time(() => interactionsFromSummaries(summaries));
  const total = tDescribe + tCompare + tInteractions;
  console.log(`${label}: ${observations.length.toLocaleString('en')} observations`);
  console.log(`  describe      ${tDescribe.toFixed(0).padStart(6)} ms  (${summaries.length} cells)`);
  console.log(`  compare       ${tCompare.toFixed(0).padStart(6)} ms  (${comparisons.length} comparisons)`);
  console.log(`  interactions  ${tInteractions.toFixed(0).padStart(6)} ms  (${inter.anova.length} ANOVAs, ${inter.contrasts.length} contrasts)`);
  console.log(`  total         ${total.toFixed(0).padStart(6)} ms  (target ≤ 2000 ms) ${total <= 2000 ? 'OK' : 'SLOW'}`);
  console.log(`  heap used     ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
