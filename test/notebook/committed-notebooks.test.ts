/**
 * Static checks of the committed notebooks (test/notebooks/ re-executes them; this reads them as GitHub shows them):
 * each declares its kernel, no cell failed, figures show as SVG on the web (under Deno inside a Vega-Lite bundle with
 * the SVG fallback; under tslab, whose public display sends one type per output, as the SVG), nothing
 * machine-specific (temporary paths, this checkout's location, dates) leaked into the outputs, the files stay small,
 * and no notebook needs a node_modules symlink.
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

  it('shows figures as SVG on the web: under Deno in a Vega-Lite bundle with a plain-text title', () => {
    const svgs = outputs.filter((o) => o.data?.[SVG_MIME] !== undefined);
    expect(svgs.length).toBeGreaterThan(0);
    for (const o of svgs) expect(joined(o.data![SVG_MIME])).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const figures = outputs.filter((o) => o.data?.[VEGA_LITE_MIME] !== undefined);
    if (kernel === 'deno') {
      expect(figures.length).toBeGreaterThan(0);
      for (const f of figures) {
        expect(joined(f.data![SVG_MIME])).toMatch(/^<svg[\s\S]*<\/svg>$/);
        expect(joined(f.data![TEXT_MIME])).toMatch(/^<figure: .+>$/);
      }
    } else {
      // tslab's public display: one MIME type per output, so a figure is its SVG alone
      expect(figures).toEqual([]);
      for (const o of outputs.filter((x) => x.data !== undefined)) expect(Object.keys(o.data!)).toHaveLength(1);
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
