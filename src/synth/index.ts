/**
 * synth: simulated knb runs and campaigns from parameters (written with the knb stage's writers), and the bundled
 * example campaign.
 */
export { synthesizeRun, DEFAULT_TARGETS, parseKnbDate, formatKnbDate } from './workdir.js';
export type { SynthRunOptions, TestTarget, NodeLoad, SynthFaults } from './workdir.js';
export { iperfClientLog, bandwidthString } from './iperf3-log.js';
export { generateCampaign, writeCampaign, writeCampaignFiles, campaignYaml, iterationName } from './campaign.js';
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
export { generatedSummary, refuseNonEmpty, unknownAction } from './messages.js';
export {
  generateShapeA,
  generateShapeB,
  shapeACampaignYaml,
  shapeBCampaignYaml,
  shapeADirectory,
  SHAPE_A_CELLS,
  SHAPE_A_OS,
  SHAPE_B_MTUS,
} from './shapes.js';
export type { ShapeAOptions, ShapeBOptions, ShapeACell } from './shapes.js';
