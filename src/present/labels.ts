/**
 * Display labels and the canonical row order of cells, shared by every table and by the findings.
 * Labels come from the Analysis (factor levels) and the vocabulary (tests, metrics); they are plain text here and
 * escaped by each renderer.
 */
import {
  METRIC_LABELS,
  METRIC_UNITS,
  METRICS,
  NODES,
  NODE_SELECTIONS,
  PROTOCOLS,
  TESTS,
  type FactorInfo,
  type Metric,
  type NodeRole,
  type NodeSelection,
  type Protocol,
  type Test,
} from '../model/index.js';
import type { Condition } from '../stats/index.js';

/** The short name of each knb test, as the reference study's figures name them. */
export const TEST_SHORT: Readonly<Record<Test, string>> = { idle: 'Idle', p2p: 'P2P', p2s: 'P2S', n2n: 'N2N' };

/** `Idle`, `P2P TCP`, `P2S UDP`, `N2N custom`: the one label of a condition (test and protocol). */
export function conditionLabel(c: { readonly test: Test; readonly protocol: Protocol | null }): string {
  const test = TEST_SHORT[c.test] ?? c.test;
  if (c.protocol === null) return test;
  return `${test} ${c.protocol === 'custom' ? 'custom' : c.protocol.toUpperCase()}`;
}

/** `P2P TCP server`, `Idle client`, `P2S UDP` (bandwidth has no node): a condition with its node role. */
export function conditionNodeLabel(c: {
  readonly test: Test;
  readonly protocol: Protocol | null;
  readonly node: NodeRole | null;
}): string {
  const condition = conditionLabel(c);
  return c.node ? `${condition} ${c.node}` : condition;
}

/** `RAM (MiB)`, `Throughput (Mbit/s)`. */
export function metricLabel(metric: Metric, withUnit = true): string {
  const label = METRIC_LABELS[metric] ?? metric;
  return withUnit ? `${label} (${METRIC_UNITS[metric] ?? ''})` : label;
}

export function nodeLabel(node: NodeRole | null): string {
  return node ?? '';
}

/** The display label of a level (the campaign's label, else the level itself). */
export function factorLevelLabel(factor: FactorInfo, level: string): string {
  return factor.labels[level] ?? level;
}

/** The display label of a level of the factor named `factor` among `factors`. */
export function levelLabelOf(factors: readonly FactorInfo[], factor: string, level: string): string {
  return factors.find((f) => f.name === factor)?.labels[level] ?? level;
}

/** A factor's name as a column header: `testbed` → `Testbed`. */
export function factorHeader(name: string): string {
  return name.length === 0 ? name : name[0]!.toUpperCase() + name.slice(1);
}

function rankIn<T>(list: readonly T[], value: T): number {
  const i = list.indexOf(value);
  return i < 0 ? list.length : i;
}

/**
 * Comparator putting cells in the order a reader expects: factors in the Analysis' factor order and level order
 * (baseline first), then test, protocol, node and metric in vocabulary order. Unknown levels sort last, by name.
 */
export function cellComparator(
  factors: readonly FactorInfo[],
  factorNames: readonly string[] = factors.map((f) => f.name),
): (a: { factors: Readonly<Record<string, string>> } & Condition, b: typeof a) => number {
  const levelRank = new Map<string, Map<string, number>>();
  for (const f of factors) levelRank.set(f.name, new Map(f.levels.map((l, i) => [l, i])));
  return (a, b) => {
    for (const name of factorNames) {
      const la = a.factors[name] ?? '';
      const lb = b.factors[name] ?? '';
      if (la === lb) continue;
      const ranks = levelRank.get(name);
      const ra = ranks?.get(la) ?? Number.MAX_SAFE_INTEGER;
      const rb = ranks?.get(lb) ?? Number.MAX_SAFE_INTEGER;
      if (ra !== rb) return ra - rb;
      return la < lb ? -1 : 1;
    }
    return (
      rankIn(TESTS, a.test) - rankIn(TESTS, b.test) ||
      rankIn([null, ...PROTOCOLS], a.protocol) - rankIn([null, ...PROTOCOLS], b.protocol) ||
      rankIn([null, ...NODES], a.node) - rankIn([null, ...NODES], b.node) ||
      rankIn(METRICS, a.metric) - rankIn(METRICS, b.metric)
    );
  };
}

export { NODE_SELECTIONS, type NodeSelection };

/** Whether a cell shows under a node selection (cells without a node, i.e. bandwidth, always show). */
export function nodeSelected(node: NodeRole | null, selection: NodeSelection): boolean {
  return node === null || selection === 'both' || node === selection;
}
