/**
 * The LaTeX tables compile where a paper needs them: `\input` into a two-column IEEE-sized article with Debian's
 * pdflatex, without an error, a "Float too large" or an overfull box wider than 1 pt — on the example's report, on
 * designs with many levels, on hostile level names, and in the `table` (column) and `longtable` forms.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { buildReport } from '../../src/report/index.js';
import {
  anovaTermsTable,
  cellsTable,
  chooseEnvironment,
  deltasTable,
  flagsTable,
  latexTable,
  paperTables,
  type DisplayTable,
} from '../../src/tables/index.js';
import type { Analysis } from '../../src/stats/index.js';
import { makeAnalysis } from '../figures/data.js';
import { compileTables, describeLatex, type LatexLog } from '../helpers/latex.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { writeShapeA, writeShapeB, type Lookalike } from '../helpers/lookalikes.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function expectClean(result: LatexLog): void {
  const problems = [
    ...result.errors,
    ...result.floatTooLarge,
    ...result.overfull.filter((o) => o.pt > 1).map((o) => o.line),
  ];
  expect(problems, problems.length > 0 ? result.log.slice(-3000) : '').toEqual([]);
  expect(result.status).toBe(0);
}

function paperFiles(analysis: Analysis): { name: string; tex: string }[] {
  const tables: DisplayTable[] = [
    cellsTable(analysis),
    deltasTable(analysis),
    anovaTermsTable(analysis),
    flagsTable(analysis),
  ];
  return tables.flatMap((t) => paperTables(t)).map((t) => ({ name: `${t.id}.tex`, tex: latexTable(t) }));
}

/** Every emitted LaTeX file is pure ASCII: pdflatex without Unicode set-up never stops on a character. */
function expectAscii(files: readonly { name: string; tex: string }[]): void {
  for (const f of files) expect(f.tex, f.name).toMatch(/^[\x09\x0a\x20-\x7e]*$/);
}

describeLatex('LaTeX tables compile in a two-column IEEE-sized article', () => {
  it('the example report: every table in tables/latex/', { timeout: 120_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'cnibench-latex-example-'));
    dirs.push(out);
    await buildReport(join(REPO_ROOT, 'fixtures', 'example-campaign'), { out: join(out, 'r'), formats: [] });
    const dir = join(out, 'r', 'tables', 'latex');
    const files = readdirSync(dir).map((name) => ({ name, tex: readFileSync(join(dir, name), 'utf8') }));
    // one per testbed × metric of cells, deltas, anova; interactions where flags exist
    expect(files.filter((f) => f.name.startsWith('cells-')).map((f) => f.name)).toEqual([
      'cells-ath-bandwidth.tex',
      'cells-ath-cpu.tex',
      'cells-ath-ram.tex',
      'cells-uom-bandwidth.tex',
      'cells-uom-cpu.tex',
      'cells-uom-ram.tex',
    ]);
    expectAscii(files);
    expectClean(compileTables(files));
  });

  it(
    'the look-alikes of the real shapes A (9 CNI setups compared) and B (16 MTUs compared)',
    { timeout: 240_000 },
    async () => {
      const scratch = mkdtempSync(join(tmpdir(), 'cnibench-latex-shapes-'));
      dirs.push(scratch);
      const shapes: Lookalike[] = [writeShapeA(join(scratch, 'a')), writeShapeB(join(scratch, 'b'))];
      const files: { name: string; tex: string }[] = [];
      for (const [i, shape] of shapes.entries()) {
        const out = join(scratch, `report-${i}`);
        await buildReport(shape.dir, { out, formats: [], factor: shape.factor, baseline: shape.baseline });
        const dir = join(out, 'tables', 'latex');
        for (const name of readdirSync(dir))
          files.push({ name: `${i}-${name}`, tex: readFileSync(join(dir, name), 'utf8') });
      }
      expect(files.length).toBeGreaterThan(10);
      expectAscii(files);
      expectClean(compileTables(files));
    },
  );

  it(
    '12 and 16 compared levels, 12 plugins: wide parts are cut into column groups, long ones into pieces',
    { timeout: 120_000 },
    () => {
      const twelve = makeAnalysis({
        distributions: ['k8s', ...Array.from({ length: 11 }, (_, i) => `d${i + 1}`)],
        plugins: Array.from({ length: 12 }, (_, i) => `plugin-${i + 1}`),
        iterations: 3,
      });
      const sixteen = makeAnalysis({
        testbeds: ['ATH'],
        distributions: ['k8s', ...Array.from({ length: 15 }, (_, i) => `mtu${1000 + i * 500}`)],
        iterations: 3,
      });
      const files = [...paperFiles(twelve), ...paperFiles(sixteen).map((f) => ({ ...f, name: `b-${f.name}` }))];
      expect(files.some((f) => f.name.includes('-c2'))).toBe(true);
      expect(files.some((f) => /part 2 of/.test(f.tex))).toBe(true);
      expect(files.some((f) => f.tex.includes('resizebox'))).toBe(false);
      expectAscii(files);
      expectClean(compileTables(files));
    },
  );

  it('hostile level names (≥, é, 日本, 50%_\\&) print as written, ASCII only', { timeout: 60_000 }, () => {
    const analysis = makeAnalysis({
      testbeds: ['ATH'],
      plugins: ['flannel', 'calico'],
      labels: { plugin: { flannel: 'Fläñnel ≥ 2 日本', calico: '50%_\\&{x}' }, distribution: { k3s: 'K3s — “lite”' } },
      iterations: 3,
    });
    const files = paperFiles(analysis);
    expectAscii(files);
    const all = files.map((f) => f.tex).join('\n');
    expect(all).toContain('Fl{\\"{a}}{\\~{n}}nel $\\geq$ 2 U+65E5U+672C');
    expect(all).toContain('50\\%\\_\\textbackslash{}\\&\\{x\\}');
    expectClean(compileTables(files));
  });

  it(
    'a narrow selection is a column `table`; a longtable compiles in a one-column document',
    { timeout: 60_000 },
    () => {
      const analysis = makeAnalysis({
        testbeds: ['UOM'],
        distributions: ['k8s', 'k3s'],
        plugins: ['flannel', 'cilium'],
        iterations: 3,
      });
      const [narrow] = paperTables(cellsTable(analysis, { metrics: ['ram'] }));
      expect(chooseEnvironment(narrow!)).toBe('table');
      const column = latexTable(narrow!, { caption: 'RAM of two plugins', label: 'tab:ram' });
      expect(column).toContain('\\begin{table}[htbp]');
      expect(column).toContain('\\label{tab:ram}');
      expectClean(compileTables([{ name: 'narrow.tex', tex: column }]));

      const big = makeAnalysis({ iterations: 3 });
      const [long] = paperTables(cellsTable(big), { by: [], maxRows: Infinity });
      expect(long!.rows.length).toBeGreaterThan(100);
      const tex = latexTable(long!, { environment: 'longtable' });
      expect(tex).toContain('\\begin{longtable}');
      expectClean(compileTables([{ name: 'long.tex', tex }], { twocolumn: false }));
    },
  );
});
