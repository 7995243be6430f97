import {
  type Dataset,
  type MimeBundle,
  CnibenchError,
  displayMessages as shown,
  summaryBundle,
  withDisplay,
} from '../model/index.js';
import { statsMessages } from './messages.js';
import { compare } from './compare.js';
import { describe } from './describe.js';
import { driftAnalysis } from './drift.js';
import { interactionPatterns } from './interaction-patterns.js';
import { resolveAnalysisOptions } from './options.js';
import { inferDesign } from './design.js';
import { collapseReplicates, replicateFactorOf } from './replicates.js';
import type { Analysis, AnalysisOptions } from './types.js';

/**
 * Run the whole statistics stage on a dataset: describe every cell, compare every level of `factor` with its
 * baseline (p adjusted over all comparisons by BH unless `family: 'group'`), the two-way ANOVA + interaction
 * patterns of `interactionFactors` on the headline `metrics` (log scale by default, interaction-patterns.ts), and the
 * drift over time (per-cell trends, campaign drift of the headline metrics, levels confounded with time; drift.ts).
 * Self-contained result: the
 * dataset's factors (levels, labels) are copied in, and the options actually used are recorded.
 * The compared factor, its baseline and the two-way pair default to campaign.yaml's `analysis:`, else to what the
 * design suggests (design.ts: the varying factors, the crossed pairs; `distribution`/`k8s` preferred when present).
 * Deterministic: the default % interval (Fieller) uses no resampling; the bootstrap option is seeded by `seed` and
 * each comparison's key, so the same input gives the same output whatever the order of computation.
 * @throws RangeError if an option is out of range (the message names the option); CnibenchError when `factor`,
 *   `interactionFactors` or `baseline` name something the dataset does not have
 * @example analyse(await ingestCampaign('campaign/')).comparisons.filter((c) => c.significant)
 */
export function analyse(dataset: Dataset, options: Partial<AnalysisOptions> = {}): Analysis {
  const names = dataset.factors.map((f) => f.name);
  if (options.factor !== undefined && !names.includes(options.factor)) {
    throw new CnibenchError('stats-unknown-factor', statsMessages.unknownFactor('factor', options.factor, names));
  }
  for (const f of options.interactionFactors ?? []) {
    if (!names.includes(f)) {
      throw new CnibenchError('stats-unknown-factor', statsMessages.unknownFactor('interactionFactors', f, names));
    }
  }
  const replicate = options.replicateFactor ?? replicateFactorOf(dataset.factors);
  if (replicate !== null && !names.includes(replicate)) {
    throw new CnibenchError('stats-unknown-factor', statsMessages.unknownFactor('replicateFactor', replicate, names));
  }
  // with repeated deployments, a deployment is the unit: runs are averaged within it and n counts deployments
  const factors = replicate === null ? dataset.factors : dataset.factors.filter((f) => f.name !== replicate);
  // compared factor, baseline (a label or any alias accepted) and the two-way pair: the options, else campaign.yaml,
  // else inferred from the design (design.ts)
  const design = inferDesign(
    { ...dataset, factors },
    {
      ...(options.factor !== undefined ? { factor: options.factor } : {}),
      ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
      ...(options.interactionFactors !== undefined
        ? { interaction: options.interactionFactors as readonly [string, string] }
        : {}),
    },
  );
  const resolved = resolveAnalysisOptions({
    ...(replicate !== null ? { replicateFactor: replicate } : {}),
    ...stripUndefinedOptions(options),
    factor: design.factor,
    baseline: design.baseline,
    ...(design.interaction !== null ? { interactionFactors: design.interaction } : {}),
  });
  const observations =
    replicate === null ? dataset.observations : collapseReplicates(dataset.observations, replicate, dataset.factors);
  const summaries = describe(observations, { level: resolved.level, factors });
  const comparisons = compare(summaries, {
    factor: resolved.factor,
    baseline: resolved.baseline,
    level: resolved.level,
    alpha: resolved.alpha,
    adjust: resolved.adjust,
    family: resolved.family === 'group' ? 'group' : 'all',
    test: resolved.test,
    percentInterval: resolved.percentInterval ?? 'fieller',
    seed: resolved.seed,
  });
  const [factorA] = resolved.interactionFactors;
  // no crossed pair: no two-way analysis at all (the report says why), never an empty ANOVA
  const interactions =
    design.interaction === null
      ? { anova: [], contrasts: [], patterns: [] }
      : interactionPatterns(summaries, {
          factors: resolved.interactionFactors,
          baseline:
            factorA === resolved.factor
              ? resolved.baseline
              : (dataset.campaign?.baseline?.[factorA] ??
                dataset.factors.find((f) => f.name === factorA)?.levels[0] ??
                resolved.baseline),
          anovaType: resolved.anovaType,
          alpha: resolved.alpha,
          level: resolved.level,
          scale: resolved.interactionScale ?? 'log',
          adjust: resolved.adjust,
          ...(resolved.metrics !== undefined ? { metrics: resolved.metrics } : {}),
          factorInfo: factors,
        });
  // with deployments, drift is read from the deployment means (each keeps the time of its first run)
  const drift = driftAnalysis(observations, summaries, factors, {
    level: resolved.level,
    alpha: resolved.alpha,
    metrics: resolved.metrics,
    compared: [...new Set([resolved.factor, ...resolved.interactionFactors])],
    factor: resolved.factor,
    baseline: resolved.baseline,
  });
  return withDisplay(
    { factors, summaries, comparisons, interactions, drift, options: resolved, design },
    analysisBundle,
  );
}

/** What an analysis shows of itself in a notebook: counts of cells, comparisons and reported interaction patterns. */
export function analysisBundle(analysis: Analysis): MimeBundle {
  const o = analysis.options;
  const [a, b] = o.interactionFactors;
  const patterns = analysis.interactions.patterns ?? [];
  const reported = patterns.filter((p) => p.kind === 'cell' || p.kind === 'pair' || p.kind === 'groups');
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
    shown.analysisInteractions(a, b, reported.length, patterns.length),
    shown.analysisLevel(o.level),
  ]);
}

function stripUndefinedOptions(options: Partial<AnalysisOptions>): Partial<AnalysisOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<AnalysisOptions>;
}
