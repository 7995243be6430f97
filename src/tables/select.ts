/**
 * The part of an analysis one paper table shows: some metrics, some conditions, some levels of some factors.
 * Filters the records (cells, comparisons, contrasts, ANOVA groups) and the factors' level lists, so that every table
 * builder shows exactly that part, with its columns in the design's order.
 */
import { CnibenchError, type Metric } from '../model/index.js';
import type { Analysis, CellKey } from '../stats/index.js';
import * as msg from './messages.js';

export interface TableSelection {
  /** condition ids: `idle`, `p2p-tcp`, `p2s-udp` … */
  readonly conditions?: readonly string[];
  readonly metrics?: readonly Metric[];
  /** levels kept per factor, e.g. { plugin: ['flannel', 'cilium'] } */
  readonly levels?: Readonly<Record<string, readonly string[]>>;
}

const conditionOf = (cell: Pick<CellKey, 'test' | 'protocol'>): string =>
  cell.protocol === null ? cell.test : `${cell.test}-${cell.protocol}`;

/** The analysis restricted to the selection; a factor or level it does not have is an error naming the known ones. */
export function selectAnalysis(analysis: Analysis, selection: TableSelection): Analysis {
  const levels = selection.levels ?? {};
  for (const [name, wanted] of Object.entries(levels)) {
    const factor = analysis.factors.find((f) => f.name === name);
    if (factor === undefined) {
      throw new CnibenchError(
        'table-unknown-factor',
        msg.unknownFactor(
          name,
          analysis.factors.map((f) => f.name),
        ),
      );
    }
    for (const level of wanted) {
      if (!factor.levels.includes(level)) {
        throw new CnibenchError('table-unknown-level', msg.unknownLevel(name, level, factor.levels));
      }
    }
  }
  const present = new Set(analysis.summaries.map(conditionOf));
  for (const c of selection.conditions ?? []) {
    if (!present.has(c)) throw new CnibenchError('table-unknown-condition', msg.unknownCondition(c, [...present]));
  }
  const keep = (cell: CellKey): boolean =>
    (selection.conditions === undefined || selection.conditions.includes(conditionOf(cell))) &&
    (selection.metrics === undefined || selection.metrics.includes(cell.metric)) &&
    Object.entries(levels).every(([name, wanted]) => {
      const level = cell.factors[name];
      return level === undefined || wanted.includes(level);
    });
  return {
    ...analysis,
    factors: analysis.factors.map((f) =>
      levels[f.name] === undefined ? f : { ...f, levels: f.levels.filter((l) => levels[f.name]!.includes(l)) },
    ),
    summaries: analysis.summaries.filter(keep),
    comparisons: analysis.comparisons.filter(
      (c) => keep(c.cell) && (levels[c.factor] === undefined || levels[c.factor]!.includes(c.level)),
    ),
    interactions: {
      ...analysis.interactions,
      anova: analysis.interactions.anova.filter((t) => keep(t.group)),
      contrasts: analysis.interactions.contrasts.filter(
        (c) =>
          keep(c.group) &&
          (levels[c.factorA] === undefined || levels[c.factorA]!.includes(c.levelA)) &&
          (levels[c.factorB] === undefined || levels[c.factorB]!.includes(c.levelB)),
      ),
    },
  };
}
