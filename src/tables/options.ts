import type { Metric } from '../model/vocabulary.js';
import type { NodeSelection } from './labels.js';

/** What the display tables (Markdown, LaTeX, HTML) show. CSV record tables always hold every cell. */
export interface TableOptions {
  /** node role shown for CPU and RAM; bandwidth (no node) always shows. Default `'both'` */
  readonly node?: NodeSelection;
  /** metrics shown, in this order of preference. Default `['cpu', 'ram', 'bandwidth']` (the study's three) */
  readonly metrics?: readonly Metric[];
}

export const DEFAULT_TABLE_METRICS: readonly Metric[] = ['cpu', 'ram', 'bandwidth'];
