/**
 * The single place where a normalised run becomes tidy observations. One row per number knb reported:
 * bandwidth per test (not idle: knb hard-codes 0 there), and per node cpu total, the five components and ram.
 * Missing numbers stay as rows with value null and their reason.
 */
import type { Observation, Provenance } from '../model/observation.js';
import { CPU_COMPONENTS, type Metric } from '../model/vocabulary.js';
import type { KnbRun, Measured } from './knb/run.js';

const COMPONENT_METRICS: readonly Metric[] = CPU_COMPONENTS.map((c) => `cpu_${c}` as Metric);

export interface RunContext {
  /** factor levels of the cell, e.g. { testbed: 'ATH', distribution: 'k3s', plugin: 'flannel' } */
  readonly factors: Readonly<Record<string, string>>;
  readonly iteration: number;
  /** source path shown in provenance */
  readonly source: string;
}

export function runProvenance(run: KnbRun, source: string): Provenance {
  return {
    source,
    format: run.format,
    knbVersion: run.metadata.version,
    runName: run.metadata.name,
    date: run.metadata.date,
  };
}

/** Tidy observations of one run (in the run's test order; per test bandwidth, then client, then server). */
export function runObservations(run: KnbRun, context: RunContext): Observation[] {
  const provenance = runProvenance(run, context.source);
  const out: Observation[] = [];
  const { factors, iteration } = context;
  const push = (
    test: Observation['test'],
    protocol: Observation['protocol'],
    node: Observation['node'],
    metric: Metric,
    m: Measured,
  ) => {
    out.push({ factors, iteration, test, protocol, node, metric, value: m.value, missing: m.missing, provenance });
  };
  for (const t of run.tests) {
    if (t.test !== 'idle' && t.bandwidth) push(t.test, t.protocol, null, 'bandwidth', t.bandwidth);
    for (const node of ['client', 'server'] as const) {
      const r = t[node];
      if (!r) continue;
      push(t.test, t.protocol, node, 'cpu', r.cpu.total);
      CPU_COMPONENTS.forEach((c, i) => push(t.test, t.protocol, node, COMPONENT_METRICS[i]!, r.cpu[c]));
      push(t.test, t.protocol, node, 'ram', r.ram);
    }
  }
  return out;
}
