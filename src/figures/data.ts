/**
 * Shared row builders: from an Analysis to the plain rows that figures embed as `data.values`.
 * Nothing here knows about Vega-Lite; builders turn these rows into specs.
 */
import {
  HEADLINE_METRICS,
  type NodeSelection,
  type FactorInfo,
  CnibenchError,
  METRICS,
  METRIC_LABELS,
  METRIC_UNITS,
  PROTOCOLS,
  TESTS,
  type Metric,
  type NodeRole,
  type Protocol,
  type Test,
  DEFAULT_NODE,
  NODE_SELECTIONS,
  levelNamed,
  oneOf,
  maxOf,
} from '../model/index.js';
import { conditionLabel, factorLevelLabel } from '../present/index.js';
import type { Analysis, CellSummary, Condition } from '../stats/index.js';
import * as msg from './messages.js';
import type { CommonFigureOptions } from './types.js';
import { DEFAULT_MAX_FIGURES, designRoles } from './design.js';
import { FIGURE_SIZES, type FigureSize } from './theme.js';

/** The study's three columns: CPU, RAM, throughput. */

/** A test with its protocol, e.g. P2P TCP: what a row of the paper grid shows. */
export interface FigureCondition {
  /** `idle`, `p2p-tcp`, ... */
  readonly id: string;
  /** `Idle`, `P2P TCP`, ... */
  readonly label: string;
  readonly test: Test;
  readonly protocol: Protocol | null;
}

/** One row of a grid: a condition and, for CPU and RAM, the node drawn. */
export interface ConditionRow extends FigureCondition {
  /** node of CPU and RAM cells in this row (bandwidth cells have none) */
  readonly node: NodeRole;
  /** row id and label, with the node appended when both nodes are drawn */
  readonly rowId: string;
  readonly rowLabel: string;
  /** the first row of its condition: node-less metrics (throughput) are drawn there only, not once per node */
  readonly primary: boolean;
}

export function conditionId(test: Test, protocol: Protocol | null): string {
  return protocol === null ? test : `${test}-${protocol}`;
}

/** `CPU (%)`, `RAM (MiB)`, `Throughput (Mbit/s)`. */
export function metricTitle(metric: Metric): string {
  return `${METRIC_LABELS[metric]} (${METRIC_UNITS[metric]})`;
}

/** Conditions present in the summaries, in knb's order (idle, p2p tcp/udp, p2s tcp/udp, n2n ...). */
export function conditionsOf(summaries: readonly CellSummary[]): FigureCondition[] {
  const seen = new Map<string, FigureCondition>();
  for (const s of summaries) {
    const id = conditionId(s.test, s.protocol);
    if (!seen.has(id)) seen.set(id, { id, label: conditionLabel(s), test: s.test, protocol: s.protocol });
  }
  const rank = (c: FigureCondition) =>
    TESTS.indexOf(c.test) * 10 + (c.protocol === null ? 0 : PROTOCOLS.indexOf(c.protocol) + 1);
  return [...seen.values()].sort((a, b) => rank(a) - rank(b));
}

/** The conditions asked for (validated against those present), or all present. */
export function selectConditions(analysis: Analysis, wanted: readonly string[] | undefined): FigureCondition[] {
  const present = conditionsOf(analysis.summaries);
  if (wanted === undefined) return present;
  return wanted.map((id) => {
    const found = present.find((c) => c.id === id);
    if (found === undefined) {
      throw new CnibenchError(
        'figure-unknown-condition',
        msg.unknownCondition(
          id,
          present.map((c) => c.id),
        ),
      );
    }
    return found;
  });
}

export function selectMetrics(wanted: readonly Metric[] | undefined): Metric[] {
  const metrics = [...(wanted ?? HEADLINE_METRICS)];
  for (const m of metrics) {
    if (!(METRICS as readonly string[]).includes(m)) {
      throw new CnibenchError('figure-unknown-metric', msg.unknownMetric(m, METRICS));
    }
  }
  return metrics;
}

export function selectNodes(node: NodeSelection | undefined): NodeRole[] {
  const selection = oneOf(node, 'node', NODE_SELECTIONS, DEFAULT_NODE);
  return selection === 'both' ? ['server', 'client'] : [selection];
}

/** Rows of a grid: each condition, times each node when both are drawn. */
export function conditionRows(conditions: readonly FigureCondition[], nodes: readonly NodeRole[]): ConditionRow[] {
  return conditions.flatMap((c) =>
    nodes.map((node, i) => ({
      ...c,
      node,
      rowId: nodes.length > 1 ? `${c.id}-${node}` : c.id,
      rowLabel: nodes.length > 1 ? `${c.label} (${node})` : c.label,
      primary: i === 0,
    })),
  );
}

export function findFactor(analysis: Analysis, name: string): FactorInfo {
  const factor = analysis.factors.find((f) => f.name === name);
  if (factor === undefined) {
    throw new CnibenchError(
      'figure-unknown-factor',
      msg.unknownFactor(
        name,
        analysis.factors.map((f) => f.name),
      ),
    );
  }
  return factor;
}

/** Resolved common options with their defaults. */
export interface ResolvedOptions {
  readonly size: FigureSize;
  readonly metrics: Metric[];
  readonly conditions: FigureCondition[];
  readonly nodes: NodeRole[];
  readonly node: NodeSelection;
  readonly x: FactorInfo;
  readonly color: FactorInfo;
  /** x holds a numeric factor (MTU): an ordered axis with lines */
  readonly numericX: boolean;
  /** the figures to draw: one per combination of the other factors, at most `maxFigures` */
  readonly groups: FigureGroup[];
  /** what was left out of the figure set (groups beyond `maxFigures`), for the caption; null when nothing */
  readonly leftOut: string | null;
  /** the cells drawn: every cell of the analysis, or those of the levels selected (`levels`) */
  readonly summaries: readonly CellSummary[];
  /** is a record with these factors drawn (its levels selected, or no selection)? */
  readonly keep: (factors: Readonly<Record<string, string>>) => boolean;
}

/** The selection of `levels` as a test of a record's factors; names, labels and aliases resolved to levels. */
function levelSelection(
  analysis: Analysis,
  levels: CommonFigureOptions['levels'],
): (factors: Readonly<Record<string, string>>) => boolean {
  if (levels === undefined || Object.keys(levels).length === 0) return () => true;
  const wanted = Object.entries(levels).map(([name, names]): [string, Set<string>] => {
    const factor = findFactor(analysis, name);
    return [name, new Set(names.map((level) => levelNamed(level, `levels.${name}`, factor)))];
  });
  return (factors) =>
    wanted.every(([name, set]) => {
      const level = factors[name];
      return level === undefined || set.has(level);
    });
}

export function resolveCommon(analysis: Analysis, options: CommonFigureOptions, kind = 'figures'): ResolvedOptions {
  const roles = designRoles(analysis, {
    ...(options.xFactor !== undefined ? { xFactor: options.xFactor } : {}),
    ...(options.colorFactor !== undefined ? { colorFactor: options.colorFactor } : {}),
  });
  const keep = levelSelection(analysis, options.levels);
  const all = figureGroups(analysis, [roles.x.name, roles.color.name]).filter((g) => keep(g.factors));
  const maxFigures = options.maxFigures ?? DEFAULT_MAX_FIGURES;
  const groups = all.slice(0, maxFigures);
  const leftOut =
    groups.length < all.length
      ? msg.figuresLeftOut(kind, groups.length, all.length, roles.split.map((f) => f.name).join(' × '))
      : null;
  return {
    size: oneOf(options.size, 'size', FIGURE_SIZES, 'page'),
    metrics: selectMetrics(options.metrics),
    conditions: selectConditions(analysis, options.conditions),
    nodes: selectNodes(options.node),
    node: oneOf(options.node, 'node', NODE_SELECTIONS, DEFAULT_NODE),
    x: roles.x,
    color: roles.color,
    numericX: roles.numericX,
    groups,
    leftOut,
    summaries: options.levels === undefined ? analysis.summaries : analysis.summaries.filter((s) => keep(s.factors)),
    keep,
  };
}

/** A factor with only the levels present in a figure's group (a panel shows only its levels). */
export function levelsIn(summaries: readonly CellSummary[], group: FigureGroup, factor: FactorInfo): FactorInfo {
  const present = new Set<string>();
  for (const s of summaries) if (inGroup(s.factors, group)) present.add(s.factors[factor.name] ?? '');
  return { ...factor, levels: factor.levels.filter((l) => present.has(l)) };
}

/** One figure per combination of the levels of the factors that are neither on x nor colour (testbed, ...). */
export interface FigureGroup {
  /** level of each remaining factor, e.g. { testbed: 'UOM' } */
  readonly factors: Readonly<Record<string, string>>;
  /** display label, e.g. `UOM`, or '' when there is no remaining factor */
  readonly label: string;
  /** file-safe id suffix, e.g. `uom`, or '' */
  readonly idSuffix: string;
}

export function figureGroups(analysis: Analysis, used: readonly string[]): FigureGroup[] {
  const others = analysis.factors.filter((f) => !used.includes(f.name));
  const present = new Set(analysis.summaries.map((s) => others.map((f) => s.factors[f.name] ?? '').join('\u0000')));
  let combos: Record<string, string>[] = [{}];
  for (const factor of others) {
    combos = combos.flatMap((c) => factor.levels.map((level) => ({ ...c, [factor.name]: level })));
  }
  const groups = combos
    .filter((c) => present.has(others.map((f) => c[f.name] ?? '').join('\u0000')))
    .map((c) => ({
      factors: c,
      label: others.map((f) => factorLevelLabel(f, c[f.name]!)).join(', '),
      idSuffix: others.map((f) => fileSafe(c[f.name]!)).join('-'),
    }));
  return uniqueIdSuffixes(groups);
}

/** Lower-case ASCII letters, digits, `.`, `_`, `-`; anything else becomes `_`; never empty, never starts with `.`. */
export function fileSafe(text: string): string {
  const safe = text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '_')
    .replace(/^\.+/, '_');
  return safe === '' ? '_' : safe;
}

/** Two levels that differ only in characters fileSafe drops would collide: number the later ones. */
function uniqueIdSuffixes(groups: FigureGroup[]): FigureGroup[] {
  const seen = new Map<string, number>();
  return groups.map((g) => {
    const count = seen.get(g.idSuffix) ?? 0;
    seen.set(g.idSuffix, count + 1);
    return count === 0 ? g : { ...g, idSuffix: `${g.idSuffix}-${count + 1}` };
  });
}

/** `paper-grid` + `uom` → `paper-grid-uom`. */
export function figureId(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('-');
}

/**
 * Items (summaries, comparisons) of each group, in one pass: builders then scan a group's few cells per panel, not
 * every cell of the design (200 × 50 levels would otherwise cost seconds a figure).
 */
export function byGroup<T>(
  items: readonly T[],
  factorsOf: (item: T) => Readonly<Record<string, string>>,
  groups: readonly FigureGroup[],
): Map<FigureGroup, T[]> {
  const names = Object.keys(groups[0]?.factors ?? {});
  const keyOf = (factors: Readonly<Record<string, string>>) => names.map((n) => factors[n] ?? '').join('\u0000');
  const index = new Map(groups.map((g) => [keyOf(g.factors), g]));
  const out = new Map(groups.map((g) => [g, [] as T[]]));
  for (const item of items) {
    const group = index.get(keyOf(factorsOf(item)));
    if (group !== undefined) out.get(group)!.push(item);
  }
  return out;
}

/** Does a record with these factors belong to the group? */
export function inGroup(factors: Readonly<Record<string, string>>, group: FigureGroup): boolean {
  return Object.entries(group.factors).every(([name, level]) => factors[name] === level);
}

/**
 * Does a condition-bearing record match a row and metric? CPU and RAM take the row's node; bandwidth has no
 * node and belongs to the condition's first row only (with both nodes drawn, it is not repeated).
 */
export function matchesCell(c: Condition, row: ConditionRow, metric: Metric): boolean {
  return (
    c.metric === metric &&
    c.test === row.test &&
    c.protocol === row.protocol &&
    (c.node === null ? row.primary : c.node === row.node)
  );
}

/** Bar of the paper grid: mean and its precomputed interval. */
export interface BarRow {
  readonly x: string;
  readonly color: string;
  readonly mean: number;
  /** lower end of the interval as drawn: cut at 0, which no metric goes below (CPU %, RAM, throughput) */
  readonly lo: number | null;
  readonly hi: number | null;
  /** the interval's lower end as computed, when it was cut at 0 (a t interval of 3 runs can reach below 0) */
  readonly loComputed?: number;
  readonly n: number;
}

/** Every metric knb reports is a non-negative quantity: intervals are drawn from 0 at the lowest. */
export const METRIC_FLOOR = 0;

/** Bars of one panel, in x then colour level order; cells without a mean are left out (nothing to draw). */
export function barRows(
  summaries: readonly CellSummary[],
  group: FigureGroup,
  row: ConditionRow,
  metric: Metric,
  x: FactorInfo,
  color: FactorInfo,
): BarRow[] {
  const cells = summaries.filter((s) => inGroup(s.factors, group) && matchesCell(s, row, metric));
  const rows: BarRow[] = [];
  for (const xLevel of x.levels) {
    for (const cLevel of color.levels) {
      const s = cells.find((c) => c.factors[x.name] === xLevel && c.factors[color.name] === cLevel);
      if (s === undefined || s.mean === null) continue;
      const lo = s.ci === null ? null : round(s.ci.lo);
      rows.push({
        x: factorLevelLabel(x, xLevel),
        color: factorLevelLabel(color, cLevel),
        mean: round(s.mean),
        lo: lo === null ? null : Math.max(METRIC_FLOOR, lo),
        hi: s.ci === null ? null : round(s.ci.hi),
        ...(lo !== null && lo < METRIC_FLOOR ? { loComputed: lo } : {}),
        n: s.n,
      });
    }
  }
  return rows;
}

/**
 * Round to 6 significant digits: embedded numbers stay short and identical across platforms whose last-bit
 * arithmetic differs, far below what a figure can show.
 */
export function round(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(6));
}

/** Upper end of a y axis that starts at 0: the largest value plus 5 %, so error bars are never clipped. */
export function axisMax(values: readonly (number | null)[]): number {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const max = finite.length === 0 ? 0 : maxOf(finite);
  // Nothing positive to show: a unit axis rather than an empty domain [0, 0].
  return max <= 0 ? 1 : round(max * 1.05);
}

/** Signed percentage for a cell label: `−28`, `+4.5`, `0`; U+2212 for minus as typeset text should. */
export function formatDeltaPct(value: number): string {
  const digits = Math.abs(value) >= 9.95 ? 0 : 1;
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return '0';
  return `${value < 0 ? '\u2212' : '+'}${text}`;
}

/**
 * Format of a y axis as axis properties: SI (`10k`) from 5 000 up, where digits would crowd a narrow panel;
 * below that vega's default tick format (which picks the precision from the tick step: 0.5, 20, 1,000).
 */
export function axisFormat(max: number): { format?: string; labelExpr?: string } {
  // d3's SI format with vega's common prefix writes zero as `0k`; the expression only reads the tick value.
  return max >= 5_000 ? { format: '~s', labelExpr: "datum.value === 0 ? '0' : datum.label" } : {};
}

/** What an empty grid cell says: why there is nothing to draw there. */
export function emptyCellText(row: ConditionRow, metric: Metric): string {
  if (metric === 'bandwidth' && row.test === 'idle') return msg.noIdleThroughput();
  if (metric === 'bandwidth' && !row.primary) return msg.drawnInFirstRow();
  return msg.noData();
}
