/**
 * knb: knb's output formats, read and written. Reading: every format and version (a .knbdata archive, an extracted
 * directory, -o json|yaml|text|ibdbench, the 1.5.1 fork) into one KnbRun, detected by content. Writing: a knb work
 * directory as knb writes it (the .knbdata tar, .metrics/.avg as knb's awk prints them, the json/yaml/text/ibdbench
 * renderings) — used by the runner's local backend and by the synthetic campaigns.
 */
// reading
export { parseKnb, checkedRun, withMissingSummary, type ParseOptions } from './read/parse.js';
export { hasErrors } from './read/run.js';
export { detectFormat, type Detection, type DetectedFormat } from './read/detect.js';
export { parseKnbDirectory, isKnbDirectory } from './read/directory.js';
export { readTar, type TarMember } from './read/tar.js';
export { knbAverage } from './read/workdir.js';
export { unpackSamples, PackedSampleSeries, type PackedSamples } from './read/samples.js';
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
} from './read/run.js';
// writing
export { writeKnbdata, writeTar } from './write/tar.js';
export { renderKnb, RENDER_FORMATS, RENDER_EXTENSIONS, type RenderFormat } from './write/render/index.js';
export {
  KNB_TESTS,
  TEST_ENV_KEYS,
  podName,
  fileOf,
  type KnbFile,
  type KnbWorkDir,
  type KnbTest,
} from './write/types.js';
export { averageFile, metricsFile, METRICS_HEADER, AVG_HEADER, type MetricsLine } from './write/metrics.js';
export { awkNumber } from './write/c-format.js';
// knb's number printing (glibc printf, as its awk and sar print)
export { cFixed, cFixed2, cInt, cGeneral } from './c-printf.js';
export { knbMessages } from './messages.js';
// reading files safely: regular files only, links out of the campaign only when allowed, size and unpacked limits
export {
  DEFAULT_MAX_FILE_SIZE,
  DEFAULT_MAX_UNPACKED_SIZE,
  DEFAULT_READ_LIMITS,
  campaignFs,
  checkLink,
  errorCode,
  fileKind,
  isInside,
  bytesInWords,
  readRegularFile,
  type ReadLimits,
  type ReadOutcome,
  type ReadRefusal,
} from './read/files.js';
export { inflateBounded, inflateSync, type Inflated } from './read/inflate.js';
export { decode } from './read/lines.js';
