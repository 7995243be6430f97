/**
 * ingestCampaign: a campaign directory into a Dataset. Files are read in sorted order (deterministic), each placed by
 * the layout, parsed by content, and accounted for in the ledger; observations follow file order.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ingestMessages as msg } from './messages.js';
import {
  type CampaignInfo,
  type Dataset,
  type FactorInfo,
  CnibenchError,
  formatIssue,
  type Issue,
  makeLedger,
  type LedgerEntry,
  type LedgerStatus,
  levelLabel,
  normaliseLevel,
  orderLevels,
  type Observation,
  type SampleSeries,
  type KnbFormat,
} from '../model/index.js';
import { CAMPAIGN_FILES, loadCampaignConfig, type CampaignConfig } from './config.js';
import {
  detectFormat,
  isKnbDirectory,
  parseKnbDirectory,
  parseKnb,
  withMissingSummary,
  hasErrors,
  type ParsedKnb,
  PackedSampleSeries,
  knbMessages,
} from '../knb/index.js';
import { DEFAULT_LAYOUT, matchLayout, parseLayout } from './layout.js';
import { runObservations } from './observations.js';
import { displayableDataset, displayableLedger } from './display.js';

export interface IngestOptions {
  /** layout pattern; default: campaign.yaml `layout:`, else `{testbed}/{distribution}/{plugin}/{iteration}` */
  readonly layout?: string;
  /** warnings make a file rejected (default false) */
  readonly strict?: boolean;
  /**
   * per-second samples of archives: `keep` (default) stores them packed (about 28 bytes a sample, ~3 MB per 1,000
   * archives) in `Dataset.samples`; `none` drops them (the averages are still checked against them).
   */
  readonly samples?: 'keep' | 'none';
  /** called after each data file with (done, total) */
  readonly onProgress?: (done: number, total: number) => void;
}

interface Candidate {
  /** path relative to the campaign, `/`-separated */
  readonly rel: string;
  readonly abs: string;
  readonly kind: 'file' | 'run-directory';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Walk the directory in sorted order, classifying auxiliary files and extracted knb directories. */
function walk(root: string, entries: LedgerEntry[], candidates: Candidate[]): void {
  const visit = (abs: string, rel: string) => {
    // Dirents say file or directory without a stat per file (40,000-archive campaigns)
    const dirents = readdirSync(abs, { withFileTypes: true }).sort((a, b) => compare(a.name, b.name));
    for (const d of dirents) {
      const name = d.name;
      const childAbs = join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      let isDir = d.isDirectory();
      if (d.isSymbolicLink()) {
        try {
          isDir = statSync(childAbs).isDirectory();
        } catch {
          isDir = false;
        }
      }
      if (rel === '' && name === '.cnibench') {
        auxiliaryTree(childAbs, childRel, msg.auxRunner(), entries);
        continue;
      }
      if (isDir) {
        if (isKnbDirectory(childAbs)) candidates.push({ rel: childRel, abs: childAbs, kind: 'run-directory' });
        else visit(childAbs, childRel);
        continue;
      }
      if (rel === '' && (CAMPAIGN_FILES as readonly string[]).includes(name)) {
        entries.push(auxiliary(childRel, msg.auxCampaign()));
      } else if (/^readme/i.test(name) || /\.(md|markdown)$/i.test(name)) {
        entries.push(auxiliary(childRel, msg.auxDoc()));
      } else if (name.startsWith('.')) {
        entries.push(auxiliary(childRel, msg.auxHidden()));
      } else {
        candidates.push({ rel: childRel, abs: childAbs, kind: 'file' });
      }
    }
  };
  visit(root, '');
}

function auxiliaryTree(abs: string, rel: string, reason: string, entries: LedgerEntry[]): void {
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    entries.push(auxiliary(rel, reason));
    return;
  }
  for (const name of readdirSync(abs).sort(compare)) auxiliaryTree(join(abs, name), `${rel}/${name}`, reason, entries);
}

function auxiliary(file: string, reason: string): LedgerEntry {
  return entry(file, 'auxiliary', null, null, null, null, 0, 0, [], reason);
}

function entry(
  file: string,
  status: LedgerStatus,
  format: KnbFormat | null,
  knbVersion: string | null,
  factors: Readonly<Record<string, string>> | null,
  iteration: number | null,
  observations: number,
  missing: number,
  issues: readonly Issue[],
  reason?: string,
): LedgerEntry {
  const e: LedgerEntry = { file, status, format, knbVersion, factors, iteration, observations, missing, issues };
  return reason === undefined ? e : { ...e, reason };
}

function readBytes(abs: string): Uint8Array {
  return readFileSync(abs);
}

/**
 * Ingest a campaign directory.
 * @throws CnibenchError when the directory cannot be read, or campaign.yaml / the layout is invalid
 */
export async function ingestCampaign(dir: string, options: IngestOptions = {}): Promise<Dataset> {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new CnibenchError('not-a-directory', msg.notADirectory(dir), { file: dir });
  const config: CampaignConfig | null = loadCampaignConfig(dir);
  const layout = parseLayout(options.layout ?? config?.layout ?? DEFAULT_LAYOUT);
  for (const key of ['baseline', 'factors'] as const) {
    for (const factor of Object.keys(config?.[key] ?? {})) {
      if (!layout.factors.includes(factor)) {
        throw new CnibenchError('campaign-config', msg.configUnknownFactor(key, factor), { file: config!.file });
      }
    }
  }

  const entries: LedgerEntry[] = [];
  const candidates: Candidate[] = [];
  walk(dir, entries, candidates);

  const observations: Observation[] = [];
  const samples: SampleSeries[] = [];
  const seenCells = new Map<string, string>();
  const levelSeen = new Map<string, string[]>(layout.factors.map((f) => [f, []]));
  const originals = new Map<string, Map<string, Set<string>>>(layout.factors.map((f) => [f, new Map()]));
  const keepSamples = (options.samples ?? 'keep') === 'keep';
  const factorsCache = new Map<string, Readonly<Record<string, string>>>();
  const normalCache = new Map<string, string>();
  const normalised = (factor: string, raw: string): string => {
    const key = `${factor}\u0000${raw}`;
    let name = normalCache.get(key);
    if (name === undefined) {
      name = normaliseLevel(factor, raw).name;
      normalCache.set(key, name);
    }
    return name;
  };

  let done = 0;
  for (const c of candidates) {
    const match = matchLayout(layout, c.rel);
    if (!match.ok) {
      let format: KnbFormat | null = c.kind === 'run-directory' ? 'directory' : null;
      if (c.kind === 'file') {
        try {
          format = detectFormat(readBytes(c.abs)).format;
        } catch {
          format = null;
        }
      }
      const issue: Issue = {
        severity: 'error',
        code: 'outside-layout',
        message: msg.outsideLayout(match.reason),
        file: c.rel,
      };
      entries.push(entry(c.rel, 'rejected', format, null, null, null, 0, 0, [issue], formatIssue(issue)));
      continue;
    }
    // normalised levels (factors object shared by all observations of a cell)
    const levels: Record<string, string> = {};
    for (const f of layout.factors) levels[f] = normalised(f, match.levels[f]!);
    const cellKey = layout.factors.map((f) => levels[f]).join('\u0000');
    let factors = factorsCache.get(cellKey);
    if (!factors) {
      factors = Object.freeze(levels);
      factorsCache.set(cellKey, factors);
    }

    let parsed: ParsedKnb;
    if (c.kind === 'run-directory') {
      parsed = withMissingSummary(parseKnbDirectory(c.abs, c.rel, { samples: keepSamples }));
    } else {
      let bytes: Uint8Array;
      try {
        bytes = readBytes(c.abs);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        const issue: Issue = {
          severity: 'error',
          code: 'unreadable-file',
          message: msg.unreadableFile(detail),
          file: c.rel,
        };
        entries.push(entry(c.rel, 'rejected', null, null, factors, match.iteration, 0, 0, [issue], formatIssue(issue)));
        continue;
      }
      parsed = parseKnb(bytes, c.rel, { samples: keepSamples });
    }
    done++;
    options.onProgress?.(done, candidates.length);

    const version = parsed.run?.metadata.version ?? null;
    if (parsed.format === 'failed-run' && parsed.failure && !hasErrors(parsed.issues)) {
      const reason = `${c.rel}: ${msg.failedRun(parsed.failure.reason)}`;
      entries.push(
        entry(c.rel, 'failed-run', 'failed-run', null, factors, match.iteration, 0, 0, parsed.issues, reason),
      );
      continue;
    }
    if (hasErrors(parsed.issues) || !parsed.run) {
      const first = parsed.issues.find((i) => i.severity === 'error');
      const reason = first ? formatIssue(first) : knbMessages.unknownFormat('');
      entries.push(
        entry(c.rel, 'rejected', parsed.format, version, factors, match.iteration, 0, 0, parsed.issues, reason),
      );
      continue;
    }
    const iterationKey = `${cellKey}\u0000${match.iteration}`;
    const first = seenCells.get(iterationKey);
    if (first !== undefined) {
      const issue: Issue = { severity: 'error', code: 'duplicate-run', message: msg.duplicateRun(first), file: c.rel };
      const all = [...parsed.issues, issue];
      entries.push(
        entry(c.rel, 'rejected', parsed.format, version, factors, match.iteration, 0, 0, all, formatIssue(issue)),
      );
      continue;
    }
    const warnings = parsed.issues.filter((i) => i.severity === 'warning');
    if (options.strict && warnings.length > 0) {
      const issue: Issue = {
        severity: 'error',
        code: 'strict',
        message: msg.strictWarning(warnings.length),
        file: c.rel,
      };
      const all = [...parsed.issues, issue];
      entries.push(
        entry(c.rel, 'rejected', parsed.format, version, factors, match.iteration, 0, 0, all, formatIssue(issue)),
      );
      continue;
    }
    seenCells.set(iterationKey, c.rel);
    // levels come from files that gave data: a level seen only in rejected files is not a level of the dataset
    for (const f of layout.factors) {
      const name = factors[f]!;
      levelSeen.get(f)!.push(name);
      const o = originals.get(f)!;
      if (!o.has(name)) o.set(name, new Set());
      o.get(name)!.add(match.levels[f]!);
    }
    const firstRow = observations.length;
    runObservations(parsed.run, { factors, iteration: match.iteration, source: c.rel }, observations);
    let missing = 0;
    for (let i = firstRow; i < observations.length; i++) if (observations[i]!.value === null) missing++;
    if (keepSamples) {
      for (const s of parsed.run.samples) {
        samples.push(
          new PackedSampleSeries(factors, match.iteration, s.test, s.protocol, s.node, c.rel, s.member, s.packed),
        );
      }
    }
    entries.push(
      entry(
        c.rel,
        warnings.length > 0 ? 'warning' : 'ingested',
        parsed.format,
        version,
        factors,
        match.iteration,
        observations.length - firstRow,
        missing,
        parsed.issues,
      ),
    );
  }

  const factorInfos: FactorInfo[] = layout.factors.map((f) => {
    const fc = config?.factors[f];
    const norm = (raw: string) => normaliseLevel(f, raw).name;
    const baseline = config?.baseline[f] !== undefined ? norm(config.baseline[f]!) : undefined;
    const explicit = fc?.order?.map(norm);
    const levels = orderLevels(f, levelSeen.get(f)!, { explicit, baseline });
    const labelOverrides: Record<string, string> = {};
    for (const [k, v] of Object.entries(fc?.labels ?? {})) labelOverrides[norm(k)] = v;
    const labels: Record<string, string> = {};
    const orig: Record<string, string[]> = {};
    for (const level of levels) {
      labels[level] = levelLabel(f, level, labelOverrides);
      orig[level] = [...(originals.get(f)!.get(level) ?? [])].sort(compare);
    }
    return { name: f, levels, originals: orig, labels };
  });
  const baseline: Record<string, string> = {};
  for (const [f, level] of Object.entries(config?.baseline ?? {})) baseline[f] = normaliseLevel(f, level).name;
  const campaign: CampaignInfo = {
    name: config?.name ?? null,
    description: config?.description ?? null,
    layout: layout.pattern,
    baseline,
    testbeds: config?.testbeds ?? {},
  };
  const ledger = displayableLedger(makeLedger(entries));
  return displayableDataset({ campaign, factors: factorInfos, observations, samples, ledger });
}
