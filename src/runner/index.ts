export {
  loadRunPlan,
  parseRunPlan,
  expectedIterationSeconds,
  testCount,
  iterationStem,
  DEFAULT_LAYOUT,
} from './plan.js';
export type { RunPlan, ClusterPlan, KnbOptions, FailurePolicy, Backend } from './plan.js';
export { FAILURE_POLICIES, BACKENDS, KNB_TEST_SLUGS } from './plan.js';
export { planCampaign, knbArguments, clusterEnv, shareGroups, STATE_DIR } from './knb.js';
export type { CampaignSchedule, IterationJob } from './knb.js';
export { formatDryRun, displayCommand, formatDuration } from './dry-run.js';
export { runCampaign } from './campaign.js';
export type { RunOptions, RunEvent, CampaignResult } from './campaign.js';
export type { FailedIterationRecord, AttemptRecord } from './store.js';
export { progressReporter } from './progress.js';
export { unsafeNameReason } from './names.js';
