// eslint-disable-next-line cnibench/stage-doors -- sentences leave stats for src/present with the findings rework (issue 13)
import { formatInterval, formatNumber, formatP, formatPct, NBSP } from '../present/index.js';
import { type FactorInfo, levelLabel, METRIC_LABELS, type Metric } from '../model/index.js';
import {
  additiveWords,
  changePhrase,
  interactionWords,
  othersPhrase,
  noSignificantChangePhrase,
  othersSamePhrase,
  pluralFactor,
  samePhrase,
  statsWords,
  TEST_SHORT,
} from './messages.js';
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

function metricLabel(metric: Metric): string {
  return METRIC_LABELS[metric] ?? metric;
}

/**
 * One comparison as a sentence: the compared factor's levels are the subject, every other factor is context, e.g.
 * "K3s uses 28 % less RAM than vanilla K8s (UOM, Flannel, P2P TCP server; 95 % CI −31 % to −25 %; p < 0.001)".
 * Not significant: "…, not a significant change (…; p = 0.31)". No delta: the first warning says why.
 * The p shown is the adjusted one.
 */
export function comparisonSentence(c: Comparison, factors: readonly FactorInfo[]): string {
  const levelText = labelOf(factors, c.factor, c.level);
  const baseText = statsWords.baselineName(c.factor, c.baseline, labelOf(factors, c.factor, c.baseline));
  const context = Object.keys(c.cell.factors)
    .filter((n) => n !== c.factor)
    .map((n) => labelOf(factors, n, c.cell.factors[n]!));
  context.push(conditionLabel(c.cell));
  const where = context.join(', ');
  if (c.deltaPct === null) {
    const why = c.warnings[0]?.message ?? 'no comparison';
    return `${levelText} cannot be compared with ${baseText} (${where}): ${why}`;
  }
  const amount = formatPct(Math.abs(c.deltaPct), { signed: false });
  const phrase = changePhrase(c.cell.metric, metricLabel(c.cell.metric), amount, c.deltaPct >= 0);
  const ci = c.deltaPctCi
    ? `${Math.round(c.deltaPctCi.level * 100)}${NBSP}% CI ${formatInterval(c.deltaPctCi, { pct: true })}; `
    : '';
  const tail = `(${where}; ${ci}${formatP(c.pAdjusted ?? c.p)})`;
  const verdict = c.significant ? '' : `, ${statsWords.notSignificant}`;
  return `${levelText} ${phrase} than ${baseText}${verdict} ${tail}`;
}

/**
 * Where a contrast lives, `UOM (inter-host), Idle server`: the levels of the group's other factors and the
 * condition, so that the same interaction in two testbeds or conditions reads differently.
 */
export function contrastContext(contrast: InteractionContrast, factors: readonly FactorInfo[]): string {
  const levels = Object.keys(contrast.group.factors).map((n) => labelOf(factors, n, contrast.group.factors[n]!));
  return [...levels, conditionLabel(contrast.group)].join(', ');
}

/**
 * The same significant change seen in several conditions, as one sentence, e.g. "UOM (inter-host), Flannel, RAM,
 * client and server, all 5 conditions: K3s uses 28 % less RAM than vanilla K8s (−28.3 % to −27.6 %; each
 * p < 0.001)". One member: its interval and p, "…K8s (95 % CI −31 % to −25 %; p < 0.001)". Members are
 * significant comparisons of one direction. `where` names the group; the caller builds it.
 */
export function comparisonGroupSentence(
  members: readonly Comparison[],
  where: string,
  factors: readonly FactorInfo[],
): string {
  const c = members[0]!;
  const levelText = labelOf(factors, c.factor, c.level);
  const baseText = statsWords.baselineName(c.factor, c.baseline, labelOf(factors, c.factor, c.baseline));
  const deltas = members.map((m) => m.deltaPct ?? 0);
  const middle = medianOf(deltas);
  const phrase = changePhrase(
    c.cell.metric,
    metricLabel(c.cell.metric),
    formatPct(Math.abs(middle), { signed: false }),
    middle >= 0,
  );
  const numbers =
    members.length === 1
      ? [
          c.deltaPctCi ? `${ciLabel(c.deltaPctCi.level)} ${formatInterval(c.deltaPctCi, { pct: true })}` : null,
          formatP(c.pAdjusted ?? c.p),
        ]
          .filter((x) => x !== null)
          .join('; ')
      : `${pctRange(deltas)}; ${largestP(members.map((m) => m.pAdjusted ?? m.p))}`;
  return `${where}: ${levelText} ${phrase} than ${baseText} (${numbers})`;
}

/** A flagged contrast with the numbers its sentence quotes. */
export interface InteractionEvidence {
  readonly contrast: InteractionContrast;
  /** contrasts of the same group (the other levels of B at the same level of A are read from them) */
  readonly siblings: readonly InteractionContrast[];
  /** the group's ANOVA table (its interaction F), when known */
  readonly anova: AnovaTable | null;
  /** the same cell's comparison with the baseline (delta, its interval and p), when the analysis has it */
  readonly comparison: Comparison | null;
}

/**
 * A flagged interaction as a sentence that names its group, e.g. "UOM (inter-host), Idle server: Cilium uses 14 %
 * more RAM on K3s than on vanilla K8s, while the other plugins change by −28 % to 0 % (median change of all plugins: 0 % of
 * Cilium's baseline):
 * +14 points above that median (95 % CI +12 to +16; p < 0.001), a distribution × plugin interaction (F(12, 180) =
 * 41.3, p < 0.001)". `siblings` are the contrasts of the same group.
 */
export function interactionSentence(
  contrast: InteractionContrast,
  siblings: readonly InteractionContrast[],
  anova: AnovaTable | null,
  factors: readonly FactorInfo[],
  comparison: Comparison | null = null,
): string {
  return interactionFindingSentence(
    [{ contrast, siblings, anova, comparison }],
    contrastContext(contrast, factors),
    factors,
  );
}

/**
 * One sentence for the same interaction seen in one or several conditions (same levels, same direction), e.g.
 * "UOM (inter-host), RAM, server, all 5 conditions: Calico uses 37 % less RAM on MicroK8s than on vanilla K8s
 * (−37.2 % to −36.8 %; each p < 0.001), while the other plugins change by −15 % to +16 % (median change of all
 * plugins: 0 % of Calico's baseline):
 * 37 points below that median (each p < 0.001), a distribution × plugin interaction (F(12, 180) ≥ 501, p < 0.001)".
 * With one member it quotes the delta's 95 % CI and p and the contrast's interval; with several, the ranges over the
 * members and the largest p. `where` names the group (testbed, metric, node, conditions); the caller builds it.
 * The delta's p is the comparison's adjusted p, the contrast's its adjusted p (within its ANOVA group).
 */
export function interactionFindingSentence(
  members: readonly InteractionEvidence[],
  where: string,
  factors: readonly FactorInfo[],
): string {
  const first = members[0]!.contrast;
  const { factorA, factorB } = first;
  const subject = labelOf(factors, factorB, first.levelB);
  const levelText = labelOf(factors, factorA, first.levelA);
  const baseText = statsWords.baselineName(factorA, first.baselineA, labelOf(factors, factorA, first.baselineA));
  const metric = first.group.metric;
  const label = metricLabel(metric);
  const single = members.length === 1;

  // the cell's own change: the median over the members, with its range (several) or interval (one)
  const observedAll = members.map((m) => m.contrast.observedPct ?? 0);
  const observed = snapZero(medianOf(observedAll));
  const comparisons = members.map((m) => m.comparison);
  const known = comparisons.every((c) => c !== null && c.deltaPct !== null);
  // a change no member's test supports is not worded as a change
  const noChange = known && comparisons.every((c) => !c!.significant);
  let ownText: string;
  if (noChange) ownText = `${subject}'s ${noSignificantChangePhrase(label)} on ${levelText} from ${baseText}`;
  else if (observed === 0) ownText = `${subject}'s ${samePhrase(label)} on ${levelText} as on ${baseText}`;
  else
    ownText = `${subject} ${changePhrase(metric, label, formatPct(Math.abs(observed), { signed: false }), observed > 0)} on ${levelText} than on ${baseText}`;
  const ownNumbers: string[] = [];
  if (single) {
    const c = comparisons[0];
    if (c?.deltaPctCi) ownNumbers.push(`${ciLabel(c.deltaPctCi.level)} ${formatInterval(c.deltaPctCi, { pct: true })}`);
    if (c && c.deltaPct !== null) ownNumbers.push(formatP(c.pAdjusted ?? c.p));
  } else {
    ownNumbers.push(pctRange(observedAll));
    if (known) ownNumbers.push(largestP(comparisons.map((c) => c!.pAdjusted ?? c!.p)));
  }
  const ownNumbersText = ownNumbers.length > 0 ? ` (${ownNumbers.join('; ')})` : '';

  // the other levels of B, over every member
  const others = members.flatMap((m) =>
    m.siblings
      .filter(
        (s) =>
          s.groupKey === m.contrast.groupKey &&
          s.levelB !== m.contrast.levelB &&
          s.levelA === m.contrast.levelA &&
          s.observedPct !== null,
      )
      .map((s) => snapZero(s.observedPct!)),
  );
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

  // the contrast against the additive prediction
  const additive = members.map((m) => m.contrast.additivePct).filter((v): v is number => v !== null);
  const contrasts = members.map((m) => m.contrast.contrastPct).filter((v): v is number => v !== null);
  const method = first.additive ?? 'mean';
  let contrastText = '';
  if (contrasts.length === members.length && additive.length === members.length) {
    // several members: the median of their references (they differ by noise only; the contrasts are ranged)
    const reference = additiveWords(method, pluralFactor(factorB), formatPct(snapZero(medianOf(additive))), subject);
    const up = contrasts[0]! > 0;
    const numbers: string[] = [];
    if (single) {
      const ci = first.contrastCi;
      if (ci) numbers.push(`${ciLabel(ci.level)} ${pointsInterval(ci.lo, ci.hi)}`);
      numbers.push(formatP(first.pAdjusted ?? first.p));
    } else {
      numbers.push(largestP(members.map((m) => m.contrast.pAdjusted ?? m.contrast.p)));
    }
    contrastText = ` (${reference}): ${pointsRange(contrasts.map(Math.abs))} ${interactionWords.points(up, method === 'mean' ? 'mean' : 'median')} (${numbers.join('; ')}),`;
  } else contrastText = ':';

  // the omnibus test, the weakest member's
  const terms = members
    .map((m) => ({ anova: m.anova, term: m.anova?.terms.find((t) => t.term === `${factorA}:${factorB}`) }))
    .filter((x) => x.term !== undefined && x.term.f !== null);
  let stats = '';
  if (terms.length === members.length && terms.length > 0) {
    const weakest = terms.reduce((w, x) => (x.term!.f! < w.term!.f! ? x : w));
    const residual = weakest.anova!.terms.find((t) => t.term === 'Residual')!.df;
    const relation = single ? '=' : '\u2265';
    const worstP = Math.max(...terms.map((x) => x.term!.p ?? 1));
    stats = ` (F(${weakest.term!.df}, ${residual}) ${relation} ${formatNumber(weakest.term!.f!, { significant: 3 })}, ${formatP(worstP)})`;
  }
  return `${where}: ${ownText}${ownNumbersText}${whileText}${contrastText} ${statsWords.interaction(factorA, factorB)}${stats}`;
}

function ciLabel(level: number): string {
  return `${Math.round(level * 100)}${NBSP}% CI`;
}

/** `each p < 0.001`, or the largest p of several: `largest p = 0.031`. */
function largestP(ps: readonly (number | null)[]): string {
  const known = ps.filter((p): p is number => p !== null);
  if (known.length === 0) return formatP(null);
  const worst = Math.max(...known);
  return worst < 0.001 ? `each ${formatP(worst)}` : `largest ${formatP(worst)}`;
}

/**
 * Range of percentages `−37.2 % to −36.8 %`: the usual display decimals, one or two more when the bounds would
 * read the same, a single value when they still do.
 */
function pctRange(values: readonly number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const base = (v: number): number => {
    const abs = Math.abs(v);
    return abs >= 9.95 || abs === 0 ? 0 : abs >= 0.995 ? 1 : 2;
  };
  const start = Math.max(base(lo), base(hi));
  for (let decimals = start; decimals <= start + 2; decimals++) {
    const a = formatPct(lo, { decimals });
    const b = formatPct(hi, { decimals });
    if (a !== b) return `${a} to ${b}`;
  }
  return formatPct(hi);
}

/** `37 points`, `16 to 17 points` (percentage points of the baseline mean). */
function pointsRange(values: readonly number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const a = formatPct(lo, { signed: false, bare: true });
  const b = formatPct(hi, { signed: false, bare: true });
  return `${a === b ? b : `${a} to ${b}`} ${interactionWords.pointUnit(hi)}`;
}

function pointsInterval(lo: number, hi: number): string {
  return `${formatPct(lo, { bare: true })} to ${formatPct(hi, { bare: true })}`;
}

/** Percentages that display as 0 (|x| < 0.005) are 0 for wording: no "0.00 % more". */
function snapZero(pct: number): number {
  return Math.abs(pct) < 0.005 ? 0 : pct;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
