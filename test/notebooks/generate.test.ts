/** The notebook generator: one kernel-neutral source, one notebook per kernel. */
import { describe, expect, it } from 'vitest';
import { notebookFor, parseSource, stable, type Notebook } from '../../scripts/notebooks.js';

const SOURCE = [
  '// %% [markdown]',
  '// # Title',
  '//',
  '// text',
  '',
  '// %% [markdown] [deno]',
  '// only under Deno',
  '',
  '// %%',
  "import * as cnibench from 'cnibench';",
  'const x = 1;',
  '',
  '// %% [tslab]',
  "console.log('only under tslab');",
  '',
  '// %%',
  'const figure = make();',
  'await show(figure);',
  '',
  '// %%',
  'await show(',
  '  figure,',
  ');',
].join('\n');

const code = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join(''));

describe('notebookFor', () => {
  it('keeps tagged cells for their kernel only, and gives each kernel its setup and metadata', () => {
    const deno = notebookFor(SOURCE, 'deno');
    const tslab = notebookFor(SOURCE, 'tslab');
    expect(deno.metadata['kernelspec']).toMatchObject({ name: 'deno' });
    expect(tslab.metadata['kernelspec']).toMatchObject({ name: 'tslab' });
    expect(deno.cells.map((c) => c.source.join(''))).toContain('only under Deno');
    expect(tslab.cells.map((c) => c.source.join(''))).not.toContain('only under Deno');
    expect(code(tslab)).toContain("console.log('only under tslab');");
    expect(code(deno)).not.toContain("console.log('only under tslab');");
    expect(code(deno)[0]).toContain("from '../../dist/index.js'");
    expect(code(deno)[0]).toContain("import { show } from '../../dist/notebook/index.js';");
    expect(code(tslab)[0]).toContain("import * as tslab from 'tslab';");
    expect(code(tslab)[0]).toContain('showWith(value, tslab)');
    expect(deno.cells[0]!.source).toEqual(['# Title\n', '\n', 'text']);
    expect(deno.cells.map((c) => c.id)).toEqual(['cell-01', 'cell-02', 'cell-03', 'cell-04', 'cell-05']);
  });

  it("under Deno turns a cell's final one-line show into the cell's value (which displays itself)", () => {
    expect(code(notebookFor(SOURCE, 'deno')).slice(1)).toEqual([
      'const figure = make();\nfigure',
      'await show(\n  figure,\n);',
    ]);
    expect(code(notebookFor(SOURCE, 'tslab')).slice(2)).toEqual([
      'const figure = make();\nawait show(figure);',
      'await show(\n  figure,\n);',
    ]);
  });

  it('names the file and line of a malformed source', () => {
    expect(() => parseSource('const x = 1;\n', 'nb.ts')).toThrow('nb.ts:1: expected a cell marker');
    expect(() => parseSource('// %% [markdown]\n# not a comment\n', 'nb.ts')).toThrow('nb.ts:2: a markdown cell');
    expect(() => notebookFor('// %%\nconst x = 1;\n', 'deno', 'nb.ts')).toThrow("nb.ts: no cell holds import");
  });
});

describe('stable', () => {
  it('removes timings and execution counts and joins stream chunks, however the kernel split them', () => {
    const executed = (chunks: string[]): Notebook => ({
      ...notebookFor(SOURCE, 'deno'),
      cells: [
        {
          id: 'cell-01',
          cell_type: 'code',
          metadata: { execution: { 'iopub.status.busy': '2026-01-01T00:00:00Z' } },
          source: ['x'],
          execution_count: 7,
          outputs: [
            ...chunks.map((text) => ({ output_type: 'stream', name: 'stdout', text })),
            { output_type: 'execute_result', execution_count: 7, data: { 'text/plain': 'x' }, metadata: {} },
          ],
        },
      ],
    });
    const a = stable(executed(['one\ntw', 'o\nthree\n']));
    const b = stable(executed(['one\n', 'two\nthree\n']));
    expect(a).toEqual(b);
    expect(a.cells[0]).toEqual({
      id: 'cell-01',
      cell_type: 'code',
      metadata: {},
      source: ['x'],
      execution_count: null,
      outputs: [
        { output_type: 'stream', name: 'stdout', text: ['one\n', 'two\n', 'three\n'] },
        { output_type: 'execute_result', execution_count: null, data: { 'text/plain': 'x' }, metadata: {} },
      ],
    });
  });
});
