/**
 * Which factor each figure channel encodes, decided from the design rather than fixed to the reference study's
 * (x = plugin, colour = distribution, one figure per testbed):
 *
 * - colour holds a factor only while colour can tell its levels apart (at most MAX_COLOUR_LEVELS) and the factor is
 *   not numeric; a compared factor with more levels (9 CNI setups) or numeric levels (16 MTUs) goes on x, where
 *   position separates any number of levels and a numeric factor gets an ordered axis;
 * - x and colour never hold the same factor;
 * - the remaining factors split figures, at most `maxFigures` of them (the first groups in level order; the caption
 *   and the report's Method say which were left out), so the number of figures grows with the design, not with the
 *   product of its levels;
 * - factors with one level are constants, not roles.
 */
import { CnibenchError, type FactorInfo } from '../model/index.js';
import type { Analysis, CellSummary } from '../stats/index.js';
import * as msg from './messages.js';

/** Colours a reader tells apart in a legend: Okabe–Ito's eight. */
export const MAX_COLOUR_LEVELS = 8;

/** Figures a builder draws at most; further groups are left out and named. */
export const DEFAULT_MAX_FIGURES = 6;

/** Numeric level names (`1500`, `8950`, `0.5`): such a factor gets an ordered axis. */
const NUMERIC_LEVEL = /^[+-]?\d+(?:\.\d+)?$/;

/** A factor is numeric when most of its levels are numbers (`auto` besides 15 MTUs still reads as an MTU axis). */
export function isNumericFactor(factor: FactorInfo): boolean {
  const numeric = factor.levels.filter((l) => NUMERIC_LEVEL.test(l)).length;
  return factor.levels.length >= 3 && numeric >= factor.levels.length - 1;
}

/** Levels in display order: numeric ones by value (non-numeric ones last), others as the design orders them. */
export function orderedLevels(factor: FactorInfo): string[] {
  if (!isNumericFactor(factor)) return [...factor.levels];
  const value = (l: string) => (NUMERIC_LEVEL.test(l) ? Number(l) : Number.POSITIVE_INFINITY);
  return [...factor.levels].sort((a, b) => value(a) - value(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Levels of a factor present in the analysis, in display order. */
function presentFactor(factor: FactorInfo, summaries: readonly CellSummary[]): FactorInfo {
  const present = new Set(summaries.map((s) => s.factors[factor.name]));
  return { ...factor, levels: orderedLevels(factor).filter((l) => present.has(l)) };
}

export interface DesignRoles {
  readonly x: FactorInfo;
  readonly color: FactorInfo;
  /** factors each figure is drawn for (one figure per present combination) */
  readonly split: readonly FactorInfo[];
  /** x is a numeric factor: lines across an ordered axis rather than bars */
  readonly numericX: boolean;
}

function byName(factors: readonly FactorInfo[], name: string): FactorInfo {
  const factor = factors.find((f) => f.name === name);
  if (factor === undefined) {
    throw new CnibenchError(
      'figure-unknown-factor',
      msg.unknownFactor(
        name,
        factors.map((f) => f.name),
      ),
    );
  }
  return factor;
}

/**
 * The roles of the design's factors. `xFactor` and `colorFactor` are honoured when given (they must differ);
 * otherwise the compared factor is colour when colour can show it, else x (see the module comment).
 */
export function designRoles(analysis: Analysis, options: { xFactor?: string; colorFactor?: string } = {}): DesignRoles {
  const all = analysis.factors.map((f) => presentFactor(f, analysis.summaries));
  const varying = all.filter((f) => f.levels.length > 1);
  const compared = all.find((f) => f.name === analysis.options.factor);
  const colourable = (f: FactorInfo) => f.levels.length <= MAX_COLOUR_LEVELS && !isNumericFactor(f);
  let x: FactorInfo | undefined = options.xFactor !== undefined ? byName(all, options.xFactor) : undefined;
  let color: FactorInfo | undefined = options.colorFactor !== undefined ? byName(all, options.colorFactor) : undefined;
  if (x !== undefined && color !== undefined && x.name === color.name) {
    throw new CnibenchError('figure-same-factor', msg.sameFactor(x.name));
  }
  const others = (used: readonly (FactorInfo | undefined)[]) =>
    varying.filter((f) => !used.some((u) => u !== undefined && u.name === f.name));
  if (color === undefined && compared !== undefined && compared.name !== x?.name && colourable(compared)) {
    color = compared;
  }
  if (x === undefined) {
    const candidates = others([color]);
    // the compared factor when colour cannot show it; else the study's x (plugin); else the factor with most levels
    x =
      (compared !== undefined && compared.name !== color?.name && !colourable(compared) ? compared : undefined) ??
      candidates.find((f) => f.name === 'plugin') ??
      [...candidates].sort((a, b) => b.levels.length - a.levels.length)[0];
  }
  if (color === undefined) {
    // the colourable factor with the most levels: fewer figures are left to split by
    color = [...others([x]).filter(colourable)].sort((a, b) => b.levels.length - a.levels.length)[0];
  }
  // a design with one varying factor (or none): the other role takes any other factor, even a constant one
  x ??= all.find((f) => f.name !== color?.name) ?? all[0];
  color ??= all.find((f) => f.name !== x?.name) ?? x;
  if (x === undefined || color === undefined) throw new CnibenchError('figure-no-factor', msg.noFactor());
  const [xName, colorName] = [x.name, color.name];
  const split = varying.filter((f) => f.name !== xName && f.name !== colorName);
  return { x, color, split, numericX: isNumericFactor(x) };
}
