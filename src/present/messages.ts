/**
 * The words sentences are made of (the presentation layer's message texts): phrases for changes, findings and
 * interaction patterns. Statistics' own warning texts are in src/stats/messages.ts.
 */

/** Words used in sentences. */
export const statsWords = {
  more: 'more',
  less: 'less',
  higher: 'higher',
  lower: 'lower',
  notSignificant: 'not a significant change',
  exactChange: 'an exact change (no variance in either cell, no test)',
  describedOnly: (n: number, nBaseline: number): string =>
    `described only: too few runs for a significance claim (n = ${n} vs ${nBaseline})`,
  interaction: (a: string, b: string): string => `a ${a} × ${b} interaction`,
  /** how a baseline level is named in prose: the reference study calls kubeadm's distribution "vanilla K8s" */
  baselineName: (factor: string, level: string, label: string): string =>
    factor === 'distribution' && level === 'k8s' ? `vanilla ${label}` : label,
} as const;

/**
 * The verb phrase of a change of `amount` (already formatted, e.g. `28 %`) in a metric:
 * `uses 28 % less RAM`, `uses 5.1 % more CPU`, `reaches 12 % lower throughput`.
 */
export function changePhrase(metric: string, metricLabel: string, amount: string, up: boolean): string {
  if (metric === 'bandwidth') return `reaches ${amount} ${up ? statsWords.higher : statsWords.lower} throughput`;
  return `uses ${amount} ${up ? statsWords.more : statsWords.less} ${metricLabel}`;
}

/** Plural phrase for the other levels: `the other plugins use 6–28 % less`. */
export function othersPhrase(factorPlural: string, metric: string, range: string, up: boolean | null): string {
  if (up === null) return `the other ${factorPlural} change by ${range}`;
  if (metric === 'bandwidth')
    return `the other ${factorPlural} reach ${range} ${up ? statsWords.higher : statsWords.lower}`;
  return `the other ${factorPlural} use ${range} ${up ? statsWords.more : statsWords.less}`;
}

/** `plugin` → `plugins`, `distribution` → `distributions`. */
export function pluralFactor(factor: string): string {
  return factor.endsWith('s') ? factor : `${factor}s`;
}

/** `RAM is the same` (used as "Flannel's RAM is the same on K0s as on vanilla K8s"). */
export function samePhrase(metricLabel: string): string {
  return `${metricLabel} is the same`;
}

/** `RAM does not change significantly` (as in "Cilium's RAM does not change significantly on K0s from vanilla K8s"). */
export function noSignificantChangePhrase(metricLabel: string): string {
  return `${metricLabel} does not change significantly`;
}

/** `the other plugins do not change`. */
export function othersSamePhrase(factorPlural: string): string {
  return `the other ${factorPlural} do not change`;
}

/** Words of the findings' group labels: `all 5 conditions`, `client and server`, `P2P TCP, P2S TCP and P2S UDP`. */
export const findingWords = {
  allConditions: (count: number): string => `all ${count} conditions`,
  list: (items: readonly string[]): string =>
    items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`,
} as const;

/** Words of the findings built from interaction patterns and agreeing effects (src/present/findings-wording.ts). */
export const patternWords = {
  between: (lo: string, hi: string): string => `between ${lo} and ${hi}`,
  within: 'within',
  largest: 'largest',
  simultaneous: 'simultaneous CI',
  bonferroni: 'Bonferroni-adjusted',
  points: (amount: string): string => `${amount.replace(/\u00a0%$/, '')} points of its baseline`,
  welchDf: (lo: string, hi: string): string => (lo === hi ? `Welch df ${lo}` : `Welch df ${lo} to ${hi}`),
  runs: (lo: number, hi: number): string =>
    lo === hi ? `n = ${lo} runs per cell (on one deployment)` : `n = ${lo} to ${hi} runs per cell (on one deployment)`,
  sameRuns: 'conditions measured in the same runs are not independent confirmations',
  omnibus: (a: string, b: string, scale: 'log' | 'raw'): string =>
    `${a} × ${b} interaction on the ${scale === 'log' ? 'log scale (ratios)' : 'raw scale (differences)'}:`,
  family: (size: number, scale: 'log' | 'raw'): string =>
    `groups split where two ${scale === 'log' ? 'changes' : 'differences'} differ beyond a Bonferroni critical t over the ${size} pairwise differences of the table`,
  cell: (
    lone: string,
    level: string,
    metric: string,
    observed: string,
    othersPlural: string,
    predicted: string,
    size: string,
    up: boolean,
    tail: string,
  ): string =>
    `${lone} on ${level}: ${metric} ${observed} where the other ${othersPlural} predict ${predicted}; ${size} ${up ? 'above' : 'below'} that ${tail}`,
  pair: (
    level: string,
    metric: string,
    lone: string,
    observed: string,
    other: string,
    otherChange: string,
    size: string,
    up: boolean,
    tail: string,
  ): string =>
    `On ${level}, ${metric} changes by ${observed} for ${lone} and by ${otherChange} for ${other}: ${lone} ${size} ${up ? 'higher' : 'lower'} ${tail}`,
  groupFalls: (names: string, range: string): string => `falls ${range} for ${names}`,
  groupRises: (names: string, range: string): string => `rises ${range} for ${names}`,
  groupChanges: (names: string, range: string): string => `changes by ${range} for ${names}`,
  groupSame: (names: string): string => `does not change significantly for ${names}`,
  groups: (level: string, metric: string, parts: readonly string[], where: string): string =>
    `On ${level}, ${metric} ${parts.length === 2 ? parts.join(' but ') : parts.join('; ')} (${where})`,
} as const;

/** Words of the drift findings. */
export const driftWords = {
  /** the heading every drift and run-order finding is listed under, first */
  heading: 'Run order and drift',
} as const;
