import type { TopLevelSpec } from 'vega-lite';
import { displayableFigure } from './display.js';
import type { Metric, NodeSelection } from '../model/index.js';
import type { FigureSize } from './theme.js';

/** One figure: `id` is the file stem (safe for any file system), `spec` a self-contained Vega-Lite spec. */
export interface FigureSpec {
  readonly id: string;
  readonly title: string;
  /** what the marks mean (interval, node, muted cells ...), the figure's subtitle; usable as a caption or alt text */
  readonly caption: string;
  /** what the figure shows of the design: the level of each factor it is drawn for (e.g. `{ testbed: 'UOM' }`), and
   * the metric when a figure is drawn per metric; its key in the FigureSet */
  readonly shows: Readonly<Record<string, string>>;
  readonly spec: TopLevelSpec;
}

/**
 * The figures of one builder, keyed by what each shows: `paperGrid(analysis).UOM`, `iterationsView(a)['UOM/ram']`;
 * `all` when the design has no factor left to split figures by. Keys keep the design's level order.
 */
export type FigureSet = Readonly<Record<string, FigureSpec>>;

/** The key of a figure in its FigureSet: the values of `shows` joined by `/`, or `all`. */
export function figureKey(figure: Pick<FigureSpec, 'shows'>): string {
  const parts = Object.values(figure.shows);
  return parts.length === 0 ? 'all' : parts.join('/');
}

/**
 * A FigureSet from figures in display order (keys unique: a repeated key gets `-2`, `-3` … as file ids do). Every
 * builder returns through here, so every figure displays itself in a notebook (display.ts).
 */
export function keyedFigures(figures: readonly FigureSpec[]): FigureSet {
  const set: Record<string, FigureSpec> = {};
  for (const figure of figures) {
    let key = figureKey(figure);
    for (let n = 2; key in set; n++) key = `${figureKey(figure)}-${n}`;
    set[key] = displayableFigure(figure);
  }
  return set;
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
  /** factor on the x axis; default: the compared factor when colour cannot show it, else 'plugin' (see designRoles) */
  readonly xFactor?: string;
  /**
   * factor drawn as colour; default: the compared factor (analysis.options.factor) when colour can tell its levels
   * apart (at most 8, not numeric), else the other factor with most levels up to 8 (see designRoles)
   */
  readonly colorFactor?: string;
  /** figures drawn at most (one per combination of the factors on neither x nor colour); default 6 */
  readonly maxFigures?: number;
  /**
   * the levels drawn, per factor, by name, label or alias: `{ testbed: ['ATH'] }` draws the figures of one testbed,
   * `{ tuning: ['default', 'mtu'] }` two tunings in every panel; factors not named keep every level. The roles
   * (x, colour), colours and level order stay the whole design's, so a selection draws a part of the same figures.
   * Default: every level
   */
  readonly levels?: Readonly<Record<string, readonly string[]>>;
}

/** A figure or its bare Vega-Lite spec: what every render and display function takes. */
export type Drawable = FigureSpec | TopLevelSpec;

/** The Vega-Lite spec of a figure (or the spec itself). */
export function specOf(drawable: Drawable): TopLevelSpec {
  return isFigure(drawable) ? drawable.spec : drawable;
}

export function isFigure(drawable: Drawable): drawable is FigureSpec {
  const candidate = drawable as Partial<FigureSpec>;
  return typeof candidate.id === 'string' && typeof candidate.spec === 'object' && candidate.spec !== null;
}
