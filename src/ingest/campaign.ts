/**
 * ingestCampaign: a campaign directory into a Dataset. Files are read in sorted order (deterministic), each placed by
 * the layout, parsed by content, and accounted for in the ledger; observations follow file order.
 */
import { statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { ingestMessages as msg } from './messages.js';
import {
  type CampaignInfo,
  type Dataset,
  type FactorInfo,
  type FigureChoice,
  CnibenchError,
  formatIssue,
  type Issue,
  makeLedger,
  type LedgerEntry,
  type LedgerStatus,
  levelLabel,
  levelNamed,
  normaliseLevel,
  numberIn,
  orderLevels,
  type Observation,
  type SampleSeries,
  type KnbFormat,
} from '../model/index.js';
import { CAMPAIGN_FILES, loadCampaignConfig, type CampaignConfig, type FiguresConfig } from './config.js';
import {
  detectFormat,
  isKnbDirectory,
  parseKnbDirectory,
  parseKnb,
  hasErrors,
  type ParsedKnb,
  PackedSampleSeries,
  knbMessages,
  decode,
  campaignFs,
  checkLink,
  DEFAULT_READ_LIMITS,
  errorCode,
  isInside,
  readRegularFile,
  type ReadLimits,
  type ReadRefusal,
} from '../knb/index.js';
import { DEFAULT_LAYOUT, matchLayouts, parseIteration, parseLayouts, stripKnbExtension } from './layout.js';
import type { LayoutMatch } from './layout.js';
import { compileGlob, ignoredBy, type IgnoreGlob } from './glob.js';
import { parseManifest, type Manifest } from './manifest.js';
import { ObservationRows, runObservations, withObservationRows, type RowKey } from './observations.js';
import { displayableDataset, displayableLedger } from './display.js';
import { parseCampaignFile, type IngestParsed, type IngestRunValues, type ParseJob } from './parse-file.js';
import { othersRunning, ParsePool } from './parse-pool.js';

export interface IngestOptions {
  /**
   * layout pattern, or alternatives tried in order; default: campaign.yaml `layout:`, else
   * `{testbed}/{distribution}/{plugin}/{iteration}`
   */
  readonly layout?: string | readonly string[];
  /** design CSV (relative to the campaign directory) placing files instead of a layout; default campaign.yaml `manifest:` */
  readonly manifest?: string;
  /** globs of files that are not data, recorded as auxiliary (added to campaign.yaml `ignore:`) */
  readonly ignore?: readonly string[];
  /** warnings make a file rejected (default false) */
  readonly strict?: boolean;
  /**
   * per-second samples of archives: `keep` (default) stores them packed (about 28 bytes a sample, ~3 MB per 1,000
   * archives) in `Dataset.samples`; `none` drops them (the averages are still checked against them).
   */
  readonly samples?: 'keep' | 'none';
  /** called after each data file with (done, total) */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * read symbolic links whose real path is outside the campaign directory (default false: such a link is rejected,
   * with where it leads, and never opened); when true, the ledger entry says where it led
   */
  readonly followSymlinksOutside?: boolean;
  /** largest file (and archive member) read, in bytes; default 64 MiB */
  readonly maxFileSize?: number;
  /** largest decompressed content of one `.knbdata`, in bytes; default 256 MiB (inflating stops there) */
  readonly maxUnpackedSize?: number;
  /**
   * threads reading and parsing files (default 1): with N > 1, up to N − 1 worker threads share the files with this
   * thread when the campaign has at least PARALLEL_MIN_FILES (1,000) of them, no more than the cores that other
   * processes leave free (Linux: none on a busy machine, where a worker only slows this thread). The dataset is the
   * same whatever N.
   */
  readonly threads?: number;
}

interface Candidate {
  /** path relative to the campaign, `/`-separated */
  readonly rel: string;
  readonly abs: string;
  readonly kind: 'file' | 'run-directory';
  /** the real path, when a symbolic link (the file's or a directory's above it) leads out of the campaign */
  readonly outside?: string;
}

/** What the walk needs to know of the campaign and the user's limits. */
interface WalkContext {
  readonly rootReal: string;
  readonly limits: ReadLimits;
  /** real path of each directory walked → its path relative to the campaign (a second link to it is not walked) */
  readonly walked: Map<string, string>;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface WalkRules {
  readonly ignore: readonly (IgnoreGlob & { readonly origin: string })[];
  /** the design file, relative, when one is used */
  readonly manifest: string | null;
}

/**
 * Walk the directory in sorted order, classifying auxiliary files and extracted knb directories. Only directories,
 * regular files and symbolic links are considered: a FIFO, device or socket is rejected without being opened. A
 * symbolic link is resolved: one leading out of the campaign is rejected unless the user allows it. Directories are
 * walked once each: real directories first, then those reached by a link only (a loop, or a second link to a directory,
 * would count its files twice). A directory that cannot be listed is a ledger entry. Paths matching an `ignore` glob
 * and the design file are auxiliary.
 */
function walk(
  root: string,
  context: WalkContext,
  entries: LedgerEntry[],
  candidates: Candidate[],
  rules: WalkRules,
): void {
  const reject = (rel: string, code: string, message: string, outside?: string) => {
    const issue: Issue = { severity: 'error', code, message, file: rel };
    const e = entry(rel, 'rejected', null, null, null, null, 0, 0, [issue], formatIssue(issue));
    entries.push(outside === undefined ? e : { ...e, target: outside });
  };
  const linked: { abs: string; rel: string; real: string; outside: string | undefined }[] = [];
  const visitDirectory = (abs: string, rel: string, real: string, outside: string | undefined) => {
    context.walked.set(real, rel);
    if (rel !== '' && isKnbDirectory(abs)) {
      candidates.push(
        outside === undefined ? { rel, abs, kind: 'run-directory' } : { rel, abs, kind: 'run-directory', outside },
      );
      return;
    }
    let dirents: Dirent[];
    try {
      // Dirents say file or directory without a stat per file (40,000-archive campaigns)
      dirents = campaignFs.readdir(abs).sort((a, b) => compare(a.name, b.name));
    } catch (error) {
      if (rel === '') throw new CnibenchError('not-a-directory', msg.notADirectory(root), { file: root });
      reject(rel, 'unreadable-directory', knbMessages.unreadableDirectory(errorCode(error)), outside);
      return;
    }
    for (const d of dirents) {
      const name = d.name;
      const childAbs = join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      if (rel === '' && name === '.cnibench') {
        auxiliaryTree(childAbs, childRel, msg.auxRunner(), entries);
        continue;
      }
      const ignored = ignoredBy(rules.ignore, childRel) as (IgnoreGlob & { origin: string }) | undefined;
      if (ignored) {
        auxiliaryTree(childAbs, childRel, msg.auxIgnored(ignored.glob, ignored.origin), entries);
        continue;
      }
      if (childRel === rules.manifest) {
        entries.push(auxiliary(childRel, msg.auxManifest()));
        continue;
      }
      if (name.startsWith('.') && !d.isDirectory()) {
        entries.push(auxiliary(childRel, msg.auxHidden()));
        continue;
      }
      let childOutside = outside === undefined ? undefined : join(outside, name);
      if (d.isSymbolicLink()) {
        const link = checkLink(childAbs, context.rootReal, context.limits);
        if (!link.ok) {
          reject(childRel, link.code, link.message);
          continue;
        }
        if (!isInside(context.rootReal, link.target)) childOutside = link.target;
        let isDir: boolean;
        try {
          isDir = campaignFs.lstat(link.target).isDirectory();
        } catch (error) {
          reject(childRel, 'vanished', knbMessages.vanished(errorCode(error)), childOutside);
          continue;
        }
        if (isDir) linked.push({ abs: childAbs, rel: childRel, real: link.target, outside: childOutside });
        else file(childAbs, childRel, name, rel === '', childOutside);
      } else if (d.isDirectory()) {
        visitDirectory(childAbs, childRel, join(real, name), childOutside);
      } else if (d.isFile()) {
        file(childAbs, childRel, name, rel === '', childOutside);
      } else {
        // a FIFO (would block the read forever), a device (/dev/zero never ends), a socket: never opened
        reject(childRel, 'not-regular-file', knbMessages.notRegularFile(direntKind(d)), childOutside);
      }
    }
  };
  const file = (abs: string, rel: string, name: string, top: boolean, outside: string | undefined) => {
    if (top && (CAMPAIGN_FILES as readonly string[]).includes(name)) {
      entries.push(auxiliary(rel, msg.auxCampaign()));
    } else if (/^readme/i.test(name) || /\.(md|markdown)$/i.test(name)) {
      entries.push(auxiliary(rel, msg.auxDoc()));
    } else if (name.startsWith('.')) {
      entries.push(auxiliary(rel, msg.auxHidden()));
    } else {
      candidates.push(outside === undefined ? { rel, abs, kind: 'file' } : { rel, abs, kind: 'file', outside });
    }
  };
  visitDirectory(root, '', context.rootReal, undefined);
  // directories reached by a link only, in the order found (a link met inside a linked directory comes after)
  for (let i = 0; i < linked.length; i++) {
    const l = linked[i]!;
    const first = context.walked.get(l.real) ?? (isInside(l.real, context.rootReal) ? '.' : undefined);
    if (first !== undefined)
      reject(l.rel, 'symlink-loop', knbMessages.symlinkLoop(first === '' ? '.' : first), l.outside);
    else visitDirectory(l.abs, l.rel, l.real, l.outside);
  }
}

function direntKind(d: Dirent): string {
  if (d.isFIFO()) return 'named pipe (FIFO)';
  if (d.isCharacterDevice()) return 'character device';
  if (d.isBlockDevice()) return 'block device';
  if (d.isSocket()) return 'socket';
  return 'special file';
}

/** Everything under `.cnibench/` is the runner's: listed, never read. Links are not followed (a loop would not end). */
function auxiliaryTree(abs: string, rel: string, reason: string, entries: LedgerEntry[]): void {
  let isDir = false;
  try {
    isDir = campaignFs.lstat(abs).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    entries.push(auxiliary(rel, reason));
    return;
  }
  let names: string[];
  try {
    names = campaignFs.readdir(abs).map((d) => d.name);
  } catch {
    entries.push(auxiliary(rel, reason));
    return;
  }
  for (const name of names.sort(compare)) auxiliaryTree(join(abs, name), `${rel}/${name}`, reason, entries);
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

/** A rendering's bytes, read as every data file is (a regular file, within the size limit). */
function readBytes(abs: string, maxFileSize: number): Uint8Array {
  const read = readRegularFile(abs, maxFileSize);
  if (!read.ok) throw new Error(read.message);
  return read.bytes;
}

function readManifest(dir: string, rel: string, maxFileSize: number): Manifest {
  const read = readRegularFile(join(dir, rel), maxFileSize);
  if (!read.ok) throw new CnibenchError('manifest', msg.manifestUnreadable(rel, read.message), { file: rel });
  return parseManifest(decode(read.bytes), rel.replace(/^\.\//, ''));
}

/**
 * Placement by a design file: listed files get their row's levels; the iteration comes from the `iteration` column,
 * else from the file name, else from the order of the rows within the cell. Listed files that do not exist are
 * rejected entries; unlisted files return null (auxiliary).
 */
function manifestPlacer(
  manifest: Manifest,
  candidates: readonly Candidate[],
  entries: LedgerEntry[],
): (rel: string) => LayoutMatch | null {
  const present = new Set(candidates.map((c) => c.rel));
  const byFile = new Map<string, LayoutMatch>();
  const order = new Map<string, number>();
  for (const row of manifest.rows) {
    if (!present.has(row.file)) {
      const issue: Issue = {
        severity: 'error',
        code: 'missing-file',
        message: msg.missingListed(manifest.file, row.line),
        file: row.file,
      };
      entries.push(
        entry(row.file, 'rejected', null, null, row.levels, row.iteration, 0, 0, [issue], formatIssue(issue)),
      );
      continue;
    }
    const cell = manifest.factors.map((f) => row.levels[f]).join('\u0000');
    const position = (order.get(cell) ?? 0) + 1;
    order.set(cell, position);
    const name = row.file.slice(row.file.lastIndexOf('/') + 1);
    const stem = stripKnbExtension(name);
    const fromName = parseIteration(stem) ?? parseIteration(/(\d+)$/.exec(stem)?.[1] ?? '');
    byFile.set(row.file, { ok: true, levels: row.levels, iteration: row.iteration ?? fromName ?? position });
  }
  return (rel) => byFile.get(rel) ?? null;
}

/** How much a path is the run itself: the archive first, then reports by how much they keep. */
function renderingRank(rel: string, kind: Candidate['kind']): number {
  if (kind === 'run-directory') return 0;
  const lower = rel.toLowerCase();
  if (lower.endsWith('.knbdata')) return 0;
  if (lower.endsWith('.json')) return 1;
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 2;
  if (lower.endsWith('.tsv')) return 4;
  return 3;
}

/**
 * Files placed in the same cell and iteration whose names differ only by the knb extension (`x.knbdata`,
 * `x.knbdata.json`, `x.tsv`) are renderings of one run: the archive is primary. Returns rendering → primary.
 */
function renderingsOf(
  placed: readonly { c: Candidate; match: LayoutMatch }[],
  cellOf: (levels: Readonly<Record<string, string>>) => string,
): Map<string, string> {
  const groups = new Map<string, Candidate[]>();
  for (const p of placed) {
    if (!p.match.ok) continue;
    const key = `${cellOf(p.match.levels)}\u0000${p.match.iteration}`;
    const group = groups.get(key);
    if (group) group.push(p.c);
    else groups.set(key, [p.c]);
  }
  const out = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const bases = new Set(group.map((c) => stripKnbExtension(c.rel)));
    if (bases.size !== 1) continue;
    const primary = [...group].sort(
      (a, b) => renderingRank(a.rel, a.kind) - renderingRank(b.rel, b.kind) || compare(a.rel, b.rel),
    )[0]!;
    for (const c of group) if (c !== primary) out.set(c.rel, primary.rel);
  }
  return out;
}

/** Observation key without the cell: test, protocol, node, metric. */
function valueKey(o: Observation): string {
  return `${o.test}|${o.protocol ?? ''}|${o.node ?? ''}|${o.metric}`;
}

/**
 * A rendering beside its archive: parsed and compared with the archive's values (reports round to 2 decimals); the
 * same run → auxiliary, said once; different values → rejected, never counted twice.
 */
function compareRendering(
  c: Candidate,
  match: Extract<LayoutMatch, { ok: true }>,
  primary: string,
  primaryRows: readonly Observation[],
  maxFileSize: number,
): LedgerEntry {
  const factors = primaryRows[0]?.factors ?? null;
  let parsed: ParsedKnb;
  try {
    parsed =
      c.kind === 'run-directory'
        ? parseKnbDirectory(c.abs, c.rel, { samples: false })
        : parseKnb(readBytes(c.abs, maxFileSize), c.rel, { samples: false });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const issue: Issue = {
      severity: 'error',
      code: 'unreadable-file',
      message: knbMessages.unreadableFile(detail),
      file: c.rel,
    };
    return entry(c.rel, 'rejected', null, null, factors, match.iteration, 0, 0, [issue], formatIssue(issue));
  }
  const version = parsed.run?.metadata.version ?? null;
  if (!parsed.run || hasErrors(parsed.issues)) {
    const first = parsed.issues.find((i) => i.severity === 'error');
    const reason = first ? formatIssue(first) : knbMessages.unknownFormat('');
    return entry(c.rel, 'rejected', parsed.format, version, factors, match.iteration, 0, 0, parsed.issues, reason);
  }
  const archive = new Map(primaryRows.map((o) => [valueKey(o), o.value]));
  const rows = runObservations(parsed.run, { factors: factors ?? {}, iteration: match.iteration, source: c.rel });
  let differs: string | null = null;
  for (const o of rows) {
    const a = archive.get(valueKey(o));
    if (o.value === null || a === null || a === undefined) continue;
    if (Math.abs(o.value - a) > 0.011 + 0.005 * Math.abs(a)) {
      differs = `${o.test} ${o.protocol ?? ''} ${o.node ?? ''} ${o.metric}: ${o.value} here, ${a} there`.replace(
        /\s+/g,
        ' ',
      );
      break;
    }
  }
  if (differs !== null) {
    const issue: Issue = {
      severity: 'error',
      code: 'duplicate-run',
      message: msg.renderingDiffers(primary, differs),
      file: c.rel,
    };
    return entry(
      c.rel,
      'rejected',
      parsed.format,
      version,
      factors,
      match.iteration,
      0,
      0,
      [issue],
      formatIssue(issue),
    );
  }
  return entry(
    c.rel,
    'auxiliary',
    parsed.format,
    version,
    factors,
    match.iteration,
    0,
    0,
    [],
    msg.renderingOf(primary),
  );
}

/**
 * Ingest a campaign directory.
 * @throws CnibenchError when the directory cannot be read, or campaign.yaml / the layout is invalid
 */
export async function ingestCampaign(dir: string, options: IngestOptions = {}): Promise<Dataset> {
  checkIsDirectory(dir);
  const rootReal = campaignFs.realpath(dir);
  const limits = readLimitsOf(options);
  const threads = Math.floor(numberIn(options.threads, 'threads', 1, 256, 1));
  // other processes running, now and again once the files are known: a busy core in either look counts as busy
  const othersAtStart = threads > 1 ? othersRunning() : null;
  const config: CampaignConfig | null = loadCampaignConfig(dir, {
    rootReal,
    followSymlinksOutside: limits.followSymlinksOutside,
    maxFileSize: limits.maxFileSize,
  });
  const placement = placementOf(dir, options, config, limits.maxFileSize);
  checkConfigFactors(config, placement.factors);
  const ignore = ignoreGlobs(config, options);

  const entries: LedgerEntry[] = [];
  const candidates: Candidate[] = [];
  walk(dir, { rootReal, limits, walked: new Map() }, entries, candidates, {
    ignore,
    manifest: placement.manifest?.file ?? null,
  });
  const run = newIngestRun(placement.factors, rootReal, limits, candidates.length, entries, options);
  const placed = placeCandidates(placement, candidates, entries);
  const renderingOf = renderingsOf(placed, (levels) =>
    run.factorNames.map((f) => normalisedLevel(run, f, levels[f]!)).join('\u0000'),
  );
  // files read in file order, which parse workers may read ahead (the archives and reports placed, not renderings)
  const jobs: ParseJob[] = [];
  for (const p of threads > 1 ? placed : []) {
    if (p.match.ok && !renderingOf.has(p.c.rel)) {
      run.jobIndex.set(p.c, jobs.length);
      jobs.push({ abs: p.c.abs, rel: p.c.rel, kind: p.c.kind });
    }
  }
  const others = (): number | null => {
    const now = othersRunning();
    return now === null ? othersAtStart : Math.max(now, othersAtStart ?? 0);
  };
  run.pool = ParsePool.start(jobs, { rootReal, limits, keepSamples: run.keepSamples }, threads, undefined, others);
  try {
    await ingestPlaced(run, placed, renderingOf);
  } finally {
    await run.pool?.close();
  }

  const factorInfos = factorInfosOf(run, config);
  const ledger = displayableLedger(makeLedger(entries));
  const figures = config?.figures ? figureChoiceOf(config.figures, config.file, factorInfos, run.rows.rowKeys()) : null;
  const campaign = { ...campaignInfoOf(config, placement), ...(figures !== null ? { figures } : {}) };
  // `observations` holds its place among the keys: withObservationRows makes it from `run.rows` when first read
  // (writing the tidy rows needs only the rows)
  const dataset = {
    campaign,
    factors: factorInfos,
    observations: [] as readonly Observation[],
    samples: run.samples,
    ledger,
  };
  return displayableDataset(withObservationRows(dataset, run.rows));
}

function checkIsDirectory(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new CnibenchError('not-a-directory', msg.notADirectory(dir), { file: dir });
}

function readLimitsOf(options: IngestOptions): ReadLimits {
  return {
    maxFileSize: options.maxFileSize ?? DEFAULT_READ_LIMITS.maxFileSize,
    maxUnpackedSize: options.maxUnpackedSize ?? DEFAULT_READ_LIMITS.maxUnpackedSize,
    followSymlinksOutside: options.followSymlinksOutside ?? false,
  };
}

/** How files get their levels: a design file (manifest) or layout patterns, and the factor names either gives. */
interface Placement {
  readonly manifest: Manifest | null;
  /** the layout patterns, when no design file is used */
  readonly layouts: ReturnType<typeof parseLayouts> | null;
  readonly factors: readonly string[];
}

/** The user's layout wins over campaign.yaml's design file; both in campaign.yaml is ambiguous, so an error. */
function placementOf(
  dir: string,
  options: IngestOptions,
  config: CampaignConfig | null,
  maxFileSize: number,
): Placement {
  if (options.layout === undefined && options.manifest === undefined && config?.layout && config.manifest) {
    throw new CnibenchError('campaign-config', msg.layoutAndManifest(), { file: config.file });
  }
  const manifestRel = options.layout !== undefined ? undefined : (options.manifest ?? config?.manifest ?? undefined);
  const manifest = manifestRel !== undefined ? readManifest(dir, manifestRel, maxFileSize) : null;
  if (manifest) return { manifest, layouts: null, factors: manifest.factors };
  const layouts = parseLayouts(options.layout ?? config?.layout ?? DEFAULT_LAYOUT);
  return { manifest: null, layouts, factors: layouts.factors };
}

/** campaign.yaml's `baseline:`, `factors:` and `figures:` may only name factors the placement gives. */
function checkConfigFactors(config: CampaignConfig | null, factorNames: readonly string[]): void {
  for (const key of ['baseline', 'factors'] as const) {
    for (const factor of Object.keys(config?.[key] ?? {})) {
      if (!factorNames.includes(factor)) {
        throw new CnibenchError('campaign-config', msg.configUnknownFactor(key, factor), { file: config!.file });
      }
    }
  }
  const figures = config?.figures;
  if (!figures) return;
  const named: [string, string][] = [
    ...Object.keys(figures.levels ?? {}).map((f): [string, string] => [`levels.${f}`, f]),
    ...(['x', 'color'] as const).flatMap((k): [string, string][] => {
      const factor = figures[k];
      return factor !== undefined ? [[k, factor]] : [];
    }),
  ];
  for (const [key, factor] of named) {
    if (!factorNames.includes(factor)) {
      throw new CnibenchError('campaign-config', msg.configUnknownFactor(`figures.${key}`, factor), {
        file: config.file,
        line: figures.lines[key],
      });
    }
  }
}

/**
 * campaign.yaml's `figures:` once the data is read: each level named by its label or any alias becomes the level
 * itself, and a level or condition the campaign does not have is an error naming its line and what there is.
 */
function figureChoiceOf(
  figures: FiguresConfig,
  file: string,
  factors: readonly FactorInfo[],
  rowKeys: readonly RowKey[],
): FigureChoice {
  const { lines, ...choice } = figures;
  const levels: Record<string, string[]> = {};
  for (const [name, wanted] of Object.entries(figures.levels ?? {})) {
    const factor = factors.find((f) => f.name === name)!;
    levels[name] = wanted.map((level) => {
      try {
        return levelNamed(level, `figures.levels.${name}`, factor);
      } catch (error) {
        if (!(error instanceof CnibenchError)) throw error;
        throw new CnibenchError(
          'campaign-config',
          msg.configFigureLevel(`figures.levels.${name}`, msg.configLevelUnknown(level, name, factor.levels)),
          { file, line: lines[`levels.${name}`] },
        );
      }
    });
  }
  if (figures.conditions !== undefined) {
    const present = new Set(rowKeys.map((k) => (k.protocol === null ? k.test : `${k.test}-${k.protocol}`)));
    for (const c of figures.conditions) {
      if (!present.has(c)) {
        throw new CnibenchError(
          'campaign-config',
          msg.configFigureLevel('figures.conditions', msg.configConditionAbsent(c, [...present])),
          { file, line: lines['conditions'] },
        );
      }
    }
  }
  return { ...choice, ...(figures.levels !== undefined ? { levels } : {}) };
}

function ignoreGlobs(config: CampaignConfig | null, options: IngestOptions): WalkRules['ignore'] {
  return [
    ...(config?.ignore ?? []).map((g) => ({ ...compileGlob(g), origin: `${config!.file} ignore:` })),
    ...(options.ignore ?? []).map((g) => ({ ...compileGlob(g), origin: '--ignore' })),
  ];
}

interface Placed {
  readonly c: Candidate;
  readonly match: LayoutMatch;
}

/**
 * Every file is placed before any is read: renderings of one run beside its archive must be recognised before
 * anything is counted. Files a design file does not list are auxiliary.
 */
function placeCandidates(placement: Placement, candidates: readonly Candidate[], entries: LedgerEntry[]): Placed[] {
  const { manifest, layouts } = placement;
  const place = manifest ? manifestPlacer(manifest, candidates, entries) : (rel: string) => matchLayouts(layouts!, rel);
  const placed: Placed[] = [];
  for (const c of candidates) {
    const match = place(c.rel);
    if (match === null) entries.push(auxiliary(c.rel, msg.auxNotListed(manifest!.file)));
    else placed.push({ c, match });
  }
  return placed;
}

/** The state of one ingest while files are read: what has been counted so far, and per-campaign caches. */
interface IngestRun {
  readonly factorNames: readonly string[];
  readonly rootReal: string;
  readonly limits: ReadLimits;
  readonly keepSamples: boolean;
  readonly strict: boolean;
  readonly onProgress: IngestOptions['onProgress'];
  readonly total: number;
  done: number;
  readonly entries: LedgerEntry[];
  /** the observations counted so far, as compact rows */
  readonly rows: ObservationRows;
  readonly samples: SampleSeries[];
  /** cell + iteration → the file that gave it (a second file for it is a duplicate run) */
  readonly seenCells: Map<string, string>;
  /** per factor, the normalised level of every file that gave data (in file order) */
  readonly levelSeen: Map<string, string[]>;
  /** per factor and normalised level, the level names as written in the paths */
  readonly originals: Map<string, Map<string, Set<string>>>;
  /** one frozen factors object per cell, shared by all its observations */
  readonly factorsCache: Map<string, Readonly<Record<string, string>>>;
  /** factor + raw level → normalised level (normaliseLevel is not free, and levels repeat in every path) */
  readonly normalCache: Map<string, string>;
  /** file → its rows [first, end), for comparing renderings with their archive */
  readonly ranges: Map<string, readonly [number, number]>;
  /** parse workers sharing the files (null: this thread reads them all), and each file's place in their list */
  pool: ParsePool | null;
  readonly jobIndex: Map<Candidate, number>;
}

function newIngestRun(
  factorNames: readonly string[],
  rootReal: string,
  limits: ReadLimits,
  total: number,
  entries: LedgerEntry[],
  options: IngestOptions,
): IngestRun {
  return {
    factorNames,
    rootReal,
    limits,
    keepSamples: (options.samples ?? 'keep') === 'keep',
    strict: options.strict ?? false,
    onProgress: options.onProgress,
    total,
    done: 0,
    entries,
    rows: new ObservationRows(),
    samples: [],
    seenCells: new Map(),
    levelSeen: new Map(factorNames.map((f) => [f, []])),
    originals: new Map(factorNames.map((f) => [f, new Map()])),
    factorsCache: new Map(),
    normalCache: new Map(),
    ranges: new Map(),
    pool: null,
    jobIndex: new Map(),
  };
}

function normalisedLevel(run: IngestRun, factor: string, raw: string): string {
  const key = `${factor}\u0000${raw}`;
  let name = run.normalCache.get(key);
  if (name === undefined) {
    name = normaliseLevel(factor, raw).name;
    run.normalCache.set(key, name);
  }
  return name;
}

/**
 * Archives first, in file order; a rendering beside a usable archive is then compared with it, else it stands in
 * for the run.
 */
async function ingestPlaced(
  run: IngestRun,
  placed: readonly Placed[],
  renderingOf: Map<string, string>,
): Promise<void> {
  const deferred: Placed[] = [];
  for (const p of placed) {
    if (renderingOf.has(p.c.rel)) deferred.push(p);
    else await ingestMarked(run, p.c, p.match);
  }
  for (const p of deferred) {
    const primary = renderingOf.get(p.c.rel)!;
    const range = run.ranges.get(primary);
    if (range === undefined || !p.match.ok) {
      // the archive was not usable: its rendering stands in for the run
      await ingestMarked(run, p.c, p.match);
      continue;
    }
    const primaryRows = run.rows.materialise([], range[0], range[1]);
    run.entries.push(compareRendering(p.c, p.match, primary, primaryRows, run.limits.maxFileSize));
  }
}

/** A link followed out of the campaign (the user allowed it): the ledger says where it led. */
async function ingestMarked(run: IngestRun, c: Candidate, match: LayoutMatch): Promise<void> {
  const mark = run.entries.length;
  await ingestFile(run, c, match);
  if (c.outside !== undefined && run.entries.length > mark) {
    run.entries[mark] = { ...run.entries[mark]!, target: c.outside };
  }
}

/** One placed file: parsed, checked, and either counted (observations, samples) or rejected; one ledger entry. */
async function ingestFile(run: IngestRun, c: Candidate, match: LayoutMatch): Promise<void> {
  if (!match.ok) {
    run.entries.push(outsideLayout(c, match.reason, run.limits.maxFileSize));
    return;
  }
  // normalised levels (factors object shared by all observations of a cell)
  const levels: Record<string, string> = {};
  for (const f of run.factorNames) levels[f] = normalisedLevel(run, f, match.levels[f]!);
  const cellKey = run.factorNames.map((f) => levels[f]).join('\u0000');
  let factors = run.factorsCache.get(cellKey);
  if (!factors) {
    factors = Object.freeze(levels);
    run.factorsCache.set(cellKey, factors);
  }

  const parsed = await parseCandidate(run, c);
  run.done++;
  run.onProgress?.(run.done, run.total);
  if ('ok' in parsed) {
    const issue: Issue = { severity: 'error', code: parsed.code, message: parsed.message, file: c.rel };
    run.entries.push(entry(c.rel, 'rejected', null, null, factors, match.iteration, 0, 0, [issue], formatIssue(issue)));
    return;
  }
  const iterationKey = `${cellKey}\u0000${match.iteration}`;
  const refused = refusedRun(run, c, parsed, factors, match.iteration, iterationKey);
  if (refused !== null) {
    run.entries.push(refused);
    return;
  }
  run.seenCells.set(iterationKey, c.rel);
  run.entries.push(countRun(run, c, parsed, parsed.run!, factors, match));
}

/** A file the layout cannot place is rejected, with its format when it has one (said in the ledger). */
function outsideLayout(c: Candidate, reason: string, maxFileSize: number): LedgerEntry {
  let format: KnbFormat | null = c.kind === 'run-directory' ? 'directory' : null;
  if (c.kind === 'file') {
    const read = readRegularFile(c.abs, maxFileSize);
    format = read.ok ? detectFormat(read.bytes).format : null;
  }
  const issue: Issue = { severity: 'error', code: 'outside-layout', message: msg.outsideLayout(reason), file: c.rel };
  return entry(c.rel, 'rejected', format, null, null, null, 0, 0, [issue], formatIssue(issue));
}

/** The parsed run, or why the file could not be read: a worker's result when a worker has read it. */
async function parseCandidate(run: IngestRun, c: Candidate): Promise<IngestParsed | ReadRefusal> {
  const index = run.pool === null ? undefined : run.jobIndex.get(c);
  if (index !== undefined) {
    const taken = await run.pool!.take(index);
    if (taken !== null) return taken;
  }
  return parseCampaignFile(c, { rootReal: run.rootReal, limits: run.limits, keepSamples: run.keepSamples });
}

/**
 * Why a parsed file gives no data, as its ledger entry: a failed run, a parse error, a second file for a cell and
 * iteration already counted, or (strict) warnings. Null when the run is counted.
 */
function refusedRun(
  run: IngestRun,
  c: Candidate,
  parsed: IngestParsed,
  factors: Readonly<Record<string, string>>,
  iteration: number,
  iterationKey: string,
): LedgerEntry | null {
  const version = parsed.run?.metadata.version ?? null;
  if (parsed.format === 'failed-run' && parsed.failure && !hasErrors(parsed.issues)) {
    const reason = `${c.rel}: ${msg.failedRun(parsed.failure.reason)}`;
    return entry(c.rel, 'failed-run', 'failed-run', null, factors, iteration, 0, 0, parsed.issues, reason);
  }
  if (hasErrors(parsed.issues) || !parsed.run) {
    const first = parsed.issues.find((i) => i.severity === 'error');
    const reason = first ? formatIssue(first) : knbMessages.unknownFormat('');
    return entry(c.rel, 'rejected', parsed.format, version, factors, iteration, 0, 0, parsed.issues, reason);
  }
  const first = run.seenCells.get(iterationKey);
  let issue: Issue | null = null;
  if (first !== undefined) {
    issue = { severity: 'error', code: 'duplicate-run', message: msg.duplicateRun(first), file: c.rel };
  } else if (run.strict) {
    const warnings = countWarnings(parsed.issues);
    if (warnings > 0) issue = { severity: 'error', code: 'strict', message: msg.strictWarning(warnings), file: c.rel };
  }
  if (issue === null) return null;
  const all = [...parsed.issues, issue];
  return entry(c.rel, 'rejected', parsed.format, version, factors, iteration, 0, 0, all, formatIssue(issue));
}

function countWarnings(issues: readonly Issue[]): number {
  let n = 0;
  for (const i of issues) if (i.severity === 'warning') n++;
  return n;
}

/** A run that gives data: its levels, observations and samples are counted; returns its ledger entry. */
function countRun(
  run: IngestRun,
  c: Candidate,
  parsed: IngestParsed,
  knbRun: IngestRunValues,
  factors: Readonly<Record<string, string>>,
  match: Extract<LayoutMatch, { ok: true }>,
): LedgerEntry {
  // levels come from files that gave data: a level seen only in rejected files is not a level of the dataset
  for (const f of run.factorNames) {
    const name = factors[f]!;
    run.levelSeen.get(f)!.push(name);
    const o = run.originals.get(f)!;
    if (!o.has(name)) o.set(name, new Set());
    o.get(name)!.add(match.levels[f]!);
  }
  const rows = run.rows;
  const firstRow = rows.length;
  const nullsBefore = rows.nullCount;
  rows.appendRun(knbRun, { factors, iteration: match.iteration, source: c.rel });
  run.ranges.set(c.rel, [firstRow, rows.length]);
  const missing = rows.nullCount - nullsBefore;
  if (run.keepSamples) {
    for (const s of knbRun.samples) {
      run.samples.push(
        new PackedSampleSeries(factors, match.iteration, s.test, s.protocol, s.node, c.rel, s.member, s.packed),
      );
    }
  }
  const status = countWarnings(parsed.issues) > 0 ? 'warning' : 'ingested';
  const version = knbRun.metadata.version ?? null;
  const count = rows.length - firstRow;
  return entry(c.rel, status, parsed.format, version, factors, match.iteration, count, missing, parsed.issues);
}

/** The dataset's factors: levels in the configured (else conventional) order, labels, and the names as written. */
function factorInfosOf(run: IngestRun, config: CampaignConfig | null): FactorInfo[] {
  return run.factorNames.map((f) => {
    const fc = config?.factors[f];
    const norm = (raw: string) => normaliseLevel(f, raw).name;
    const baseline = config?.baseline[f] !== undefined ? norm(config.baseline[f]!) : undefined;
    const explicit = fc?.order?.map(norm);
    const levels = orderLevels(f, run.levelSeen.get(f)!, { explicit, baseline });
    const labelOverrides: Record<string, string> = {};
    for (const [k, v] of Object.entries(fc?.labels ?? {})) labelOverrides[norm(k)] = v;
    const labels: Record<string, string> = {};
    const orig: Record<string, string[]> = {};
    for (const level of levels) {
      labels[level] = levelLabel(f, level, labelOverrides);
      orig[level] = [...(run.originals.get(f)!.get(level) ?? [])].sort(compare);
    }
    return { name: f, levels, originals: orig, labels };
  });
}

function campaignInfoOf(config: CampaignConfig | null, placement: Placement): CampaignInfo {
  const baseline: Record<string, string> = {};
  for (const [f, level] of Object.entries(config?.baseline ?? {})) baseline[f] = normaliseLevel(f, level).name;
  return {
    name: config?.name ?? null,
    description: config?.description ?? null,
    layout: placement.manifest ? placement.manifest.file : placement.layouts!.pattern,
    baseline,
    testbeds: config?.testbeds ?? {},
    ...(config && Object.keys(config.analysis).length > 0 ? { analysis: config.analysis } : {}),
  };
}
