/**
 * Findings: the report's first section, a ranked list of sentences with their numbers. Every flagged interaction
 * comes first (largest contrast first), then the largest significant effects versus the baseline. The wording is the
 * statistics stage's (comparisonSentence, interactionSentence); texts are plain and each renderer escapes them.
 */
import type { Analysis, InteractionContrast } from '../stats/types.js';
import { comparisonSentence, conditionLabel, interactionSentence, labelOf } from '../stats/wording.js';
import { displayFilter } from './common.js';
import { cellComparator } from './labels.js';
import type { TableOptions } from './options.js';

export interface Finding {
  /** 1-based position in the ranked list */
  readonly rank: number;
  readonly kind: 'interaction' | 'effect';
  readonly sentence: string;
  /** key of the cell (comparison key, or contrast group key + levels) the finding is about */
  readonly key: string;
  /** what the ranking used: |% change| for effects, |contrast| in percentage points for interactions */
  readonly magnitude: number;
  /** the adjusted p-value (or raw where not adjusted) */
  readonly p: number | null;
}

export interface FindingsOptions extends TableOptions {
  /** at most this many effects (interactions are all listed); default 20 */
  readonly maxEffects?: number;
}

/** |x| rounded to 6 significant digits, so that float noise does not decide the order of equal effects. */
function magnitude(x: number): number {
  return Number(Math.abs(x).toPrecision(6));
}

/**
 * Where a contrast lives (`UOM, Idle server`): the stats sentence names the levels and the metric but not the group,
 * and the same interaction in two testbeds or conditions must read differently.
 */
function groupContext(c: InteractionContrast, analysis: Analysis): string {
  const levels = Object.keys(c.group.factors).map((n) => labelOf(analysis.factors, n, c.group.factors[n]!));
  return [...levels, conditionLabel(c.group)].join(', ');
}

/** The stats stage's sentence for a flagged contrast that came without one (hand-made records). */
function contrastSentence(c: InteractionContrast, analysis: Analysis): string {
  const siblings = analysis.interactions.contrasts.filter((s) => s.groupKey === c.groupKey);
  const anova = analysis.interactions.anova.find((t) => t.key === c.groupKey) ?? null;
  return interactionSentence(c, siblings, anova, analysis.factors);
}

/**
 * The ranked findings of an analysis: all flagged interactions by |contrast| (largest first), then significant
 * comparisons of the analysis' factor by |% change|, at most `maxEffects`. Ties break on the cell order, so the
 * list is deterministic.
 */
export function findings(analysis: Analysis, options: FindingsOptions = {}): Finding[] {
  const keep = displayFilter(options);
  const order = cellComparator(analysis.factors);
  const flagged = analysis.interactions.contrasts
    .filter((c) => c.flagged && c.contrastPct !== null && keep(c.group))
    .sort(
      (x, y) =>
        magnitude(y.contrastPct!) - magnitude(x.contrastPct!) ||
        order(
          { ...x.group, factors: { ...x.group.factors, [x.factorA]: x.levelA, [x.factorB]: x.levelB } },
          { ...y.group, factors: { ...y.group.factors, [y.factorA]: y.levelA, [y.factorB]: y.levelB } },
        ),
    );
  const effects = analysis.comparisons
    .filter((c) => c.significant && c.deltaPct !== null && c.factor === analysis.options.factor && keep(c.cell))
    .sort((x, y) => magnitude(y.deltaPct!) - magnitude(x.deltaPct!) || order(x.cell, y.cell))
    .slice(0, options.maxEffects ?? 20);
  const list: Omit<Finding, 'rank'>[] = [
    ...flagged.map((c) => ({
      kind: 'interaction' as const,
      sentence: `${groupContext(c, analysis)}: ${c.sentence ?? contrastSentence(c, analysis)}`,
      key: `${c.groupKey}|${c.levelA}|${c.levelB}`,
      magnitude: magnitude(c.contrastPct!),
      p: c.pAdjusted ?? c.p,
    })),
    ...effects.map((c) => ({
      kind: 'effect' as const,
      sentence: comparisonSentence(c, analysis.factors),
      key: c.key,
      magnitude: magnitude(c.deltaPct!),
      p: c.pAdjusted ?? c.p,
    })),
  ];
  return list.map((f, i) => ({ rank: i + 1, ...f }));
}

/** How many significant effects `findings` left out because of `maxEffects` (said under the list). */
export function omittedEffects(analysis: Analysis, options: FindingsOptions = {}): number {
  const keep = displayFilter(options);
  const all = analysis.comparisons.filter(
    (c) => c.significant && c.deltaPct !== null && c.factor === analysis.options.factor && keep(c.cell),
  ).length;
  return Math.max(0, all - (options.maxEffects ?? 20));
}
