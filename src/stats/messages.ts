/**
 * Every text the statistics stage shows a user: warnings attached to records (StatWarning.message) and the parts of
 * sentences. Functions returning strings, so tests assert on the same text users read.
 */

export const statsMessages = {
  noValues: (nMissing: number): string =>
    `no usable value in this cell (${nMissing} missing); its statistics are empty`,
  singleValue: (): string => 'only one value: variance, standard deviation and the interval are undefined',
  zeroVariance: (): string => 'all values are identical (zero variance): no interval, and tests are not defined',
  nonFiniteValue: (count: number, iterations: readonly number[]): string =>
    `${count} non-finite value${count === 1 ? '' : 's'} (NaN or ±Infinity) in iteration${iterations.length === 1 ? '' : 's'} ${iterations.join(', ')}: ` +
    'excluded from the statistics, counted as missing',
  duplicateIteration: (iterations: readonly number[]): string =>
    `iteration${iterations.length === 1 ? '' : 's'} ${iterations.join(', ')} appear more than once in this cell; all values are used`,
  baselineMissing: (baseline: string, factor: string): string =>
    `the baseline cell (${factor} = ${baseline}) has no usable value: no comparison`,
  comparedMissing: (): string => 'this cell has no usable value: no comparison',
  tooFewForSignificance: (n: number, nBaseline: number): string =>
    `n = ${n} vs n = ${nBaseline}: fewer than 4 values on a side cannot reach significance after adjustment; ~ does not mean "no change"`,
  tooFewForInterval: (n: number, nBaseline: number): string =>
    `n = ${n} vs n = ${nBaseline}: with fewer than 6 values on a side the interval is too wide to be useful`,
  zeroVarianceBoth: (): string => 'both cells have zero variance: the t test and the interval are undefined',
  unboundedRatio: (): string =>
    'the baseline mean is not clearly different from 0: Fieller interval of the % delta is unbounded',
  anovaEmptyCells: (cells: readonly string[]): string =>
    `${cells.length} empty cell${cells.length === 1 ? '' : 's'} (${cells.join(', ')}): interaction estimated from the cells present`,
  anovaLostDf: (lost: number): string =>
    `${lost} interaction degree${lost === 1 ? '' : 's'} of freedom not estimable because of empty cells`,
  anovaNoResidualDf: (): string => 'no residual degrees of freedom (one value per cell): no F tests',
  anovaOneLevel: (factor: string): string => `${factor} has a single level here: its effect cannot be tested`,
  anovaType3Empty: (): string =>
    'Type III sums of squares with empty cells test hypotheses that depend on which cells are empty; prefer Type II',
  contrastBaselineMissing: (baseline: string): string =>
    `the baseline level ${baseline} is absent from this group: no interaction contrasts`,
  contrastNoPartner: (): string => 'the baseline cell for this level is empty: no contrast',
  unknownFactor: (option: string, factor: string, factors: readonly string[]): string =>
    `option ${option}: '${factor}' is not a factor of this campaign; expected one of: ${factors.join(', ')}`,
  samePair: (option: string, factor: string): string =>
    `option ${option}: expected two different factors, got "${factor}" twice`,
  unknownBaseline: (baseline: string, factor: string, levels: readonly string[]): string =>
    `option baseline: '${baseline}' is not a level of ${factor}; expected one of: ${levels.join(', ')}`,
} as const;

/** Words used in sentences. */
export const statsWords = {
  more: 'more',
  less: 'less',
  higher: 'higher',
  lower: 'lower',
  notSignificant: 'not a significant change',
  interaction: (a: string, b: string): string => `a ${a} × ${b} interaction`,
  /** how a baseline level is named in prose: the reference study calls kubeadm's distribution "vanilla K8s" */
  baselineName: (factor: string, level: string, label: string): string =>
    factor === 'distribution' && level === 'k8s' ? `vanilla ${label}` : label,
} as const;

/** Short condition names as the reference study's figures write them. */
export const TEST_SHORT: Readonly<Record<string, string>> = { idle: 'Idle', p2p: 'P2P', p2s: 'P2S', n2n: 'N2N' };

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

/**
 * What an interaction contrast is measured against, e.g. `median change of all plugins: −14 % of Kube-OVN's
 * baseline`. The additive model works in the metric's unit, so the reference is a share of THIS cell's baseline
 * mean and can differ from the plugins' own percentages when their baselines differ.
 */
export function additiveWords(
  method: 'median' | 'median-others' | 'mean',
  factorPlural: string,
  pct: string,
  subject: string,
): string {
  const what =
    method === 'median'
      ? `median change of all ${factorPlural}`
      : method === 'median-others'
        ? `median change of the other ${factorPlural}`
        : `mean change of all ${factorPlural}`;
  return `${what}: ${pct} of ${subject}'s baseline`;
}

/** Words of the contrast part of an interaction sentence: `37 points below that median`. */
export const interactionWords = {
  points: (up: boolean, reference: 'median' | 'mean'): string => `${up ? 'above' : 'below'} that ${reference}`,
  pointUnit: (value: number): string => (value === 1 ? 'point' : 'points'),
} as const;

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
