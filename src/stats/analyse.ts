import { type Dataset, CnibenchError } from '../model/index.js';
import { statsMessages } from './messages.js';
import { compare } from './compare.js';
import { describe } from './describe.js';
import { interactionsFromSummaries } from './interactions.js';
import { resolveAnalysisOptions } from './options.js';
import { inferDesign } from './design.js';
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
  const factorName = options.factor ?? '';
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
  // compared factor, baseline (a label or any alias accepted) and the two-way pair: the options, else campaign.yaml,
  // else inferred from the design (design.ts)
  const design = inferDesign(dataset, {
    ...(options.factor !== undefined ? { factor: options.factor } : {}),
    ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
    ...(options.interactionFactors !== undefined ? { interaction: options.interactionFactors } : {}),
  });
  if (factor !== undefined && options.baseline !== undefined && !factor.levels.includes(design.baseline)) {
    throw new CnibenchError(
      'stats-unknown-baseline',
      statsMessages.unknownBaseline(options.baseline, factorName, factor.levels),
    );
  }
  const resolved = resolveAnalysisOptions({
    ...stripUndefinedOptions(options),
    factor: design.factor,
    baseline: design.baseline,
    ...(design.interaction !== null ? { interactionFactors: design.interaction } : {}),
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
  // no crossed pair: no two-way analysis at all (the report says why), never an empty ANOVA
  const interactions =
    design.interaction === null
      ? { anova: [], contrasts: [] }
      : interactionsFromSummaries(summaries, {
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
  return { factors: dataset.factors, summaries, comparisons, interactions, options: resolved, design };
}

function stripUndefinedOptions(options: Partial<AnalysisOptions>): Partial<AnalysisOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<AnalysisOptions>;
}
