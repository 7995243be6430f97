import type { Ledger } from './ledger.js';
import type { Observation, SampleSeries } from './observation.js';
import type { FigureFormat, FigureKind, FigureSize, Metric } from './vocabulary.js';

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
  /** campaign.yaml `figures:`: which figures the report draws (levels normalised); options given to it win */
  readonly figures?: FigureChoice;
  /** campaign.yaml `analysis:`: the compared factor, its baseline, the two-way pair (raw, as written) */
  readonly analysis?: {
    readonly factor?: string;
    readonly baseline?: string;
    readonly interaction?: readonly [string, string];
  };
}

/**
 * Which figures a report draws and how (campaign.yaml `figures:`, or the report's options): each field left out takes
 * the report's default.
 */
export interface FigureChoice {
  /** figure kinds, in report order; [] draws none */
  readonly kinds?: readonly FigureKind[];
  /** the levels of a factor to draw (only some testbeds, some tunings …), per factor; the tables keep every level */
  readonly levels?: Readonly<Record<string, readonly string[]>>;
  /** conditions drawn, as ids `idle`, `p2p-tcp` … (CONDITION_IDS) */
  readonly conditions?: readonly string[];
  /** metrics drawn, in display order */
  readonly metrics?: readonly Metric[];
  /** factor on x and factor drawn as colour */
  readonly x?: string;
  readonly color?: string;
  readonly size?: FigureSize;
  /** figures of each kind at most */
  readonly maxFigures?: number;
  /** files written besides each figure's spec; [] writes the specs only */
  readonly formats?: readonly FigureFormat[];
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
