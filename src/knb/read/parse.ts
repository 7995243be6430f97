/** parseKnb: one knb output, any format (detected by content), into the normalised run with its issues. */
import { knbMessages as msg } from '../messages.js';
import type { Issue } from '../../model/index.js';
import type { ReadLimits } from './files.js';
import type { Inflated } from './inflate.js';
import { parseArchive } from './archive.js';
import { detectFormat } from './detect.js';
import { parseFailedRun } from './failed.js';
import { parseIbdbench } from './ibdbench.js';
import { parseJson } from './json.js';
import type { KnbNodeResult, Measured, ParsedKnb } from './run.js';
import { parseText } from './text.js';
import { issueSink } from './values.js';
import { parseYaml } from './yaml.js';

export interface ParseOptions {
  /** keep the per-second monitor samples of archives (default true) */
  readonly samples?: boolean;
  /** size limits for archives (default DEFAULT_READ_LIMITS: 64 MiB per member, 256 MiB unpacked) */
  readonly limits?: Pick<ReadLimits, 'maxFileSize' | 'maxUnpackedSize'>;
  /** an archive already gunzipped by the caller (ingestCampaign's bounded, streamed gunzip) */
  readonly inflated?: Inflated;
}

/**
 * Parse one knb output. Never throws for bad content: problems are issues (errors mean the file is rejected).
 * @param bytes the file's content
 * @param file the path shown in messages
 */
export function parseKnb(bytes: Uint8Array, file: string, options: ParseOptions = {}): ParsedKnb {
  return checkedRun(parseByFormat(bytes, file, options));
}

/** Longest metadata or detected text kept (run names, node names, cpu model, kernel): knb's are far shorter. */
export const MAX_FIELD_LENGTH = 1024;

/**
 * The checks every parsed run goes through, whatever its format: text fields of a sane length (a 10 MB name would be
 * copied into every tidy row), a warning for a run without any test, and the summary of missing values.
 */
export function checkedRun(parsed: ParsedKnb): ParsedKnb {
  return withMissingSummary(withEmptyRunWarning(withBoundedFields(parsed)));
}

function withBoundedFields(parsed: ParsedKnb): ParsedKnb {
  const run = parsed.run;
  if (!run || (!hasLongField(run.metadata) && !hasLongField(run.detected))) return parsed;
  const extra: Issue[] = [];
  const bound = <T extends object>(record: T, section: string): T => {
    const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
    for (const key of Object.keys(copy)) {
      const value = copy[key];
      if (typeof value !== 'string' || value.length <= MAX_FIELD_LENGTH) continue;
      copy[key] = null;
      extra.push({
        severity: 'warning',
        code: 'field-too-long',
        message: msg.fieldTooLong(`${section}.${key}`, value.length, MAX_FIELD_LENGTH),
        file: parsed.file,
      });
    }
    return copy as T;
  };
  const metadata = bound(run.metadata, 'metadata');
  const detected = bound(run.detected, 'detected');
  return { ...parsed, run: { ...run, metadata, detected }, issues: [...parsed.issues, ...extra] };
}

/** Whether a record has a string longer than MAX_FIELD_LENGTH (a plain loop: this runs for every file). */
function hasLongField(record: object): boolean {
  for (const key in record) {
    const value = (record as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.length > MAX_FIELD_LENGTH) return true;
  }
  return false;
}

function withEmptyRunWarning(parsed: ParsedKnb): ParsedKnb {
  if (!parsed.run || parsed.run.tests.length > 0 || parsed.issues.some((i) => i.severity === 'error')) return parsed;
  const issue: Issue = { severity: 'warning', code: 'empty-run', message: msg.emptyRun(), file: parsed.file };
  return { ...parsed, issues: [...parsed.issues, issue] };
}

function countMissing(counts: Map<string, number>, v: Measured | null): void {
  if (v && v.missing && v.missing !== 'unreadable') counts.set(v.missing, (counts.get(v.missing) ?? 0) + 1);
}

function countMissingOfNode(counts: Map<string, number>, n: KnbNodeResult | null): void {
  if (!n) return;
  const { cpu } = n;
  countMissing(counts, cpu.total);
  countMissing(counts, cpu.user);
  countMissing(counts, cpu.nice);
  countMissing(counts, cpu.system);
  countMissing(counts, cpu.iowait);
  countMissing(counts, cpu.steal);
  countMissing(counts, n.ram);
}

/**
 * One warning per file that lists how many values knb left empty or NaN: they are kept as missing (never 0), and the
 * ledger should show that the file is not complete.
 */
export function withMissingSummary(parsed: ParsedKnb): ParsedKnb {
  if (!parsed.run) return parsed;
  // reasons in order of first appearance (no per-test arrays or closures: this runs for every archive)
  const counts = new Map<string, number>();
  for (const t of parsed.run.tests) {
    if (t.test !== 'idle') countMissing(counts, t.bandwidth);
    countMissingOfNode(counts, t.client);
    countMissingOfNode(counts, t.server);
  }
  if (counts.size === 0) return parsed;
  const detail = [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ');
  const issue = {
    severity: 'warning' as const,
    code: 'missing-values',
    message: msg.missingValues(detail),
    file: parsed.file,
  };
  return { ...parsed, issues: [...parsed.issues, issue] };
}

function parseByFormat(bytes: Uint8Array, file: string, options: ParseOptions): ParsedKnb {
  const { format, start } = detectFormat(bytes, file);
  switch (format) {
    case 'knbdata':
      return parseArchive(bytes, file, {
        samples: options.samples ?? true,
        ...(options.limits ? { limits: options.limits } : {}),
        ...(options.inflated ? { inflated: options.inflated } : {}),
      });
    case 'json':
      return parseJson(bytes, file);
    case 'yaml':
      return parseYaml(bytes, file);
    case 'text':
      return parseText(bytes, file);
    case 'ibdbench':
      return parseIbdbench(bytes, file);
    case 'failed-run':
      return parseFailedRun(bytes, file);
    default: {
      const sink = issueSink(file);
      if (bytes.length === 0 || start === '') sink.error('empty', msg.emptyFile(), 1);
      else sink.error('unknown-format', msg.unknownFormat(start), 1);
      return { file, format: null, run: null, issues: sink.issues };
    }
  }
}
