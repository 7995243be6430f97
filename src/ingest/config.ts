/**
 * campaign.yaml, the top-level part ingest reads: name, description, layout, baseline (per factor),
 * factors (per factor: order, labels), testbeds (descriptions). `runs:` belongs to the runner and is ignored here.
 * Errors name the line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, LineCounter, Node as YamlNode, Pair } from 'yaml';
import { ingestMessages as msg } from './messages.js';
import {
  CnibenchError,
  yamlModule,
  CONDITION_IDS,
  FIGURE_FORMATS,
  FIGURE_KINDS,
  FIGURE_SIZES,
  METRICS,
  type FigureChoice,
} from '../model/index.js';
import { campaignFs, checkLink, decode, DEFAULT_READ_LIMITS, readRegularFile, type ReadLimits } from '../knb/index.js';

export const CAMPAIGN_FILES = ['campaign.yaml', 'campaign.yml'] as const;

export interface FactorConfig {
  /** level order for display (raw spellings; normalised by ingest) */
  readonly order?: readonly string[];
  /** level → display label */
  readonly labels?: Readonly<Record<string, string>>;
}

/** campaign.yaml `analysis:` — what the report compares (each may also come from the CLI or the library). */
export interface AnalysisConfig {
  /** the compared factor */
  readonly factor?: string;
  /** its baseline level (label or any alias) */
  readonly baseline?: string;
  /** the pair of factors of the two-way analysis */
  readonly interaction?: readonly [string, string];
}

/**
 * campaign.yaml `figures:` — which figures the report draws (each may also come from the CLI or the library, which
 * win): levels as written (ingest normalises them once the data is read), with the line of each entry.
 */
export interface FiguresConfig extends FigureChoice {
  /** line of each entry in the file: `kinds`, `x`, `levels.testbed` … (errors found once the data is read name it) */
  readonly lines: Readonly<Record<string, number>>;
}

/** The keys of campaign.yaml `figures:`, as the report's options name them. */
export const FIGURES_KEYS = [
  'kinds',
  'levels',
  'conditions',
  'metrics',
  'x',
  'color',
  'size',
  'max-figures',
  'formats',
] as const;

export interface CampaignConfig {
  /** the file read, relative to the campaign directory */
  readonly file: string;
  readonly name: string | null;
  readonly description: string | null;
  /** one layout pattern, or alternatives tried in order */
  readonly layout: string | readonly string[] | null;
  /** CSV design file (relative path) placing each file in its cell instead of a layout */
  readonly manifest: string | null;
  /** globs of files that are not data (recorded as auxiliary) */
  readonly ignore: readonly string[];
  readonly analysis: AnalysisConfig;
  /** `figures:`, null when absent */
  readonly figures: FiguresConfig | null;
  readonly baseline: Readonly<Record<string, string>>;
  readonly factors: Readonly<Record<string, FactorConfig>>;
  readonly testbeds: Readonly<Record<string, string>>;
}

const TOP_KEYS = new Set([
  'name',
  'description',
  'layout',
  'manifest',
  'ignore',
  'analysis',
  'figures',
  'baseline',
  'factors',
  'testbeds',
  'runs',
]);

/** How campaign.yaml is read: as the data files are (see ReadLimits). */
export type CampaignFileReading = Partial<Pick<ReadLimits, 'maxFileSize' | 'followSymlinksOutside'>> & {
  readonly rootReal?: string;
};

/**
 * campaign.yaml (or .yml) of a campaign directory: its file name and text; null when there is none. It is read as the
 * data files are: a regular file only, within the size limit, and through a link out of the campaign only when allowed.
 * @throws CnibenchError when it cannot be read so
 */
export function readCampaignFile(
  dir: string,
  reading: CampaignFileReading = {},
): { readonly file: string; readonly text: string } | null {
  const file = CAMPAIGN_FILES.find((f) => existsSync(join(dir, f)));
  if (!file) return null;
  const abs = join(dir, file);
  const limits: ReadLimits = {
    ...DEFAULT_READ_LIMITS,
    ...(reading.maxFileSize !== undefined ? { maxFileSize: reading.maxFileSize } : {}),
    ...(reading.followSymlinksOutside !== undefined ? { followSymlinksOutside: reading.followSymlinksOutside } : {}),
  };
  if (campaignFs.lstat(abs).isSymbolicLink()) {
    const link = checkLink(abs, reading.rootReal ?? campaignFs.realpath(dir), limits);
    if (!link.ok) throw new CnibenchError('campaign-config', `${file} ${link.message}`, { file });
  }
  const read = readRegularFile(abs, limits.maxFileSize);
  if (!read.ok) throw new CnibenchError('campaign-config', `${file} ${read.message}`, { file });
  return { file, text: decode(read.bytes) };
}
/**
 * The YAML document of a campaign.yaml text with its line counter, for every reader of a section (the campaign
 * description here, the runner's `runs:`). @throws CnibenchError naming the file and line of a syntax error
 */
export function parseCampaignYaml(
  text: string,
  file: string,
): { readonly doc: Document.Parsed; readonly lines: LineCounter } {
  const { LineCounter: Lines, parseDocument } = yamlModule();
  const lines = new Lines();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    throw new CnibenchError('campaign-config', msg.configYaml(first.message.split('\n')[0]!), {
      file,
      line: first.linePos?.[0]?.line,
    });
  }
  return { doc, lines };
}

/** Read campaign.yaml (or .yml) of a campaign directory; null when there is none. @throws CnibenchError */
export function loadCampaignConfig(dir: string, reading: CampaignFileReading = {}): CampaignConfig | null {
  const found = readCampaignFile(dir, reading);
  return found ? parseCampaignConfig(found.text, found.file) : null;
}

/** Parse and validate the text of a campaign.yaml. @throws CnibenchError naming the file and line */
export function parseCampaignConfig(text: string, file = 'campaign.yaml'): CampaignConfig {
  const { doc, lines: counter } = parseCampaignYaml(text, file);
  const { isMap, isScalar, isSeq } = yamlModule();
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined): number | undefined =>
    node?.range ? counter.linePos(node.range[0]).line : undefined;
  const fail = (key: string, expected: string, node?: YamlNode | null): never => {
    throw new CnibenchError('campaign-config', msg.configType(key, expected), { file, line: lineOf(node) });
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    return {
      file,
      name: null,
      description: null,
      layout: null,
      manifest: null,
      ignore: [],
      analysis: {},
      figures: null,
      baseline: {},
      factors: {},
      testbeds: {},
    };
  }
  if (!isMap(root)) fail('the document', 'a mapping of keys (name, layout, factors, ...)', root as YamlNode);
  const get = (key: string): Pair<unknown, unknown> | undefined =>
    (root as { items: Pair<unknown, unknown>[] }).items.find((p) => isScalar(p.key) && p.key.value === key);
  for (const p of (root as { items: Pair<unknown, unknown>[] }).items) {
    const k = isScalar(p.key) ? String(p.key.value) : '?';
    if (!TOP_KEYS.has(k)) {
      throw new CnibenchError('campaign-config', msg.configUnknownKey(k), { file, line: lineOf(p.key as YamlNode) });
    }
  }
  const str = (key: string): string | null => {
    const p = get(key);
    if (!p || p.value === null || (isScalar(p.value) && p.value.value === null)) return null;
    if (!isScalar(p.value) || typeof p.value.value === 'object') fail(key, 'a string', p.value as YamlNode);
    return String((p.value as { value: unknown }).value);
  };
  const stringMap = (key: string, node: unknown): Record<string, string> => {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return {};
    if (!isMap(node)) return fail(key, 'a mapping of names to strings', node as YamlNode);
    const out: Record<string, string> = {};
    for (const p of node.items) {
      if (!isScalar(p.key) || !isScalar(p.value) || typeof p.value.value === 'object') {
        fail(`${key}.${isScalar(p.key) ? String(p.key.value) : '?'}`, 'a string', (p.value ?? p.key) as YamlNode);
      }
      out[String((p.key as { value: unknown }).value)] = String((p.value as { value: unknown }).value);
    }
    return out;
  };
  const stringList = (key: string, node: unknown): string[] => {
    if (!isSeq(node) || node.items.some((i) => !isScalar(i) || typeof i.value === 'object' || i.value === null)) {
      return fail(key, 'a list of strings', node as YamlNode);
    }
    return node.items.map((i) => String((i as { value: unknown }).value));
  };
  const layoutNode = get('layout')?.value;
  const layout = isSeq(layoutNode) ? stringList('layout', layoutNode) : str('layout');
  const ignoreNode = get('ignore')?.value;
  const ignore =
    ignoreNode === undefined || ignoreNode === null || (isScalar(ignoreNode) && ignoreNode.value === null)
      ? []
      : isScalar(ignoreNode)
        ? [String(ignoreNode.value)]
        : stringList('ignore', ignoreNode);
  const analysis: { factor?: string; baseline?: string; interaction?: [string, string] } = {};
  const ap = get('analysis');
  if (ap && ap.value !== null && !(isScalar(ap.value) && ap.value.value === null)) {
    if (!isMap(ap.value)) fail('analysis', 'a mapping with factor, baseline and/or interaction', ap.value as YamlNode);
    for (const q of (ap.value as { items: Pair<unknown, unknown>[] }).items) {
      const k = isScalar(q.key) ? String(q.key.value) : '?';
      if (k === 'factor' || k === 'baseline') {
        if (!isScalar(q.value) || q.value.value === null || typeof q.value.value === 'object') {
          fail(`analysis.${k}`, 'a string', (q.value ?? q.key) as YamlNode);
        }
        analysis[k] = String((q.value as { value: unknown }).value);
      } else if (k === 'interaction') {
        const pair = isScalar(q.value)
          ? String(q.value.value)
              .split(',')
              .map((x) => x.trim())
          : stringList('analysis.interaction', q.value);
        if (pair.length !== 2 || pair[0] === pair[1] || pair.some((x) => x === '')) {
          fail('analysis.interaction', 'two different factor names, e.g. [network, mtu]', q.value as YamlNode);
        }
        analysis.interaction = [pair[0]!, pair[1]!];
      } else {
        fail(`analysis.${k}`, 'one of factor, baseline, interaction (unknown key)', q.key as YamlNode);
      }
    }
  }
  const figures = parseFigures(get('figures')?.value, fail, lineOf, file);
  const factors: Record<string, FactorConfig> = {};
  const fp = get('factors');
  if (fp && fp.value !== null && !(isScalar(fp.value) && fp.value.value === null)) {
    if (!isMap(fp.value)) fail('factors', 'a mapping factor → { order, labels }', fp.value as YamlNode);
    for (const p of (fp.value as { items: Pair<unknown, unknown>[] }).items) {
      const name = isScalar(p.key) ? String(p.key.value) : '?';
      if (!isMap(p.value))
        fail(`factors.${name}`, 'a mapping with order and/or labels', (p.value ?? p.key) as YamlNode);
      const entry: { order?: string[]; labels?: Record<string, string> } = {};
      for (const q of (p.value as { items: Pair<unknown, unknown>[] }).items) {
        const k = isScalar(q.key) ? String(q.key.value) : '?';
        if (k === 'order') {
          if (!isSeq(q.value) || q.value.items.some((i) => !isScalar(i))) {
            fail(`factors.${name}.order`, 'a list of level names', q.value as YamlNode);
          }
          entry.order = (q.value as { items: { value: unknown }[] }).items.map((i) => String(i.value));
        } else if (k === 'labels') {
          entry.labels = stringMap(`factors.${name}.labels`, q.value);
        } else {
          fail(`factors.${name}.${k}`, 'one of order, labels (unknown key)', q.key as YamlNode);
        }
      }
      factors[name] = entry;
    }
  }
  return {
    file,
    name: str('name'),
    description: str('description'),
    layout,
    manifest: str('manifest'),
    ignore,
    analysis,
    figures,
    baseline: stringMap('baseline', get('baseline')?.value),
    factors,
    testbeds: stringMap('testbeds', get('testbeds')?.value),
  };
}

type Fail = (key: string, expected: string, node?: YamlNode | null) => never;
type LineOf = (node: { range?: [number, number, number] | null } | null | undefined) => number | undefined;

const isBlank = (node: unknown): boolean => {
  const { isScalar } = yamlModule();
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === ''));
};

/** `figures:` of campaign.yaml, validated: unknown keys and values outside the allowed ones name their line. */
function parseFigures(node: unknown, fail: Fail, lineOf: LineOf, file: string): FiguresConfig | null {
  const { isMap, isScalar, isSeq } = yamlModule();
  if (isBlank(node)) return null;
  if (!isMap(node)) return fail('figures', `a mapping with ${FIGURES_KEYS.join(', ')}`, node as YamlNode);
  const lines: Record<string, number> = {};
  const out: {
    kinds?: FigureChoice['kinds'];
    levels?: Record<string, string[]>;
    conditions?: string[];
    metrics?: FigureChoice['metrics'];
    x?: string;
    color?: string;
    size?: FigureChoice['size'];
    maxFigures?: number;
    formats?: FigureChoice['formats'];
  } = {};
  /** A list of names: a YAML list, or one string of names separated by commas. */
  const names = (key: string, value: unknown): { name: string; node: YamlNode }[] => {
    if (isScalar(value) && typeof value.value === 'string') {
      return value.value
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '')
        .map((name) => ({ name, node: value as YamlNode }));
    }
    if (isSeq(value) && value.items.every((i) => isScalar(i) && i.value !== null && typeof i.value !== 'object')) {
      return value.items.map((i) => ({ name: String((i as { value: unknown }).value), node: i as YamlNode }));
    }
    return fail(`figures.${key}`, 'a list of names (or one string of names separated by commas)', value as YamlNode);
  };
  /** Names, each one of `allowed` (in the order written), at least one; `words` are accepted alone besides them. */
  const checked = (key: string, value: unknown, allowed: readonly string[], words: readonly string[] = []) => {
    const list = names(key, value);
    if (list.length === 0)
      fail(`figures.${key}`, `at least one of ${[...allowed, ...words].join(', ')}`, value as YamlNode);
    if (list.length === 1 && words.includes(list[0]!.name)) return [list[0]!.name];
    for (const { name, node: at } of list) {
      if (!allowed.includes(name)) {
        throw new CnibenchError('campaign-config', msg.configNotOneOf(`figures.${key}`, name, [...allowed, ...words]), {
          file,
          line: lineOf(at),
        });
      }
    }
    return list.map((l) => l.name);
  };
  /** Kinds or formats in their canonical order; `none` for none (and `all` for every kind). */
  const choices = <T extends string>(key: string, value: unknown, allowed: readonly T[], words: readonly string[]) => {
    const list = checked(key, value, allowed, words);
    if (list[0] === 'none') return [];
    if (list[0] === 'all') return [...allowed];
    return allowed.filter((a) => list.includes(a));
  };
  const scalarString = (key: string, value: unknown): string => {
    if (!isScalar(value) || value.value === null || typeof value.value === 'object' || String(value.value) === '') {
      return fail(`figures.${key}`, 'a name', value as YamlNode);
    }
    return String(value.value);
  };
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '?';
    const value = pair.value;
    const line = lineOf((value ?? pair.key) as YamlNode);
    if (line !== undefined) lines[key] = line;
    switch (key) {
      case 'kinds':
        out.kinds = choices('kinds', value, FIGURE_KINDS, ['all', 'none']);
        break;
      case 'formats':
        out.formats = choices('formats', value, FIGURE_FORMATS, ['none']);
        break;
      case 'metrics':
        out.metrics = checked('metrics', value, METRICS) as (typeof METRICS)[number][];
        break;
      case 'conditions':
        out.conditions = checked('conditions', value, CONDITION_IDS);
        break;
      case 'levels': {
        if (!isMap(value)) {
          fail('figures.levels', 'a mapping factor → the levels to draw, e.g. testbed: [ATH]', value as YamlNode);
        }
        const levels: Record<string, string[]> = {};
        for (const q of (value as { items: Pair<unknown, unknown>[] }).items) {
          const factor = isScalar(q.key) ? String(q.key.value) : '?';
          const at = lineOf((q.value ?? q.key) as YamlNode);
          if (at !== undefined) lines[`levels.${factor}`] = at;
          const list = names(`levels.${factor}`, q.value).map((l) => l.name);
          if (list.length === 0) fail(`figures.levels.${factor}`, 'at least one level', (q.value ?? q.key) as YamlNode);
          levels[factor] = list;
        }
        out.levels = levels;
        break;
      }
      case 'x':
      case 'color':
        out[key] = scalarString(key, value);
        break;
      case 'size': {
        const size = scalarString('size', value);
        if (!(FIGURE_SIZES as readonly string[]).includes(size)) {
          throw new CnibenchError('campaign-config', msg.configNotOneOf('figures.size', size, FIGURE_SIZES), {
            file,
            line,
          });
        }
        out.size = size as FigureChoice['size'];
        break;
      }
      case 'max-figures': {
        const n = isScalar(value) ? value.value : undefined;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
          fail('figures.max-figures', 'an integer ≥ 1', value as YamlNode);
        }
        out.maxFigures = n as number;
        break;
      }
      default:
        throw new CnibenchError('campaign-config', msg.configNotOneOf('figures', key, FIGURES_KEYS, 'key'), {
          file,
          line: lineOf(pair.key as YamlNode),
        });
    }
  }
  if (out.x !== undefined && out.x === out.color) {
    throw new CnibenchError(
      'campaign-config',
      msg.configType('figures.color', `a factor other than x (${out.x}): x and colour never show the same factor`),
      { file, line: lines['color'] },
    );
  }
  return { ...out, lines };
}
