/**
 * The normalised run tree: what any knb output says about one benchmark run, whatever its format.
 * Every parser produces a KnbRun; runObservations (../observations.ts) turns it into tidy rows.
 */
import type { Issue, MissingReason, CpuComponent, KnbFormat, Protocol, Test } from '../../model/index.js';
import type { PackedSamples } from './samples.js';

/** One number as knb printed it: the value, or null with the reason it is missing. */
export interface Measured {
  readonly value: number | null;
  readonly missing: MissingReason | null;
  /** the characters knb printed (e.g. `0.00`, `9824`), or '' when it printed nothing */
  readonly text: string;
}

export type CpuKey = 'total' | CpuComponent;

/** Node-level usage during one test (client = `--client-node`, server = `--server-node`). */
export interface KnbNodeResult {
  readonly cpu: Readonly<Record<CpuKey, Measured>>;
  readonly ram: Measured;
}

export interface KnbTestResult {
  readonly test: Test;
  /** null for idle */
  readonly protocol: Protocol | null;
  /** null when the format does not carry it (idle in ibdbench); idle bandwidth is never an observation */
  readonly bandwidth: Measured | null;
  /** null when the format does not carry node metrics (pre-1.0 text, knb 1.0.0 a459d13 JSON) */
  readonly client: KnbNodeResult | null;
  readonly server: KnbNodeResult | null;
}

/** Per-second monitor samples of one test and node, with the archive member they came from. */
export interface KnbSamples {
  readonly test: Test;
  readonly protocol: Protocol | null;
  readonly node: 'client' | 'server';
  readonly member: string;
  /** compact storage; `unpackSamples` gives Sample objects */
  readonly packed: PackedSamples;
}

export interface KnbMetadata {
  readonly name: string | null;
  readonly generator: string | null;
  /** knb version that RAN the benchmark */
  readonly version: string | null;
  readonly date: string | null;
  readonly serverNode: string | null;
  readonly clientNode: string | null;
  readonly socketBufferSize: string | null;
  /** FilipKatulski fork 1.5.1 hostNetwork flags, as written (`true`/`false`/''), null when absent */
  readonly hostNetworkServer: string | null;
  readonly hostNetworkClient: string | null;
}

/** What knb detected in the server pod (§2); strings as written, `\r` removed; null when the format lacks it. */
export interface KnbDetected {
  readonly cpu: string | null;
  readonly kernel: string | null;
  readonly k8sVersion: string | null;
  readonly mtu: string | null;
}

export interface KnbRun {
  readonly format: KnbFormat;
  /** layout generation recognised where the format shows it, e.g. `text 1.4.1–1.5.x`, `text pre-1.0 (bandwidth only)` */
  readonly variant?: string;
  readonly metadata: KnbMetadata;
  readonly detected: KnbDetected;
  /** in knb's order: idle, n2n, p2p tcp/udp/custom, p2s tcp/udp/custom */
  readonly tests: readonly KnbTestResult[];
  /** per-second samples (archives and extracted directories only) */
  readonly samples: readonly KnbSamples[];
}

/** A failure record written by the runner for an iteration that produced no data. */
export interface FailedRunRecord {
  readonly iteration: number | null;
  readonly reason: string;
  readonly attempts: readonly unknown[];
  readonly command: readonly string[];
}

/** The result of parsing one knb output: the run (null when rejected) and every issue found. */
export interface ParsedKnb {
  readonly file: string;
  /** detected format; null when the content is not a knb output */
  readonly format: KnbFormat | null;
  /**
   * The run. Null when the file was rejected before anything certain could be read. A run may accompany an
   * error issue (e.g. a truncated text report): it holds what was read, for `inspect`, but the campaign rejects it.
   */
  readonly run: KnbRun | null;
  readonly issues: readonly Issue[];
  /** set for a runner failure record (format `failed-run`) */
  readonly failure?: FailedRunRecord;
}

export const EMPTY_METADATA: KnbMetadata = {
  name: null,
  generator: null,
  version: null,
  date: null,
  serverNode: null,
  clientNode: null,
  socketBufferSize: null,
  hostNetworkServer: null,
  hostNetworkClient: null,
};

export const EMPTY_DETECTED: KnbDetected = { cpu: null, kernel: null, k8sVersion: null, mtu: null };

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
