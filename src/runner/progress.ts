/**
 * Progress of a campaign: on a TTY one status line redrawn in place (cells, iterations, elapsed, estimated
 * remaining) with events printed above it; otherwise one plain line per event, for logs and CI.
 */
import { runnerMessages as msg } from './messages.js';
import type { RunEvent } from './campaign.js';
import { formatDuration } from './dry-run.js';

export interface ProgressOptions {
  readonly write: (text: string) => void;
  readonly isTTY: boolean;
  /** seconds since start; injectable for tests. Default: performance.now() */
  readonly clock?: () => number;
  /** on a terminal, redraw the status line this often between events. Default 1000 ms. */
  readonly tickMs?: number;
}

/** An onEvent handler for runCampaign, plus `finish()` to clear the status line. */
export function progressReporter(options: ProgressOptions): { onEvent: (e: RunEvent) => void; finish: () => void } {
  const started = performance.now();
  const clock = options.clock ?? (() => (performance.now() - started) / 1000);
  let cells = 0;
  let cellsDone = 0;
  let total = 0;
  let done = 0;
  let failed = 0;
  let measured = 0;
  let measuredSeconds = 0;
  let expected = 0;
  let lanes = 1;
  let statusShown = false;

  const remaining = (): number => {
    const left = total - done - failed;
    // measured iterations so far predict the rest better than the plan's estimate
    if (measured === 0) return total > 0 ? (expected * left) / total : 0;
    return (left * measuredSeconds) / measured / lanes;
  };
  const status = () =>
    msg.progressLine({
      cellsDone,
      cells,
      done,
      total,
      failed,
      elapsed: formatDuration(clock()),
      remaining: formatDuration(remaining()),
    });
  const line = (text: string) => {
    if (options.isTTY) {
      options.write(`\r\x1b[K${text}\n${status()}`);
      statusShown = true;
    } else {
      options.write(`${text}\n`);
    }
  };

  // On a terminal the status line also ticks between events (an iteration lasts minutes).
  const ticker = options.isTTY
    ? setInterval(() => {
        if (statusShown) options.write(`\r\x1b[K${status()}`);
      }, options.tickMs ?? 1000)
    : null;
  ticker?.unref();

  const onEvent = (e: RunEvent): void => {
    switch (e.type) {
      case 'start':
        cells = e.cells;
        total = e.iterations;
        expected = e.expectedSeconds;
        lanes = e.lanes;
        return;
      case 'skipped':
        done++;
        if (!options.isTTY) line(msg.iterationSkipped(e.job.cluster.cell, e.job.iteration));
        return;
      case 'attempt':
        line(msg.iterationStarted(e.job.cluster.cell, e.job.iteration, e.attempt));
        return;
      case 'retry':
        line(msg.iterationRetry(e.job.cluster.cell, e.job.iteration, e.reason, e.delaySeconds));
        return;
      case 'done':
        done++;
        measured++;
        measuredSeconds += e.seconds;
        line(msg.iterationDone(e.job.cluster.cell, e.job.iteration, e.seconds));
        if (!options.isTTY) line(status());
        return;
      case 'failed':
        failed++;
        line(msg.iterationFailed(e.job.cluster.cell, e.job.iteration, e.reason));
        return;
      case 'cell-done':
        cellsDone++;
        return;
      case 'notice':
        line(e.text);
        return;
    }
  };
  const finish = () => {
    if (ticker) clearInterval(ticker);
    if (options.isTTY && statusShown) options.write('\r\x1b[K');
    statusShown = false;
  };
  return { onEvent, finish };
}
