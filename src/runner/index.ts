/** runner: `cnibench run` — campaign.yaml's `runs:` → knb invocations → archives in the layout, resumably. */
export { loadRunPlan, parseRunPlan, expectedIterationSeconds, FAILURE_POLICIES, BACKENDS, RUN_ORDERS } from './plan.js';
export type { RunPlan, ClusterPlan, KnbOptions, FailurePolicy, Backend, RunOrder } from './plan.js';
export { planCampaign, knbArguments, runQueue } from './knb.js';
export type { CampaignSchedule, IterationJob, ScheduleUnit } from './knb.js';
export { formatDryRun, formatDuration, dryRunLines, displayArgument } from './dry-run.js';
export { runCampaign } from './campaign.js';
export type { RunOptions, RunEvent, CampaignResult } from './campaign.js';
export type { FailedIterationRecord, AttemptRecord } from './store.js';
export { progressReporter } from './progress.js';

export type { ProgressOptions } from './progress.js';
export { runnerMessages } from './messages.js';
