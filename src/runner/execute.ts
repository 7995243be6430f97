/**
 * Process supervision: one child in its own process group, output to a log file, a timeout that kills the whole
 * group (knb starts kubectl, the local backend starts iperf3), and cancellation through an AbortSignal (Ctrl-C).
 */
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { runnerMessages as msg } from './messages.js';

/**
 * Milliseconds for setTimeout, at most 2^31 - 1: beyond, Node fires the timer after 1 ms (a 35-day timeout would kill
 * every iteration at once). The plan bounds timeouts; setup and teardown get ten of them, hence the clamp here too.
 */
export function timerMs(seconds: number): number {
  return Math.min(Math.max(0, seconds * 1000), 2 ** 31 - 1);
}

export interface ProcessOutcome {
  /** exited with status 0 */
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  /** stopped because the AbortSignal fired */
  readonly interrupted: boolean;
  /** one line for the failure record; empty when ok */
  readonly reason: string;
  readonly seconds: number;
}

export interface SuperviseOptions {
  readonly argv: readonly string[];
  /** the whole environment of the child */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** stdout and stderr are appended here */
  readonly logFile: string;
  readonly timeoutSeconds: number;
  readonly signal?: AbortSignal;
  /** between SIGTERM and SIGKILL of the group. Default 5000 ms. */
  readonly killGraceMs?: number;
  /** called with the child's process-group id once it runs (to record it), and with null when it is gone */
  readonly onGroup?: (pgid: number | null) => void;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

/** Run one command under supervision. Never throws for the child's failures: they are in the outcome. */
export function supervise(options: SuperviseOptions): Promise<ProcessOutcome> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const [program, ...args] = options.argv;
  if (program === undefined) throw new Error('supervise: empty argv');
  const log = openSync(options.logFile, 'a');
  return new Promise<ProcessOutcome>((resolvePromise) => {
    let timedOut = false;
    let interrupted = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (outcome: Omit<ProcessOutcome, 'seconds'>) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      options.signal?.removeEventListener('abort', onAbort);
      options.onGroup?.(null);
      closeSync(log);
      resolvePromise({ ...outcome, seconds: elapsed() });
    };
    if (options.signal?.aborted) {
      finish({
        ok: false,
        exitCode: null,
        signal: null,
        timedOut: false,
        interrupted: true,
        reason: msg.interrupted(),
      });
      return;
    }
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      stdio: ['ignore', log, log],
      // its own process group, so that a timeout or Ctrl-C kills knb and everything it started
      detached: true,
    });
    const stop = () => {
      if (child.pid === undefined) return;
      const pgid = child.pid;
      killGroup(pgid, 'SIGTERM');
      timers.push(setTimeout(() => killGroup(pgid, 'SIGKILL'), options.killGraceMs ?? 5000));
    };
    const onAbort = () => {
      interrupted = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort);
    if (child.pid !== undefined) options.onGroup?.(child.pid);
    timers.push(
      setTimeout(() => {
        timedOut = true;
        stop();
      }, timerMs(options.timeoutSeconds)),
    );
    child.on('error', (error) => {
      writeSync(log, `\n# ${msg.spawnFailed(program, error.message)}\n`);
      finish({
        ok: false,
        exitCode: null,
        signal: null,
        timedOut: false,
        interrupted,
        reason: msg.spawnFailed(program, error.message),
      });
    });
    child.on('exit', (code, signal) => {
      // Whatever the child left behind in its group goes with it.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      const reason = interrupted
        ? msg.interrupted()
        : timedOut
          ? msg.timedOut(options.timeoutSeconds)
          : code !== 0 && code !== null
            ? msg.exitCode(code)
            : signal !== null
              ? msg.killedBySignal(signal)
              : '';
      finish({ ok: reason === '' && code === 0, exitCode: code, signal, timedOut, interrupted, reason });
    });
  });
}

export interface ToolVersion {
  readonly command: readonly string[];
  readonly output: string | null;
  /** why the command failed, null when it ran */
  readonly error: string | null;
  /** true when the program could not be started at all (not found, not executable) */
  readonly missing?: boolean;
}

/** First line of a tool's version output (`knb -V`, `kubectl version --client`), or null with why. */
export function toolVersion(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  timeoutSeconds = 20,
): Promise<ToolVersion> {
  const [program, ...args] = argv;
  return new Promise((resolvePromise) => {
    execFile(
      program ?? '',
      args,
      { env: env as NodeJS.ProcessEnv, timeout: timeoutSeconds * 1000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const output = `${stdout}`.trim() || `${stderr}`.trim();
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          resolvePromise({
            command: argv,
            output: output || null,
            error: error.message.split('\n')[0] ?? '',
            missing: code === 'ENOENT' || code === 'EACCES',
          });
        } else resolvePromise({ command: argv, output, error: null });
      },
    );
  });
}
