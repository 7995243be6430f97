import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/build.js';
import { OutputDir } from '../../src/report/output.js';
import { interpreterScript } from '../../src/report/assets.js';
import { normaliseDate } from '../../src/report/date.js';
import { isCnibenchError } from '../../src/model/errors.js';
import { makeAnalysis, makeDataset } from '../tables/fixture.js';
import { expectGolden, hostileFigure } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnibench-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out.sort();
}

describe('writeReport on a hand-made analysis', () => {
  const inputs = {
    dataset: makeDataset(),
    analysis: makeAnalysis(),
    figures: [hostileFigure(), hostileFigure('../../escape')],
  };

  it('writes the folder, matching the golden index.md, deltas.tex and summary.json', async () => {
    const dir = join(scratch, 'golden');
    const result = await writeReport(dir, inputs, { formats: ['svg'], date: '2024-02-01', renderThreads: 1 });
    const files = listFiles(dir);
    expect(files).toEqual(result.files);
    for (const f of ['index.md', 'report.html', 'summary.json', 'ledger.json', 'data/tidy.csv', 'data/tidy.arrow']) {
      expect(files).toContain(f);
    }
    for (const t of ['cells', 'deltas', 'anova', 'interactions']) {
      for (const ext of ['md', 'csv']) expect(files).toContain(`tables/${t}.${ext}`);
    }
    // LaTeX: paper-sized parts, one per testbed × metric, in tables/latex/
    for (const t of ['cells', 'deltas', 'anova']) {
      expect(files.filter((f) => f.startsWith(`tables/latex/${t}-`)).length, t).toBeGreaterThan(0);
    }
    // a figure id from data cannot leave figures/
    expect(files).toContain('figures/bars.svg');
    expect(files).toContain('figures/__.._escape.vl.json');
    expectGolden('index.md', readFileSync(join(dir, 'index.md'), 'utf8'));
    const deltasTex = files.filter((f) => f.startsWith('tables/latex/deltas-'));
    expectGolden('deltas.tex', deltasTex.map((f) => `% ${f}\n${readFileSync(join(dir, f), 'utf8')}`).join('\n'));
    expectGolden('summary.json', readFileSync(join(dir, 'summary.json'), 'utf8'));
  });

  it('is deterministic: two builds give byte-identical files (PNG and PDF included)', async () => {
    const a = await writeReport(join(scratch, 'a'), inputs, { formats: ['svg', 'png', 'pdf'], renderThreads: 1 });
    const b = await writeReport(join(scratch, 'b'), inputs, { formats: ['svg', 'png', 'pdf'], renderThreads: 1 });
    expect(a.files).toEqual(b.files);
    expect(a.files).toContain('figures/bars.pdf');
    for (const f of a.files) {
      expect(readFileSync(join(a.outDir, f)).equals(readFileSync(join(b.outDir, f))), f).toBe(true);
    }
    // without --date, the date is the newest knb date of the data, not the clock
    expect(a.summary.date).toBe('2024-01-05 10:00:00');
    expect(a.summary.dateSource).toBe('data');
  });

  it('escapes hostile labels in HTML and forbids the network by CSP', async () => {
    const dir = join(scratch, 'html');
    await writeReport(dir, inputs, { formats: [] });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    // every script is inline (no src=) and the data block cannot be closed early
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    const block = /<script type="application\/json" id="cnibench-figures">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(block)).toHaveLength(2);
    // no http(s) reference outside the inlined libraries' own code and the Vega-Lite $schema
    const md = readFileSync(join(dir, 'index.md'), 'utf8');
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).not.toMatch(/[^\\]<script>/);
  });

  it('rebuilds into its own earlier report, removing stale files', async () => {
    const dir = join(scratch, 'rebuild');
    await writeReport(dir, { ...inputs, figures: [hostileFigure('old')] }, { formats: ['svg'], renderThreads: 1 });
    expect(listFiles(dir)).toContain('figures/old.svg');
    await writeReport(dir, inputs, { formats: ['svg'], renderThreads: 1 });
    expect(listFiles(dir)).not.toContain('figures/old.svg');
  });

  it('refuses a non-empty directory that is not a report', async () => {
    const dir = join(scratch, 'occupied');
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.tex'), 'precious');
    const error = await writeReport(dir, inputs, { formats: [] }).catch((e: unknown) => e);
    expect(isCnibenchError(error) && error.code).toBe('report-output-not-empty');
    expect(readFileSync(join(dir, 'thesis.tex'), 'utf8')).toBe('precious');
  });

  it('writes nothing outside the output directory, symbolic links included', async () => {
    const dir = join(scratch, 'guard');
    const out = await OutputDir.open(dir);
    expect(() => out.resolvePath('../outside.txt')).toThrow(/outside the output directory/);
    expect(() => out.resolvePath('/etc/passwd')).toThrow(/outside the output directory/);
    const elsewhere = join(scratch, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out.staging, 'figures'));
    await expect(out.write('figures/x.svg', 'x')).rejects.toThrow(/outside the output directory/);
    expect(readdirSync(elsewhere)).toEqual([]);
    await out.abort();
    // a tampered summary.json cannot make a rebuild delete files outside either
    mkdirSync(dir);
    writeFileSync(join(scratch, 'victim.txt'), 'keep');
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ kind: 'cnibench-report', files: ['../victim.txt'] }));
    await writeReport(dir, inputs, { formats: [] });
    expect(readFileSync(join(scratch, 'victim.txt'), 'utf8')).toBe('keep');
  });
});

describe('report helpers', () => {
  it('turns vega-interpreter into a classic script reading the vega global', () => {
    const esm =
      "import { a, b } from 'vega-util';\nconst expression = { a, b };\nexport { expression as expressionInterpreter };\n";
    const script = interpreterScript(esm)!;
    expect(script).toContain('const { a, b } = globalThis.vega;');
    expect(script).toContain('globalThis.vegaExpressionInterpreter = expression;');
    expect(script).not.toMatch(/^\s*(import|export)\b/m);
    expect(interpreterScript('export default 1;')).toBeNull();
  });

  it('normalises report dates and rejects others with the option name', () => {
    expect(normaliseDate('2024-01-15', '--date')).toBe('2024-01-15');
    expect(normaliseDate('1700000000', 'SOURCE_DATE_EPOCH')).toBe('2023-11-14T22:13:20Z');
    expect(normaliseDate('2024-01-15T10:00:00+02:00', '--date')).toBe('2024-01-15T08:00:00Z');
    expect(() => normaliseDate('yesterday', 'SOURCE_DATE_EPOCH')).toThrow(/SOURCE_DATE_EPOCH expects an ISO date/);
  });
});
