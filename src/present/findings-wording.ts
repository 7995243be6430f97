/**
 * The words of the report's findings: one short sentence per finding (the effect, its size and interval, where it
 * holds) and, apart from it, the statistics behind it (tests, F, adjusted p) for a <details> block or a table.
 * Ranges of estimates are worded as ranges ("between 27 % and 29 %"), intervals as intervals ("95 % CI …", or
 * "95 % CIs within …" for the envelope of several); no "each p" corroboration over conditions measured in the same
 * runs — the details give the largest adjusted p instead.
 */
import { formatNumber, formatP, formatPct, NBSP } from './number.js';
import type { FactorInfo } from '../model/index.js';
import { changePhrase, findingWords, patternWords, pluralFactor } from './messages.js';
import type { Comparison, InteractionPattern, Interval } from '../stats/index.js';
import { levelLabelOf } from './labels.js';
import { baselineText, ciLabel, metricName, subjectFactor } from './sentences.js';
import { maxOf, minOf } from '../model/index.js';

/** A finding's text: the sentence a reader takes in, and the statistics one click away. */
export interface FindingText {
  readonly sentence: string;
  readonly details: string;
}

/** `28 %`, or `between 27 % and 29 %` (unsigned magnitudes). */
function amountRange(values: readonly number[]): string {
  const abs = values.map(Math.abs);
  const lo = minOf(abs);
  const hi = maxOf(abs);
  const a = formatPct(lo, { signed: false });
  const b = formatPct(hi, { signed: false });
  return a === b ? b : patternWords.between(a, b);
}

/** `+14 %`, or `+12 % to +14 %` (signed). */
function signedRange(values: readonly number[]): string {
  const lo = minOf(values);
  const hi = maxOf(values);
  const a = formatPct(lo);
  const b = formatPct(hi);
  return a === b ? b : `${a} to ${b}`;
}

/** `95 % CI −31 % to −25 %`, or for several intervals their envelope `95 % CIs within −31 % to −24 %`. */
function intervalText(intervals: readonly (Interval | null)[], simultaneous = false): string | null {
  const known = intervals.filter((i): i is Interval => i !== null);
  if (known.length === 0) return null;
  const lo = minOf(known.map((i) => i.lo));
  const hi = maxOf(known.map((i) => i.hi));
  const label = simultaneous
    ? `${Math.round(known[0]!.level * 100)}${NBSP}% ${patternWords.simultaneous}`
    : ciLabel(known[0]!.level);
  const bounds = `${formatPct(lo)} to ${formatPct(hi)}`;
  return known.length === 1 ? `${label} ${bounds}` : `${label}s ${patternWords.within} ${bounds}`;
}

/** `p < 0.001`, or for several `largest adjusted p = 0.012` — a bound, not a corroboration. */
function pText(ps: readonly (number | null)[], adjusted: string): string {
  const known = ps.filter((p): p is number => p !== null);
  if (known.length === 0) return formatP(null);
  const worst = maxOf(known);
  return known.length === 1 ? `${adjusted} ${formatP(worst)}` : `${patternWords.largest} ${adjusted} ${formatP(worst)}`;
}

/**
 * Agreeing significant changes (same sign, overlapping intervals) as one short sentence whose subject is the compared
 * factor's level, the other factors being context, e.g. "K3s uses between 27 % and 29 % less RAM than vanilla K8s
 * (Flannel; 95 % CIs within −31 % to −25 %; server, all 5 conditions)". `where` names the conditions; the heading
 * above the sentence names testbed and metric.
 */
export function effectFinding(
  members: readonly Comparison[],
  where: string,
  factors: readonly FactorInfo[],
  adjustedBy: string,
): FindingText {
  const c = members[0]!;
  const subject = subjectFactor(c.cell.factors, factors, c.factor);
  // the level of the factor the findings are listed by (e.g. the plugin) leads the context
  const contextText = subject ? levelLabelOf(factors, subject, c.cell.factors[subject]!) : null;
  const deltas = members.map((m) => m.deltaPct!);
  const up = deltas[0]! > 0;
  const phrase = changePhrase(c.cell.metric, metricName(c.cell.metric), amountRange(deltas), up);
  const levelText = levelLabelOf(factors, c.factor, c.level);
  const base = baselineText(factors, c.factor, c.baseline);
  const interval = intervalText(members.map((m) => m.deltaPctCi));
  const sentence = `${levelText} ${phrase} than ${base} (${[contextText, interval, where].filter((x) => x !== null).join('; ')})`;
  const tests = members.map((m) => m.welch).filter((w): w is NonNullable<typeof w> => w !== null);
  const dfs = tests.map((w) => w.df);
  const details = [
    pText(
      members.map((m) => m.pAdjusted ?? m.p),
      adjustedBy,
    ),
    dfs.length > 0
      ? patternWords.welchDf(formatNumber(minOf(dfs), { significant: 3 }), formatNumber(maxOf(dfs), { significant: 3 }))
      : null,
    patternWords.runs(
      minOf(members.map((m) => Math.min(m.n, m.nBaseline))),
      maxOf(members.map((m) => Math.max(m.n, m.nBaseline))),
    ),
    sharesRuns(members, subject) ? patternWords.sameRuns : null,
  ]
    .filter((x): x is string => x !== null)
    .join('; ');
  return { sentence, details };
}

/** Whether some members are conditions of the same runs (the same context: testbed and the other factors). */
function sharesRuns(members: readonly Comparison[], subject: string | null): boolean {
  const contexts = new Set(
    members.map((m) =>
      JSON.stringify(
        Object.keys(m.cell.factors)
          .filter((n) => n !== m.factor && n !== subject)
          .sort()
          .map((n) => m.cell.factors[n]),
      ),
    ),
  );
  return contexts.size < members.length;
}

/** The omnibus statistics of the patterns of one finding: `interaction F(12, 180) = 41.3, BH-adjusted p < 0.001`. */
function omnibusText(patterns: readonly InteractionPattern[], adjustedBy: string): string {
  const withF = patterns.filter((p) => p.f !== null);
  const weakest = withF.reduce<InteractionPattern | null>((w, p) => (w === null || p.f! < w.f! ? p : w), null);
  const fText =
    weakest === null
      ? ''
      : `F(${weakest.df}, ${weakest.dfResidual}) ${withF.length > 1 ? '\u2265' : '='} ${formatNumber(weakest.f!, { significant: 3 })}, `;
  const first = patterns[0]!;
  return [
    `${patternWords.omnibus(first.factorA, first.factorB, first.scale)} ${fText}${pText(
      patterns.map((p) => p.interactionPAdjusted ?? p.interactionP),
      adjustedBy,
    )}`,
    patternWords.family(first.family, first.scale),
  ].join('; ');
}

/**
 * One interaction pattern (the same structure in one or several conditions) as a short sentence:
 * - a departing cell: "Cilium on K3s: +14 % RAM where the other plugins predict −5 %; 20 % above that (95 %
 *   simultaneous CI +15 % to +25 %; server, P2P TCP)";
 * - a pair: "On K3s, Cilium's RAM changes by +14 % and Flannel's by −5 %: a difference of 20 % (…)";
 * - groups: "On K0s, RAM falls 16–21 % for Flannel, Calico and Kube-router but does not change significantly for
 *   Cilium and Kube-OVN (server, all 5 conditions)".
 */
export function patternFinding(
  members: readonly InteractionPattern[],
  where: string,
  factors: readonly FactorInfo[],
  adjustedBy: string,
): FindingText {
  const first = members[0]!;
  const { factorA, factorB } = first;
  const levelText = levelLabelOf(factors, factorA, first.levelA);
  const metric = metricName(first.group.metric);
  const bLabel = (l: string): string => levelLabelOf(factors, factorB, l);
  const details = omnibusText(members, adjustedBy);
  if ((first.kind === 'cell' || first.kind === 'pair') && first.departure !== null) {
    const deps = members.map((m) => m.departure!);
    const lone = bLabel(first.departure.levelB);
    const observed = signedRange(deps.map((d) => d.observedPct));
    const predicted = signedRange(deps.map((d) => d.predictedPct));
    const up = deps[0]!.departurePct > 0;
    const size =
      first.scale === 'log'
        ? amountRange(deps.map((d) => d.departurePct))
        : patternWords.points(amountRange(deps.map((d) => d.departurePct)));
    const interval = intervalText(
      deps.map((d) => d.ci),
      true,
    );
    const tail = `(${[interval, where].filter((x) => x !== null).join('; ')})`;
    const depDetails = `${details}; ${pText(
      deps.map((d) => d.pAdjusted),
      patternWords.bonferroni,
    )}`;
    if (first.kind === 'pair') {
      const other = first.groups.flatMap((g) => g.levels).find((l) => l !== first.departure!.levelB)!;
      return {
        sentence: patternWords.pair(levelText, metric, lone, observed, bLabel(other), predicted, size, up, tail),
        details: depDetails,
      };
    }
    return {
      sentence: patternWords.cell(lone, levelText, metric, observed, pluralFactor(factorB), predicted, size, up, tail),
      details: depDetails,
    };
  }
  // groups: per group its range of changes, or "does not change significantly" when its pooled interval covers 0
  const parts = first.groups.map((g, gi) => {
    const changes = members.flatMap((m) => m.groups[gi]?.changesPct ?? []);
    const cis = members.map((m) => m.groups[gi]?.pooledCi ?? null);
    const covers0 = cis.some((ci) => ci === null || (ci.lo <= 0 && ci.hi >= 0));
    const names = findingWords.list(g.levels.map(bLabel));
    if (covers0) return patternWords.groupSame(names);
    const lo = minOf(changes);
    const hi = maxOf(changes);
    if (lo > 0) return patternWords.groupRises(names, rangeBare(lo, hi));
    if (hi < 0) return patternWords.groupFalls(names, rangeBare(-hi, -lo));
    return patternWords.groupChanges(names, `${formatPct(lo)} to ${formatPct(hi)}`);
  });
  return { sentence: patternWords.groups(levelText, metric, parts, where), details };
}

/** `16–21 %` (unsigned). */
function rangeBare(lo: number, hi: number): string {
  const a = formatPct(lo, { signed: false, bare: true });
  const b = formatPct(hi, { signed: false });
  return a === formatPct(hi, { signed: false, bare: true }) ? b : `${a}\u2013${b}`;
}
