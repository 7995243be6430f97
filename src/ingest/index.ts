/** ingest: knb outputs (every format and version) and campaign directories into tidy observations and a ledger. */
export { ingestCampaign, type IngestOptions } from './campaign.js';
export {
  CAMPAIGN_FILES,
  readCampaignFile,
  parseCampaignYaml,
  loadCampaignConfig,
  parseCampaignConfig,
  type CampaignConfig,
  type FactorConfig,
  type AnalysisConfig,
  type FiguresConfig,
  FIGURES_KEYS,
} from './config.js';
export {
  parseLayout,
  parseLayouts,
  matchLayout,
  matchLayouts,
  parseIteration,
  stripKnbExtension,
  DEFAULT_LAYOUT,
  type Layout,
  type LayoutSet,
  type LayoutMatch,
} from './layout.js';
export { parseManifest, type Manifest, type ManifestRow } from './manifest.js';
export { runObservations, runProvenance, type RunContext } from './observations.js';
export { tidyTable, TIDY_COLUMNS } from './tidy.js';
export { ledgerSummaryLine, ledgerReport } from './ledger.js';
export { inspectText, inspectJson } from './inspect.js';
export { datasetBundle, ledgerBundle, displayableDataset, displayableLedger } from './display.js';
export {
  tidyColumns,
  tidyCsvChunks,
  tidyCsvBytes,
  tidyArrowTable,
  writeTidyArrow,
  csvField,
  cachedCsvField,
  type TidyColumn,
  type TidyValue,
} from './tidy-files.js';
export { selectDataset, type DatasetSelection } from './select.js';
