/**
 * Issue 11 (items 1, 4, 7): a rebuild never deletes or writes outside the output directory, a failed or killed build
 * leaves the previous report intact, and a full disk is a clear error, not "a bug".
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReport, type ReportInputs } from '../../src/report/build.js';
import type { OutputFileSystem } from '../../src/report/output.js';
import { reportError } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { isCnibenchError } from '../../src/model/errors.js';
import { writeExampleCampaign } from '../../src/synth/example.js';
import { makeAnalysis, makeDataset } from '../tables/fixture.js';
import { hostileFigure } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnibench-output-safety-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const inputs: ReportInputs = { dataset: makeDataset(), analysis: makeAnalysis(), figures: [hostileFigure()] };
const runCli = join(dirname(fileURLToPath(import.meta.url)), '..', 'runner', 'run-cli.mjs');

/** Every file under root with its bytes (symbolic links as `-> target`), to compare a directory before and after. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(root, path);
      const info = statSync(path, { throwIfNoEntry: false });
      if (info?.isDirectory()) walk(path);
      else out[rel] = info ? readFileSync(path).toString('base64') : 'missing';
    }
  };
  walk(root);
  return out;
}

/** Leftovers of a build beside `out` (staging or swapped-out directories). */
function leftovers(out: string): string[] {
  return readdirSync(dirname(out)).filter((n) => n.includes('.cnibench-'));
}

function failingOn(nth: number, error: () => Error): OutputFileSystem {
  let calls = 0;
  return {
    async writeFile(path, data) {
      if (++calls === nth) throw error();
      writeFileSync(path, data);
    },
  };
}

function errno(code: string): () => Error {
  return () => Object.assign(new Error(`${code}: injected`), { code });
}

describe('report output directory: nothing outside is deleted or written', () => {
  it('a symlinked folder in an earlier report does not make a rebuild delete through it', async () => {
    const out = join(scratch, 'symlinked', 'report');
    await writeReport(out, inputs, { formats: [] });
    const victimDir = join(scratch, 'symlinked', 'victim');
    mkdirSync(victimDir);
    writeFileSync(join(victimDir, 'key'), 'secret key');
    rmSync(join(out, 'figures'), { recursive: true });
    symlinkSync(victimDir, join(out, 'figures'));
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    summary.files.push('figures/key');
    writeFileSync(join(out, 'summary.json'), JSON.stringify(summary));

    await writeReport(out, inputs, { formats: [] });
    expect(readFileSync(join(victimDir, 'key'), 'utf8')).toBe('secret key');
    expect(readdirSync(victimDir)).toEqual(['key']);
    // the new report has a real figures/ folder
    expect(statSync(join(out, 'figures')).isDirectory()).toBe(true);
    expect(readdirSync(join(out, 'figures'))).toContain('bars.vl.json');
    expect(leftovers(out)).toEqual([]);
  });

  it("keeps the user's own files, drops the earlier report's stale ones", async () => {
    const out = join(scratch, 'own-files');
    await writeReport(out, { ...inputs, figures: [hostileFigure('old')] }, { formats: [] });
    writeFileSync(join(out, 'NOTES.txt'), 'mine');
    writeFileSync(join(out, 'figures', 'sketch.txt'), 'mine too');
    const outsideTarget = join(scratch, 'own-files-target');
    mkdirSync(outsideTarget);
    writeFileSync(join(outsideTarget, 'file'), 'outside');
    symlinkSync(outsideTarget, join(out, 'link-to-elsewhere'));

    await writeReport(out, inputs, { formats: [] });
    expect(readFileSync(join(out, 'NOTES.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'figures', 'sketch.txt'), 'utf8')).toBe('mine too');
    expect(existsSync(join(out, 'figures', 'old.vl.json'))).toBe(false);
    expect(readFileSync(join(out, 'link-to-elsewhere', 'file'), 'utf8')).toBe('outside');
    expect(readFileSync(join(outsideTarget, 'file'), 'utf8')).toBe('outside');
  });
});

describe('report output directory: atomic rebuild', () => {
  it('a build failing midway leaves the previous report byte-identical and says so', async () => {
    const out = join(scratch, 'fails');
    await writeReport(out, inputs, { formats: [], date: '2024-01-01' });
    const before = snapshot(out);
    for (const nth of [1, 5, 12]) {
      const error = await writeReport(
        out,
        { ...inputs, figures: [hostileFigure('new')] },
        {
          formats: [],
          date: '2025-01-01',
          outputFileSystem: failingOn(nth, () => new Error('injected failure')),
        },
      ).catch((e: unknown) => e);
      expect((error as Error).message).toContain('injected failure');
      expect((error as Error).message).toContain(`${out} still holds the previous report, unchanged`);
      expect(snapshot(out)).toEqual(before);
      expect(leftovers(out)).toEqual([]);
    }
  });

  it('a full disk is a clear error (exit 2), not "a bug", and the old report stays', async () => {
    const out = join(scratch, 'full');
    await writeReport(out, inputs, { formats: [] });
    const before = snapshot(out);
    for (const [code, meaning] of [
      ['ENOSPC', 'no space left on device'],
      ['EDQUOT', 'disk quota exceeded'],
      ['EROFS', 'read-only file system'],
      ['EACCES', 'permission denied'],
    ] as const) {
      const error = await writeReport(out, inputs, {
        formats: [],
        outputFileSystem: failingOn(3, errno(code)),
      }).catch((e: unknown) => e);
      expect(isCnibenchError(error) && error.code).toBe('report-storage');
      const io = memoryIO(scratch);
      expect(reportError(error, io)).toBe(2);
      const printed = io.err.join('');
      expect(printed).toMatch(new RegExp(`cnibench: ${meaning} while writing ${scratch}/\\.full\\.cnibench-tmp-\\d+/`));
      expect(printed).toContain('still holds the previous report, unchanged');
      expect(printed).not.toContain('this is a bug');
      expect(snapshot(out)).toEqual(before);
    }
    // a first build that fails writes nothing at all
    const fresh = join(scratch, 'fresh-full');
    const error = await writeReport(fresh, inputs, { formats: [], outputFileSystem: failingOn(2, errno('ENOSPC')) })
      .then(() => null)
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('no space left on device while writing');
    expect(existsSync(fresh)).toBe(false);
    expect(leftovers(fresh)).toEqual([]);
  });

  it('cleans leftovers of a killed build (ours only) and puts back a report swapped out mid-rename', async () => {
    const parent = join(scratch, 'leftovers');
    const out = join(parent, 'report');
    await writeReport(out, inputs, { formats: [] });
    const before = snapshot(out);
    // a staging directory of a dead process (pid 2^22+1 cannot be running), and a look-alike that is not ours
    const dead = 4194305;
    const staging = join(parent, `.report.cnibench-tmp-${dead}`);
    mkdirSync(join(staging, 'figures'), { recursive: true });
    writeFileSync(join(staging, '.cnibench-staging'), `${dead}\n`);
    const foreign = join(parent, `.report.cnibench-tmp-${dead + 1}`);
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'precious.txt'), 'not ours');
    // killed between "rename OUT away" and "rename staging in": OUT is missing, the old report beside it
    const swapped = join(parent, `.report.cnibench-old-${dead}`);
    const { renameSync } = await import('node:fs');
    renameSync(out, swapped);

    const error = await writeReport(out, inputs, { formats: [], outputFileSystem: failingOn(1, errno('ENOSPC')) })
      .then(() => null)
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('no space left on device');
    // the old report is back in place, the dead build's staging directory gone, the look-alike kept
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(staging)).toBe(false);
    expect(existsSync(swapped)).toBe(false);
    expect(readFileSync(join(foreign, 'precious.txt'), 'utf8')).toBe('not ours');
  });

  it('SIGKILL of `cnibench report build` mid-render leaves the old report; the next build succeeds', async () => {
    const campaign = join(scratch, 'kill-campaign');
    writeExampleCampaign(campaign, { iterations: 2 });
    const out = join(scratch, 'killed', 'report');
    await writeReport(out, inputs, { formats: [] });
    const before = snapshot(out);
    const child = spawn(
      process.execPath,
      [runCli, 'report', 'build', campaign, '-o', out, '--formats', 'svg,png', '--threads', '1'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    const killed = new Promise<void>((resolveKilled, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // the first figure rendered: the build is past the point where the old code had deleted the old report
        if (/rendering figures [1-9]\d*\//.test(stderr)) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolveKilled() : reject(new Error(`exited ${code}: ${stderr}`)),
      );
    });
    await killed;
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out).length).toBe(1); // the killed build's staging directory

    // the next build cleans it up and replaces the report
    const again = await writeReport(out, { ...inputs, figures: [hostileFigure('after')] }, { formats: [] });
    expect(again.files).toContain('figures/after.vl.json');
    expect(existsSync(join(out, 'figures', 'after.vl.json'))).toBe(true);
    expect(leftovers(out)).toEqual([]);
  }, 120_000);
});
