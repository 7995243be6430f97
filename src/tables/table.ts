/**
 * A display table: columns and rows of semantic cells. Builders (cells, deltas, anova, flags) produce it from an
 * Analysis; renderers (Markdown, LaTeX, HTML) format each cell kind their own way, so a number is typeset once per
 * language (typographic minus in text, siunitx `\num{}` in LaTeX) and every text from data is escaped by the renderer.
 */

export type Align = 'left' | 'right' | 'center';

export interface DisplayColumn {
  /** header text (plain, escaped by the renderer) */
  readonly label: string;
  readonly align: Align;
  /** what the column holds, for splitting a table into paper-sized parts: a factor name, `condition`, `node`, `metric` */
  readonly key?: string;
}

/** Plain text from data or vocabulary. */
export interface TextCell {
  readonly kind: 'text';
  readonly text: string;
  /** the raw value behind the label (level name, condition id, metric), for file names of split tables */
  readonly value?: string;
}

/**
 * A number with a fixed number of decimals, or with `significant` digits (as sentences print F statistics) when
 * given; null prints as not available.
 */
export interface NumberCell {
  readonly kind: 'number';
  readonly value: number | null;
  readonly decimals: number;
  readonly significant?: number;
}

/** A p-value (`<0.001`, `0.012`). */
export interface PCell {
  readonly kind: 'p';
  readonly p: number | null;
}

/** Per-cell summary: `mean ± sd (n)`. */
export interface MeanSdCell {
  readonly kind: 'mean-sd';
  readonly mean: number | null;
  readonly sd: number | null;
  readonly n: number;
  readonly decimals: number;
}

/** A % change (or percentage-point contrast) with its interval and significance mark. */
export interface DeltaCell {
  readonly kind: 'delta';
  readonly pct: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
  /** `***`, `**`, `*`, `~` (not significant) or `?` (untested) */
  readonly mark: string;
  /** `%` for a % change, `pp` for percentage points */
  readonly unit: '%' | 'pp';
}

export type DisplayCell = TextCell | NumberCell | PCell | MeanSdCell | DeltaCell;

export interface DisplayTable {
  /** file stem, e.g. `cells` */
  readonly id: string;
  /** caption */
  readonly title: string;
  readonly columns: readonly DisplayColumn[];
  readonly rows: readonly (readonly DisplayCell[])[];
  /** footnotes (legend of marks, what was omitted) */
  readonly notes: readonly string[];
}

export const text = (value: string, raw?: string): TextCell =>
  raw === undefined ? { kind: 'text', text: value } : { kind: 'text', text: value, value: raw };
export const num = (value: number | null, decimals: number): NumberCell => ({ kind: 'number', value, decimals });
/** A number with `significant` significant digits (formatNumber's rule, as in sentences). */
export const sig = (value: number | null, significant = 3): NumberCell => ({
  kind: 'number',
  value,
  decimals: 0,
  significant,
});
