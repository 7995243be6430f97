import type { TopLevelSpec } from 'vega-lite';
import type { Metric, NodeSelection } from '../model/index.js';
import type { FigureSize } from './theme.js';

/** One figure: `id` is the file stem (safe for any file system), `spec` a self-contained Vega-Lite spec. */
export interface FigureSpec {
  readonly id: string;
  readonly title: string;
  /** what the marks mean (interval, node, muted cells ...), the figure's subtitle; usable as a caption or alt text */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** Which node's CPU and RAM to draw: knb measures both the client and the server worker. */

/** Options every builder accepts. */
export interface CommonFigureOptions {
  /** print width; default 'page' (7.16 in) */
  readonly size?: FigureSize;
  /** metrics to draw, in display order; default ['cpu', 'ram', 'bandwidth'] (the study's columns) */
  readonly metrics?: readonly Metric[];
  /**
   * conditions to draw, as ids `idle`, `p2p-tcp`, `p2p-udp`, `p2s-tcp`, `p2s-udp` (see conditionId);
   * default: every condition present, in knb's order
   */
  readonly conditions?: readonly string[];
  /** node whose CPU and RAM is drawn; 'both' gives one row per condition and node; default 'server' */
  readonly node?: NodeSelection;
  /** factor on the x axis; default 'plugin' */
  readonly xFactor?: string;
  /** factor drawn as colour (compared against its baseline); default: analysis.options.factor ('distribution') */
  readonly colorFactor?: string;
}
