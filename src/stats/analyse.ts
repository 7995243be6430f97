import type { Dataset } from '../model/dataset.js';
import { CnibenchError } from '../model/errors.js';
import { statsMessages } from '../messages/stats.js';
import { displayMessages as shown } from '../messages/display.js';
import { summaryBundle, withDisplay, type MimeBundle } from '../model/display.js';
import { compare } from './compare.js';
import { describe } from './describe.js';
import { interactionsFromSummaries } from './interactions.js';
import { resolveAnalysisOptions } from './options.js';
import type { Analysis, AnalysisOptions } from './types.js';

/**
 * Run the whole statistics stage on a dataset: describe every cell, compare every level of `factor` with its
 * baseline, and the two-way ANOVA + interaction contrasts of `interactionFactors` on the headline `metrics`. Self-contained result: the
 * dataset's factors (levels, labels) are copied in, and the options actually used are recorded.
 * The baseline defaults to campaign.yaml's baseline for the factor when it declares one, else 'k8s'.
 * Deterministic: the default % interval (Fieller) uses no resampling; the bootstrap option is seeded by `seed` and
 * each comparison's key, so the same input gives the same output whatever the order of computation.
 * @throws RangeError if an option is out of range (the message names the option); CnibenchError when `factor`,
 *   `interactionFactors` or `baseline` name something the dataset does not have
 * @example analyse(await ingestCampaign('campaign/')).comparisons.filter((c) => c.significant)
 */
export function analyse(dataset: Dataset, options: Partial<AnalysisOptions> = {}): Analysis {
  const factorName = options.factor ?? 'distribution';
  const factor = dataset.factors.find((f) => f.name === factorName);
  const names = dataset.factors.map((f) => f.name);
  if (options.factor !== undefined && factor === undefined) {
    throw new CnibenchError('stats-unknown-factor', statsMessages.unknownFactor('factor', options.factor, names));
  }
  for (const f of options.interactionFactors ?? []) {
    if (!names.includes(f)) {
      throw new CnibenchError('stats-unknown-factor', statsMessages.unknownFactor('interactionFactors', f, names));
    }
  }
  if (options.baseline !== undefined && factor !== undefined && !factor.levels.includes(options.baseline)) {
    throw new CnibenchError(
      'stats-unknown-baseline',
      statsMessages.unknownBaseline(options.baseline, factorName, factor.levels),
    );
  }
  // default baseline: campaign.yaml's, else 'k8s' when present, else the factor's first level (ingest puts the
  // declared baseline first)
  const campaignBaseline = dataset.campaign?.baseline?.[factorName];
  let defaultBaseline = campaignBaseline ?? 'k8s';
  if (factor !== undefined && !factor.levels.includes(defaultBaseline) && factor.levels.length > 0) {
    defaultBaseline = factor.levels[0]!;
  }
  const resolved = resolveAnalysisOptions({ baseline: defaultBaseline, ...stripUndefinedOptions(options) });
  const summaries = describe(dataset.observations, { level: resolved.level, factors: dataset.factors });
  const comparisons = compare(summaries, {
    factor: resolved.factor,
    baseline: resolved.baseline,
    level: resolved.level,
    alpha: resolved.alpha,
    adjust: resolved.adjust,
    test: resolved.test,
    percentInterval: resolved.percentInterval ?? 'fieller',
    seed: resolved.seed,
  });
  const [factorA] = resolved.interactionFactors;
  const interactions = interactionsFromSummaries(summaries, {
    factors: resolved.interactionFactors,
    baseline:
      factorA === resolved.factor
        ? resolved.baseline
        : (dataset.campaign?.baseline?.[factorA] ??
          dataset.factors.find((f) => f.name === factorA)?.levels[0] ??
          resolved.baseline),
    type: resolved.anovaType,
    alpha: resolved.alpha,
    level: resolved.level,
    minInteractionPct: resolved.minInteractionPct,
    adjust: resolved.adjust === 'none' ? 'none' : 'holm',
    reference: resolved.interactionReference ?? 'median',
    ...(resolved.metrics !== undefined ? { metrics: resolved.metrics } : {}),
    factorInfo: dataset.factors,
  });
  return withDisplay(
    { factors: dataset.factors, summaries, comparisons, interactions, options: resolved },
    analysisBundle,
  );
}

/** What an analysis shows of itself in a notebook: counts of cells, comparisons and flagged interactions. */
export function analysisBundle(analysis: Analysis): MimeBundle {
  const o = analysis.options;
  const [a, b] = o.interactionFactors;
  const contrasts = analysis.interactions.contrasts;
  return summaryBundle(shown.analysisTitle(), [
    shown.analysisCells(analysis.summaries.length),
    shown.analysisComparisons(
      analysis.comparisons.length,
      analysis.comparisons.filter((c) => c.significant).length,
      o.factor,
      o.baseline,
      o.alpha,
      o.adjust,
    ),
    shown.analysisInteractions(a, b, contrasts.filter((c) => c.flagged).length, contrasts.length),
    shown.analysisLevel(o.level),
  ]);
}

function stripUndefinedOptions(options: Partial<AnalysisOptions>): Partial<AnalysisOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<AnalysisOptions>;
}
