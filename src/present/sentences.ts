/**
 * Sentences about single comparisons (the presentation layer: statistics return numbers and warning codes; the words
 * are built here, from the word lists in src/present/messages.ts). Plain text; each renderer escapes it.
 */
import { formatInterval, formatP, formatPct, NBSP } from './number.js';
import { METRIC_LABELS, type FactorInfo, type Metric } from '../model/index.js';
import { changePhrase, statsWords } from './messages.js';
import { conditionNodeLabel, levelLabelOf } from './labels.js';
import type { Comparison } from '../stats/index.js';

export function metricName(metric: Metric): string {
  return METRIC_LABELS[metric] ?? metric;
}

/** `95 % CI` */
export function ciLabel(level: number): string {
  return `${Math.round(level * 100)}${NBSP}% CI`;
}

/** How a baseline level reads in prose: `vanilla K8s` for kubeadm's distribution. */
export function baselineText(factors: readonly FactorInfo[], factor: string, baseline: string): string {
  return statsWords.baselineName(factor, baseline, levelLabelOf(factors, factor, baseline));
}

/** The factor a sentence is about: the last one (layout order) that is not the compared factor. */
export function subjectFactor(
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

/**
 * One comparison as a sentence: the compared factor's level is the subject, every other factor is context, e.g.
 * "K3s uses 28 % less RAM than vanilla K8s (UOM, Flannel, P2P TCP server; 95 % CI −31 % to −25 %; p < 0.001)".
 * Not significant: "…, not a significant change (…; p = 0.31)"; an exact shift (no variance in either cell): "…, an
 * exact change (no variance in either cell, no test)"; too few runs for a claim: "…, described only (n = 2 vs 2)".
 * The p shown is the adjusted one. No delta: the first warning says why.
 */
export function comparisonSentence(c: Comparison, factors: readonly FactorInfo[]): string {
  const levelText = levelLabelOf(factors, c.factor, c.level);
  const baseText = baselineText(factors, c.factor, c.baseline);
  const context = Object.keys(c.cell.factors)
    .filter((n) => n !== c.factor)
    .map((n) => levelLabelOf(factors, n, c.cell.factors[n]!));
  context.push(conditionNodeLabel(c.cell));
  const where = context.join(', ');
  if (c.deltaPct === null) {
    const why = c.warnings[0]?.message ?? 'no comparison';
    return `${levelText} cannot be compared with ${baseText} (${where}): ${why}`;
  }
  const amount = formatPct(Math.abs(c.deltaPct), { signed: false });
  const phrase = changePhrase(c.cell.metric, metricName(c.cell.metric), amount, c.deltaPct >= 0);
  if (c.exact === true) {
    return `${levelText} ${phrase} than ${baseText}, ${statsWords.exactChange} (${where})`;
  }
  const ci = c.deltaPctCi ? `${ciLabel(c.deltaPctCi.level)} ${formatInterval(c.deltaPctCi, { pct: true })}; ` : '';
  const tail = `(${where}; ${ci}${formatP(c.pAdjusted ?? c.p)})`;
  const tooFew = c.warnings.some((w) => w.code === 'small-n-claim');
  const verdict = c.significant
    ? ''
    : tooFew
      ? `, ${statsWords.describedOnly(c.n, c.nBaseline)}`
      : `, ${statsWords.notSignificant}`;
  return `${levelText} ${phrase} than ${baseText}${verdict} ${tail}`;
}
