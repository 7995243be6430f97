/**
 * runCampaign: executes a schedule. Clusters run in parallel up to `concurrency` when they share nothing;
 * the iterations of one cluster never overlap. Every iteration ends as an archive in the layout (complete), a
 * failure record (failed), or nothing (not run / interrupted: a rerun does it).
 */
import { statSync } from 'node:fs';
import { runnerMessages as msg } from './messages.js';
import { displayCommand } from './dry-run.js';
import { archiveProblem } from './verify-archive.js';
import { supervise, timerMs, toolVersion, type ProcessOutcome, type ToolVersion } from './execute.js';
import { CnibenchError } from '../model/index.js';
import { backendProgram, shareGroups, STATE_DIR, type CampaignSchedule, type IterationJob } from './knb.js';
import type { ClusterPlan } from './plan.js';
import {
  acquireLock,
  commitFile,
  prepareFile,
  iterationState,
  recordGroup,
  removeIfPresent,
  storeFs,
  writeAtomic,
  writeKubeconfigOverlay,
  type AttemptRecord,
  type FailedIterationRecord,
} from './store.js';

/** What happens while a campaign runs, for progress display and tests. */
export type RunEvent =
  | {
      readonly type: 'start';
      readonly cells: number;
      readonly iterations: number;
      readonly expectedSeconds: number;
      /** clusters that can run at the same time (concurrency, limited by shared resources) */
      readonly lanes: number;
    }
  | { readonly type: 'skipped'; readonly job: IterationJob }
  | { readonly type: 'attempt'; readonly job: IterationJob; readonly attempt: number }
  | { readonly type: 'retry'; readonly job: IterationJob; readonly reason: string; readonly delaySeconds: number }
  | { readonly type: 'done'; readonly job: IterationJob; readonly seconds: number }
  | { readonly type: 'failed'; readonly job: IterationJob; readonly reason: string }
  | { readonly type: 'cell-done'; readonly cluster: ClusterPlan }
  | { readonly type: 'notice'; readonly text: string };

export interface RunOptions {
  /** aborting stops the campaign: the child's process group is killed, the campaign stays resumable */
  readonly signal?: AbortSignal;
  /** environment given to knb and the setup/teardown commands. Default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly onEvent?: (event: RunEvent) => void;
  /** redo iterations that have a failure record. Default true (a rerun retries them). */
  readonly retryFailed?: boolean;
  /** between SIGTERM and SIGKILL. Default 5000 ms. */
  readonly killGraceMs?: number;
}

export interface CampaignResult {
  /** iterations measured by this run */
  readonly measured: number;
  /** iterations already complete (or failed, with retryFailed false) before this run */
  readonly skipped: number;
  /** iterations that failed in this run (each has its failure record) */
  readonly failed: number;
  /** iterations left for a later run (stop or skip-cell policy, Ctrl-C) */
  readonly notRun: number;
  readonly interrupted: boolean;
  /** stopped early by the `stop` failure policy */
  readonly stopped: boolean;
  readonly seconds: number;
}

interface Shared {
  readonly schedule: CampaignSchedule;
  readonly options: RunOptions;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly emit: (event: RunEvent) => void;
  stopping: boolean;
  measured: number;
  skipped: number;
  failed: number;
  knbVersion: ToolVersion | null;
  /** units of each cluster still to finish (a shuffled order splits standing clusters into one unit per iteration) */
  readonly unitsLeft: Map<ClusterPlan, number>;
  /** clusters the skip-cell policy stopped: their later units are not run */
  readonly skippedClusters: Set<ClusterPlan>;
  /** 1-based position of each iteration in the run order (recorded in its manifest) */
  readonly positions: Map<IterationJob, number>;
}

/** Run (or resume) a campaign. Throws only when it cannot start (lock held); failures are in the result. */
export async function runCampaign(schedule: CampaignSchedule, options: RunOptions = {}): Promise<CampaignResult> {
  const started = performance.now();
  const dir = schedule.plan.campaignDir;
  const release = acquireLock(dir);
  const state: Shared = {
    schedule,
    options,
    env: options.env ?? process.env,
    emit: options.onEvent ?? (() => undefined),
    stopping: false,
    measured: 0,
    skipped: 0,
    failed: 0,
    knbVersion: null,
    unitsLeft: new Map(),
    skippedClusters: new Set(),
    positions: new Map(),
  };
  for (const unit of schedule.queue) state.unitsLeft.set(unit.cluster, (state.unitsLeft.get(unit.cluster) ?? 0) + 1);
  schedule.queue.flatMap((u) => u.jobs).forEach((job, i) => state.positions.set(job, i + 1));
  const total = schedule.clusters.reduce((n, c) => n + c.jobs.length, 0);
  try {
    // A knb that cannot start would fail every iteration after all its retries: refuse to begin instead.
    const program = backendProgram(schedule.plan);
    state.knbVersion = await toolVersion([...program, '-V'], state.env);
    if (state.knbVersion.missing) {
      throw new CnibenchError('knb-missing', msg.knbMissing(program[0] ?? '', state.knbVersion.error ?? ''), {
        file: schedule.plan.file,
        hint: msg.knbMissingHint(),
      });
    }
    state.emit({
      type: 'start',
      cells: schedule.clusters.length,
      iterations: total,
      expectedSeconds: schedule.expectedSeconds,
      lanes: Math.max(1, Math.min(schedule.plan.concurrency, shareGroups(schedule.plan.clusters).length)),
    });
    await runPool(state);
  } finally {
    release();
  }
  const interrupted = options.signal?.aborted ?? false;
  return {
    measured: state.measured,
    skipped: state.skipped,
    failed: state.failed,
    notRun: total - state.measured - state.skipped - state.failed,
    interrupted,
    stopped: state.stopping && !interrupted,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Start clusters while slots are free and their shared resources are not in use. */
async function runPool(state: Shared): Promise<void> {
  const waiting = [...state.schedule.queue];
  const busy = new Set<string>();
  const running = new Set<Promise<void>>();
  const limit = state.schedule.plan.concurrency;
  while (waiting.length > 0 || running.size > 0) {
    if (!state.stopping && !state.options.signal?.aborted) {
      for (let i = 0; i < waiting.length && running.size < limit;) {
        const entry = waiting[i]!;
        if (entry.cluster.shares.some((s) => busy.has(s))) {
          i++;
          continue;
        }
        waiting.splice(i, 1);
        entry.cluster.shares.forEach((s) => busy.add(s));
        const task: Promise<void> = runCluster(state, entry.cluster, entry.jobs).finally(() => {
          entry.cluster.shares.forEach((s) => busy.delete(s));
          running.delete(task);
        });
        running.add(task);
      }
    } else {
      waiting.length = 0;
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
}

function sleep(seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolvePromise) => {
    if (signal?.aborted) return resolvePromise();
    const timer = setTimeout(done, timerMs(seconds));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolvePromise();
    }
    signal?.addEventListener('abort', done);
  });
}

/** A unit of a cluster finished: `cell-done` once its last unit has. */
function unitDone(state: Shared, cluster: ClusterPlan): void {
  const left = (state.unitsLeft.get(cluster) ?? 1) - 1;
  state.unitsLeft.set(cluster, left);
  if (left <= 0) state.emit({ type: 'cell-done', cluster });
}

async function runCluster(state: Shared, cluster: ClusterPlan, jobs: readonly IterationJob[]): Promise<void> {
  const { plan } = state.schedule;
  if (state.skippedClusters.has(cluster)) return unitDone(state, cluster);
  const dir = plan.campaignDir;
  const retryFailed = state.options.retryFailed ?? true;
  const pending: IterationJob[] = [];
  for (const job of jobs) {
    const s = iterationState(dir, job);
    if (s === 'complete') {
      // A crash between the rename and the removal can leave a stale failure record beside a finished archive.
      removeIfPresent(dir, job.failed);
      state.skipped++;
      state.emit({ type: 'skipped', job });
    } else if (s === 'failed' && !retryFailed) {
      state.skipped++;
      state.emit({ type: 'skipped', job });
    } else {
      pending.push(job);
    }
  }
  if (pending.length === 0) return unitDone(state, cluster);
  if (cluster.context !== null) writeKubeconfigOverlay(dir, cluster.cell, cluster.context);
  const env = { ...state.env, ...pending[0]!.env };
  const tools = await toolVersions(state, env);

  if (cluster.setup) {
    const outcome = await runAuxiliary(state, cluster, 'setup', cluster.setup, env);
    if (state.options.signal?.aborted) return;
    if (!outcome.ok) {
      const reason = msg.setupFailed(outcome.reason);
      for (const job of pending) recordFailure(state, job, reason, [attemptOf(1, outcome)], tools);
      if (plan.onFailure === 'stop') state.stopping = true;
      return;
    }
  }
  for (const job of pending) {
    if (state.stopping || state.options.signal?.aborted) break;
    const ok = await runIteration(state, job, env, tools);
    if (state.options.signal?.aborted) return;
    if (!ok) {
      if (plan.onFailure === 'stop') {
        state.stopping = true;
        state.emit({ type: 'notice', text: msg.stoppedByPolicy(cluster.cell, job.iteration) });
        break;
      }
      if (plan.onFailure === 'skip-cell') {
        state.skippedClusters.add(cluster);
        break;
      }
    }
  }
  if (cluster.teardown) {
    const outcome = await runAuxiliary(state, cluster, 'teardown', cluster.teardown, env);
    if (!outcome.ok && !outcome.interrupted) {
      state.emit({ type: 'notice', text: msg.teardownFailed(cluster.cell, outcome.reason) });
    }
  }
  unitDone(state, cluster);
}

interface ToolVersions {
  readonly [tool: string]: ToolVersion;
}

/** `knb -V` (once per campaign) and `kubectl version` against the cluster (or iperf3's version, locally). */
async function toolVersions(state: Shared, env: Readonly<Record<string, string | undefined>>): Promise<ToolVersions> {
  const { plan } = state.schedule;
  const knb = state.knbVersion!;
  const second =
    plan.backend === 'knb'
      ? await toolVersion([plan.kubectl, 'version'], env)
      : await toolVersion(['iperf3', '--version'], env);
  return plan.backend === 'knb' ? { knb, kubectl: second } : { knb, iperf3: second };
}

function attemptOf(attempt: number, o: ProcessOutcome): AttemptRecord {
  return {
    attempt,
    exitCode: o.exitCode,
    signal: o.signal,
    timedOut: o.timedOut,
    reason: o.reason,
    seconds: Math.round(o.seconds * 1000) / 1000,
  };
}

function logHeader(dir: string, logRel: string, text: string): string {
  const log = prepareFile(dir, logRel);
  storeFs.writeFileSync(log, `# ${text}\n`, { flag: 'a' });
  return log;
}

async function supervised(
  state: Shared,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  log: string,
  timeoutSeconds: number,
): Promise<ProcessOutcome> {
  const dir = state.schedule.plan.campaignDir;
  let forget: (() => void) | null = null;
  return supervise({
    argv,
    env,
    cwd: dir,
    logFile: log,
    timeoutSeconds,
    signal: state.options.signal,
    killGraceMs: state.options.killGraceMs,
    onGroup: (pgid) => {
      if (pgid !== null) forget = recordGroup(dir, pgid, argv);
      else forget?.();
    },
  });
}

async function runAuxiliary(
  state: Shared,
  cluster: ClusterPlan,
  what: 'setup' | 'teardown',
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<ProcessOutcome> {
  const { plan } = state.schedule;
  const logRel = `${STATE_DIR}/logs/${cluster.cell}/${what}.log`;
  const log = logHeader(plan.campaignDir, logRel, `${what}: ${displayCommand(argv)}`);
  // Deploying a distribution takes longer than a benchmark: allow ten iteration timeouts.
  return supervised(state, argv, env, log, plan.timeout * 10);
}

/** One iteration with its retries. True when its archive is in the layout. */
async function runIteration(
  state: Shared,
  job: IterationJob,
  env: Readonly<Record<string, string | undefined>>,
  tools: ToolVersions,
): Promise<boolean> {
  const { plan } = state.schedule;
  const dir = plan.campaignDir;
  const attempts: AttemptRecord[] = [];
  const tmp = prepareFile(dir, job.tmp);
  for (let attempt = 1; attempt <= 1 + plan.retries; attempt++) {
    state.emit({ type: 'attempt', job, attempt });
    removeIfPresent(dir, job.tmp);
    const log = logHeader(dir, job.log, `attempt ${attempt}: ${displayCommand(job.argv, job.env)}`);
    let outcome = await supervised(state, job.argv, env, log, plan.timeout);
    if (outcome.interrupted) {
      removeIfPresent(dir, job.tmp);
      return false;
    }
    if (outcome.ok) {
      const problem = archiveProblem(tmp);
      if (problem !== null) outcome = { ...outcome, ok: false, reason: problem };
    }
    attempts.push(attemptOf(attempt, outcome));
    if (outcome.ok) {
      writeManifest(state, job, 'complete', attempts, tools, statSync(tmp).size);
      commitFile(dir, job.tmp, job.archive);
      removeIfPresent(dir, job.failed);
      state.measured++;
      state.emit({ type: 'done', job, seconds: outcome.seconds });
      return true;
    }
    removeIfPresent(dir, job.tmp);
    if (attempt <= plan.retries) {
      const delay = backoffSeconds(plan.backoff, attempt);
      state.emit({ type: 'retry', job, reason: outcome.reason, delaySeconds: delay });
      await sleep(delay, state.options.signal);
      if (state.options.signal?.aborted) return false;
    }
  }
  const last = attempts[attempts.length - 1];
  recordFailure(state, job, last?.reason ?? 'failed', attempts, tools);
  return false;
}

/** Seconds to wait after failed attempt `attempt` (1-based): `base`, then doubling. */
export function backoffSeconds(base: number, attempt: number): number {
  return base * 2 ** (attempt - 1);
}

function recordFailure(
  state: Shared,
  job: IterationJob,
  reason: string,
  attempts: readonly AttemptRecord[],
  tools: ToolVersions,
): void {
  const record: FailedIterationRecord = {
    kind: 'cnibench-failed-iteration',
    version: 1,
    iteration: job.iteration,
    reason,
    attempts,
    command: job.argv,
  };
  writeManifest(state, job, 'failed', attempts, tools, null);
  writeAtomic(state.schedule.plan.campaignDir, job.failed, `${JSON.stringify(record, null, 2)}\n`);
  state.failed++;
  state.emit({ type: 'failed', job, reason });
}

/** The run manifest of an iteration: what ran, with which tools, how each attempt ended. */
function writeManifest(
  state: Shared,
  job: IterationJob,
  status: 'complete' | 'failed',
  attempts: readonly AttemptRecord[],
  tools: ToolVersions,
  bytes: number | null,
): void {
  const manifest = {
    kind: 'cnibench-run-manifest',
    version: 1,
    status,
    cell: job.cluster.cell,
    factors: job.cluster.factors,
    iteration: job.iteration,
    runName: job.runName,
    // the run order, so that drift can be told from effects later (docs/runner.md)
    schedule: {
      order: state.schedule.plan.order,
      seed: state.schedule.plan.order === 'shuffled' ? state.schedule.plan.seed : null,
      position: state.positions.get(job) ?? null,
    },
    archive: status === 'complete' ? job.archive : null,
    bytes,
    backend: state.schedule.plan.backend,
    command: job.argv,
    env: job.env,
    tools,
    attempts,
  };
  writeAtomic(state.schedule.plan.campaignDir, job.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
}
