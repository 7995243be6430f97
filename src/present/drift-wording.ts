/**
 * Drift and run order in words: the sentences the findings say before the effects drift may explain
 * (src/tables/findings.ts), from the numbers of analysis.drift (src/stats/drift.ts). Plain text; renderers escape.
 */
import { formatInterval, formatNumber, formatP, formatPct } from './number.js';
import { levelLabelOf } from './labels.js';
import { METRIC_LABELS, type FactorInfo, type Metric, type NodeRole, maxOf, minOf } from '../model/index.js';
import type { CellDrift, ComparisonDriftRisk, MetricDrift, TimeConfounding } from '../stats/index.js';

function label(factors: readonly FactorInfo[], factor: string, level: string): string {
  return levelLabelOf(factors, factor, level);
}

function metricText(metric: Metric, node: NodeRole | null): string {
  return `${METRIC_LABELS[metric] ?? metric}${node ? ` (${node})` : ''}`;
}

/** `UOM: ` for a scoped record, '' when the campaign has no scope factor. */
export function scopePrefix(factors: readonly FactorInfo[], scope: Readonly<Record<string, string>>): string {
  const parts = Object.entries(scope).map(([name, level]) => label(factors, name, level));
  return parts.length > 0 ? `${parts.join(', ')}: ` : '';
}

/** `1.5 h`, `35 min` */
export function hoursText(hours: number): string {
  const abs = Math.abs(hours);
  return abs < 1 ? `${formatNumber(abs * 60, { decimals: 0 })} min` : `${formatNumber(abs, { significant: 2 })} h`;
}

/** `factor` plural for "the other distributions": distribution → distributions. */
function plural(factor: string): string {
  return factor.endsWith('s') ? factor : `${factor}s`;
}

/**
 * A level run entirely before or after the others, in one or more scopes (testbeds) alike, e.g. "ATH and UOM: every
 * K8s run came before the other distributions' runs (in all 5 settings, 19–20 h earlier on average), so a change
 * measured against K8s there is also a change over time; …". `drifts` are the campaign drifts of those scopes: what
 * they would do to the level is said, or that none was detected (and what that cannot rule out).
 */
export function confoundingSentence(
  records: readonly TimeConfounding[],
  factors: readonly FactorInfo[],
  drifts: readonly MetricDrift[],
  baseline: string,
): string {
  const record = records[0]!;
  const levelText = label(factors, record.factor, record.level);
  const when =
    record.position === 'first' ? 'before' : record.position === 'last' ? 'after' : 'before or after (by setting)';
  const all = records.every((r) => r.separated === r.contexts);
  const contexts = records.reduce((n, r) => n + r.contexts, 0);
  const separated = records.reduce((n, r) => n + r.separated, 0);
  const share = all ? `in all ${contexts}` : `in ${separated} of ${contexts}`;
  const settings = contexts === 1 ? 'setting' : 'settings';
  const gaps = records.map((r) => Math.abs(r.gapHours));
  const lo = hoursText(minOf(gaps));
  const hi = hoursText(maxOf(gaps));
  const gapText = lo === hi ? lo : `${lo.replace(/ (h|min)$/, '')}–${hi}`;
  const gap = `${gapText} ${record.gapHours >= 0 ? 'later' : 'earlier'} on average`;
  const consequence =
    record.level === baseline
      ? `so a change measured against ${levelText} there is also a change over time`
      : `so its difference from the other ${plural(record.factor)} there is also a difference in time`;
  const drifting = drifts.filter((d) => d.drifting && d.slopePctPerHour !== null);
  const driftText =
    drifting.length === 0
      ? '; no drift was detected within cells, but a step between the blocks (a restart, a change of load) would not show'
      : `; ${drifting
          .map((d) => {
            const gapHours = records.find((r) => JSON.stringify(r.scope) === JSON.stringify(d.scope))?.gapHours ?? 0;
            return `${records.length > 1 ? scopePrefix(factors, d.scope) : ''}${metricText(d.metric, d.node)} drifts ${formatPct(d.slopePctPerHour, { decimals: 2 })}/h, which alone would shift ${levelText} by about ${formatPct(d.slopePctPerHour! * gapHours)}`;
          })
          .join('; ')}`;
  const scopes = records.map((r) => scopePrefix(factors, r.scope).replace(/: $/, '')).filter((x) => x !== '');
  const prefix = scopes.length > 0 ? `${listWords(scopes)}: ` : '';
  return (
    `${prefix}every ${levelText} run came ${when} the other ${plural(record.factor)}' runs ` +
    `(${share} ${settings}, ${gap}), ${consequence}${driftText}`
  );
}

function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/**
 * A metric drifting within cells over the campaign, e.g. "UOM: RAM (server) drifts by +1.8 % of the cell mean per
 * hour within cells (95 % CI +1.6 % to +2.0 %/h; seasonal Kendall p < 0.001; 400 runs over 40 h)".
 */
export function metricDriftSentence(record: MetricDrift, factors: readonly FactorInfo[]): string {
  const ci = record.slopeCi
    ? `${Math.round(record.slopeCi.level * 100)} % CI ${formatInterval(record.slopeCi, { pct: true })}/h; `
    : '';
  return (
    `${scopePrefix(factors, record.scope)}${metricText(record.metric, record.node)} drifts by ` +
    `${formatPct(record.slopePctPerHour, { decimals: 2 })} of the cell mean per hour within cells ` +
    `(${ci}seasonal Kendall ${formatP(record.pAdjusted)}, adjusted; ${record.runs} runs over ${hoursText(record.spanHours)})`
  );
}

/** Cells that drift within their own runs, said once: how many, and the one that moved most. */
export function cellDriftSentence(drifting: readonly CellDrift[], where: (cell: CellDrift) => string): string {
  const largest = [...drifting].sort((a, b) => Math.abs(b.changePct ?? 0) - Math.abs(a.changePct ?? 0))[0]!;
  const count = drifting.length === 1 ? 'One cell drifts' : `${drifting.length} cells drift`;
  return (
    `${count} within its own runs (Mann–Kendall trend, adjusted ${formatP(largest.pAdjusted)} or less), ` +
    `largest ${where(largest)}: ${formatPct(largest.changePct)} from its first to its last run`
  );
}

/**
 * The caveat an effect carries when its two cells were not run at the same time: appended to its sentence, so that
 * no effect is attributed to a level confounded with time without it.
 */
export function driftCaveat(risk: ComparisonDriftRisk, baselineLabel: string): string {
  const when = `${hoursText(risk.timing.gapHours)} ${risk.timing.gapHours >= 0 ? 'after' : 'before'} the ${baselineLabel} runs`;
  if (risk.metricDrift?.drifting && risk.expectedDriftPct !== null) {
    return ` — caution, confounded with time: these runs came ${when}, and drift alone predicts ${formatPct(risk.expectedDriftPct)}`;
  }
  return ` — caution, confounded with time: these runs came ${when}, not interleaved with them`;
}
