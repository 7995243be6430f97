import { HEADLINE_METRICS, METRICS } from '../model/index.js';
import type { AnalysisOptions } from './types.js';

export { HEADLINE_METRICS };

/** Defaults of every analysis option (documented on AnalysisOptions in types.ts). */
export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  level: 0.95,
  alpha: 0.05,
  factor: 'distribution',
  baseline: 'k8s',
  adjust: 'bh',
  family: 'all',
  interactionScale: 'log',
  test: 'welch',
  anovaType: 2,
  interactionFactors: ['distribution', 'plugin'],
  seed: 1,
  percentInterval: 'fieller',
  metrics: HEADLINE_METRICS,
};

/** Fill defaults and reject values that cannot mean anything (a RangeError naming the option). */
export function resolveAnalysisOptions(options: Partial<AnalysisOptions> = {}): AnalysisOptions {
  const resolved: AnalysisOptions = { ...DEFAULT_ANALYSIS_OPTIONS, ...stripUndefined(options) };
  if (!(resolved.level > 0 && resolved.level < 1)) {
    throw new RangeError(`option level: expected a confidence level in (0, 1), e.g. 0.95, got ${resolved.level}`);
  }
  if (!(resolved.alpha > 0 && resolved.alpha < 1)) {
    throw new RangeError(`option alpha: expected a significance threshold in (0, 1), e.g. 0.05, got ${resolved.alpha}`);
  }
  if (!['holm', 'bh', 'none'].includes(resolved.adjust)) {
    throw new RangeError(`option adjust: expected 'holm', 'bh' or 'none', got ${String(resolved.adjust)}`);
  }
  if (!['all', 'group'].includes(resolved.family ?? 'all')) {
    throw new RangeError(`option family: expected 'all' or 'group', got ${String(resolved.family)}`);
  }
  if (!['log', 'raw'].includes(resolved.interactionScale ?? 'log')) {
    throw new RangeError(`option interactionScale: expected 'log' or 'raw', got ${String(resolved.interactionScale)}`);
  }
  if (!['welch', 'mann-whitney'].includes(resolved.test)) {
    throw new RangeError(`option test: expected 'welch' or 'mann-whitney', got ${String(resolved.test)}`);
  }
  if (![1, 2, 3].includes(resolved.anovaType)) {
    throw new RangeError(`option anovaType: expected 1, 2 or 3, got ${String(resolved.anovaType)}`);
  }
  if (resolved.interactionFactors.length !== 2 || resolved.interactionFactors[0] === resolved.interactionFactors[1]) {
    throw new RangeError('option interactionFactors: expected two different factor names');
  }
  if (!['fieller', 'bootstrap'].includes(resolved.percentInterval ?? 'fieller')) {
    throw new RangeError(
      `option percentInterval: expected 'fieller' or 'bootstrap', got ${String(resolved.percentInterval)}`,
    );
  }
  if (resolved.metrics !== undefined && !(Array.isArray(resolved.metrics) && resolved.metrics.length > 0)) {
    throw new RangeError('option metrics: expected a non-empty list of metric names, e.g. ["cpu", "ram", "bandwidth"]');
  }
  if (resolved.metrics?.some((m) => !(METRICS as readonly string[]).includes(m))) {
    const bad = resolved.metrics.find((m) => !(METRICS as readonly string[]).includes(m));
    throw new RangeError(`option metrics: unknown metric ${String(bad)}; expected some of ${METRICS.join(', ')}`);
  }
  if (!Number.isInteger(resolved.seed)) {
    throw new RangeError(`option seed: expected an integer, got ${resolved.seed}`);
  }
  return resolved;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Shared check of `level` and `alpha` for the stage functions called directly (a RangeError naming the option). */
export function checkLevelAndAlpha(where: string, level: number, alpha: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`${where}: option level must be a confidence level in (0, 1), e.g. 0.95, got ${level}`);
  }
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`${where}: option alpha must be in (0, 1), e.g. 0.05, got ${alpha}`);
  }
}
