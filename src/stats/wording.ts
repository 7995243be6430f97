import { formatInterval, formatNumber, formatP, formatPct, NBSP } from '../format/number.js';
import type { FactorInfo } from '../model/dataset.js';
import { levelLabel } from '../model/levels.js';
import { METRIC_LABELS, type Metric } from '../model/vocabulary.js';
import {
  changePhrase,
  othersPhrase,
  othersSamePhrase,
  pluralFactor,
  samePhrase,
  statsWords,
  TEST_SHORT,
} from '../messages/stats.js';
import type { AnovaTable, Comparison, Condition, InteractionContrast } from './types.js';

/** Display label of a level: the dataset's label, else the conventional one, else the level itself. */
export function labelOf(factors: readonly FactorInfo[], factor: string, level: string): string {
  return levelLabel(factor, level, factors.find((f) => f.name === factor)?.labels);
}

/** `P2P TCP server`, `Idle client`, `P2S UDP` (bandwidth has no node). */
export function conditionLabel(condition: Condition): string {
  const parts = [TEST_SHORT[condition.test] ?? condition.test];
  if (condition.protocol) parts.push(condition.protocol.toUpperCase());
  if (condition.node) parts.push(condition.node);
  return parts.join(' ');
}

/** The factor a sentence is about: the last one (layout order) that is not the compared factor. */
function subjectFactor(
  cellFactors: Readonly<Record<string, string>>,
  factors: readonly FactorInfo[],
  compared: string,
): string | null {
  const order = [...factors.map((f) => f.name), ...Object.keys(cellFactors)].filter(
    (n, i, all) => all.indexOf(n) === i,
  );
  const candidates = order.filter((n) => n !== compared && cellFactors[n] !== undefined);
  return candidates.length > 0 ? candidates[candidates.length - 1]! : null;
}

function metricLabel(metric: Metric): string {
  return METRIC_LABELS[metric] ?? metric;
}

/**
 * One comparison as a sentence, e.g.
 * "Flannel uses 28 % less RAM on K3s than on vanilla K8s (UOM, P2P TCP server; 95 % CI −31 % to −25 %; p < 0.001)".
 * Not significant: "…, not a significant change (…; p = 0.31)". No delta: the first warning says why.
 * The p shown is the adjusted one.
 */
export function comparisonSentence(c: Comparison, factors: readonly FactorInfo[]): string {
  const subject = subjectFactor(c.cell.factors, factors, c.factor);
  const subjectText = subject
    ? labelOf(factors, subject, c.cell.factors[subject]!)
    : labelOf(factors, c.factor, c.level);
  const levelText = labelOf(factors, c.factor, c.level);
  const baseText = statsWords.baselineName(c.factor, c.baseline, labelOf(factors, c.factor, c.baseline));
  const context = Object.keys(c.cell.factors)
    .filter((n) => n !== c.factor && n !== subject)
    .map((n) => labelOf(factors, n, c.cell.factors[n]!));
  context.push(conditionLabel(c.cell));
  const where = context.join(', ');
  if (c.deltaPct === null) {
    const why = c.warnings[0]?.message ?? 'no comparison';
    return `${subjectText} on ${levelText} cannot be compared with ${baseText} (${where}): ${why}`;
  }
  const amount = formatPct(Math.abs(c.deltaPct), { signed: false });
  const phrase = changePhrase(c.cell.metric, metricLabel(c.cell.metric), amount, c.deltaPct >= 0);
  const ci = c.deltaPctCi
    ? `${Math.round(c.deltaPctCi.level * 100)}${NBSP}% CI ${formatInterval(c.deltaPctCi, { pct: true })}; `
    : '';
  const tail = `(${where}; ${ci}${formatP(c.pAdjusted ?? c.p)})`;
  const verdict = c.significant ? '' : `, ${statsWords.notSignificant}`;
  return `${subjectText} ${phrase} on ${levelText} than on ${baseText}${verdict} ${tail}`;
}

/**
 * A flagged interaction as a sentence, e.g. "Cilium uses 14 % more RAM on K3s than on vanilla K8s, while the
 * other plugins use 6–28 % less: a distribution × plugin interaction (F(12, 180) = 41.3, p < 0.001)".
 * `siblings` are the contrasts of the same level of A in the same group (the other levels of B).
 */
export function interactionSentence(
  contrast: InteractionContrast,
  siblings: readonly InteractionContrast[],
  anova: AnovaTable | null,
  factors: readonly FactorInfo[],
): string {
  const { factorA, factorB } = contrast;
  const subject = labelOf(factors, factorB, contrast.levelB);
  const levelText = labelOf(factors, factorA, contrast.levelA);
  const baseText = statsWords.baselineName(factorA, contrast.baselineA, labelOf(factors, factorA, contrast.baselineA));
  const metric = contrast.group.metric;
  const observed = snapZero(contrast.observedPct ?? 0);
  const label = metricLabel(metric);
  const own =
    observed === 0
      ? samePhrase(label)
      : changePhrase(metric, label, formatPct(Math.abs(observed), { signed: false }), observed > 0);
  const ownText =
    observed === 0
      ? `${subject}'s ${own} on ${levelText} as on ${baseText}`
      : `${subject} ${own} on ${levelText} than on ${baseText}`;
  const others = siblings
    .filter((s) => s.levelB !== contrast.levelB && s.levelA === contrast.levelA && s.observedPct !== null)
    .map((s) => snapZero(s.observedPct!));
  let whileText = '';
  if (others.length > 0) {
    const lo = Math.min(...others);
    const hi = Math.max(...others);
    const bare = (v: number): string => formatPct(v, { signed: false, bare: true });
    const span = (a: number, b: number): string =>
      bare(a) === bare(b) ? formatPct(b, { signed: false }) : `${bare(a)}\u2013${formatPct(b, { signed: false })}`;
    let phrase: string;
    if (lo === 0 && hi === 0) phrase = othersSamePhrase(pluralFactor(factorB));
    else if (lo >= 0) phrase = othersPhrase(pluralFactor(factorB), metric, span(lo, hi), true);
    else if (hi <= 0) phrase = othersPhrase(pluralFactor(factorB), metric, span(-hi, -lo), false);
    else phrase = othersPhrase(pluralFactor(factorB), metric, `${formatPct(lo)} to ${formatPct(hi)}`, null);
    whileText = `, while ${phrase}`;
  }
  const term = anova?.terms.find((t) => t.term === `${factorA}:${factorB}`);
  const stats =
    term && term.f !== null
      ? ` (F(${term.df}, ${anova!.terms.find((t) => t.term === 'Residual')!.df}) = ${formatNumber(term.f, { significant: 3 })}, ${formatP(term.p)})`
      : '';
  return `${ownText}${whileText}: ${statsWords.interaction(factorA, factorB)}${stats}`;
}

/** Percentages that display as 0 (|x| < 0.005) are 0 for wording: no "0.00 % more". */
function snapZero(pct: number): number {
  return Math.abs(pct) < 0.005 ? 0 : pct;
}
