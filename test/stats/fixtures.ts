/**
 * Datasets built in code for the statistics tests: the reference study's stated inter-host RAM deltas and intra-host
 * CPU interaction (../shared/paper/FACTS.md), and purely additive datasets with no interaction at all.
 */
import type { Dataset, FactorInfo } from '../../src/model/dataset.js';
import { LEVEL_LABELS } from '../../src/model/levels.js';
import type { Observation } from '../../src/model/observation.js';
import type { Metric, NodeRole, Protocol, Test } from '../../src/model/vocabulary.js';
import { mulberry32, normalGenerator } from '../../src/model/random.js';
import { datasetOf } from '../helpers/dataset.js';
import { STATED_UOM_RAM_DELTAS } from '../helpers/facts.js';

export const DISTRIBUTIONS = ['k8s', 'k3s', 'k0s', 'mk8s'] as const;
export const PLUGINS = ['flannel', 'calico', 'cilium', 'kube-router', 'kube-ovn'] as const;

export function observation(
  factors: Record<string, string>,
  iteration: number,
  value: number | null,
  condition: { test?: Test; protocol?: Protocol | null; node?: NodeRole | null; metric?: Metric } = {},
): Observation {
  return {
    factors,
    iteration,
    test: condition.test ?? 'p2p',
    protocol: condition.protocol === undefined ? 'tcp' : condition.protocol,
    node: condition.node === undefined ? 'server' : condition.node,
    metric: condition.metric ?? 'ram',
    value,
    missing: value === null ? 'no-monitor-samples' : null,
    provenance: { source: 'generated', format: 'json', knbVersion: '1.5.0', runName: null, date: null },
  };
}

/** FACTS.md, inter-host (UOM) RAM vs vanilla K8s, in %. Plugins not named are unchanged. */
export const STATED_RAM_DELTAS = STATED_UOM_RAM_DELTAS;

/** Baseline (vanilla K8s) levels per plugin, from the knb 2020 public numbers in FACTS.md (idle server RAM, MiB). */
const RAM_BASE: Record<string, number> = {
  flannel: 597,
  calico: 657,
  cilium: 866,
  'kube-router': 602,
  'kube-ovn': 790,
};
/** FACTS.md intra-host CPU, TCP (% of node): Flannel/Cilium ≈ 10, Calico/Kube-router ≈ 25, Kube-ovn highest. */
const CPU_BASE: Record<string, number> = { flannel: 10, calico: 25, cilium: 10, 'kube-router': 25, 'kube-ovn': 30 };

export function factorInfo(): FactorInfo[] {
  const info = (name: string, levels: readonly string[]): FactorInfo => ({
    name,
    levels,
    originals: Object.fromEntries(levels.map((l) => [l, [l]])),
    labels: Object.fromEntries(levels.map((l) => [l, LEVEL_LABELS[name]?.[l] ?? l])),
  });
  return [info('testbed', ['UOM', 'ATH']), info('distribution', DISTRIBUTIONS), info('plugin', PLUGINS)];
}

/**
 * The reference study as a dataset: UOM RAM (p2p tcp, server) with the stated deltas, and ATH CPU (p2p tcp, server)
 * where only Calico on K0s and MicroK8s changes (−20 %). Noise is seeded normal (RAM sd 2 % of the mean, CPU sd 5 %);
 * each cell's values are then shifted so that the cell mean is exactly the stated one, as the acceptance asks.
 */
export function factsDataset(seed: number, iterations = 10): Dataset {
  const z = normalGenerator(mulberry32(seed));
  const observations: Observation[] = [];
  const addCell = (factors: Record<string, string>, target: number, sd: number, metric: Metric): void => {
    const noise = Array.from({ length: iterations }, () => z() * sd);
    const m = noise.reduce((a, b) => a + b, 0) / iterations;
    noise.forEach((e, i) => observations.push(observation(factors, i + 1, target + e - m, { metric })));
  };
  for (const d of DISTRIBUTIONS) {
    for (const p of PLUGINS) {
      const stated = STATED_RAM_DELTAS.find((s) => s.distribution === d && s.plugin === p)?.pct ?? 0;
      const ram = RAM_BASE[p]! * (1 + stated / 100);
      addCell({ testbed: 'UOM', distribution: d, plugin: p }, ram, 0.02 * ram, 'ram');
      const cpuDelta = p === 'calico' && (d === 'k0s' || d === 'mk8s') ? -20 : 0;
      const cpu = CPU_BASE[p]! * (1 + cpuDelta / 100);
      addCell({ testbed: 'ATH', distribution: d, plugin: p }, cpu, 0.05 * cpu, 'cpu');
    }
  }
  return datasetOf('facts', factorInfo(), observations);
}

/**
 * A purely additive dataset: value = μ + distribution effect + plugin effect + N(0, sd²), 4 × 5 cells × n
 * iterations, no interaction at all (plain noise, no re-centring).
 */
export function additiveObservations(seed: number, iterations = 10): Observation[] {
  const z = normalGenerator(mulberry32(seed));
  const distEffect: Record<string, number> = { k8s: 0, k3s: -40, k0s: -25, mk8s: 15 };
  const pluginEffect: Record<string, number> = {
    flannel: 0,
    calico: 60,
    cilium: 270,
    'kube-router': 5,
    'kube-ovn': 190,
  };
  const out: Observation[] = [];
  for (const d of DISTRIBUTIONS) {
    for (const p of PLUGINS) {
      const factors = { testbed: 'UOM', distribution: d, plugin: p };
      for (let i = 1; i <= iterations; i++)
        out.push(observation(factors, i, 600 + distEffect[d]! + pluginEffect[p]! + 12 * z(), {}));
    }
  }
  return out;
}
