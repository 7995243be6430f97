/**
 * The output directory guard. A report is built in a sibling staging directory (`.OUT.cnibench-tmp-<pid>`, same
 * parent, hence same file system) and swapped in by two renames once complete, so that at every instant either the
 * old or the new complete report exists: OUT itself, or during the swap `.OUT.cnibench-old-<pid>` (which the next
 * build puts back when a kill fell between the two renames). A failed build removes its staging directory and leaves
 * OUT as it was.
 *
 * Nothing outside OUT is ever written or deleted: writes go to paths resolved inside the staging directory (real
 * parents checked, the leaf lstat'ed, no symbolic link followed); the old report is removed as a whole directory
 * after the swap (removal unlinks symbolic links, it never follows them). Files in OUT that the earlier report did not
 * list (the user's own) are carried into the new report by hard link (or copy), never followed.
 */
import { constants } from 'node:fs';
import {
  copyFile,
  chmod,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CnibenchError, processAlive, storageFailure } from '../model/index.js';
import * as msg from './messages.js';

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The file-writing calls of the output directory: a seam through which tests inject a full disk or a failure. */
export interface OutputFileSystem {
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
}

const nodeFileSystem: OutputFileSystem = { writeFile: (path, data) => writeFile(path, data) };

/** A CnibenchError for a storage error (ENOSPC, EDQUOT, EROFS, EACCES, …) while writing `path`; else null. */
export function storageError(error: unknown, path: string): CnibenchError | null {
  const failure = storageFailure(error);
  if (failure === null) return null;
  return new CnibenchError('report-storage', msg.storageFailed(failure.meaning, failure.code, path), { cause: error });
}

async function guarded<T>(path: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw storageError(error, path) ?? error;
  }
}

const STAGING_MARKER = '.cnibench-staging';

function leftoverPattern(base: string): RegExp {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.cnibench-(tmp|old)-(\\d+)$`);
}

/** Is `dir` (lstat'ed, no link followed) an earlier cnibench report? Returns its file list, or null. */
async function earlierReportFiles(dir: string): Promise<string[] | null> {
  const summaryPath = join(dir, 'summary.json');
  const info = await lstat(summaryPath).catch(() => null);
  if (!info?.isFile()) return null;
  try {
    const parsed = JSON.parse(await readFile(summaryPath, 'utf8')) as { kind?: unknown; files?: unknown };
    if (parsed?.kind !== 'cnibench-report' || !Array.isArray(parsed.files)) return null;
    return parsed.files.filter((f): f is string => typeof f === 'string');
  } catch {
    return null;
  }
}

export interface OpenOutputOptions {
  /** file writes go through it (tests inject ENOSPC or a failure midway); default node:fs */
  readonly fileSystem?: OutputFileSystem;
}

export class OutputDir {
  /** absolute, symlink-resolved output directory (it may not exist yet: it appears on commit) */
  readonly root: string;
  /** absolute, symlink-resolved staging directory every file is written into */
  readonly staging: string;
  private readonly written = new Set<string>();
  private readonly fileSystem: OutputFileSystem;
  /** files the earlier report in root listed (replaced by the new one), null when root is new or empty */
  private readonly previous: ReadonlySet<string> | null;
  private finished = false;

  private constructor(root: string, staging: string, previous: ReadonlySet<string> | null, fs: OutputFileSystem) {
    this.root = root;
    this.staging = staging;
    this.previous = previous;
    this.fileSystem = fs;
  }

  /**
   * Prepare a build into `dir`: clean leftovers of a killed build, check that `dir` is new, empty or an earlier
   * report (any other non-empty directory is refused), and create the staging directory beside it.
   */
  static async open(dir: string, options: OpenOutputOptions = {}): Promise<OutputDir> {
    const absolute = resolve(dir);
    const info = await stat(absolute).catch(() => null);
    if (info && !info.isDirectory()) throw new CnibenchError('report-output-not-dir', msg.outputIsFile(absolute));
    // the directory the user named may be a symbolic link: the report goes where it leads, the swap happens there
    const target = info ? await realpath(absolute) : absolute;
    await guarded(dirname(target), () => mkdir(dirname(target), { recursive: true }));
    const parent = await realpath(dirname(target));
    const root = join(parent, basename(target));
    await OutputDir.cleanLeftovers(parent, basename(root), root);

    let previous: Set<string> | null = null;
    const entries = await readdir(root).catch(() => null);
    if (entries !== null && entries.length > 0) {
      const files = await earlierReportFiles(root);
      if (files === null) {
        throw new CnibenchError('report-output-not-empty', msg.notAReportDirectory(root), {
          hint: msg.notAReportDirectoryHint,
        });
      }
      previous = new Set([...files, 'summary.json']);
    }

    const staging = join(parent, `.${basename(root)}.cnibench-tmp-${process.pid}`);
    await rm(staging, { recursive: true, force: true });
    await guarded(staging, () => mkdir(staging));
    await guarded(staging, () => writeFile(join(staging, STAGING_MARKER), `${process.pid}\n`));
    return new OutputDir(root, await realpath(staging), previous, options.fileSystem ?? nodeFileSystem);
  }

  /**
   * Leftovers of a build killed before it finished, recognised by name (`.OUT.cnibench-tmp|old-<pid>` of a process
   * that no longer runs) and content: a staging directory holds our marker file, a swapped-out old report its
   * summary.json. An old report whose OUT is missing (killed between the two renames) is put back; anything else of
   * ours is removed.
   */
  private static async cleanLeftovers(parent: string, base: string, root: string): Promise<void> {
    const pattern = leftoverPattern(base);
    for (const name of await readdir(parent)) {
      const match = pattern.exec(name);
      if (!match) continue;
      const pid = Number(match[2]);
      if (pid !== process.pid && processAlive(pid)) continue;
      const path = join(parent, name);
      const info = await lstat(path).catch(() => null);
      if (!info?.isDirectory()) continue;
      if (match[1] === 'tmp') {
        const marker = await lstat(join(path, STAGING_MARKER)).catch(() => null);
        if (marker?.isFile()) await rm(path, { recursive: true, force: true });
        continue;
      }
      const isReport = (await earlierReportFiles(path)) !== null || (await readdir(path)).length === 0;
      if (!isReport) continue;
      if ((await lstat(root).catch(() => null)) === null) await rename(path, root);
      else await rm(path, { recursive: true, force: true });
    }
  }

  /** Absolute path of `rel` in the staging directory, checked to lie inside it (lexically). */
  resolvePath(rel: string): string {
    const path = resolve(this.staging, rel);
    if (isAbsolute(rel) || !inside(this.staging, path) || relative(this.staging, path) === STAGING_MARKER) {
      throw new CnibenchError('report-outside-output', msg.outsideOutput(rel, this.root));
    }
    return path;
  }

  /** Check `rel`'s real parent and its leaf (no symbolic link, no special file); returns the path to write. */
  private async checkedPath(rel: string): Promise<string> {
    const path = this.resolvePath(rel);
    await guarded(path, () => mkdir(dirname(path), { recursive: true }));
    const parent = await realpath(dirname(path));
    if (parent !== this.staging && !inside(this.staging, parent)) {
      throw new CnibenchError('report-outside-output', msg.outsideOutput(rel, this.root));
    }
    const existing = await lstat(path).catch(() => null);
    if (existing && !existing.isFile()) {
      throw new CnibenchError('report-outside-output', msg.outsideOutput(rel, this.root));
    }
    return path;
  }

  private record(path: string): void {
    this.written.add(relative(this.staging, path).split(sep).join('/'));
  }

  /** Write a file (creating folders), refusing any path whose real parent lies outside the staging directory. */
  async write(rel: string, data: string | Uint8Array): Promise<void> {
    const path = await this.checkedPath(rel);
    await guarded(path, () => this.fileSystem.writeFile(path, data));
    this.record(path);
  }

  /** Write a file from chunks (large CSVs), with the same checks as write(). */
  async writeChunks(rel: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
    const path = await this.checkedPath(rel);
    await guarded(path, () => this.fileSystem.writeFile(path, ''));
    this.record(path);
    await guarded(path, async () => {
      // O_NOFOLLOW: the leaf was checked, and stays a plain file when opened
      const handle = await open(path, constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW);
      try {
        for (const chunk of chunks) await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
      } finally {
        await handle.close();
      }
    });
  }

  /**
   * Write a file through `fill`, which gets the checked absolute path (an encoder streaming into the file), with the
   * same checks as write().
   */
  async writeWith(rel: string, fill: (path: string) => void | Promise<void>): Promise<void> {
    const path = await this.checkedPath(rel);
    await guarded(path, () => this.fileSystem.writeFile(path, ''));
    this.record(path);
    await guarded(path, async () => fill(path));
  }

  /** Did the output directory hold an earlier report when the build began? */
  get hadReport(): boolean {
    return this.previous !== null;
  }

  /** Files written so far, `/`-separated, sorted. */
  files(): string[] {
    return [...this.written].sort();
  }

  /**
   * Swap the finished report in: carry the user's own files over from the earlier report, rename OUT away, rename
   * the staging directory to OUT, then remove the old one.
   */
  async commit(): Promise<void> {
    if (this.finished) return;
    await rm(join(this.staging, STAGING_MARKER), { force: true });
    const current = await lstat(this.root).catch(() => null);
    if (current === null) {
      await guarded(this.root, () => rename(this.staging, this.root));
      this.finished = true;
      return;
    }
    if (this.previous !== null) await this.carryOver('');
    await chmod(this.staging, current.mode & 0o7777).catch(() => undefined);
    const old = join(dirname(this.root), `.${basename(this.root)}.cnibench-old-${process.pid}`);
    await rm(old, { recursive: true, force: true });
    await guarded(this.root, () => rename(this.root, old));
    try {
      await guarded(this.root, () => rename(this.staging, this.root));
    } catch (error) {
      await rename(old, this.root).catch(() => undefined);
      throw error;
    }
    this.finished = true;
    // fs.rm unlinks symbolic links inside, it never follows them out of the directory; the new report is in place
    // already, so a failure here only leaves the old one beside it, which the next build removes
    await rm(old, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Give up: remove the staging directory; OUT is left as it was. */
  async abort(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await rm(this.staging, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Entries of the earlier report that it did not list (the user's own), linked into the new report. */
  private async carryOver(rel: string): Promise<void> {
    const from = join(this.root, rel);
    for (const name of await readdir(from)) {
      const child = rel === '' ? name : `${rel}/${name}`;
      const source = join(from, name);
      const info = await lstat(source);
      if (info.isDirectory()) {
        await this.carryOver(child);
        continue;
      }
      if (this.previous!.has(child)) continue;
      const target = join(this.staging, child);
      // a file the new report writes replaces the old one, as a rebuild always did
      if ((await lstat(target).catch(() => null)) !== null) continue;
      const targetParent = dirname(target);
      const parentInfo = await lstat(targetParent).catch(() => null);
      if (parentInfo !== null && !parentInfo.isDirectory()) {
        throw new CnibenchError('report-output-conflict', msg.cannotKeep(child, this.root));
      }
      await guarded(target, () => mkdir(targetParent, { recursive: true }));
      await guarded(target, async () => {
        try {
          await link(source, target); // link(2) does not follow a symbolic link: the link itself is kept
        } catch (error) {
          if (info.isSymbolicLink()) await symlink(await readlink(source), target);
          else if (info.isFile()) await copyFile(source, target);
          else throw error;
        }
      });
    }
  }
}
