/**
 * The build bundles the command line (scripts/bundle-cli.mjs → dist/cli/bundle/), which bin/cnibench.js runs when it
 * is at least as new as dist/cli/main.js. The bundle must do exactly what the compiled modules do, and an older
 * bundle must never shadow a main.js compiled since. `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExampleCampaign } from '../../src/synth/example.js';
import { REPO_ROOT } from '../helpers/shared.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnibench-cli-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file under a directory, relative path → bytes. */
function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path), readFileSync(path));
    }
  }
  return files;
}

describe('the bundled command line', () => {
  it('is built, and writes the same report, byte for byte, as the compiled modules do', () => {
    expect(existsSync(join(REPO_ROOT, 'dist', 'cli', 'bundle', 'main.js')), 'the build made no CLI bundle').toBe(true);
    const campaign = join(scratch, 'campaign');
    writeExampleCampaign(campaign, { iterations: 2 });
    const run = (entry: string, out: string) =>
      spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const cli = await import(${JSON.stringify(entry)}); process.exitCode = await cli.main(process.argv.slice(1));`,
          'report',
          'build',
          campaign,
          '-o',
          out,
          '--formats',
          'svg',
          '-q',
        ],
        { encoding: 'utf8' },
      );
    const bundled = run(join(REPO_ROOT, 'dist', 'cli', 'bundle', 'main.js'), join(scratch, 'bundled'));
    const modules = run(join(REPO_ROOT, 'dist', 'cli', 'main.js'), join(scratch, 'modules'));
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0);
    expect(modules.status).toBe(0);
    expect(bundled.stdout.replaceAll('bundled', 'modules')).toBe(modules.stdout);
    const a = filesOf(join(scratch, 'bundled'));
    const b = filesOf(join(scratch, 'modules'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect(a.size).toBeGreaterThan(10);
    for (const [path, bytes] of a) {
      // the report names the directory it was written to nowhere in its files: they must be the same bytes
      expect(bytes.equals(b.get(path)!), path).toBe(true);
    }
  });

  it('bin/cnibench.js runs the bundle only when it is at least as new as dist/cli/main.js', () => {
    // a copy of the package (its node_modules linked) whose bundle says where it came from
    const root = join(scratch, 'package');
    cpSync(join(REPO_ROOT, 'bin'), join(root, 'bin'), { recursive: true });
    cpSync(join(REPO_ROOT, 'dist'), join(root, 'dist'), { recursive: true, filter: (s) => !s.endsWith('.blob') });
    cpSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
    const bundle = join(root, 'dist', 'cli', 'bundle', 'main.js');
    const main = join(root, 'dist', 'cli', 'main.js');
    writeFileSync(bundle, "export async function main() { process.stdout.write('the bundle\\n'); return 0; }\n");
    const version = (): string =>
      spawnSync(process.execPath, [join(root, 'bin', 'cnibench.js'), '--version'], { encoding: 'utf8' }).stdout.trim();
    const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
    at(main, 1_000_000);
    at(bundle, 2_000_000);
    expect(version()).toBe('the bundle');
    at(bundle, 1_000_000);
    expect(version()).toBe('the bundle');
    // main.js compiled again after the bundle was made: the bundle is old, main.js runs
    at(main, 3_000_000);
    expect(version()).toMatch(/^\d+\.\d+\.\d+$/);
    rmSync(bundle);
    expect(version()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
