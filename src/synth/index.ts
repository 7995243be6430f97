/** synth: genuine knb raw outputs from parameters, and the bundled example campaign. */
export { synthesizeRun, DEFAULT_TARGETS, parseKnbDate, formatKnbDate } from './workdir.js';
export type { SynthRunOptions, TestTarget, NodeLoad, SynthFaults } from './workdir.js';
export { writeKnbdata, writeTar } from './tar.js';
export { renderKnb, RENDER_FORMATS, RENDER_EXTENSIONS } from './render/index.js';
export type { RenderFormat } from './render/index.js';
export { KNB_TESTS, podName } from './types.js';
export type { KnbFile, KnbWorkDir, KnbTest } from './types.js';
export { averageFile, metricsFile, METRICS_HEADER, AVG_HEADER } from './metrics.js';
export { iperfClientLog, bandwidthString } from './iperf3-log.js';
export type { MetricsLine } from './metrics.js';
export { generateCampaign, writeCampaign, campaignYaml, iterationName } from './campaign.js';
export type {
  CampaignOptions,
  CampaignFile,
  CampaignFault,
  CampaignCell,
  ScheduledRun,
  CellParameters,
  LevelSpec,
  TestbedSpec,
  RunFormat,
} from './campaign.js';
export {
  EXAMPLE_CAMPAIGN,
  PARAMETER_MEANINGS,
  exampleCell,
  exampleParameter,
  exampleCampaignOptions,
  generateExampleCampaign,
  writeExampleCampaign,
} from './example.js';
export type { ExampleParameter } from './example.js';
