import type { Dataset, FactorInfo } from '../../src/model/dataset.js';
import { makeLedger } from '../../src/model/ledger.js';
import type { Observation } from '../../src/model/observation.js';

/** A Dataset built in memory (no files, an empty ledger), in the default layout with k8s as the baseline. */
export function datasetOf(name: string, factors: readonly FactorInfo[], observations: readonly Observation[]): Dataset {
  return {
    campaign: {
      name,
      description: null,
      layout: '{testbed}/{distribution}/{plugin}/{iteration}',
      baseline: { distribution: 'k8s' },
      testbeds: {},
    },
    factors,
    observations,
    samples: [],
    ledger: makeLedger([]),
  };
}
