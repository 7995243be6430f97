/**
 * The single place where a normalised run becomes tidy observations. One row per number knb reported:
 * bandwidth per test (not idle: knb hard-codes 0 there), and per node cpu total, the five components and ram.
 * Missing numbers stay as rows with value null and their reason.
 */
import {
  type CpuComponent,
  type MissingReason,
  type NodeRole,
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
 * @param out where the rows are appended (default a new array)
 * @returns `out`
 */
export function runObservations(run: RunValues, context: RunContext, out: Observation[] = []): Observation[] {
  const rows = new ObservationRows();
  rows.appendRun(run, context);
  return rows.materialise(out);
}

/** What every row of a run shares. */
interface RunRowsHead {
  readonly factors: Readonly<Record<string, string>>;
  readonly iteration: number;
  readonly provenance: Provenance;
  /** index of the run's first row */
  readonly first: number;
}

/** The test, protocol, node and metric of a row: the same few dozen in every run, so each is kept once. */
export interface RowKey {
  readonly test: Test;
  readonly protocol: Protocol | null;
  readonly node: NodeRole | null;
  readonly metric: Metric;
}

/** The metric of each slot of a test's rows: bandwidth, then NODE_METRICS for the client, then for the server. */
const SLOT_METRICS: readonly Metric[] = ['bandwidth', ...NODE_METRICS, ...NODE_METRICS];

/** Rows a test can have. */
const ROWS_PER_TEST = SLOT_METRICS.length;

/** `fresh` (a larger array) holding `old`'s elements first. */
function copiedInto<A extends Float64Array | Uint16Array | Uint8Array>(old: A, fresh: A): A {
  fresh.set(old);
  return fresh;
}

/**
 * The tidy observations of a campaign, kept compactly while it is read: per row a key (test, protocol, node, metric),
 * the value and the missing reason in typed arrays, and per run its factors, iteration and provenance. An Observation
 * object is about 110 bytes and the heap copies each once or twice before it settles; 370,000 of them (5,000
 * archives) were a sixth of `cnibench ingest --format csv`, which writes them out without ever needing the objects
 * (tidyCsvBytes reads the rows). `materialise` makes the objects, exactly as runObservations always made them.
 */
export class ObservationRows {
  private readonly runs: RunRowsHead[] = [];
  private readonly keys: RowKey[] = [];
  /** test → protocol ('' for null) → the key codes of its ROWS_PER_TEST rows (-1: not made yet) */
  private readonly keyCodes = new Map<string, Map<string, Int32Array>>();
  private readonly reasons: MissingReason[] = [];
  private readonly reasonCodes = new Map<MissingReason, number>();
  private keyOf = new Uint16Array(0);
  private values = new Float64Array(0);
  /** 1 where the value is null */
  private nulls = new Uint8Array(0);
  /** 0: no reason; else 1 + index in `reasons` */
  private missingOf = new Uint16Array(0);
  private rowCount = 0;
  private nullRows = 0;

  /** Rows appended. */
  get length(): number {
    return this.rowCount;
  }

  /** Rows whose value is null. */
  get nullCount(): number {
    return this.nullRows;
  }

  private codesOf(test: Test, protocol: Protocol | null): Int32Array {
    let byProtocol = this.keyCodes.get(test);
    if (byProtocol === undefined) {
      byProtocol = new Map();
      this.keyCodes.set(test, byProtocol);
    }
    const p = protocol ?? '';
    let codes = byProtocol.get(p);
    if (codes === undefined) {
      codes = new Int32Array(ROWS_PER_TEST).fill(-1);
      byProtocol.set(p, codes);
    }
    return codes;
  }

  /** Room for `rows` more rows in the typed arrays (doubling them). */
  private reserve(rows: number): void {
    const needed = this.rowCount + rows;
    if (needed <= this.values.length) return;
    const size = Math.max(1024, 2 * this.values.length, needed);
    this.keyOf = copiedInto(this.keyOf, new Uint16Array(size));
    this.values = copiedInto(this.values, new Float64Array(size));
    this.nulls = copiedInto(this.nulls, new Uint8Array(size));
    this.missingOf = copiedInto(this.missingOf, new Uint16Array(size));
  }

  /** A new key, in `slot` of a test's codes. */
  private newKey(codes: Int32Array, slot: number, t: TestValues, node: NodeRole | null): number {
    const code = this.keys.length;
    // a key code is 16 bits: 65,536 distinct test, protocol, node and metric combinations is far beyond knb's 9 tests
    if (code > 0xffff) throw new Error('more than 65,536 distinct row keys');
    this.keys.push({ test: t.test, protocol: t.protocol, node, metric: SLOT_METRICS[slot]! });
    codes[slot] = code;
    return code;
  }

  private reasonCode(reason: MissingReason): number {
    let code = this.reasonCodes.get(reason);
    if (code === undefined) {
      this.reasons.push(reason);
      code = this.reasons.length;
      this.reasonCodes.set(reason, code);
    }
    return code;
  }

  /** One row, in room already reserved: the value `m` of the metric of `slot` (see SLOT_METRICS) of test `t`. */
  private put(codes: Int32Array, slot: number, t: TestValues, node: NodeRole | null, m: Value): void {
    const at = this.rowCount;
    const code = codes[slot]!;
    this.keyOf[at] = code >= 0 ? code : this.newKey(codes, slot, t, node);
    if (m.value === null) {
      this.nulls[at] = 1;
      this.values[at] = NaN;
      this.nullRows++;
    } else {
      this.nulls[at] = 0;
      this.values[at] = m.value;
    }
    this.missingOf[at] = m.missing === null ? 0 : this.reasonCode(m.missing);
    this.rowCount = at + 1;
  }

  /** Append the rows of one run (in the run's test order; per test bandwidth, then client, then server). */
  appendRun(run: RunValues, context: RunContext): void {
    this.runs.push({
      factors: context.factors,
      iteration: context.iteration,
      provenance: runProvenance(run, context.source),
      first: this.rowCount,
    });
    this.reserve(run.tests.length * ROWS_PER_TEST);
    for (const t of run.tests) {
      const codes = this.codesOf(t.test, t.protocol);
      if (t.test !== 'idle' && t.bandwidth) this.put(codes, 0, t, null, t.bandwidth);
      for (let n = 0; n < NODE_ORDER.length; n++) {
        const node = NODE_ORDER[n]!;
        const r = t[node];
        if (!r) continue;
        const cpu = r.cpu;
        // the slots of NODE_METRICS' order: cpu total, the five components, ram
        const slot = 1 + n * NODE_METRICS.length;
        this.put(codes, slot, t, node, cpu.total);
        this.put(codes, slot + 1, t, node, cpu.user);
        this.put(codes, slot + 2, t, node, cpu.nice);
        this.put(codes, slot + 3, t, node, cpu.system);
        this.put(codes, slot + 4, t, node, cpu.iowait);
        this.put(codes, slot + 5, t, node, cpu.steal);
        this.put(codes, slot + 6, t, node, r.ram);
      }
    }
  }

  /** The distinct keys of the rows, in order of first appearance. */
  rowKeys(): readonly RowKey[] {
    return this.keys;
  }

  /** Runs appended (a run may have no rows). */
  get runCount(): number {
    return this.runs.length;
  }

  /** The rows [first, end) of run `r`. */
  runRange(r: number): readonly [number, number] {
    const end = r + 1 < this.runs.length ? this.runs[r + 1]!.first : this.rowCount;
    return [this.runs[r]!.first, end];
  }

  /** Row `i` as an Observation object. */
  observationAt(i: number): Observation {
    return this.observation(this.runs[this.runIndexAt(i)]!, i);
  }

  /** The key code of row `i`: rows with one code have one test, protocol, node and metric. */
  keyCodeAt(i: number): number {
    return this.keyOf[i]!;
  }

  /** The value of row `i`. */
  valueAt(i: number): number | null {
    return this.nulls[i] === 1 ? null : this.values[i]!;
  }

  /** The missing-reason code of row `i`: rows with one code have one reason (0: none). */
  missingCodeAt(i: number): number {
    return this.missingOf[i]!;
  }

  private observation(head: RunRowsHead, i: number): Observation {
    const k = this.keys[this.keyOf[i]!]!;
    const code = this.missingOf[i]!;
    return {
      factors: head.factors,
      iteration: head.iteration,
      test: k.test,
      protocol: k.protocol,
      node: k.node,
      metric: k.metric,
      value: this.valueAt(i),
      missing: code === 0 ? null : this.reasons[code - 1]!,
      provenance: head.provenance,
    };
  }

  /**
   * The rows [from, to) as Observation objects (all by default), appended to `out`; the objects of a run share its
   * factors and provenance objects.
   */
  materialise(out: Observation[] = [], from = 0, to = this.rowCount): Observation[] {
    let r = this.runIndexAt(from);
    for (let i = from; i < to; i++) {
      while (r + 1 < this.runs.length && this.runs[r + 1]!.first <= i) r++;
      out.push(this.observation(this.runs[r]!, i));
    }
    return out;
  }

  /** Index of the run holding row `i` (binary search over the runs' first rows). */
  private runIndexAt(i: number): number {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runs[mid]!.first <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Datasets whose observations are still rows (not yet asked for as objects). */
const pendingRows = new WeakMap<object, ObservationRows>();

/**
 * Give `target` an `observations` property made from `rows` when first read (then a plain value), so a caller that
 * only writes the tidy rows (tidyCsvBytes) never makes the objects.
 */
export function withObservationRows<T extends object>(target: T, rows: ObservationRows): T {
  pendingRows.set(target, rows);
  Object.defineProperty(target, 'observations', {
    enumerable: true,
    configurable: true,
    get(): readonly Observation[] {
      const observations = rows.materialise();
      pendingRows.delete(target);
      Object.defineProperty(target, 'observations', { value: observations, enumerable: true, configurable: true });
      return observations;
    },
  });
  return target;
}

/** The rows of a dataset whose observations have not been made yet, else undefined. */
export function observationRowsOf(dataset: object): ObservationRows | undefined {
  return pendingRows.get(dataset);
}
