import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { writeExampleCampaign } from '../../src/synth/example.js';
import { buildReport } from '../../src/report/build.js';
import { stripsSkipped } from '../../src/report/messages.js';
import { designSize } from '../../src/report/index.js';
import { ingestCampaign } from '../../src/ingest/index.js';
import { analyse } from '../../src/stats/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnibench-report-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string> = {}) {
  const io = memoryIO(scratch, env);
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('cnibench report build: usage', () => {
  it('documents every option with defaults and examples', async () => {
    const { code, out } = await run(['report', '--help']);
    expect(code).toBe(0);
    for (const option of [
      '--out',
      '--baseline',
      '--node',
      '--formats',
      '--size',
      '--png-scale',
      '--date',
      '--strict',
    ]) {
      expect(out).toContain(option);
    }
    expect(out).toContain('SOURCE_DATE_EPOCH');
    expect(out).toContain('Examples:');
    expect(out).toContain('cnibench report build my-campaign -o out/report');
  });

  it.each([
    [['report'], 'report needs a subcommand: build'],
    [['report', 'frobnicate'], 'unknown report subcommand "frobnicate"'],
    [['report', 'build', '--formats', 'gif'], '--formats expects a comma-separated list of svg, png, pdf, got "gif"'],
    [['report', 'build', '--node', 'master'], '--node expects one of server, client, both, got "master"'],
    [['report', 'build', '--size', 'huge'], '--size expects one of page, column, got "huge"'],
    [['report', 'build', '--png-scale=0'], '--png-scale expects a positive number, got "0"'],
    [['report', 'build', '--date', 'tomorrow'], '--date expects an ISO date'],
    [['report', 'build', '--threads', '0'], '--threads expects an integer ≥ 1, got "0"'],
    [['report', 'build', 'a', 'b'], 'takes one campaign directory, got also "b"'],
    [['report', 'build', 'no-such-dir'], 'no-such-dir does not exist or is not a directory'],
    [['report', 'build', '--colour'], "Unknown option '--colour'"],
  ])('%j fails with exit 2 and a clear message', async (args, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('rejects a bad SOURCE_DATE_EPOCH naming the variable', async () => {
    const { code, err } = await run(['report', 'build', '--formats', 'none'], { SOURCE_DATE_EPOCH: 'soon' });
    expect(code).toBe(2);
    expect(err).toContain('SOURCE_DATE_EPOCH expects');
  });
});

describe('cnibench report build: end to end', () => {
  const campaign = join(scratch, 'campaign');
  writeExampleCampaign(campaign, { iterations: 3 });

  it('builds a generated campaign, prints progress and a summary, deterministically', async () => {
    // figures as .vl.json only: rendering is covered (and its determinism) in report.test.ts; this keeps the test fast
    const args = (out: string) => ['report', 'build', campaign, '-o', out, '--formats', 'none', '--max-findings', '5'];
    const first = await run(args('first'), { SOURCE_DATE_EPOCH: '1700000000' });
    expect(first.err).toContain('[1/7] reading the campaign');
    expect(first.err).toContain('[7/7] writing index.md, report.html, summary.json');
    expect(first.out).toContain('report of Synthetic replica');
    expect(first.out).toContain(`written to ${join(scratch, 'first')}`);
    expect([0, 1]).toContain(first.code);
    const summary = JSON.parse(readFileSync(join(scratch, 'first', 'summary.json'), 'utf8'));
    expect(summary.date).toBe('2023-11-14T22:13:20Z');
    expect(summary.display.formats).toEqual([]);
    expect(summary.counts.cells).toBeGreaterThan(0);
    expect(first.code).toBe(summary.ledger.rejected > 0 || summary.renderErrors.length > 0 ? 1 : 0);
    const index = readFileSync(join(scratch, 'first', 'index.md'), 'utf8');
    expect(index.indexOf('## Findings')).toBeLessThan(index.indexOf('## Figures'));
    expect(index).toContain('](figures/paper-grid-');

    const second = await run([...args('second'), '--quiet'], { SOURCE_DATE_EPOCH: '1700000000' });
    expect(second.err).not.toContain('[1/7]');
    for (const file of summary.files as string[]) {
      const a = readFileSync(join(scratch, 'first', file));
      const b = readFileSync(join(scratch, 'second', file));
      expect(a.equals(b), file).toBe(true);
    }
  });

  it('leaves the iterations view out beyond maxIterationsForStrips, and says so', async () => {
    const result = await buildReport(campaign, {
      out: join(scratch, 'strips'),
      formats: [],
      maxIterationsForStrips: 2,
    });
    expect(result.summary.figures.some((f) => f.id.startsWith('iterations-'))).toBe(false);
    expect(result.summary.notes).toEqual([stripsSkipped(3, 2)]);
    expect(readFileSync(join(result.outDir, 'index.md'), 'utf8')).toContain('The iterations view was left out');
    const full = await buildReport(campaign, { out: join(scratch, 'strips-full'), formats: [] });
    expect(full.summary.figures.some((f) => f.id.startsWith('iterations-'))).toBe(true);
  });

  it('refuses a design above --max-cells before computing anything, with its size and a subset to build', async () => {
    // the example's design: 2 testbeds × 4 distributions × 5 plugins; every cell of every metric counted
    const dataset = await ingestCampaign(campaign, { samples: 'none' });
    const size = designSize(dataset);
    expect(size.combinations).toBe(40);
    expect(size.cells).toBe(analyse(dataset).summaries.length);
    const out = join(scratch, 'too-large');
    const refused = await run(['report', 'build', campaign, '-o', out, '--max-cells', String(size.cells - 1), '-q']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`5 plugin × 4 distribution × 2 testbed = 40 level combinations`);
    expect(refused.err).toContain(`above the bound of ${(size.cells - 1).toLocaleString('en-US')} cells`);
    expect(refused.err).toContain('--levels plugin=flannel,calico,cilium,kube-router,kube-ovn');
    expect(refused.err).not.toContain('[2/7]'); // refused before the statistics
    expect(refused.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    // the subset it suggests builds: one plugin of five has a fifth of the cells
    const subset = await run([
      'report',
      'build',
      campaign,
      '-o',
      out,
      '--max-cells',
      String(size.cells - 1),
      '--levels',
      'plugin=flannel',
      '--levels',
      'testbed=ATH',
      '--formats',
      'none',
      '-q',
    ]);
    expect([0, 1]).toContain(subset.code);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.counts.cells).toBe(size.cells / 10);
  });

  it('writes at most --max-latex-parts LaTeX parts a table and says in the Method what it left out', async () => {
    const full = await buildReport(campaign, { out: join(scratch, 'latex-all'), formats: [] });
    const allTex = full.files.filter((f) => f.startsWith('tables/latex/cells'));
    expect(allTex.length).toBeGreaterThan(2); // one per testbed × metric
    const out = join(scratch, 'latex-bounded');
    const bounded = await run(['report', 'build', campaign, '-o', out, '--max-latex-parts', '2', '--formats', 'none']);
    expect([0, 1]).toContain(bounded.code);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const texFiles = (summary.files as string[]).filter((f) => f.startsWith('tables/latex/'));
    for (const table of ['cells', 'deltas']) {
      const parts = summary.tables
        .find((t: { id: string }) => t.id === table)
        .files.filter((f: string) => f.endsWith('.tex'));
      expect(parts.length).toBe(2);
      expect(texFiles.filter((f) => f.startsWith(`tables/latex/${table}`)).length).toBe(2);
      // the first parts, in table order, the same files as in the full build
      const fullParts = full.summary.tables.find((t) => t.id === table)!.files.filter((f) => f.endsWith('.tex'));
      expect(parts).toEqual(fullParts.slice(0, 2));
      for (const file of parts) expect(existsSync(join(out, file))).toBe(true);
    }
    const note = summary.notes.find((n: string) => n.startsWith('LaTeX: the cells table'));
    expect(note).toContain(`makes ${allTex.length} paper-sized parts; the first 2 are in tables/latex/`);
    expect(note).toContain('tables/cells.csv');
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toContain('LaTeX: the cells table makes');
    // the whole table is still in CSV: as many rows as the full build's
    expect(readFileSync(join(out, 'tables', 'cells.csv'), 'utf8')).toBe(
      readFileSync(join(full.outDir, 'tables', 'cells.csv'), 'utf8'),
    );
    const bad = await run(['report', 'build', campaign, '--max-latex-parts', '0', '--formats', 'none', '-q']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--max-latex-parts expects an integer ≥ 1, got "0"');
  });

  it('--levels names an unknown level: exit 2 naming the factor and its levels', async () => {
    const { code, err } = await run([
      'report',
      'build',
      campaign,
      '--levels',
      'plugin=weave',
      '--formats',
      'none',
      '-q',
    ]);
    expect(code).toBe(2);
    expect(err).toContain('weave');
    expect(err).toContain('flannel');
  });

  it('without DIR builds the bundled example campaign into reports/example under the current directory', async () => {
    const { code, out } = await run(['report', 'build', '--formats', 'none', '-q']);
    expect([0, 1]).toContain(code);
    const match = /written to (.+)\n/.exec(out);
    expect(match?.[1]).toBe(join(scratch, 'reports', 'example'));
    expect(existsSync(join(match![1]!, 'report.html'))).toBe(true);
    const summary = JSON.parse(readFileSync(join(match![1]!, 'summary.json'), 'utf8'));
    expect(summary.ledger.files).toBeGreaterThanOrEqual(400);
  });
});
