/**
 * What to compare, inferred from the design when the user does not say: which factors vary, which pairs are fully
 * crossed, the compared factor, its baseline and the two-way pair. No factor name is wired in: the reference study's
 * `distribution` (baseline `k8s`) and `distribution × plugin` are only preferred when the campaign has them.
 * Returns codes and values; the report words them in its Method section.
 */
import { type Dataset, factorNamed, levelNamed, CnibenchError } from '../model/index.js';
import { statsMessages } from './messages.js';

/** Where a choice came from. */
export type ChoiceSource = 'option' | 'campaign' | 'inferred';

export interface DesignChoices {
  readonly factor?: string;
  readonly baseline?: string;
  readonly interaction?: readonly [string, string];
}

export interface DesignInference {
  /** factors with at least two levels that have data, in campaign order */
  readonly varying: readonly string[];
  /** pairs of varying factors in which every combination of levels has data */
  readonly crossed: readonly (readonly [string, string])[];
  readonly factor: string;
  readonly factorSource: ChoiceSource;
  /** canonical level name (an alias or label given by the user is resolved) */
  readonly baseline: string;
  readonly baselineSource: ChoiceSource;
  /** the two-way pair, or null when there is none to analyse */
  readonly interaction: readonly [string, string] | null;
  readonly interactionSource: ChoiceSource | null;
  /** why there is no two-way analysis: fewer than two varying factors, or no varying pair fully crossed */
  readonly noInteraction: 'fewer-than-two-factors' | 'not-crossed' | null;
}

/** Distinct level combinations present, per factor pair. */
function crossedPairs(dataset: Dataset, varying: readonly string[]): [string, string][] {
  const combos = new Map<string, Set<string>>();
  const levels = new Map<string, Set<string>>(varying.map((f) => [f, new Set()]));
  const seenCells = new Set<Readonly<Record<string, string>>>();
  for (const o of dataset.observations) {
    // observations of one cell share one frozen factors object (ingest): one visit per cell
    if (seenCells.has(o.factors)) continue;
    seenCells.add(o.factors);
    for (const f of varying) levels.get(f)!.add(o.factors[f]!);
    for (let i = 0; i < varying.length; i++) {
      for (let j = i + 1; j < varying.length; j++) {
        const key = `${varying[i]}\u0000${varying[j]}`;
        let set = combos.get(key);
        if (!set) combos.set(key, (set = new Set()));
        set.add(`${o.factors[varying[i]!]}\u0000${o.factors[varying[j]!]}`);
      }
    }
  }
  const pairs: [string, string][] = [];
  for (let i = 0; i < varying.length; i++) {
    for (let j = i + 1; j < varying.length; j++) {
      const a = varying[i]!;
      const b = varying[j]!;
      const found = combos.get(`${a}\u0000${b}`)?.size ?? 0;
      if (found === levels.get(a)!.size * levels.get(b)!.size) pairs.push([a, b]);
    }
  }
  return pairs;
}

/**
 * Infer (or check) the compared factor, its baseline and the two-way pair.
 * Precedence: the option, then campaign.yaml `analysis:` (and `baseline:` for the baseline), then the design.
 * @throws CnibenchError (`bad-option`) naming the option, the value and the allowed factors or levels
 */
export function inferDesign(dataset: Dataset, choices: DesignChoices = {}): DesignInference {
  const withData = new Map<string, Set<string>>(dataset.factors.map((f) => [f.name, new Set()]));
  const seenCells = new Set<Readonly<Record<string, string>>>();
  for (const o of dataset.observations) {
    if (seenCells.has(o.factors)) continue;
    seenCells.add(o.factors);
    for (const f of dataset.factors) withData.get(f.name)!.add(o.factors[f.name]!);
  }
  const varying = dataset.factors.filter((f) => withData.get(f.name)!.size >= 2).map((f) => f.name);
  const crossed = crossedPairs(dataset, varying);
  const fromCampaign = dataset.campaign.analysis ?? {};

  // the compared factor
  let factor: string;
  let factorSource: ChoiceSource;
  if (choices.factor !== undefined) {
    factor = factorNamed(choices.factor, 'factor', dataset.factors).name;
    factorSource = 'option';
  } else if (fromCampaign.factor !== undefined) {
    factor = factorNamed(fromCampaign.factor, 'analysis.factor (campaign.yaml)', dataset.factors).name;
    factorSource = 'campaign';
  } else {
    const preferred = ['distribution', 'plugin'].find((f) => varying.includes(f));
    const most = [...varying].sort((a, b) => withData.get(b)!.size - withData.get(a)!.size)[0];
    factor = preferred ?? most ?? dataset.factors[0]?.name ?? 'distribution';
    factorSource = 'inferred';
  }
  const info = dataset.factors.find((f) => f.name === factor);

  // its baseline
  let baseline: string;
  let baselineSource: ChoiceSource;
  if (choices.baseline !== undefined && info) {
    baseline = levelNamed(choices.baseline, 'baseline', info);
    baselineSource = 'option';
  } else if (choices.baseline !== undefined) {
    baseline = choices.baseline;
    baselineSource = 'option';
  } else if (info && fromCampaign.baseline !== undefined && (fromCampaign.factor ?? factor) === factor) {
    baseline = levelNamed(fromCampaign.baseline, 'analysis.baseline (campaign.yaml)', info);
    baselineSource = 'campaign';
  } else if (
    info &&
    dataset.campaign.baseline[factor] !== undefined &&
    info.levels.includes(dataset.campaign.baseline[factor]!)
  ) {
    baseline = dataset.campaign.baseline[factor]!;
    baselineSource = 'campaign';
  } else {
    baseline = info?.levels.includes('k8s') ? 'k8s' : (info?.levels[0] ?? 'k8s');
    baselineSource = 'inferred';
  }

  // the two-way pair
  let interaction: readonly [string, string] | null = null;
  let interactionSource: ChoiceSource | null = null;
  const explicit = choices.interaction ?? fromCampaign.interaction;
  if (explicit !== undefined) {
    const option = choices.interaction !== undefined ? 'interaction' : 'analysis.interaction (campaign.yaml)';
    const [a, b] = explicit.map((f) => factorNamed(f, option, dataset.factors).name) as [string, string];
    if (a === b) {
      throw new CnibenchError('bad-option', statsMessages.samePair(option, a));
    }
    interaction = [a, b];
    interactionSource = choices.interaction !== undefined ? 'option' : 'campaign';
  } else {
    const product = (p: readonly [string, string]) => withData.get(p[0])!.size * withData.get(p[1])!.size;
    const study = crossed.find((p) => p[0] === 'distribution' && p[1] === 'plugin');
    const withFactor = crossed
      .filter((p) => p.includes(factor))
      .sort((x, y) => product(y) - product(x))
      .map((p): [string, string] => (p[0] === factor ? [p[0], p[1]] : [p[1], p[0]]));
    const any = [...crossed].sort((x, y) => product(y) - product(x));
    interaction = study ?? withFactor[0] ?? any[0] ?? null;
    interactionSource = interaction ? 'inferred' : null;
  }
  const noInteraction = interaction !== null ? null : varying.length < 2 ? 'fewer-than-two-factors' : 'not-crossed';
  return {
    varying,
    crossed,
    factor,
    factorSource,
    baseline,
    baselineSource,
    interaction,
    interactionSource,
    noInteraction,
  };
}
