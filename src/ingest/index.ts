/** ingest: knb outputs (every format and version) and campaign directories into tidy observations and a ledger. */
export { ingestCampaign, type IngestOptions } from './campaign.js';
export { loadCampaignConfig, parseCampaignConfig, type CampaignConfig, type FactorConfig } from './config.js';
export { parseLayout, matchLayout, parseIteration, type Layout, type LayoutMatch } from './layout.js';
export { runObservations, runProvenance, type RunContext } from './observations.js';
export { tidyTable, TIDY_COLUMNS } from './tidy.js';
export { ledgerSummaryLine, ledgerReport } from './ledger.js';
export { inspectText, inspectJson } from './inspect.js';
export { parseKnb, type ParseOptions } from './knb/parse.js';
export { detectFormat, type Detection, type DetectedFormat } from './knb/detect.js';
export { parseKnbDirectory, isKnbDirectory } from './knb/directory.js';
export { readTar, type TarMember } from './knb/tar.js';
export { knbAverage } from './knb/workdir.js';
export { unpackSamples, PackedSampleSeries, type PackedSamples } from './knb/samples.js';
export type {
  KnbRun,
  KnbTestResult,
  KnbNodeResult,
  KnbMetadata,
  KnbDetected,
  KnbSamples,
  Measured,
  ParsedKnb,
  FailedRunRecord,
} from './knb/run.js';
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
export {
  DEFAULT_MAX_FILE_SIZE,
  DEFAULT_MAX_UNPACKED_SIZE,
  DEFAULT_READ_LIMITS,
  readRegularFile,
  type ReadLimits,
} from './read.js';
