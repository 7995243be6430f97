/** `cnibench run --dry-run`: the plan as text — every command with its arguments, the files, the expected duration. */
import type { CampaignSchedule } from './knb.js';
import { STATE_DIR } from './knb.js';

/** Quote an argument for display only (POSIX shell style); nothing is ever executed through a shell. */
export function displayArgument(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function displayCommand(argv: readonly string[], env: Readonly<Record<string, string>> = {}): string {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${displayArgument(v)}`);
  return [...vars, ...argv.map(displayArgument)].join(' ');
}

/** Seconds as `1 h 05 min`, `4 min 10 s` or `12 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

export function formatDryRun(schedule: CampaignSchedule): string {
  const { plan } = schedule;
  const total = schedule.clusters.reduce((n, c) => n + c.jobs.length, 0);
  const out: string[] = [
    `campaign ${plan.campaignDir} (${plan.file})`,
    `backend ${plan.backend}; ${plan.clusters.length} clusters × ${plan.iterations} iterations = ${total} runs;` +
      ` concurrency ${plan.concurrency}; timeout ${plan.timeout} s per iteration; ${plan.retries} retries` +
      ` (backoff ${plan.backoff} s, doubling); on failure: ${plan.onFailure}`,
    `expected duration: about ${formatDuration(schedule.expectedSeconds)}` +
      ` (${formatDuration(schedule.iterationSeconds)} per iteration; setup and teardown not included)`,
    `state, logs and manifests under ${STATE_DIR}/; each archive is written to ${STATE_DIR}/tmp/ and renamed into place`,
    plan.order === 'shuffled'
      ? `order: shuffled (seed ${plan.seed}): ${schedule.queue
          .map((u) =>
            u.jobs.length === 1 && u.cluster.setup === null && u.cluster.teardown === null
              ? `${u.cluster.cell}#${u.jobs[0]!.iteration}`
              : u.cluster.cell,
          )
          .join(', ')}`
      : 'order: sequential (clusters in plan order, iterations in a block)',
    '',
  ];
  for (const { cluster, jobs } of schedule.clusters) {
    out.push(`cluster ${cluster.cell} (campaign.yaml line ${cluster.line})`);
    if (cluster.setup) out.push(`  setup:    ${displayCommand(cluster.setup)}`);
    for (const job of jobs) {
      out.push(`  #${job.iteration}: ${displayCommand(job.argv, job.env)}`);
      out.push(`      writes ${job.archive} (or ${job.failed}), log ${job.log}, manifest ${job.manifest}`);
    }
    if (cluster.teardown) out.push(`  teardown: ${displayCommand(cluster.teardown)}`);
    out.push('');
  }
  return out.join('\n');
}
