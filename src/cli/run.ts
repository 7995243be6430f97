import type { Command } from './command.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './io.js';
import { resolve } from 'node:path';
import { CnibenchError, EXIT, storageFailure } from '../model/index.js';
import {
  runnerMessages as msg,
  loadRunPlan,
  planCampaign,
  dryRunLines,
  formatDuration,
  runCampaign,
  progressReporter,
} from '../runner/index.js';

const HELP = `Usage: cnibench run [campaign-dir] [options]

Runs the benchmark campaign described by the \`runs:\` section of <campaign-dir>/campaign.yaml (default: the
current directory): knb once per iteration of every cluster, each archive written into the layout atomically.
Resumable: a rerun skips finished iterations and redoes the rest. Ctrl-C stops cleanly (rerun to resume).

Options:
  --dry-run       print the plan (every command, the files it writes, the expected duration) and exit
  --keep-failed   do not redo iterations that have a failure record (default: a rerun retries them)
  -h, --help      show this help

State, logs and run manifests live in <campaign-dir>/.cnibench/. See docs/runner.md for the campaign.yaml format.

Exit status: 0 every iteration is complete; 1 some failed or were not run; 2 bad plan, interrupted or cannot run.

Examples:
  cnibench run my-campaign --dry-run
  cnibench run my-campaign
`;

export const command: Command = {
  name: 'run',
  summary: 'run a benchmark campaign with knb (resumable)',
  help: HELP,
  async run(argv: readonly string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs('run', argv, {
      'dry-run': { type: 'boolean' },
      'keep-failed': { type: 'boolean' },
    });
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    const plan = await loadRunPlan(dir);
    const schedule = planCampaign(plan, io.env);
    if (values['dry-run']) {
      // streamed in chunks of lines (the same text as formatDryRun): a plan of a million runs needs no giant string
      let chunk = '';
      let first = true;
      for (const line of dryRunLines(schedule)) {
        chunk += first ? line : `\n${line}`;
        first = false;
        if (chunk.length > 1 << 16) {
          io.stdout(chunk);
          chunk = '';
        }
      }
      io.stdout(chunk);
      return EXIT.ok;
    }
    const controller = new AbortController();
    let interrupts = 0;
    const onSignal = () => {
      interrupts++;
      if (interrupts === 1) {
        io.stderr(`\ncnibench: stopping (${msg.interrupted()})\n`);
        controller.abort();
      }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const progress = progressReporter({ write: io.stderr, isTTY: io.isTTY });
    try {
      const result = await runCampaign(schedule, {
        signal: controller.signal,
        env: io.env,
        onEvent: progress.onEvent,
        retryFailed: !values['keep-failed'],
      });
      progress.finish();
      io.stderr(
        `${msg.summary({
          done: result.measured,
          skipped: result.skipped,
          failed: result.failed,
          notRun: result.notRun,
          elapsed: formatDuration(result.seconds),
        })}\n`,
      );
      if (result.interrupted) {
        io.stderr(`cnibench: ${msg.interrupted()}\n`);
        return EXIT.failure;
      }
      return result.failed > 0 || result.notRun > 0 ? EXIT.partial : EXIT.ok;
    } catch (error) {
      // a full disk (or a quota, a read-only file system) is the storage's failure, not cnibench's: say which path
      const failure = storageFailure(error);
      if (failure === null) throw error;
      throw new CnibenchError('run-storage', msg.storageFailed(failure.meaning, failure.code, failure.path ?? dir), {
        hint: msg.storageFailedHint,
        cause: error,
      });
    } finally {
      progress.finish();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
