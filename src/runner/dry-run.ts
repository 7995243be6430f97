/** `cnibench run --dry-run`: the plan as text — every command with its arguments, the files, the expected duration. */
import type { CampaignSchedule } from './knb.js';
import { STATE_DIR } from './knb.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function ansiEscape(c: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\\': '\\\\', "'": "\\'" };
  const code = c.charCodeAt(0);
  return (
    named[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/**
 * Quote an argument for display only, POSIX shell style, so that every argument reads back unambiguously: plain
 * words as they are, others in single quotes, and those holding a control character (a newline would forge a line
 * of the listing) as `$'…'` with escapes. Nothing is ever executed through a shell.
 * @example displayArgument('a b') // "'a b'"
 * @example displayArgument('a\nb') // "$'a\\nb'"
 */
export function displayArgument(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  if (CONTROL.test(arg)) {
    return `$'${arg.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\\']/g, ansiEscape)}'`;
  }
  return `'${arg.replace(/'/g, `'\\''`)}'`;
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

/** The dry-run listing as one text (small plans; the CLI streams dryRunLines). */
export function formatDryRun(schedule: CampaignSchedule): string {
  return [...dryRunLines(schedule)].join('\n');
}

/** The dry-run listing line by line, so that a plan of a million runs is printed without building one string. */
export function* dryRunLines(schedule: CampaignSchedule): Generator<string, void, undefined> {
  const { plan } = schedule;
  const total = schedule.clusters.reduce((n, c) => n + c.jobs.length, 0);
  yield* [
    `campaign ${displayArgument(plan.campaignDir)} (${displayArgument(plan.file)})`,
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
    yield `cluster ${displayArgument(cluster.cell)} (campaign.yaml line ${cluster.line})`;
    if (cluster.setup) yield `  setup:    ${displayCommand(cluster.setup)}`;
    for (const job of jobs) {
      yield `  #${job.iteration}: ${displayCommand(job.argv, job.env)}`;
      yield `      writes ${displayArgument(job.archive)} (or ${displayArgument(job.failed)}), log ${displayArgument(job.log)}, manifest ${displayArgument(job.manifest)}`;
    }
    if (cluster.teardown) yield `  teardown: ${displayCommand(cluster.teardown)}`;
    yield '';
  }
}
