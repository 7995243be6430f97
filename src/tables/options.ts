import type { Metric, NodeSelection } from '../model/index.js';

/** What the display tables (Markdown, LaTeX, HTML) show. CSV record tables always hold every cell. */
export interface TableOptions {
  /** node role shown for CPU and RAM; bandwidth (no node) always shows. Default DEFAULT_NODE (`'server'`) */
  readonly node?: NodeSelection;
  /** metrics shown, in this order of preference. Default HEADLINE_METRICS (`['cpu', 'ram', 'bandwidth']`) */
  readonly metrics?: readonly Metric[];
}
