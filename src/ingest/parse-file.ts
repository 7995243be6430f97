/**
 * Reading one campaign file into its parsed run, the same in the main thread and in a parse worker (parse-pool.ts),
 * and the compact form in which a worker hands the result back. A parsed run as objects (a Measured object per number,
 * with the text knb printed) costs the main thread about 90 µs per archive to receive by structured clone, most of
 * what parsing it on a second core saves; ingest needs only the values, the reasons of missing ones, the metadata,
 * the issues and the samples, which travel as a few arrays (about 15 µs per archive).
 */
import {
  checkedRun,
  inflateBounded,
  parseKnb,
  parseKnbDirectory,
  readRegularFile,
  type KnbMetadata,
  type KnbSamples,
  type ParsedKnb,
  type ReadLimits,
  type ReadRefusal,
  type FailedRunRecord,
} from '../knb/index.js';
import {
  CPU_COMPONENTS,
  type Issue,
  type KnbFormat,
  type MissingReason,
  type Protocol,
  type Test,
} from '../model/index.js';
import type { NodeValues, RunValues, TestValues, Value } from './observations.js';

/** A file to parse: a regular file (any knb format, detected by content) or an extracted knb directory. */
export interface ParseJob {
  readonly abs: string;
  /** path relative to the campaign, `/`-separated (shown in issues) */
  readonly rel: string;
  readonly kind: 'file' | 'run-directory';
}

/** What reading a file needs of the campaign. */
export interface ParseContext {
  readonly rootReal: string;
  readonly limits: ReadLimits;
  readonly keepSamples: boolean;
}

/** The run as ingest uses it: its values, metadata and samples (a KnbRun is one). */
export interface IngestRunValues extends RunValues {
  readonly metadata: KnbMetadata;
  readonly samples: readonly KnbSamples[];
}

/** A parsed file as ingest uses it (a ParsedKnb is one). */
export interface IngestParsed {
  readonly file: string;
  readonly format: KnbFormat | null;
  readonly run: IngestRunValues | null;
  readonly issues: readonly Issue[];
  readonly failure?: FailedRunRecord;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The parsed run of a campaign file, or why the file could not be read. */
export async function parseCampaignFile(job: ParseJob, context: ParseContext): Promise<ParsedKnb | ReadRefusal> {
  const samples = context.keepSamples;
  if (job.kind === 'run-directory') {
    return checkedRun(
      parseKnbDirectory(job.abs, job.rel, { samples }, { rootReal: context.rootReal, ...context.limits }),
    );
  }
  const read = readRegularFile(job.abs, context.limits.maxFileSize);
  if (!read.ok) return read;
  const bytes = read.bytes;
  // archives are gunzipped here, bounded (a gzip bomb is refused at its limit, streamed, never inflated whole)
  const inflated = isGzip(bytes) ? await inflateBounded(bytes, context.limits) : undefined;
  return parseKnb(bytes, job.rel, { samples, limits: context.limits, ...(inflated ? { inflated } : {}) });
}

/** The cpu measures of a node in the order they travel, then ram. */
const CPU_KEYS = ['total', ...CPU_COMPONENTS] as const;
const HAS_BANDWIDTH = 1;
const HAS_CLIENT = 2;
const HAS_SERVER = 4;

/** A parsed file in the compact form a worker posts (`values` travel in one Float64Array, NaN for a missing value). */
export interface PackedParsed {
  readonly kind: 'packed';
  readonly file: string;
  readonly format: KnbFormat | null;
  readonly issues: readonly Issue[];
  readonly failure?: FailedRunRecord;
  readonly run: {
    readonly format: KnbFormat;
    readonly metadata: KnbMetadata;
    readonly samples: readonly KnbSamples[];
    /** per test: test, protocol, which of bandwidth/client/server it has (bits) */
    readonly tests: readonly (string | number | null)[];
    readonly values: Float64Array;
    /** position in `values` and reason, for each value with a reason */
    readonly missing: readonly (number | string)[];
  } | null;
}

/** What a worker posts for one file: the compact form, the parsed file as is (rare shapes), or a refusal to read it. */
export type PostedParse = PackedParsed | { readonly kind: 'whole'; readonly parsed: ParsedKnb } | ReadRefusal;

/**
 * The compact form of a parsed file. A value that is not a finite number or null (none of knb's parsers makes one)
 * could not travel as NaN: the parsed file then travels whole.
 */
export function packParsed(parsed: ParsedKnb | ReadRefusal): PostedParse {
  if ('ok' in parsed) return parsed;
  const run = parsed.run;
  if (!run) return packedOf(parsed, null);
  const tests: (string | number | null)[] = [];
  const values: number[] = [];
  const missing: (number | string)[] = [];
  let exact = true;
  const put = (m: Value): void => {
    if (m.value !== null && !Number.isFinite(m.value)) exact = false;
    if (m.missing !== null) missing.push(values.length, m.missing);
    values.push(m.value ?? NaN);
  };
  for (const t of run.tests) {
    const shape = (t.bandwidth ? HAS_BANDWIDTH : 0) | (t.client ? HAS_CLIENT : 0) | (t.server ? HAS_SERVER : 0);
    tests.push(t.test, t.protocol, shape);
    if (t.bandwidth) put(t.bandwidth);
    for (const node of [t.client, t.server]) {
      if (!node) continue;
      for (const key of CPU_KEYS) put(node.cpu[key]);
      put(node.ram);
    }
  }
  if (!exact) return { kind: 'whole', parsed };
  return packedOf(parsed, {
    format: run.format,
    metadata: run.metadata,
    samples: run.samples,
    tests,
    values: Float64Array.from(values),
    missing,
  });
}

function packedOf(parsed: ParsedKnb, run: PackedParsed['run']): PackedParsed {
  const base = { kind: 'packed' as const, file: parsed.file, format: parsed.format, issues: parsed.issues, run };
  return parsed.failure ? { ...base, failure: parsed.failure } : base;
}

/** The buffers a posted parse can hand over without a copy. */
export function transferables(posted: PostedParse): ArrayBuffer[] {
  return 'kind' in posted && posted.kind === 'packed' && posted.run ? [posted.run.values.buffer as ArrayBuffer] : [];
}

/** A posted parse as ingest uses it. */
export function unpackParsed(posted: PostedParse): IngestParsed | ReadRefusal {
  if (!('kind' in posted)) return posted;
  if (posted.kind === 'whole') return posted.parsed;
  const packed = posted.run;
  const base = { file: posted.file, format: posted.format, issues: posted.issues };
  const withFailure = posted.failure ? { ...base, failure: posted.failure } : base;
  if (!packed) return { ...withFailure, run: null };
  const reasons = new Map<number, MissingReason>();
  for (let i = 0; i < packed.missing.length; i += 2) {
    reasons.set(packed.missing[i] as number, packed.missing[i + 1] as MissingReason);
  }
  const v = packed.values;
  let at = 0;
  const value = (): Value => {
    const x = v[at]!;
    const m: Value = { value: Number.isNaN(x) ? null : x, missing: reasons.get(at) ?? null };
    at++;
    return m;
  };
  const node = (): NodeValues => {
    const cpu = {} as Record<(typeof CPU_KEYS)[number], Value>;
    for (const key of CPU_KEYS) cpu[key] = value();
    return { cpu, ram: value() };
  };
  const tests: TestValues[] = [];
  for (let i = 0; i < packed.tests.length; i += 3) {
    const shape = packed.tests[i + 2] as number;
    const bandwidth = shape & HAS_BANDWIDTH ? value() : null;
    const client = shape & HAS_CLIENT ? node() : null;
    const server = shape & HAS_SERVER ? node() : null;
    tests.push({
      test: packed.tests[i] as Test,
      protocol: packed.tests[i + 1] as Protocol | null,
      bandwidth,
      client,
      server,
    });
  }
  if (at !== v.length) throw new Error(`packed parse of ${posted.file}: ${v.length} values, ${at} read`);
  return { ...withFailure, run: { format: packed.format, metadata: packed.metadata, samples: packed.samples, tests } };
}
