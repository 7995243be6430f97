/**
 * Static checks of the committed notebooks (test/notebooks/ re-executes them; this reads them as GitHub shows them):
 * the tslab kernel is declared, no cell failed, every figure carries its SVG fallback, nothing machine-specific
 * (temporary paths, this checkout's location, dates) leaked into the outputs, and the files stay small.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

const DIR = join(REPO_ROOT, 'notebooks');
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.ipynb') && !f.endsWith('.got.ipynb'))
  .sort();
const joined = (v: unknown): string => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : JSON.stringify(v));

describe.each(names)('%s as committed', (name) => {
  const path = join(DIR, name);
  const nb = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
  const outputs = nb.cells.flatMap((c) => c.outputs ?? []);

  it('declares the tslab kernel and holds outputs, none of them an error or stderr', () => {
    expect(nb.metadata.kernelspec?.name).toBe('tslab');
    expect(outputs.length).toBeGreaterThan(0);
    expect(outputs.filter((o) => o.output_type === 'error' || o.name === 'stderr')).toEqual([]);
  });

  it('shows every Vega-Lite figure with an SVG fallback and a plain-text title', () => {
    const figures = outputs.filter((o) => o.data?.[VEGA_LITE_MIME] !== undefined);
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
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
