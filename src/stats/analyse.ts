import type { Dataset } from '../model/dataset.js';
import { compare } from './compare.js';
import { describe } from './describe.js';
import { interactionsFromSummaries } from './interactions.js';
import { resolveAnalysisOptions } from './options.js';
import type { Analysis, AnalysisOptions } from './types.js';

/**
 * Run the whole statistics stage on a dataset: describe every cell, compare every level of `factor` with its
 * baseline, and the two-way ANOVA + interaction contrasts of `interactionFactors`. Self-contained result: the
 * dataset's factors (levels, labels) are copied in, and the options actually used are recorded.
 * The baseline defaults to campaign.yaml's baseline for the factor when it declares one, else 'k8s'.
 * Deterministic: the default % interval (Fieller) uses no resampling; the bootstrap option is seeded by `seed` and
 * each comparison's key, so the same input gives the same output whatever the order of computation.
 * @throws RangeError if an option is out of range (the message names the option)
 * @example analyse(await ingestCampaign('campaign/')).comparisons.filter((c) => c.significant)
 */
export function analyse(dataset: Dataset, options: Partial<AnalysisOptions> = {}): Analysis {
  const campaignBaseline = dataset.campaign?.baseline?.[options.factor ?? 'distribution'];
  const resolved = resolveAnalysisOptions({
    ...(campaignBaseline !== undefined && options.baseline === undefined ? { baseline: campaignBaseline } : {}),
    ...options,
  });
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
    factorInfo: dataset.factors,
  });
  return { factors: dataset.factors, summaries, comparisons, interactions, options: resolved };
}
