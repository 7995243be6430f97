/**
 * The campaign directory as the runner's store. The commit point of an iteration is the rename of its archive into
 * the layout: a file in the layout is always complete (written elsewhere, fsynced, renamed), so after a crash or
 * SIGKILL a rerun sees exactly what finished, redoes the rest, and never finds a partial file in the layout.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { CnibenchError, processAlive } from '../model/index.js';
import { runnerMessages as msg } from './messages.js';
import { isInside } from './names.js';
import { kubeconfigOverlay, STATE_DIR, type IterationJob } from './knb.js';

/** The failure record of an iteration (fixed by the API notes; ingest reads it as a `failed-run` ledger entry). */
export interface FailedIterationRecord {
  readonly kind: 'cnibench-failed-iteration';
  readonly version: 1;
  readonly iteration: number;
  readonly reason: string;
  readonly attempts: readonly AttemptRecord[];
  readonly command: readonly string[];
}

export interface AttemptRecord {
  readonly attempt: number;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly reason: string;
  readonly seconds: number;
}

/** Absolute path of a campaign-relative path, refusing anything that would land outside the campaign. */
export function inCampaign(campaignDir: string, rel: string): string {
  if (!isInside(campaignDir, rel)) throw new CnibenchError('outside-campaign', msg.outsideCampaign(rel, campaignDir));
  return resolve(campaignDir, rel);
}

function fsyncPath(path: string, flags = 'r'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Make a rename durable: fsync the directory that holds the new name. */
function fsyncDir(dir: string): void {
  try {
    fsyncPath(dir);
  } catch {
    // some filesystems refuse to fsync a directory; the rename itself is still atomic
  }
}

/**
 * Move a finished file into place atomically: fsync its content, create the target directory, rename (atomic on one
 * filesystem: the temporary lives under `.cnibench/` in the same campaign), fsync the directory.
 */
export function commitFile(campaignDir: string, tmpRel: string, finalRel: string): void {
  const from = inCampaign(campaignDir, tmpRel);
  const to = inCampaign(campaignDir, finalRel);
  fsyncPath(from, 'r+');
  refuseEscape(campaignDir, to, finalRel);
  mkdirSync(dirname(to), { recursive: true });
  renameSync(from, to);
  fsyncDir(dirname(to));
}

/**
 * A symbolic link in the layout (`ATH -> /elsewhere`) must not lead a file out of the campaign: the deepest existing
 * directory on the way to the target must resolve inside the campaign's real path.
 */
function refuseEscape(campaignDir: string, target: string, shown: string): void {
  let existing = dirname(target);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!isInside(realpathSync(campaignDir), realpathSync(existing))) {
    throw new CnibenchError('outside-campaign', msg.outsideCampaign(shown, campaignDir));
  }
}

/**
 * Absolute path of a campaign-relative file whose directory is created (inside the campaign, checked through
 * symbolic links) so that the file can be written.
 */
export function prepareFile(campaignDir: string, rel: string): string {
  const path = inCampaign(campaignDir, rel);
  refuseEscape(campaignDir, path, rel);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/**
 * The store's file writes, a seam through which tests inject a full disk (ENOSPC) or a read-only file system; the
 * CLI reports such errors with the path (exit 2).
 */
export const storeFs = { writeFileSync };

/** Write a whole file atomically (through a temporary under `.cnibench/tmp/`). */
export function writeAtomic(campaignDir: string, rel: string, content: string | Uint8Array): void {
  const target = inCampaign(campaignDir, rel);
  const tmpRel = `${STATE_DIR}/tmp/atomic/${process.pid}-${randomBytes(6).toString('hex')}`;
  const tmp = prepareFile(campaignDir, tmpRel);
  storeFs.writeFileSync(tmp, content);
  commitFile(campaignDir, tmpRel, relative(campaignDir, target));
}

export type IterationState = 'complete' | 'failed' | 'pending';

/** An archive in the layout means done (it got there by rename); a failure record means failed; else pending. */
export function iterationState(campaignDir: string, job: Pick<IterationJob, 'archive' | 'failed'>): IterationState {
  if (existsSync(inCampaign(campaignDir, job.archive))) return 'complete';
  if (existsSync(inCampaign(campaignDir, job.failed))) return 'failed';
  return 'pending';
}

/** Remove a file if present (ENOENT is fine). */
export function removeIfPresent(campaignDir: string, rel: string): void {
  rmSync(inCampaign(campaignDir, rel), { force: true });
}

/** Write the KUBECONFIG overlay that selects a cluster's context (see knb.ts clusterEnv). */
export function writeKubeconfigOverlay(campaignDir: string, cell: string, context: string): void {
  const content = `apiVersion: v1\nkind: Config\ncurrent-context: ${JSON.stringify(context)}\n`;
  writeAtomic(campaignDir, kubeconfigOverlay(cell), content);
}

// ── the lock and leftovers of a killed run ─────────────────────────────────────────────────────────────────────

const LOCK = `${STATE_DIR}/lock`;
const GROUPS = `${STATE_DIR}/groups`;

/**
 * Take the campaign's lock (one runner per campaign). A lock left by a dead runner is taken over, and what that
 * runner left behind is cleaned: child process groups still running (recorded in `.cnibench/groups/`) are killed
 * and temporary files are removed. Returns the release function.
 */
export function acquireLock(campaignDir: string): () => void {
  const lock = prepareFile(campaignDir, LOCK);
  const token = `${process.pid} ${randomBytes(8).toString('hex')}\n`;
  const holder = seize(lock, token);
  if (holder !== null) throw new CnibenchError('locked', msg.lockHeld(holder, lock));
  killLeftoverGroups(campaignDir);
  rmSync(inCampaign(campaignDir, `${STATE_DIR}/tmp`), { recursive: true, force: true });
  return () => {
    // only our own lock is removed (never one a later runner holds)
    if (readOrNull(lock) === token) rmSync(lock, { force: true });
  };
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A file holding `token`, complete before it gets its final name (a reader never sees a lock half-written). */
function tokenFile(target: string, token: string): string {
  const path = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(path, token, { flag: 'wx' });
  return path;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Make `target` hold `token`, atomically; returns null when it does, else the pid of the live holder.
 *
 * A fresh lock is created by hard-linking a finished file to its name (O_EXCL semantics: one creator wins). A stale
 * lock (its pid dead) is replaced only by the runner that first creates the takeover file named after that lock's
 * content (`lock.takeover-<pid>-<nonce>`, again O_EXCL), and only if the lock still holds that content when it
 * renames its own file over it: two runners finding the same stale lock cannot both replace it, and a runner that
 * read an older generation finds the content changed and backs off. A takeover file whose creator died is itself a
 * stale lock, taken over the same way (each level needs one more dead process, so the recursion ends).
 */
function seize(target: string, token: string): number | null {
  for (let round = 0; ; round++) {
    const mine = tokenFile(target, token);
    try {
      linkSync(mine, target);
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(mine, { force: true });
    }
    const content = readOrNull(target);
    if (content === null) continue; // released meanwhile: try again
    if (content === token) return null;
    const pid = Number.parseInt(content, 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) return pid;
    // stale: only the creator of this generation's takeover file may replace it
    const generation = /^\d+ [0-9a-f]+\n$/.test(content)
      ? content.trim().replace(' ', '-')
      : Buffer.from(content.slice(0, 32)).toString('hex');
    const takeover = `${target}.takeover-${generation}`;
    const other = seize(takeover, token);
    if (other !== null) {
      // another live runner is replacing this stale lock right now (microseconds): look again shortly
      if (round > 2000) return other;
      sleepSync(1);
      continue;
    }
    try {
      if (readOrNull(target) === content) {
        const replacement = tokenFile(target, token);
        renameSync(replacement, target);
        return null;
      }
    } finally {
      rmSync(takeover, { force: true });
    }
  }
}

/** Record a running child's process group, so that a runner killed with SIGKILL does not leave it running. */
export function recordGroup(campaignDir: string, pgid: number, argv: readonly string[]): () => void {
  const file = prepareFile(campaignDir, `${GROUPS}/${pgid}`);
  writeFileSync(file, JSON.stringify({ pgid, argv }));
  return () => rmSync(file, { force: true });
}

function killLeftoverGroups(campaignDir: string): void {
  const dir = inCampaign(campaignDir, GROUPS);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const pgid = Number.parseInt(name, 10);
    if (Number.isInteger(pgid) && pgid > 1 && sameProgram(pgid, join(dir, name))) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(join(dir, name), { force: true });
  }
}

/**
 * Only kill a recorded group if its leader still runs the recorded command (pids are reused). A script started
 * through its shebang shows as `interpreter script args…`, so the recorded arguments must end the command line
 * and the program's name must appear in it.
 */
function sameProgram(pgid: number, recordFile: string): boolean {
  try {
    const recorded = JSON.parse(readFileSync(recordFile, 'utf8')) as { argv?: string[] };
    const cmdline = readFileSync(`/proc/${pgid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const [program, ...args] = recorded.argv ?? [];
    if (program === undefined || cmdline.length < args.length + 1) return false;
    const tail = cmdline.slice(cmdline.length - args.length);
    const head = cmdline.slice(0, cmdline.length - args.length);
    return tail.every((a, i) => a === args[i]) && head.some((a) => basename(a) === basename(program));
  } catch {
    return false;
  }
}
