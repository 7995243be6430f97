/**
 * Hostile and large input, measured as whole processes of the built CLI (dist/, `npm run bench` builds it first):
 * - peak RSS of `cnibench ingest` over a campaign holding a gzip bomb: a 1 MB .knbdata whose tar declares a 1 GiB member
 *   of zeros, a 3 MB and a 5 MB one (target: under 300 MB, rejected with the limit named);
 * - peak RSS of `cnibench ingest` over 20,000 archives (target: under 1 GB);
 * - `cnibench ingest DIR --format csv -o OUT` over 5,000 real-size archives against a process that only reads and
 *   gunzips them (target: within 3×), wall time, best of 3, with the default threads and with `--threads 2` (the
 *   load average is printed: on a busy machine a parse worker finds no free core);
 * - `cnibench report build` of the factor explosion, 51 distributions × 200 plugins × 3 runs (30,600 archives, written
 *   by perf/explosion-gen.ts): refused with its size and a subset to build (target: under 2 minutes and 2 GB, never
 *   20 minutes); HOSTILE_BENCH_EXPLOSION=0 skips it (writing the archives takes about half a minute).
 * Each child reports its own peak RSS (getrusage) and CPU time when it exits.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bomb, gzipOfZeros } from '../test/helpers/bombs.js';
import { synthesizeRun } from '../src/synth/index.js';
import { writeKnbdata } from '../src/knb/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const cliMain = join(here, '..', 'dist', 'cli', 'main.js');
if (!existsSync(cliMain)) throw new Error(`${cliMain} is missing: run \`npm run build\` first (npm run bench does)`);

interface ChildResult {
  readonly wall: number;
  readonly cpu: number;
  readonly maxRssMb: number;
  readonly status: number | null;
  readonly stderr: string;
}

/** Run a module script in a fresh node process; it reports peak RSS and CPU at exit on stderr's last line. */
function runChild(script: string, args: readonly string[]): ChildResult {
  const report = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\n@@ ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\n`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', report + script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /@@ (\d+) (\d+)\s*$/.exec(r.stderr ?? '');
  return {
    wall,
    cpu: m ? Number(m[2]) / 1e6 : NaN,
    maxRssMb: m ? Number(m[1]) / 1024 : NaN,
    status: r.status,
    stderr: (r.stderr ?? '').replace(/@@ .*\s*$/, '').trim(),
  };
}

const CLI = `const cli = await import(${JSON.stringify(cliMain)}); process.exitCode = await cli.main(process.argv.slice(1));`;
const GUNZIP_ONLY = `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
let total = 0;
for (const e of readdirSync(process.argv[1], { recursive: true, withFileTypes: true })) {
  if (e.isFile()) total += gunzipSync(readFileSync(join(e.parentPath, e.name))).length;
}
if (total === 0) process.exitCode = 1;
`;

/** count archives in T/d<i%5>/p<i/5%10>/NNN.knbdata, from 50 distinct synthesized runs. */
function makeCampaign(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cnibench-bench-'));
  const distinct = Array.from({ length: 50 }, (_, i) => writeKnbdata(synthesizeRun({ seed: 1 + i })));
  for (let i = 0; i < count; i++) {
    const cell = join(dir, 'T', `d${i % 5}`, `p${Math.floor(i / 5) % 10}`);
    mkdirSync(cell, { recursive: true });
    writeFileSync(join(cell, `${String(Math.floor(i / 50) + 1).padStart(4, '0')}.knbdata`), distinct[i % 50]!);
  }
  return dir;
}

const mib = 1024 * 1024;
const scratch = mkdtempSync(join(tmpdir(), 'cnibench-bench-out-'));
const dirs: string[] = [];
try {
  // gzip bombs, one campaign each (one good archive beside the bomb)
  const good = writeKnbdata(synthesizeRun({ seed: 3 }));
  for (const [label, size] of [
    ['1 GiB member', 1024 * mib],
    ['3 GiB member', 3 * 1024 * mib],
    ['5 GiB member', 5 * 1024 * mib],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'cnibench-bomb-'));
    dirs.push(dir);
    const cell = join(dir, 'T', 'd', 'p');
    mkdirSync(cell, { recursive: true });
    writeFileSync(join(cell, '01.knbdata'), good);
    const gz = bomb(size);
    writeFileSync(join(cell, '02.knbdata'), gz);
    const r = runChild(CLI, ['ingest', dir, '-o', join(scratch, `bomb-${size}`), '-q']);
    const ledger = JSON.parse(readFileSync(join(scratch, `bomb-${size}`, 'ledger.json'), 'utf8')) as {
      entries: { file: string; status: string; reason?: string }[];
    };
    const e = ledger.entries.find((x) => x.file === 'T/d/p/02.knbdata');
    console.log(
      `gzip bomb ${(gz.length / mib).toFixed(1)} MB (${label}): peak RSS ${r.maxRssMb.toFixed(0)} MB, ${r.wall.toFixed(2)} s, ${e?.status}: ${e?.reason?.replace(/^.*?error: /, '')}`,
    );
  }
  {
    // zeros without any tar header: nothing to refuse early, the unpacked size limit stops the inflate
    const dir = mkdtempSync(join(tmpdir(), 'cnibench-bomb-'));
    dirs.push(dir);
    const cell = join(dir, 'T', 'd', 'p');
    mkdirSync(cell, { recursive: true });
    const gz = gzipOfZeros(5 * 1024 * mib);
    writeFileSync(join(cell, '01.knbdata'), gz);
    const r = runChild(CLI, ['ingest', dir, '-o', join(scratch, 'zeros'), '-q']);
    const ledger = JSON.parse(readFileSync(join(scratch, 'zeros', 'ledger.json'), 'utf8')) as {
      entries: { file: string; status: string; reason?: string }[];
    };
    const e = ledger.entries.find((x) => x.file === 'T/d/p/01.knbdata');
    console.log(
      `gzip of 5 GiB of zeros, no tar, ${(gz.length / mib).toFixed(1)} MB: peak RSS ${r.maxRssMb.toFixed(0)} MB, ${r.wall.toFixed(2)} s, ${e?.status}: ${e?.reason?.replace(/^.*?error: /, '')}`,
    );
  }
  console.log('target: a gzip bomb is rejected with the limit named, peak RSS under 300 MB');

  // 20,000 archives: peak RSS of the whole ingest process (tidy CSV written too)
  const n20 = Number(process.env['BENCH_MEMORY_ARCHIVES'] ?? 20_000);
  const big = makeCampaign(n20);
  dirs.push(big);
  const mem = runChild(CLI, ['ingest', big, '--format', 'csv', '-o', join(scratch, 'big'), '-q']);
  console.log(
    `cnibench ingest, ${n20} archives (--format csv -o): peak RSS ${mem.maxRssMb.toFixed(0)} MB, ${mem.wall.toFixed(1)} s (exit ${mem.status})`,
  );
  console.log('target: under 1 GB for 20,000 archives');

  // ingest --format csv against read + gunzip, whole processes: with the default threads (the cores less one, at most
  // 4: one thread on 2 cores) and with --threads 2 (a parse worker sharing the files, where a core is free)
  const n5 = Number(process.env['BENCH_ARCHIVES'] ?? 5000);
  const five = makeCampaign(n5);
  dirs.push(five);
  let gunzip: ChildResult | null = null;
  let ingest: ChildResult | null = null;
  let two: ChildResult | null = null;
  for (let round = 0; round < 3; round++) {
    const g = runChild(GUNZIP_ONLY, [five]);
    const i = runChild(CLI, ['ingest', five, '--format', 'csv', '-o', join(scratch, 'five'), '-q']);
    if (i.status !== 0) throw new Error(`cnibench ingest exited ${i.status}: ${i.stderr}`);
    const t = runChild(CLI, ['ingest', five, '--format', 'csv', '-o', join(scratch, 'five-2'), '-q', '--threads', '2']);
    if (t.status !== 0) throw new Error(`cnibench ingest --threads 2 exited ${t.status}: ${t.stderr}`);
    if (!gunzip || g.wall < gunzip.wall) gunzip = g;
    if (!ingest || i.wall < ingest.wall) ingest = i;
    if (!two || t.wall < two.wall) two = t;
  }
  const ratios = (r: ChildResult) =>
    `${r.wall.toFixed(2)} s (cpu ${r.cpu.toFixed(2)} s): ${(r.wall / gunzip!.wall).toFixed(2)}× wall, ${(r.cpu / gunzip!.cpu).toFixed(2)}× cpu`;
  console.log(
    `${n5} archives, whole processes, best of 3 (load ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores): ` +
      `read + gunzip ${gunzip!.wall.toFixed(2)} s (cpu ${gunzip!.cpu.toFixed(2)} s); ` +
      `cnibench ingest --format csv ${ratios(ingest!)}; with --threads 2 ${ratios(two!)}`,
  );
  console.log('target: within 3× of read + gunzip');

  if (process.env['HOSTILE_BENCH_EXPLOSION'] !== '0') {
    const explosion = mkdtempSync(join(tmpdir(), 'cnibench-explosion-'));
    dirs.push(explosion);
    const gen = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'explosion-gen.ts'), explosion], {
      encoding: 'utf8',
    });
    if (gen.status !== 0) throw new Error(`perf/explosion-gen.ts failed: ${gen.stderr}`);
    const r = runChild(CLI, ['report', 'build', explosion, '-o', join(scratch, 'explosion'), '-q']);
    const said = r.stderr.split('\n').find((l) => l.includes('too large')) ?? r.stderr.slice(0, 200);
    console.log(
      `report build of 51 × 200 levels (30,600 archives): exit ${r.status} in ${r.wall.toFixed(1)} s, ` +
        `peak RSS ${r.maxRssMb.toFixed(0)} MB: ${said.slice(0, 160)}…`,
    );
    console.log('target: under 2 minutes and 2 GB, or refused with a clear message that suggests a subset');
  }
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}
