/**
 * A subset of a dataset — some levels of some factors, some tests, some metrics — that stays whole: the per-second
 * samples, the factors' levels and the ledger follow the observations, so that `analyse`, the figures and the ledger
 * summary all see the same campaign. Levels may be given by name, label or any alias (as every option that takes a
 * level).
 */
import {
  factorNamed,
  levelNamed,
  makeLedger,
  METRICS,
  oneOf,
  TESTS,
  type Dataset,
  type FactorInfo,
  type LedgerEntry,
  type Metric,
  type Observation,
  type Test,
} from '../model/index.js';
import { displayableDataset } from './display.js';

export interface DatasetSelection {
  /** levels to keep per factor (a name, label or alias each); factors not named keep every level */
  readonly levels?: Readonly<Record<string, readonly string[]>>;
  /** knb tests to keep (`idle`, `p2p`, `p2s`, `n2n`); default all */
  readonly tests?: readonly Test[];
  /** metrics to keep; default all */
  readonly metrics?: readonly Metric[];
}

/** Metrics the per-second samples carry: when none of them is kept, the samples go too. */
const SAMPLED_METRICS: readonly Metric[] = METRICS.filter((m) => m === 'ram' || m.startsWith('cpu'));

/**
 * The part of `dataset` that `selection` names. Observations, samples and factor levels are filtered; ledger entries
 * of files placed in a cell that is left out are dropped, the others keep their status with their observation counts
 * recounted; files not placed in a cell (auxiliary, unplaced rejections) stay, as they describe the campaign.
 * @throws CnibenchError naming the option when a factor, level, test or metric does not exist
 * @example selectDataset(dataset, { levels: { testbed: ['UOM'], distribution: ['K8s', 'MicroK8s'] }, metrics: ['ram'] })
 */
export function selectDataset(dataset: Dataset, selection: DatasetSelection): Dataset {
  const kept = new Map<string, Set<string>>();
  for (const [name, levels] of Object.entries(selection.levels ?? {})) {
    const factor = factorNamed(name, 'levels', dataset.factors);
    kept.set(name, new Set(levels.map((level) => levelNamed(level, `levels.${name}`, factor))));
  }
  const tests = selection.tests ? new Set(selection.tests.map((t) => oneOf(t, 'tests', TESTS))) : null;
  const metrics = selection.metrics ? new Set(selection.metrics.map((m) => oneOf(m, 'metrics', METRICS))) : null;
  const inCell = (factors: Readonly<Record<string, string>>): boolean => {
    for (const [name, levels] of kept) if (!levels.has(factors[name] ?? '')) return false;
    return true;
  };
  const observations = dataset.observations.filter(
    (o) => inCell(o.factors) && (tests === null || tests.has(o.test)) && (metrics === null || metrics.has(o.metric)),
  );
  const keepSamples = metrics === null || SAMPLED_METRICS.some((m) => metrics.has(m));
  const samples = keepSamples
    ? dataset.samples.filter((s) => inCell(s.factors) && (tests === null || tests.has(s.test)))
    : [];
  const factors: FactorInfo[] = dataset.factors.map((f) => {
    const levels = kept.get(f.name);
    if (!levels) return f;
    const only = <T>(record: Readonly<Record<string, T>>): Record<string, T> =>
      Object.fromEntries(Object.entries(record).filter(([level]) => levels.has(level)));
    return {
      name: f.name,
      levels: f.levels.filter((l) => levels.has(l)),
      originals: only(f.originals),
      labels: only(f.labels),
    };
  });
  return displayableDataset({
    campaign: dataset.campaign,
    factors,
    observations,
    samples,
    ledger: makeLedger(selectedEntries(dataset.ledger.entries, observations, inCell)),
  });
}

/** Ledger entries of the kept cells, with the observations they now contribute. */
function selectedEntries(
  entries: readonly LedgerEntry[],
  observations: readonly Observation[],
  inCell: (factors: Readonly<Record<string, string>>) => boolean,
): LedgerEntry[] {
  const counts = new Map<string, { observations: number; missing: number }>();
  for (const o of observations) {
    const count = counts.get(o.provenance.source) ?? { observations: 0, missing: 0 };
    count.observations++;
    if (o.value === null) count.missing++;
    counts.set(o.provenance.source, count);
  }
  return entries
    .filter((e) => e.factors === null || inCell(e.factors))
    .map((e) => {
      if (e.observations === 0) return e;
      const count = counts.get(e.file) ?? { observations: 0, missing: 0 };
      return { ...e, observations: count.observations, missing: count.missing };
    });
}
