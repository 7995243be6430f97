/**
 * The output directory guard: every write goes through it, and a path that resolves outside the chosen directory
 * (`..`, an absolute path, a symbolic link pointing elsewhere) is refused before anything is written.
 */
import { lstat, mkdir, open, readdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CnibenchError } from '../model/index.js';
import * as msg from './messages.js';

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export class OutputDir {
  /** absolute, symlink-resolved root */
  readonly root: string;
  private readonly written = new Set<string>();

  private constructor(root: string) {
    this.root = root;
  }

  /**
   * Open (create) the output directory. When it already holds a cnibench report, the files that report listed are
   * removed first (so a rebuild leaves no stale figure); any other non-empty directory is refused.
   */
  static async open(dir: string): Promise<OutputDir> {
    const absolute = resolve(dir);
    const info = await stat(absolute).catch(() => null);
    if (info && !info.isDirectory()) throw new CnibenchError('report-output-not-dir', msg.outputIsFile(absolute));
    await mkdir(absolute, { recursive: true });
    const out = new OutputDir(await realpath(absolute));
    await out.clearPrevious();
    return out;
  }

  /** Absolute path of `rel`, checked to lie inside the root (lexically). */
  resolvePath(rel: string): string {
    const path = resolve(this.root, rel);
    if (isAbsolute(rel) || !inside(this.root, path)) {
      throw new CnibenchError('report-outside-output', msg.outsideOutput(rel, this.root));
    }
    return path;
  }

  /** Write a file (creating folders), refusing any path whose real parent lies outside the root. */
  async write(rel: string, data: string | Uint8Array): Promise<void> {
    const path = this.resolvePath(rel);
    await mkdir(dirname(path), { recursive: true });
    const parent = await realpath(dirname(path));
    if (parent !== this.root && !inside(this.root, parent)) {
      throw new CnibenchError('report-outside-output', msg.outsideOutput(rel, this.root));
    }
    const existing = await lstat(path).catch(() => null);
    if (existing?.isSymbolicLink() || (existing && !existing.isFile())) {
      throw new CnibenchError('report-outside-output', msg.outsideOutput(rel, this.root));
    }
    await writeFile(path, data);
    this.written.add(relative(this.root, path).split(sep).join('/'));
  }

  /** Write a file from chunks (large CSVs), with the same checks as write(). */
  async writeChunks(rel: string, chunks: Iterable<string>): Promise<void> {
    const path = this.resolvePath(rel);
    await this.write(rel, '');
    const handle = await open(path, 'w');
    try {
      for (const chunk of chunks) await handle.write(chunk);
    } finally {
      await handle.close();
    }
  }

  /**
   * Write a file through `fill`, which gets the checked absolute path (an encoder streaming into the file), with the
   * same checks as write().
   */
  async writeWith(rel: string, fill: (path: string) => void | Promise<void>): Promise<void> {
    const path = this.resolvePath(rel);
    await this.write(rel, '');
    await fill(path);
  }

  /** Files written so far, `/`-separated, sorted. */
  files(): string[] {
    return [...this.written].sort();
  }

  private async clearPrevious(): Promise<void> {
    const entries = await readdir(this.root);
    if (entries.length === 0) return;
    const summary = await readFile(resolve(this.root, 'summary.json'), 'utf8').catch(() => null);
    let files: unknown = null;
    try {
      const parsed = summary === null ? null : (JSON.parse(summary) as { kind?: unknown; files?: unknown });
      if (parsed?.kind === 'cnibench-report') files = parsed.files;
    } catch {
      files = null;
    }
    if (!Array.isArray(files)) {
      throw new CnibenchError('report-output-not-empty', msg.notAReportDirectory(this.root), {
        hint: msg.notAReportDirectoryHint,
      });
    }
    for (const file of files) {
      if (typeof file !== 'string') continue;
      // the listed names are checked like any write: a tampered summary.json cannot delete outside the root
      const path = this.resolvePath(file);
      await rm(path, { force: true });
    }
  }
}
