export type * from './types.js';
export { describe, type DescribeOptions } from './describe.js';
export {
  compare,
  type CompareOptions,
  ALL_FAMILY,
  MIN_N_FOR_CLAIM,
  MIN_N_FOR_INTERVAL,
  MIN_N_FOR_SIGNIFICANCE,
  SMALL_N_NOTE,
} from './compare.js';
export { analyse } from './analyse.js';
export { inferDesign, type DesignInference, type DesignChoices, type ChoiceSource } from './design.js';
export {
  driftAnalysis,
  comparisonDriftRisk,
  comparisonTimingKey,
  type DriftOptions,
  type ComparisonDriftRisk,
} from './drift.js';
export { knbDateSeconds, secondsToKnbDate } from './drift-time.js';
export {
  mannKendall,
  mannKendallVariance,
  kendallS,
  tieSums,
  type MannKendallResult,
  type TieSums,
} from './mann-kendall.js';
export { theilSen, senEstimate, pairwiseSlopes, roundHalfEven, type TheilSenResult } from './theil-sen.js';
export { DEFAULT_ANALYSIS_OPTIONS, HEADLINE_METRICS, resolveAnalysisOptions } from './options.js';
export { interactionPatterns, RESIDUAL_RESOLUTION, type InteractionPatternOptions } from './interaction-patterns.js';
export { summariesTable, comparisonsTable, anovaTable, contrastsTable } from './tables.js';
export { anovaTwoWay, type AnovaCell, type AnovaTwoWayFit, type AnovaTwoWayOptions } from './anova-two-way.js';
export { welchT, welchDf, type SampleMoments } from './welch-t.js';
export { studentT } from './student-t.js';
export { mannWhitneyU, MANN_WHITNEY_EXACT_MAX_N } from './mann-whitney.js';
export { holm, bh, adjustP } from './p-adjust.js';
export { hedgesG } from './hedges-g.js';
export { fiellerRatio } from './fieller.js';
export { bootstrapRatio, seedFor, type BootstrapOptions } from './bootstrap.js';
export { tukeyOutliers, TUKEY_RULE } from './outliers.js';
export { quantileType7Sorted } from './quantile-type7.js';
export { mean } from './mean.js';
export { sampleVariance, sumOfSquaredDeviations } from './sample-variance.js';
export { tInterval } from './t-interval.js';
export { cellKey, conditionKey } from './keys.js';
export { mulberry32, normalGenerator } from '../model/index.js';
export { tCdf, tQuantile, tSf, tTwoSidedP } from './dist/t.js';
export { fSf } from './dist/f.js';
export { normalCdf, normalQuantile, normalSf } from './dist/normal.js';
export { incompleteBeta, incompleteBetaComplement } from './dist/beta.js';
export { logGamma, logBeta } from './dist/gamma.js';
export { analysisBundle } from './analyse.js';
