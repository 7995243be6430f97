/** summary.json: what was built from what, with the numbers a script needs (no absolute paths, no clock). */
import type { LedgerSummary } from '../model/index.js';
import type { Analysis, AnalysisOptions, Interval } from '../stats/index.js';
import type { Finding, FindingRecord } from '../tables/index.js';

/** One finding in summary.json: its place, words, and the structured record (docs/summary-json.md). */
export type SummaryFinding = Pick<Finding, 'rank' | 'kind' | 'heading' | 'sentence' | 'details'> & FindingRecord;

/** One interaction pattern in summary.json (every group and level of A, reported or not). */
export interface SummaryInteraction {
  /** levels of the other factors (e.g. testbed) and the condition */
  readonly factors: Readonly<Record<string, string>>;
  readonly test: string;
  readonly protocol: string | null;
  readonly node: string | null;
  readonly metric: string;
  readonly factorA: string;
  readonly levelA: string;
  readonly baselineA: string;
  readonly factorB: string;
  readonly scale: 'log' | 'raw';
  readonly kind: string;
  readonly f: number | null;
  readonly df: number;
  readonly dfResidual: number;
  readonly p: number | null;
  readonly pAdjusted: number | null;
  readonly groups: readonly {
    readonly levels: readonly string[];
    readonly changesPct: readonly number[];
    readonly pooledPct: number;
    readonly interval: Interval | null;
  }[];
  readonly departure: {
    readonly level: string;
    readonly observedPct: number;
    readonly predictedPct: number;
    readonly estimatePct: number;
    readonly interval: Interval | null;
    readonly p: number | null;
    readonly pAdjusted: number | null;
  } | null;
  readonly warnings: readonly string[];
}

/** The interaction patterns of an analysis as summary records, in analysis order. */
export function interactionRecords(analysis: Analysis): SummaryInteraction[] {
  return (analysis.interactions.patterns ?? []).map((p) => ({
    factors: p.group.factors,
    test: p.group.test,
    protocol: p.group.protocol,
    node: p.group.node,
    metric: p.group.metric,
    factorA: p.factorA,
    levelA: p.levelA,
    baselineA: p.baselineA,
    factorB: p.factorB,
    scale: p.scale,
    kind: p.kind,
    f: p.f,
    df: p.df,
    dfResidual: p.dfResidual,
    p: p.interactionP,
    pAdjusted: p.interactionPAdjusted,
    groups: p.groups.map((g) => ({
      levels: g.levels,
      changesPct: g.changesPct,
      pooledPct: g.pooledPct,
      interval: g.pooledCi,
    })),
    departure:
      p.departure === null
        ? null
        : {
            level: p.departure.levelB,
            observedPct: p.departure.observedPct,
            predictedPct: p.departure.predictedPct,
            estimatePct: p.departure.departurePct,
            interval: p.departure.ci,
            p: p.departure.p,
            pAdjusted: p.departure.pAdjusted,
          },
    warnings: p.warnings.map((w) => w.code),
  }));
}

export interface ReportSummary {
  readonly kind: 'cnibench-report';
  readonly version: 1;
  readonly cnibench: string;
  readonly campaign: {
    readonly name: string;
    readonly description: string | null;
    readonly layout: string;
  };
  /** the report's date (from --date / SOURCE_DATE_EPOCH, else the newest knb date in the data), or null */
  readonly date: string | null;
  readonly dateSource: 'option' | 'data' | null;
  /** options used; `interactionFactors` is null when the design has no two-way analysis */
  readonly analysis: Omit<AnalysisOptions, 'interactionFactors'> & {
    readonly interactionFactors: AnalysisOptions['interactionFactors'] | null;
  };
  /** how the compared factor, baseline and two-way pair were chosen (stats/design.ts) */
  readonly design?: Readonly<Record<string, unknown>>;
  readonly display: {
    readonly node: string;
    readonly formats: readonly string[];
    readonly size: string;
    readonly pngScale: number;
  };
  readonly ledger: LedgerSummary;
  readonly counts: {
    readonly cells: number;
    readonly comparisons: number;
    readonly significant: number;
    /** comparisons with a p-value */
    readonly testable: number;
    /** comparisons whose baseline cell has no data */
    readonly lackBaseline: number;
    readonly anovaGroups: number;
    readonly contrasts: number;
    readonly interactionFlags: number;
    readonly findings: number;
  };
  /** the findings as shown, each with its structured record (docs/summary-json.md) */
  readonly findings: readonly SummaryFinding[];
  /** every interaction pattern (group × level of the first interaction factor), reported or not */
  readonly interactions: readonly SummaryInteraction[];
  /** figure files that could not be rendered (the report is complete otherwise; the CLI exits with 1) */
  readonly renderErrors: readonly { readonly figure: string; readonly format: string; readonly message: string }[];
  /** decisions of the build worth knowing (e.g. a figure left out), also listed under Method */
  readonly notes: readonly string[];
  readonly figures: readonly { readonly id: string; readonly title: string; readonly files: readonly string[] }[];
  readonly tables: readonly { readonly id: string; readonly title: string; readonly files: readonly string[] }[];
  /** every file of the report, `/`-separated, sorted (summary.json itself included) */
  readonly files: readonly string[];
}

/** Stable JSON: two-space indent, trailing newline. Key order is the construction order above. */
export function summaryJson(summary: ReportSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
