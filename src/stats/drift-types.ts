/**
 * Records of the drift stage (analysis.drift): numbers and warning codes only; src/present/drift-wording.ts words
 * them. Times are hours since the campaign's first run (`origin`), or run numbers where a run's date is unknown.
 */
import type { Metric, NodeRole } from '../model/index.js';
import type { CellKey } from './types.js';

/** What the x axis of a trend is: hours since the campaign's first run, or the iteration number (run order). */
export type DriftBasis = 'time' | 'run-order';

/** An interval of a Theil–Sen (or seasonal Kendall) slope: Sen's rank interval. */
export interface SlopeInterval {
  readonly lo: number;
  readonly hi: number;
  readonly level: number;
  readonly method: 'sen';
}

/** Mann–Kendall statistics of one trend (mann-kendall.ts). */
export interface TrendTest {
  readonly s: number;
  readonly varS: number;
  /** Kendall's tau-b (null for the seasonal test, which has no single tau) */
  readonly tau: number | null;
  readonly z: number | null;
  readonly p: number | null;
}

/** Why a drift statistic is missing or weak: stable codes with the numbers that go with them. */
export type DriftCode =
  /** runs without a readable date (knb 1.0.0 text/json before `date` existed, or a format without it) */
  | { readonly code: 'no-run-times'; readonly runs: number }
  /** a cell with fewer than 3 runs: no trend */
  | { readonly code: 'too-few-runs'; readonly n: number }
  /** every value of the cell is equal: no trend can be seen */
  | { readonly code: 'constant-values' };

/** Trend of one cell's values over its runs. */
export interface CellDrift {
  /** the cell's key, as CellSummary.key */
  readonly key: string;
  readonly cell: CellKey;
  readonly basis: DriftBasis;
  /** runs with a value, and for each its x (hours or run number), value and iteration, in time order */
  readonly x: readonly number[];
  readonly values: readonly number[];
  readonly iterations: readonly number[];
  readonly trend: TrendTest | null;
  /** Theil–Sen slope in the metric's unit per hour (per run on the run-order basis), with Sen's interval */
  readonly slope: number | null;
  readonly slopeCi: SlopeInterval | null;
  /** slope × span of the cell's runs, as % of the cell's mean: how much the cell moved while it was measured */
  readonly changePct: number | null;
  /** p of the trend, Benjamini–Hochberg adjusted over every cell with a trend (the family of per-cell tests) */
  readonly pAdjusted: number | null;
  /** pAdjusted < alpha */
  readonly drifting: boolean;
  readonly codes: readonly DriftCode[];
}

/**
 * Drift of a metric over the campaign, within cells: the run's deviation from its cell's mean (% of the mean,
 * averaged over the run's tests), against time, tested with the seasonal (blocked) Kendall test with the cells as
 * blocks (Hirsch, Slack & Smith 1982), so that differences between cell means — the effects — cannot pass for drift.
 */
export interface MetricDrift {
  /** the levels of the scope factor (testbed: each testbed is its own cluster and schedule), or {} */
  readonly scope: Readonly<Record<string, string>>;
  readonly metric: Metric;
  readonly node: NodeRole | null;
  /** runs and cells (blocks) used */
  readonly runs: number;
  readonly blocks: number;
  readonly trend: TrendTest;
  /** seasonal Kendall slope, percentage points of the cell mean per hour, with Sen's interval */
  readonly slopePctPerHour: number | null;
  readonly slopeCi: SlopeInterval | null;
  /** hours from the first to the last run of the scope */
  readonly spanHours: number;
  /** p Benjamini–Hochberg adjusted over the metric-drift family (every scope × metric × node) */
  readonly pAdjusted: number | null;
  readonly drifting: boolean;
}

/**
 * A level of a factor run entirely before (or after) the other levels, in `separated` of the `contexts` (the
 * combinations of the other factors within the scope). Its effects cannot be told apart from time.
 */
export interface TimeConfounding {
  readonly scope: Readonly<Record<string, string>>;
  readonly factor: string;
  readonly level: string;
  /** 'first' when its runs all came before the others' in every separated context, 'last' when after, else 'mixed' */
  readonly position: 'first' | 'last' | 'mixed';
  readonly contexts: number;
  readonly separated: number;
  /** mean over contexts of (mean run time of the level − mean run time of the other levels), hours */
  readonly gapHours: number;
}

/** When the two cells of a comparison were run: whether their runs interleave, and how far apart they are. */
export interface ComparisonTiming {
  /** `factor|level|baseline|` + the other factors' `name=level` pairs, as comparisonTimingKey builds it */
  readonly key: string;
  /** every run of one cell came before every run of the other */
  readonly separated: boolean;
  /**
   * the baseline cell or the compared cell was run entirely before or after every other level's cell in this context
   * (a block design, not a chance separation of two cells in an interleaved campaign)
   */
  readonly blocked: boolean;
  /** mean run time of the compared cell − mean run time of the baseline cell, hours */
  readonly gapHours: number;
}

/** analysis.drift: per-cell trends, campaign drift per metric, time confounding of the compared factors. */
export interface DriftAnalysis {
  /** date of the campaign's first run (knb's `YYYY-MM-DD HH:MM:SS`, UTC), or null when no run has a date */
  readonly origin: string | null;
  /** the factor whose levels scope the campaign-level statistics (testbed), or null */
  readonly scopeFactor: string | null;
  readonly cells: readonly CellDrift[];
  readonly metrics: readonly MetricDrift[];
  readonly confounding: readonly TimeConfounding[];
  readonly timings: readonly ComparisonTiming[];
  readonly codes: readonly DriftCode[];
}
