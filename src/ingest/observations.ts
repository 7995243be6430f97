/**
 * The single place where a normalised run becomes tidy observations. One row per number knb reported:
 * bandwidth per test (not idle: knb hard-codes 0 there), and per node cpu total, the five components and ram.
 * Missing numbers stay as rows with value null and their reason.
 */
import {
  type CpuComponent,
  type Observation,
  type Provenance,
  CPU_COMPONENTS,
  type Metric,
  type Test,
  type Protocol,
} from '../model/index.js';
import type { KnbRun, Measured } from '../knb/index.js';

/** One number of a run as observations need it: the value, or null and the reason (a Measured is one). */
export type Value = Pick<Measured, 'value' | 'missing'>;

/** A node's usage during one test, as observations need it (a KnbNodeResult is one). */
export interface NodeValues {
  readonly cpu: Readonly<Record<'total' | CpuComponent, Value>>;
  readonly ram: Value;
}

/** One test of a run, as observations need it (a KnbTestResult is one). */
export interface TestValues {
  readonly test: Test;
  readonly protocol: Protocol | null;
  readonly bandwidth: Value | null;
  readonly client: NodeValues | null;
  readonly server: NodeValues | null;
}

/**
 * What observations are made of: a KnbRun, or the values of a run read by an ingest worker thread (the text knb
 * printed for each number stays there).
 */
export interface RunValues {
  readonly format: KnbRun['format'];
  readonly metadata: Pick<KnbRun['metadata'], 'version' | 'name' | 'date'>;
  readonly tests: readonly TestValues[];
}

const COMPONENT_METRICS: readonly Metric[] = CPU_COMPONENTS.map((c) => `cpu_${c}` as Metric);
/** Per node: cpu total, the five components in knb's order, ram. */
const NODE_METRICS: readonly Metric[] = ['cpu', ...COMPONENT_METRICS, 'ram'];
const NODE_ORDER = ['client', 'server'] as const;

export interface RunContext {
  /** factor levels of the cell, e.g. { testbed: 'ATH', distribution: 'k3s', plugin: 'flannel' } */
  readonly factors: Readonly<Record<string, string>>;
  readonly iteration: number;
  /** source path shown in provenance */
  readonly source: string;
}

export function runProvenance(run: RunValues, source: string): Provenance {
  return {
    source,
    format: run.format,
    knbVersion: run.metadata.version,
    runName: run.metadata.name,
    date: run.metadata.date,
  };
}

/**
 * Tidy observations of one run (in the run's test order; per test bandwidth, then client, then server).
 * @param out where the rows are appended (default a new array): a campaign passes its own list, saving a copy per run
 * @returns `out`
 */
export function runObservations(run: RunValues, context: RunContext, out: Observation[] = []): Observation[] {
  const provenance = runProvenance(run, context.source);
  const { factors, iteration } = context;
  for (const t of run.tests) {
    const { test, protocol } = t;
    if (test !== 'idle' && t.bandwidth) {
      const m = t.bandwidth;
      out.push({
        factors,
        iteration,
        test,
        protocol,
        node: null,
        metric: 'bandwidth',
        value: m.value,
        missing: m.missing,
        provenance,
      });
    }
    for (const node of NODE_ORDER) {
      const r = t[node];
      if (!r) continue;
      const cpu = r.cpu;
      const values: readonly Value[] = [cpu.total, cpu.user, cpu.nice, cpu.system, cpu.iowait, cpu.steal, r.ram];
      for (let i = 0; i < NODE_METRICS.length; i++) {
        const m = values[i]!;
        out.push({
          factors,
          iteration,
          test,
          protocol,
          node,
          metric: NODE_METRICS[i]!,
          value: m.value,
          missing: m.missing,
          provenance,
        });
      }
    }
  }
  return out;
}
