import type { Ledger } from './ledger.js';
import type { Observation, SampleSeries } from './observation.js';

/** One factor of the campaign with its levels in display order (baseline first where one is declared). */
export interface FactorInfo {
  readonly name: string;
  /** normalised level names, ordered */
  readonly levels: readonly string[];
  /** normalised level → the spellings seen in the campaign (directory names, campaign.yaml) */
  readonly originals: Readonly<Record<string, readonly string[]>>;
  /** normalised level → display label */
  readonly labels: Readonly<Record<string, string>>;
}

/** What campaign.yaml (or the defaults) said about the campaign. */
export interface CampaignInfo {
  readonly name: string | null;
  readonly description: string | null;
  /** layout pattern, e.g. `{testbed}/{distribution}/{plugin}/{iteration}` */
  readonly layout: string;
  /** default baseline per factor, e.g. { distribution: 'k8s' } */
  readonly baseline: Readonly<Record<string, string>>;
  /** free text per testbed level, e.g. { ATH: 'intra-host: all VMs on one Dell T640' } */
  readonly testbeds: Readonly<Record<string, string>>;
  /** campaign.yaml `analysis:`: the compared factor, its baseline, the two-way pair (raw, as written) */
  readonly analysis?: {
    readonly factor?: string;
    readonly baseline?: string;
    readonly interaction?: readonly [string, string];
  };
}

/**
 * Everything ingest produced from a campaign: tidy observations, per-second samples of archives,
 * the factors with their levels, and the ledger of every file.
 */
export interface Dataset {
  readonly campaign: CampaignInfo;
  /** factor names in layout order, e.g. ['testbed', 'distribution', 'plugin'] */
  readonly factors: readonly FactorInfo[];
  readonly observations: readonly Observation[];
  readonly samples: readonly SampleSeries[];
  readonly ledger: Ledger;
}

export function factorNames(dataset: Pick<Dataset, 'factors'>): string[] {
  return dataset.factors.map((f) => f.name);
}
