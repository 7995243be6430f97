/**
 * Static checks of the committed notebooks (test/notebooks/ re-executes them; this reads them as GitHub shows them):
 * each declares its kernel, no cell failed, figures show as SVG on the web inside a Vega-Lite bundle with a text
 * title (under tslab too: `show` sends the whole bundle), tslab's outputs carry the same MIME bundles as Deno's cell
 * by cell, nothing machine-specific (temporary paths, this checkout's location, dates) leaked into the outputs, the
 * files stay small, and no notebook needs a node_modules symlink.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.js';
import { SVG_MIME, TEXT_MIME, VEGA_LITE_MIME } from '../../src/notebook/index.js';

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}
interface Notebook {
  metadata: { kernelspec?: { name?: string; language?: string } };
  cells: { cell_type: string; outputs?: Output[] }[];
}

const names = ['deno', 'tslab'].flatMap((kernel) =>
  readdirSync(join(REPO_ROOT, 'notebooks', kernel))
    .filter((f) => f.endsWith('.ipynb') && !f.endsWith('.got.ipynb'))
    .sort()
    .map((f) => `${kernel}/${f}`),
);

it('notebooks need no node_modules of their own (they import the build by path)', () => {
  expect(existsSync(join(REPO_ROOT, 'notebooks', 'node_modules'))).toBe(false);
  expect(names).toHaveLength(6);
});
const joined = (v: unknown): string => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : JSON.stringify(v));

describe.each(names)('%s as committed', (name) => {
  const path = join(REPO_ROOT, 'notebooks', name);
  const kernel = name.split('/')[0]!;
  const nb = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
  const outputs = nb.cells.flatMap((c) => c.outputs ?? []);

  it('declares its kernel and holds outputs, none of them an error or stderr', () => {
    expect(nb.metadata.kernelspec?.name).toBe(kernel);
    expect(outputs.length).toBeGreaterThan(0);
    expect(outputs.filter((o) => o.output_type === 'error' || o.name === 'stderr')).toEqual([]);
  });

  it('shows figures as SVG on the web, in a Vega-Lite bundle with a plain-text title', () => {
    const svgs = outputs.filter((o) => o.data?.[SVG_MIME] !== undefined);
    expect(svgs.length).toBeGreaterThan(0);
    for (const o of svgs) expect(joined(o.data![SVG_MIME])).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const figures = outputs.filter((o) => o.data?.[VEGA_LITE_MIME] !== undefined);
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
      expect(Object.keys(f.data!).sort()).toEqual([VEGA_LITE_MIME, SVG_MIME, TEXT_MIME].sort());
      expect(typeof f.data![VEGA_LITE_MIME]).toBe('object'); // JSON types as objects, not strings
      expect(joined(f.data![SVG_MIME])).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect(joined(f.data![TEXT_MIME])).toMatch(/^<figure: .+>$/);
    }
  });

  it('prints nothing machine-specific: no temporary directory, no path of this checkout, no date of today', () => {
    const text = outputs.map((o) => joined(o.text ?? '') + joined(o.data?.['text/html'] ?? '')).join('\n');
    expect(text).not.toMatch(/\/tmp\/|cnibench-(mtu|paper)-/);
    expect(text).not.toContain(REPO_ROOT);
    expect(text).not.toContain(new Date().toISOString().slice(0, 10));
  });

  it('stays small enough to read on the web (< 1 MB)', () => {
    expect(statSync(path).size).toBeLessThan(1_000_000);
  });
});

/**
 * Deno's kernel renders a cell's completion value itself when it is not a cnibench object (a block ending in
 * `checks.push(…)` has the value 12): an execute_result of text/plain only, in ANSI colours. tslab shows no such
 * value; these outputs are the kernel's, not cnibench's displays.
 */
const denoBareValue = (o: Output): boolean =>
  o.output_type === 'execute_result' &&
  Object.keys(o.data ?? {}).join() === TEXT_MIME &&
  joined(o.data![TEXT_MIME]).includes('\u001b[');

const codeCells = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code');
const notebookNames = names.filter((n) => n.startsWith('deno/')).map((n) => n.slice('deno/'.length));

describe.each(notebookNames)('tslab/%s carries the same MIME bundles as its Deno twin', (file) => {
  const read = (kernel: string) =>
    JSON.parse(readFileSync(join(REPO_ROOT, 'notebooks', kernel, file), 'utf8')) as Notebook;
  const deno = codeCells(read('deno'));
  const tslab = codeCells(read('tslab'));

  it('cell by cell: the same displays, each with the same set of MIME types and the same content', () => {
    // the sources hold no kernel-only code cell: code cells correspond one to one
    expect(tslab).toHaveLength(deno.length);
    const displays = (outputs: Output[] | undefined, kernel: string) =>
      (outputs ?? []).filter((o) => o.data !== undefined && !(kernel === 'deno' && denoBareValue(o)));
    let figures = 0;
    for (const [i, cell] of tslab.entries()) {
      const t = displays(cell.outputs, 'tslab');
      const d = displays(deno[i]!.outputs, 'deno');
      const where = `${file} code cell ${i + 1}`;
      expect(
        t.map((o) => Object.keys(o.data!).sort()),
        where,
      ).toEqual(d.map((o) => Object.keys(o.data!).sort()));
      expect(
        t.map((o) => o.data),
        where,
      ).toEqual(d.map((o) => o.data));
      figures += t.filter((o) => o.data![VEGA_LITE_MIME] !== undefined).length;
    }
    expect(figures).toBeGreaterThan(0);
  });
});

describe.each(['deno', 'tslab'])('%s/02-reproduce-the-reference-study as committed', (kernel) => {
  it('recovers every result the study states: the verdict counts all checks as agreeing', () => {
    const path = join(REPO_ROOT, 'notebooks', kernel, '02-reproduce-the-reference-study.ipynb');
    const nb = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
    const text = nb.cells
      .flatMap((c) => c.outputs ?? [])
      .map((o) => joined(o.text ?? ''))
      .join('');
    const verdict = /(\d+) of (\d+) stated results agree/.exec(text);
    expect(verdict, 'the verdict line').not.toBeNull();
    expect(Number(verdict![2])).toBeGreaterThanOrEqual(60);
    expect(text).not.toContain('does not agree:');
    expect(Number(verdict![1])).toBe(Number(verdict![2]));
  });
});
