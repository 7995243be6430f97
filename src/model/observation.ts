import type { KnbFormat, Metric, NodeRole, Protocol, Test } from './vocabulary.js';

/**
 * Why a value is null. knb writes an empty string or NaN where it could not measure; cnibench keeps the slot
 * (so a missing iteration is visible) and says why, never substituting 0.
 */
export const MISSING_REASONS = [
  /** iperf3 printed no `receiver` line: `.bw` empty, `"bandwidth": ,`, `bandwidth =  Mbit/s`. */
  'no-receiver-line',
  /** the monitor pod returned no samples in the test window: `.avg` holds only its header, values empty. */
  'no-monitor-samples',
  /** the FilipKatulski fork wrote `nan` / `NaN`. */
  'nan',
  /** a value that was present but could not be read as a number (rejected cell, kept as missing). */
  'unreadable',
] as const;
export type MissingReason = (typeof MISSING_REASONS)[number];

/** Where a number came from: enough to find it again in the raw file. */
export interface Provenance {
  /** path of the source file relative to the campaign directory (or as given, for a single file) */
  readonly source: string;
  readonly format: KnbFormat;
  /** knb version that RAN the benchmark (metadata.version / env VERSION), or null when the format does not say */
  readonly knbVersion: string | null;
  /** knb run name (`--name`, metadata.name), or null */
  readonly runName: string | null;
  /** knb's `date` as written (`YYYY-MM-DD HH:MM:SS`, UTC since 1.1.0), or null */
  readonly date: string | null;
}

/**
 * One tidy observation: one number for one (factors, iteration, test, protocol, node, metric).
 * Factor values are the normalised level names (e.g. `mk8s`); originals live in the Dataset's level table.
 */
export interface Observation {
  /** factor name → normalised level, e.g. { testbed: 'UOM', distribution: 'k3s', plugin: 'flannel' } */
  readonly factors: Readonly<Record<string, string>>;
  /** 1-based iteration number within the cell */
  readonly iteration: number;
  readonly test: Test;
  /** null for idle */
  readonly protocol: Protocol | null;
  /** null for bandwidth */
  readonly node: NodeRole | null;
  readonly metric: Metric;
  /** the number knb reported (after unit normalisation), or null with `missing` set */
  readonly value: number | null;
  readonly missing: MissingReason | null;
  readonly provenance: Provenance;
}

/** One per-second monitor sample from a `.metrics` file inside a `.knbdata` archive (or extracted directory). */
export interface Sample {
  /** Unix time in seconds, as the monitor wrote it */
  readonly timestamp: number;
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly iowait: number;
  readonly steal: number;
  /** `free -m` used, MiB */
  readonly ram: number;
}

/** The per-second time series of one test on one node of one run. */
export interface SampleSeries {
  readonly factors: Readonly<Record<string, string>>;
  readonly iteration: number;
  readonly test: Test;
  readonly protocol: Protocol | null;
  readonly node: NodeRole;
  readonly samples: readonly Sample[];
  readonly source: string;
  /** the archive member the samples came from, e.g. `./knb-client-tcp-p2p-6542-server.metrics` */
  readonly member: string;
}
