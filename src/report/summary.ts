/** summary.json: what was built from what, with the numbers a script needs (no absolute paths, no clock). */
import type { LedgerSummary } from '../model/index.js';
import type { AnalysisOptions } from '../stats/index.js';
import type { Finding } from '../tables/index.js';

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
  readonly findings: readonly Pick<Finding, 'rank' | 'kind' | 'sentence'>[];
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
