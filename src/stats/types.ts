import type { DesignInference } from './design.js';
/**
 * The records statistics return. This file is the contract between stats/ and figures/, tables/, report/:
 * fields may be added; renaming or removing one breaks the stages downstream.
 * Every record carries its warnings as values (benchstat's habit) instead of throwing.
 */
import type { FactorInfo, Metric, NodeRole, Protocol, Test } from '../model/index.js';
import type { DriftAnalysis } from './drift-types.js';

export type * from './drift-types.js';

/** A warning attached to a statistic; `code` is stable, `message` is the human text from src/stats/messages.ts. */
export interface StatWarning {
  readonly code: string;
  readonly message: string;
}

export type IntervalMethod =
  /** Student t interval of a mean */
  | 't'
  /** Welch–Satterthwaite interval of a difference of means */
  | 'welch'
  /** Fieller's interval for a ratio of means (used for % deltas) */
  | 'fieller'
  /** first-order delta method for a ratio of means */
  | 'delta'
  /** seeded percentile bootstrap */
  | 'bootstrap'
  /** t interval on the analysis scale with a Bonferroni critical value over the table's pairwise differences */
  | 'bonferroni-t';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
  /** e.g. 0.95 */
  readonly level: number;
  readonly method: IntervalMethod;
}

/** What identifies a cell besides the factors. */
export interface Condition {
  readonly test: Test;
  readonly protocol: Protocol | null;
  readonly node: NodeRole | null;
  readonly metric: Metric;
}

/** A cell: every factor level + test + protocol + node + metric. */
export interface CellKey extends Condition {
  readonly factors: Readonly<Record<string, string>>;
}

/** describe(): the distribution of one cell's iterations. Null statistics where n is too small to define them. */
export interface CellSummary extends CellKey {
  /** stable id of the cell (factor levels and condition joined), used to cross-reference records */
  readonly key: string;
  /** number of non-null values */
  readonly n: number;
  /** number of null values (missing, with a reason in the ledger) */
  readonly nMissing: number;
  /** the non-null values in iteration order, and their iteration numbers */
  readonly values: readonly number[];
  readonly iterations: readonly number[];
  readonly mean: number | null;
  /** sample variance (n − 1) */
  readonly variance: number | null;
  readonly sd: number | null;
  readonly sem: number | null;
  readonly median: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** quartiles, type 7 (R's default, numpy's linear) */
  readonly q1: number | null;
  readonly q3: number | null;
  /** coefficient of variation sd / |mean| */
  readonly cv: number | null;
  /** t interval of the mean at the configured level */
  readonly ci: Interval | null;
  /** iterations flagged as outliers (never dropped) and the rule that flagged them */
  readonly outliers: readonly number[];
  readonly outlierRule: string;
  readonly warnings: readonly StatWarning[];
}

export interface TestResult {
  readonly statistic: number;
  readonly p: number;
}

export interface WelchResult extends TestResult {
  readonly df: number;
}

export interface MannWhitneyResult extends TestResult {
  /** U of the compared (non-baseline) sample, scipy's convention */
  readonly u: number;
  readonly method: 'exact' | 'normal';
}

/** compare(): one level of a factor against the baseline level of that factor, all else equal. */
export interface Comparison {
  /** factor compared, e.g. 'distribution' */
  readonly factor: string;
  readonly baseline: string;
  readonly level: string;
  /** the compared cell and its baseline cell (same key but factors[factor] = baseline) */
  readonly cell: CellKey;
  readonly key: string;
  readonly baselineKey: string;
  readonly nBaseline: number;
  readonly n: number;
  readonly meanBaseline: number | null;
  readonly mean: number | null;
  /** mean − meanBaseline, in the metric's unit */
  readonly delta: number | null;
  readonly deltaCi: Interval | null;
  /** 100 · (mean − meanBaseline) / meanBaseline */
  readonly deltaPct: number | null;
  readonly deltaPctCi: Interval | null;
  readonly welch: WelchResult | null;
  readonly mannWhitney: MannWhitneyResult | null;
  /** Hedges' g (bias-corrected standardised mean difference), sign of mean − meanBaseline */
  readonly hedgesG: number | null;
  /** the p-value used for the decision (Welch's by default), before and after adjustment */
  readonly p: number | null;
  readonly pAdjusted: number | null;
  /** the family within which p was adjusted (documented in compare.ts) */
  readonly family: string;
  readonly significant: boolean;
  /**
   * true when both cells have values and no variance: the change is exact (a deterministic shift), no test applies;
   * absent in hand-made records
   */
  readonly exact?: boolean;
  readonly warnings: readonly StatWarning[];
}

export interface AnovaTerm {
  /** factor name, `a:b` for the interaction, or `Residual` */
  readonly term: string;
  readonly ss: number;
  readonly df: number;
  readonly f: number | null;
  readonly p: number | null;
  /** SS_term / (SS_term + SS_residual) */
  readonly partialEta2: number | null;
}

/** The group an ANOVA is run in: all other factors fixed plus the condition. */
export interface AnovaGroup extends Condition {
  /** levels of the factors other than the two crossed ones, e.g. { testbed: 'UOM' } */
  readonly factors: Readonly<Record<string, string>>;
}

export interface AnovaTable {
  readonly group: AnovaGroup;
  readonly key: string;
  /** the two crossed factors, e.g. ['distribution', 'plugin'] */
  readonly factorA: string;
  readonly factorB: string;
  readonly type: 1 | 2 | 3;
  readonly terms: readonly AnovaTerm[];
  readonly n: number;
  /** `a|b` combinations with no observation */
  readonly emptyCells: readonly string[];
  readonly balanced: boolean;
  /** the values analysed: 'log' (ratios, the scale of % wording) or 'raw' (the metric's unit); absent = 'raw' */
  readonly scale?: 'log' | 'raw';
  /** the interaction term's p adjusted over every ANOVA table of the analysis (AnalysisOptions.adjust); absent = raw p */
  readonly interactionPAdjusted?: number | null;
  readonly warnings: readonly StatWarning[];
}

/**
 * The per-cell interaction contrast: the cell's change versus the baseline level of factor A against the pooled change
 * of the other levels of factor B at that level (what an additive table on the analysis scale predicts), with a
 * simultaneous interval (interaction-patterns.ts).
 */
export interface InteractionContrast {
  readonly group: AnovaGroup;
  readonly groupKey: string;
  readonly factorA: string;
  readonly factorB: string;
  /** level of factor A (e.g. distribution 'k3s') and of factor B (e.g. plugin 'cilium') */
  readonly levelA: string;
  readonly levelB: string;
  readonly baselineA: string;
  /** observed delta of this cell vs the baseline of A, % of the baseline cell mean */
  readonly observedPct: number | null;
  /** what the additive model predicts for that delta (the pooled change of the other levels of B), % */
  readonly additivePct: number | null;
  /**
   * how far the cell departs from that prediction, with its simultaneous interval: on the log scale the ratio of
   * ratios − 1 in %, on the raw scale the difference of differences in % of this cell's baseline mean (points)
   */
  readonly contrastPct: number | null;
  readonly contrastCi: Interval | null;
  /** the same departure on the analysis scale (a log ratio, or the metric's unit) */
  readonly contrast: number | null;
  readonly p: number | null;
  /** Bonferroni-adjusted over the table's pairwise differences */
  readonly pAdjusted: number | null;
  /** the cell departs alone from all the other levels of B (its pattern's kind is 'cell') */
  readonly flagged: boolean;
  readonly warnings: readonly StatWarning[];
}

/** Levels of factor B that change together at one level of A (no significant gap between them). */
export interface PatternGroup {
  /** levels of B, by increasing change */
  readonly levels: readonly string[];
  /** each level's own change versus the baseline level of A, % (same order) */
  readonly changesPct: readonly number[];
  /** the group's pooled change, % (log scale: geometric, inverse-variance weights; raw: % of the pooled baseline) */
  readonly pooledPct: number;
  /** simultaneous interval of the pooled change (Bonferroni, see interaction-patterns.ts), % */
  readonly pooledCi: Interval | null;
}

/** A level of B whose change departs from the others' (the pattern of the other levels of B at that level of A). */
export interface InteractionDeparture {
  readonly levelB: string;
  /** this level's change versus the baseline of A, % */
  readonly observedPct: number;
  /** the change the other levels of B show (their pooled change), % — what an additive table predicts */
  readonly predictedPct: number;
  /**
   * how far the change departs: log scale, the ratio of ratios − 1 in %; raw scale, the difference of differences
   * in % of this cell's baseline mean (percentage points)
   */
  readonly departurePct: number;
  /** simultaneous interval of departurePct (Bonferroni over the table's pairwise differences) */
  readonly ci: Interval | null;
  /** the departure on the analysis scale (log ratio, or the metric's unit) */
  readonly departure: number;
  readonly p: number | null;
  /** Bonferroni-adjusted over the table's pairwise differences */
  readonly pAdjusted: number | null;
}

/**
 * The interaction at one level of A in one ANOVA group, described as a property of the table: which levels of B
 * move together (groups), and whether one of them departs alone (a single cell) — see interaction-patterns.ts.
 */
export interface InteractionPattern {
  readonly group: AnovaGroup;
  readonly groupKey: string;
  readonly factorA: string;
  readonly factorB: string;
  readonly levelA: string;
  readonly baselineA: string;
  readonly scale: 'log' | 'raw';
  /**
   * 'untested': no residual variance or df, or too few levels; 'together': no structure shown (the omnibus test is
   * not significant, or no gap is); 'cell': one level departs from all the others; 'pair': two levels differ (one df);
   * 'groups': several groups of levels
   */
  readonly kind: 'untested' | 'together' | 'cell' | 'pair' | 'groups';
  readonly groups: readonly PatternGroup[];
  readonly departure: InteractionDeparture | null;
  /** the group's A:B term on this scale: F, its df, p and p adjusted over all tables */
  readonly f: number | null;
  readonly df: number;
  readonly dfResidual: number;
  readonly interactionP: number | null;
  readonly interactionPAdjusted: number | null;
  /** Bonferroni family size (pairwise differences of B over the non-baseline levels of A) and its critical t */
  readonly family: number;
  readonly criticalT: number | null;
  readonly warnings: readonly StatWarning[];
}

export interface InteractionResult {
  readonly anova: readonly AnovaTable[];
  readonly contrasts: readonly InteractionContrast[];
  /** per group and level of A: the structure of the interaction (analyse() fills it; absent from older records) */
  readonly patterns?: readonly InteractionPattern[];
}

/** Everything the report needs, computed once; self-contained (figures and tables read nothing else). */
export interface Analysis {
  /** the dataset's factors with ordered levels and display labels (baseline level first) */
  readonly factors: readonly FactorInfo[];
  readonly summaries: readonly CellSummary[];
  readonly comparisons: readonly Comparison[];
  readonly interactions: InteractionResult;
  /** trends over time and run order, campaign drift, levels confounded with time (drift.ts); absent in hand-made records */
  readonly drift?: DriftAnalysis;
  /** options actually used, with defaults filled in, so the report can state them */
  readonly options: AnalysisOptions;
  /** how the compared factor, baseline and two-way pair were chosen (absent in analyses built by hand) */
  readonly design?: DesignInference;
}

export interface AnalysisOptions {
  /** confidence level of intervals; default 0.95 */
  readonly level: number;
  /** significance threshold; default 0.05 */
  readonly alpha: number;
  /** factor compared against a baseline; default 'distribution' */
  readonly factor: string;
  /** baseline level; default 'k8s' */
  readonly baseline: string;
  /** p-value adjustment; default 'bh' */
  readonly adjust: 'holm' | 'bh' | 'none';
  /**
   * the family adjusted together: 'all' (default) = every comparison of the analysis (the set the findings are
   * drawn from), 'group' = the levels of the factor within one plugin, testbed, condition and metric
   */
  readonly family?: 'all' | 'group';
  /**
   * scale of the interaction analysis: 'log' (default; ratios of ratios, the scale of the % wording) or 'raw'
   * (differences of differences in the metric's unit)
   */
  readonly interactionScale?: 'log' | 'raw';
  /**
   * the factor of repeated deployments ('deployment' or 'replicate'), detected from the dataset: when present, runs
   * are averaged within each deployment and n counts deployments (replicates.ts); absent = n counts runs
   */
  readonly replicateFactor?: string;
  /** which test decides significance; default 'welch' */
  readonly test: 'welch' | 'mann-whitney';
  /** ANOVA sums of squares; default 2 */
  readonly anovaType: 1 | 2 | 3;
  /** the two crossed factors; default ['distribution', 'plugin'] */
  readonly interactionFactors: readonly [string, string];
  /** seed for any resampling; default 1 */
  readonly seed: number;
  /** interval of the % delta: Fieller's (default) or a seeded percentile bootstrap (2000 resamples, `seed`) */
  readonly percentInterval?: 'fieller' | 'bootstrap';
  /**
   * metrics the interactions (and the report's findings) consider; default ['cpu', 'ram', 'bandwidth'], the headline
   * metrics (the CPU components duplicate the total). describe() and compare() keep every metric.
   */
  readonly metrics?: readonly Metric[];
}
