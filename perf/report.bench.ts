// Report: wall time and peak memory of the whole `cnibench report build` (ingest → statistics → figures → render →
// tables → data → pages) on the example campaign's design, 2 testbeds × 4 distributions × 5 plugins, at 10 iterations
// (400 archives; target ≤ 4 s) and 1,000 iterations (40,000 archives; target ≤ 60 s and ≤ 1.5 GB peak RSS), and on
// a look-alike of an A-shaped real campaign (81 archives: 9 CNI setups × OS variants × tunings; target ≤ 3 s).
//
// What is measured is what a user runs: the compiled CLI, `node bin/cnibench.js report build DIR -o OUT` (run
// `npm run build` first; `npm run bench` does), in a child process of its own. Per-stage wall times come from the
// CLI's progress lines on stderr, stamped as they arrive. The render workers are child processes of the CLI: CPU is
// the CLI's own (getrusage, written at exit by a preload module) plus that of the children it waited for
// (/proc/self/stat); on Linux the resident memory of the CLI and its descendants together is sampled from /proc
// every 50 ms (to tell which stage sets the peak), and peak RSS is the highest sample or the CLI's own maxRSS. Campaign generation is not timed.
//
// Environment: REPORT_BENCH_LARGE=0 skips the large campaign; REPORT_BENCH_FORMATS=svg,png (default svg,png,pdf, the
// CLI's default); REPORT_BENCH_RUNS=3 repeats each build (default 1); REPORT_BENCH_THREADS=N passes --threads N;
// REPORT_BENCH_DIR=/some/dir keeps the generated campaigns there and reuses them on the next run;
// REPORT_BENCH_CLI=path/to/bin/cnibench.js runs another (built) checkout's CLI.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
// REPORT_BENCH_CLI=/other/checkout/bin/cnibench.js measures another build (before/after comparisons)
const cli = process.env['REPORT_BENCH_CLI'] ?? join(root, 'bin', 'cnibench.js');

/** Preload (a data: URL, no file of its own): writes this process's maxRSS (KiB) to the file named in the env. */
const PRELOAD =
  'data:text/javascript,' +
  encodeURIComponent(
    `import { readFileSync, writeFileSync } from 'node:fs';` +
      `process.on('exit', () => { const f = process.env.CNIBENCH_BENCH_RUSAGE; if (!f) return;` +
      // CPU of the children it waited for (the render workers, ended before exit): cutime + cstime of /proc/self/stat,
      // in clock ticks (100 a second on Linux)
      ` let children = 0; try { const s = readFileSync('/proc/self/stat', 'utf8');` +
      ` const t = s.slice(s.lastIndexOf(')') + 2).split(' '); children = (Number(t[13]) + Number(t[14])) * 10; } catch {}` +
      ` writeFileSync(f, JSON.stringify({ ...process.resourceUsage(), childrenCpuMs: children })); });`,
  );

interface BuildNumbers {
  readonly totalMs: number;
  /** stage label → wall ms */
  readonly stages: [string, number][];
  /** stage label → highest sampled RSS (MiB), Linux only */
  readonly stageRss: Map<string, number>;
  readonly maxRssMiB: number;
  /** CPU time of all the child's threads (user + system), ms: less sensitive than wall time to a busy machine */
  readonly cpuMs: number;
}

/**
 * The example campaign with `iterations` runs per cell. The generator stops at 99 iterations, so larger campaigns
 * reuse its 99 runs per cell in turn (hard links named 0001 … 1000): the same design and realistic files, with
 * repeated values, which is what the timing needs.
 */
async function generate(dir: string, iterations: number): Promise<number> {
  const { writeExampleCampaign } = await import('../src/synth/example.js');
  if (iterations <= 99) return writeExampleCampaign(dir, { iterations }).files.length;
  const base = `${dir}-base`;
  writeExampleCampaign(base, { iterations: 99 });
  let count = 0;
  const walk = (rel: string): void => {
    const entries = readdirSync(join(base, rel), { withFileTypes: true });
    const runs = entries
      .filter((e) => e.isFile() && /^\d+\./.test(e.name))
      .map((e) => e.name)
      .sort();
    mkdirSync(join(dir, rel), { recursive: true });
    for (const e of entries) {
      if (e.isDirectory()) walk(join(rel, e.name));
      else if (!/^\d+\./.test(e.name)) copyFileSync(join(base, rel, e.name), join(dir, rel, e.name));
    }
    for (let i = 0; runs.length > 0 && i < iterations; i++) {
      const source = runs[i % runs.length]!;
      const ext = source.slice(source.indexOf('.'));
      linkSync(join(base, rel, source), join(dir, rel, `${String(i + 1).padStart(4, '0')}${ext}`));
      count++;
    }
  };
  walk('.');
  return count;
}

/** Resident memory of a process and its descendants (the render workers are child processes), MiB; Linux only. */
function treeResidentMiB(pid: number): number | null {
  const own = residentMiB(pid);
  if (own === null) return null;
  let children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (listed !== '') children = children.concat(listed.split(/\s+/).map(Number));
    }
  } catch {
    // the process ended meanwhile, or the kernel does not list children: its own memory only
  }
  return children.reduce((sum, child) => sum + (treeResidentMiB(child) ?? 0), own);
}

function residentMiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kib === undefined ? null : Number(kib) / 1024;
  } catch {
    return null;
  }
}

function runBuild(
  campaign: string,
  out: string,
  formats: string,
  scratch: string,
  extra: readonly string[] = [],
): Promise<BuildNumbers> {
  const rusageFile = join(scratch, 'rusage.json');
  rmSync(rusageFile, { force: true });
  rmSync(out, { recursive: true, force: true });
  const args = [
    '--import',
    PRELOAD,
    cli,
    'report',
    'build',
    campaign,
    '-o',
    out,
    '--formats',
    formats || 'none',
    ...extra,
  ];
  const threads = process.env['REPORT_BENCH_THREADS'];
  if (threads !== undefined) args.push('--threads', threads);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      env: { ...process.env, CNIBENCH_BENCH_RUSAGE: rusageFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stages: [string, number][] = [];
    const stageRss = new Map<string, number>();
    let current = 'start';
    let since = start;
    let stderr = '';
    let pending = '';
    const enter = (label: string): void => {
      if (label === current) return;
      const now = performance.now();
      stages.push([current, now - since]);
      current = label;
      since = now;
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      // "[3/7] building figures 2/12" → "building figures"
      for (const line of lines) {
        const label = /^\[\d+\/\d+\] (.*?)(?: \d+\/\d+)?$/.exec(line)?.[1];
        if (label !== undefined) enter(label);
      }
    });
    const sampler = setInterval(() => {
      const rss = child.pid === undefined ? null : treeResidentMiB(child.pid);
      if (rss !== null) stageRss.set(current, Math.max(stageRss.get(current) ?? 0, rss));
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const end = performance.now();
      stages.push([current, end - since]);
      if (code !== 0 && code !== 1) return reject(new Error(`report build exited with ${code}:\n${stderr}`));
      if (!existsSync(rusageFile)) return reject(new Error('the child wrote no resource usage'));
      const usage = JSON.parse(readFileSync(rusageFile, 'utf8')) as {
        maxRSS: number;
        userCPUTime: number;
        systemCPUTime: number;
        childrenCpuMs: number;
      };
      // resourceUsage() times are in microseconds; the render workers' CPU is added (child processes)
      const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000 + usage.childrenCpuMs;
      // the peak of the whole process tree as sampled, or the main process's own peak if that is higher
      const sampledPeak = Math.max(0, ...stageRss.values());
      const maxRssMiB = Math.max(usage.maxRSS / 1024, sampledPeak);
      resolve({ totalMs: end - start, stages, stageRss, maxRssMiB, cpuMs });
    });
  });
}

function print(label: string, r: BuildNumbers, targetS: number, targetMiB: number | null): void {
  const stages = r.stages
    .filter(([name]) => name !== 'start')
    .map(([name, ms]) => {
      const rss = r.stageRss.get(name);
      return `    ${name.padEnd(46)} ${(ms / 1000).toFixed(2).padStart(7)} s${rss !== undefined ? `  RSS ≤ ${rss.toFixed(0)} MiB` : ''}`;
    })
    .join('\n');
  const startup = r.stages.find(([name]) => name === 'start')?.[1] ?? 0;
  const seconds = r.totalMs / 1000;
  process.stdout.write(
    `${label}\n` +
      `  total ${seconds.toFixed(2)} s (target ≤ ${targetS} s: ${seconds <= targetS ? 'met' : 'MISSED'}); ` +
      `CPU ${(r.cpuMs / 1000).toFixed(2)} s (all threads and render workers; machine load ${loadavg()[0]!.toFixed(1)})\n` +
      `  peak RSS ${r.maxRssMiB.toFixed(0)} MiB` +
      `${targetMiB !== null ? ` (target ≤ ${targetMiB} MiB: ${r.maxRssMiB <= targetMiB ? 'met' : 'MISSED'})` : ''}\n` +
      `    ${'node start-up, module loading'.padEnd(46)} ${(startup / 1000).toFixed(2).padStart(7)} s\n` +
      `${stages}\n`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(join(cli, '..', '..', 'dist', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  }
  const formats = process.env['REPORT_BENCH_FORMATS'] ?? 'svg,png,pdf';
  const runs = Math.max(1, Number(process.env['REPORT_BENCH_RUNS'] ?? '1'));
  const scratch = mkdtempSync(join(tmpdir(), 'cnibench-report-bench-'));
  try {
    process.stdout.write(`compiled CLI ${cli}, figure formats: ${formats || 'none'}, ${runs} run(s) each\n`);
    const keep = process.env['REPORT_BENCH_DIR'];
    const campaigns = keep ?? scratch;
    const small = join(campaigns, 'small');
    const n = keep !== undefined && existsSync(small) ? 400 : await generate(small, 10);
    for (let run = 1; run <= runs; run++) {
      const r = await runBuild(small, join(scratch, 'out-small'), formats, scratch);
      print(`${n} archives (the example's design), run ${run}`, r, 4, null);
    }
    // an A-shaped campaign (issue 14): 9 CNI setups × 3 OS variants × tunings, 3 runs, 81 archives; plugin compared
    const shapeA = join(campaigns, 'shape-a');
    const { writeShapeA } = await import('../test/helpers/lookalikes.js');
    const a = keep !== undefined && existsSync(shapeA) ? { archives: 81 } : writeShapeA(shapeA);
    for (let run = 1; run <= runs; run++) {
      const r = await runBuild(shapeA, join(scratch, 'out-shape-a'), formats, scratch, ['--factor', 'plugin']);
      print(`${a.archives} archives (shape A look-alike), run ${run}`, r, 3, null);
    }
    if (process.env['REPORT_BENCH_LARGE'] !== '0') {
      const large = join(campaigns, 'large');
      const t0 = performance.now();
      const count = keep !== undefined && existsSync(large) ? 40_000 : await generate(large, 1000);
      process.stdout.write(
        `(generated ${count} files in ${((performance.now() - t0) / 1000).toFixed(1)} s, not timed)\n`,
      );
      for (let run = 1; run <= runs; run++) {
        const r = await runBuild(large, join(scratch, 'out-large'), formats, scratch);
        print(`${count} archives, run ${run}`, r, 60, 1536);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
