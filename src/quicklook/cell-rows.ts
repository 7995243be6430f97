/** The observations of one metric and one test condition, as flat rows for a quick look. */
import { quicklookMessages as msg } from './messages.js';
import { CnibenchError, type Dataset, type Metric, type Observation } from '../model/index.js';
import { checkSelection, selected, type Selection } from './select.js';

export interface MetricSelection extends Selection {
  readonly metric: Metric;
}

/** The selected observations with a value; they must share one test, protocol and node (else the cells mix). */
export function selectObservations(
  dataset: Pick<Dataset, 'factors' | 'observations'>,
  selection: MetricSelection,
): Observation[] {
  checkSelection(dataset, selection);
  const chosen = dataset.observations.filter(
    (o) => o.metric === selection.metric && o.value !== null && selected(o, selection),
  );
  if (chosen.length === 0) {
    throw new CnibenchError(
      'quicklook-nothing-selected',
      msg.nothingSelected('observation', JSON.stringify(selection)),
    );
  }
  const conditions = [...new Set(chosen.map((o) => `${o.test}/${o.protocol ?? '-'}/${o.node ?? '-'}`))];
  if (conditions.length > 1) {
    throw new CnibenchError('quicklook-mixed-conditions', msg.mixedConditions(conditions));
  }
  return chosen;
}

/** The factors whose level varies among `rows`, in the dataset's order. */
export function varyingFactors(dataset: Pick<Dataset, 'factors'>, rows: readonly Observation[]): string[] {
  return dataset.factors.map((f) => f.name).filter((name) => new Set(rows.map((o) => o.factors[name])).size > 1);
}
