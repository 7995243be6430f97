// Statistics stage speed: describe + compare + interaction patterns (log scale, what analyse() uses) + drift over
// ~1,000,000 observations (target ≤ 2 s in total on the 2-core machine). Two shapes: many small cells (an extra factor,
// 10 iterations each: 102,400 cells) and few large cells (3,200 cells of 313 iterations, the example shape).
// Every run has a knb date (one run every 2 minutes, in campaign order), so the drift stage does all its parts: per-cell
// trends, the seasonal Kendall test per metric, confounding and timings. Wall time is printed with CPU time, because
// the machine is shared: when wall ≫ cpu, other processes were running. Run with `npm run bench -- stats`.
import type { Observation } from '../src/model/observation.js';
import { METRICS, type Metric, type Protocol, type Test } from '../src/model/vocabulary.js';
import { compare } from '../src/stats/compare.js';
import { describe } from '../src/stats/describe.js';
import { driftAnalysis } from '../src/stats/drift.js';
import { HEADLINE_METRICS } from '../src/stats/options.js';
import { interactionPatterns } from '../src/stats/interaction-patterns.js';
import { secondsToKnbDate } from '../src/stats/drift-time.js';
import { mulberry32, normalGenerator } from '../src/model/random.js';

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
  let run = 0;
  for (const testbed of ['ATH', 'UOM']) {
    for (const distribution of ['k8s', 'k3s', 'k0s', 'mk8s']) {
      for (const plugin of ['flannel', 'calico', 'cilium', 'kube-router', 'kube-ovn']) {
        for (let x = 0; x < extraLevels; x++) {
          const factors: Record<string, string> =
            extraLevels > 1 ? { testbed, distribution, plugin, kernel: `k${x}` } : { testbed, distribution, plugin };
          // the runs of this cell, one every 2 minutes: one knb date each, shared by the run's observations
          const dates = Array.from({ length: iterations }, () => ({
            source: 'bench',
            format: 'json' as const,
            knbVersion: '1.5.0',
            runName: null,
            date: secondsToKnbDate(1_700_000_000 + 120 * run++),
          }));
          for (const c of CONDITIONS) {
            for (const metric of METRICS as readonly Metric[]) {
              for (const node of ['client', 'server'] as const) {
                const mu = 100 + distribution.length * 7 + plugin.length * 11;
                for (let i = 1; i <= iterations; i++) {
                  const provenance = dates[i - 1]!;
                  out.push({
                    factors,
                    iteration: i,
                    test: c.test,
                    protocol: c.protocol,
                    node,
                    metric,
                    value: mu + 5 * z(),
                    missing: null,
                    provenance,
                  });
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

/** Wall time, and CPU time of this process (user + system, all threads incl. GC), in ms. */
function time<T>(f: () => T): [T, number, number] {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  return [r, performance.now() - t0, (c.user + c.system) / 1000];
}

for (const [label, extra, iterations] of [
  ['102,400 cells × 10 iterations', 32, 10],
  ['3,200 cells × 313 iterations', 1, 313],
] as const) {
  const observations = build(extra, iterations);
  (globalThis as { gc?: () => void }).gc?.();
  const [summaries, tDescribe, cDescribe] = time(() => describe(observations));
  const [comparisons, tCompare, cCompare] = time(() => compare(summaries));
  const [inter, tInteractions, cInteractions] = time(() => interactionPatterns(summaries));
  // drift: per-cell trends and campaign drift of the headline metrics, confounding of the distribution with time
  const factorInfo = Object.keys(observations[0]!.factors).map((name) => ({
    name,
    levels: [],
    originals: {},
    labels: {},
  }));
  const [drift, tDrift, cDrift] = time(() =>
    driftAnalysis(observations, summaries, factorInfo, {
      metrics: HEADLINE_METRICS,
      compared: ['distribution'],
      factor: 'distribution',
      baseline: 'k8s',
    }),
  );
  const total = tDescribe + tCompare + tInteractions + tDrift;
  const cpu = cDescribe + cCompare + cInteractions + cDrift;
  const ms = (x: number): string => x.toFixed(0).padStart(6);
  console.log(`${label}: ${observations.length.toLocaleString('en')} observations (wall ms, cpu ms)`);
  console.log(`  describe      ${ms(tDescribe)} ${ms(cDescribe)}  (${summaries.length} cells)`);
  console.log(`  compare       ${ms(tCompare)} ${ms(cCompare)}  (${comparisons.length} comparisons)`);
  console.log(
    `  interactions  ${ms(tInteractions)} ${ms(cInteractions)}  (${inter.anova.length} ANOVAs, ${inter.contrasts.length} contrasts)`,
  );
  console.log(
    `  drift         ${ms(tDrift)} ${ms(cDrift)}  (${drift.cells.length} cell trends, ${drift.metrics.length} campaign trends)`,
  );
  console.log(`  total         ${ms(total)} ${ms(cpu)}  (target ≤ 2000 ms wall) ${total <= 2000 ? 'OK' : 'SLOW'}`);
  console.log(`  heap used     ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
