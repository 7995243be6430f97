/**
 * reports/example/ is the committed output of `cnibench report build` on the bundled campaign, so that the report can
 * be read on the web without installing anything. This test rebuilds it exactly as `npx cnibench report build` does
 * (the compiled CLI, default options) into a temporary directory and fails when any file differs, is missing or is
 * extra. To refresh after an intended change: `npm run build && node bin/cnibench.js report build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.js';

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out;
}

describe('reports/example', () => {
  it('is what `cnibench report build` produces today from the bundled campaign', () => {
    const committed = join(REPO_ROOT, 'reports', 'example');
    expect(existsSync(committed), 'reports/example is missing: run `node bin/cnibench.js report build`').toBe(true);
    const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
    delete env['SOURCE_DATE_EPOCH']; // the report's date must come from the data, as for a user
    const work = mkdtempSync(join(tmpdir(), 'cnibench-example-'));
    // Same defaults as `npx cnibench report build` run in the repository root, which writes ./reports/example.
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'cnibench.js'), 'report', 'build', '-q'], {
      cwd: work,
      encoding: 'utf8',
      env,
    });
    expect(result.status, result.stderr).toBe(0);
    const fresh = join(work, 'reports', 'example');
    const freshFiles = listFiles(fresh);
    expect(freshFiles).toEqual(listFiles(committed));
    const stale = freshFiles.filter((f) => !readFileSync(join(fresh, f)).equals(readFileSync(join(committed, f))));
    expect(stale, `stale files in reports/example (fresh build in ${fresh})`).toEqual([]);
  }, 300_000);
});
