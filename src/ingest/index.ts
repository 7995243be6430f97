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
} from './config.js';
export { DEFAULT_LAYOUT, parseLayout, matchLayout, parseIteration, type Layout, type LayoutMatch } from './layout.js';
export { runObservations, runProvenance, type RunContext } from './observations.js';
export { tidyTable, TIDY_COLUMNS } from './tidy.js';
export { ledgerSummaryLine, ledgerReport } from './ledger.js';
export { inspectText, inspectJson } from './inspect.js';
export { datasetBundle, ledgerBundle, displayableDataset, displayableLedger } from './display.js';
export {
  tidyColumns,
  tidyCsvChunks,
  tidyArrowTable,
  writeTidyArrow,
  csvField,
  cachedCsvField,
  type TidyColumn,
  type TidyValue,
} from './tidy-files.js';
