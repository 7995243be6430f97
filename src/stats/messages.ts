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
    `n = ${n} vs n = ${nBaseline}: with fewer than 4 values on a side the Mann–Whitney test cannot reach significance; ~ does not mean "no change"`,
  tooFewForClaim: (n: number, nBaseline: number, min: number): string =>
    `n = ${n} vs n = ${nBaseline}: fewer than ${min} runs on a side; the change is described, no significance is claimed`,
  smallN: (n: number, nBaseline: number): string =>
    `n = ${n} vs n = ${nBaseline} (3 or fewer runs on a side): Welch's degrees of freedom and the effect size rest on very few values`,
  exactChange: (): string => 'no variance in either cell: the change is exact (a deterministic shift), no test',
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
  anovaNoWithinVariance: (): string =>
    'no within-cell variance (below the numeric resolution of the values): F undefined, no interaction test',
  logNotPositive: (): string =>
    'a value is zero or negative: the interaction is analysed on the raw scale (differences), not as ratios',
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
