import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { showFrom } from '../../src/notebook/display.js';
import * as msg from '../../src/notebook/messages.js';
import { tslabWriter } from '../../src/notebook/tslab.js';
import { JUPYTER_DISPLAY, withDisplay } from '../../src/model/index.js';
import {
  displayFigure,
  displayHtml,
  HTML_MIME,
  htmlRecords,
  recordsView,
  show,
  type SingleMimeDisplay,
  SVG_MIME,
  TEXT_MIME,
  VEGA_LITE_MIME,
  vegaLiteBundle,
} from '../../src/notebook/index.js';

type Sent = { value: unknown; options: unknown };

/** A stand-in for Deno's kernel global as it is while a cell runs: `Deno.jupyter.display` records what it gets. */
function fakeDenoKernel(): Sent[] {
  const sent: Sent[] = [];
  const jupyter = { display: async (value: unknown, options: unknown) => void sent.push({ value, options }) };
  (globalThis as { Deno?: unknown }).Deno = { jupyter };
  return sent;
}

afterEach(() => {
  delete (globalThis as { Deno?: unknown }).Deno;
});

const figure = {
  id: 'f',
  title: 'A figure',
  caption: '',
  shows: {},
  spec: { data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } },
} as const;

describe('show', () => {
  it('fails with a clear message outside a kernel when no tslab display is given', async () => {
    await expect(show({ [TEXT_MIME]: 'x' })).rejects.toThrow(msg.noKernel());
  });

  it('rejects a value that neither displays itself nor is a MIME bundle', async () => {
    fakeDenoKernel();
    await expect(show(42)).rejects.toThrow(msg.notDisplayable('number'));
    await expect(show({ rows: [] })).rejects.toThrow(msg.notDisplayable('object'));
  });

  it("under Deno's kernel sends the object's whole bundle, raw, as one display", async () => {
    const sent = fakeDenoKernel();
    const value = withDisplay({ n: 1 }, async () => ({ [SVG_MIME]: '<svg/>', [TEXT_MIME]: 'fig' }));
    await show(value);
    expect(sent).toEqual([{ value: { [SVG_MIME]: '<svg/>', [TEXT_MIME]: 'fig' }, options: { raw: true } }]);
  });

  it('through a display that is not tslab 1.0.x sends the most portable type alone, and says so once', async () => {
    const shown: [string, unknown][] = [];
    const display = { raw: (type: string, data: string | Uint8Array) => shown.push([type, data]) };
    await show({ [VEGA_LITE_MIME]: {}, [SVG_MIME]: '<svg/>', [TEXT_MIME]: 't' }, { display });
    await show({ [HTML_MIME]: '<p/>', [TEXT_MIME]: 't' }, display);
    await show(
      withDisplay({}, () => ({ [TEXT_MIME]: 'summary' })),
      display,
    );
    expect(shown).toEqual([
      [TEXT_MIME, msg.oneTypePerOutput(null)],
      [SVG_MIME, '<svg/>'],
      [HTML_MIME, '<p/>'],
      [TEXT_MIME, 'summary'],
    ]);
    await expect(show({ [VEGA_LITE_MIME]: {} }, display)).rejects.toThrow(msg.noPortableType([VEGA_LITE_MIME]));
    shown.length = 0;
    const spec = { mark: 'point' };
    await show({ [VEGA_LITE_MIME]: spec, [SVG_MIME]: '<svg/>' }, { display, prefer: [VEGA_LITE_MIME] });
    expect(shown).toEqual([[VEGA_LITE_MIME, spec]]);
  });

  it('recordsView shows records as an HTML table with its caption as the text twin', async () => {
    const sent = fakeDenoKernel();
    const view = recordsView([{ plugin: '<b>', ram: 649.302 }], { caption: 'RAM' });
    await show(view);
    expect(sent).toEqual([
      {
        value: { [HTML_MIME]: htmlRecords([{ plugin: '<b>', ram: 649.302 }], { caption: 'RAM' }), [TEXT_MIME]: 'RAM' },
        options: { raw: true },
      },
    ]);
    expect(recordsView([{ a: 1 }, { a: 2 }]).text).toBe('<table: 2 rows>');
  });

  it('displayHtml sends HTML with its plain-text twin', async () => {
    const sent = fakeDenoKernel();
    await displayHtml('<table></table>', 'a table');
    expect(sent).toEqual([
      { value: { [HTML_MIME]: '<table></table>', [TEXT_MIME]: 'a table' }, options: { raw: true } },
    ]);
  });

  it('displayFigure sends a figure as one Vega-Lite bundle with its SVG fallback', async () => {
    const sent = fakeDenoKernel();
    await displayFigure(figure);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.value).toEqual(await vegaLiteBundle(figure));
    expect(Object.keys(sent[0]!.value as object).sort()).toEqual([VEGA_LITE_MIME, SVG_MIME, TEXT_MIME].sort());
  });
});

describe('withDisplay', () => {
  it('attaches a display method that stays out of spreads, keys and JSON', () => {
    const value = withDisplay({ a: 1 }, (v) => ({ [TEXT_MIME]: `a = ${v.a}` }));
    expect(value[JUPYTER_DISPLAY]()).toEqual({ [TEXT_MIME]: 'a = 1' });
    expect(Object.keys(value)).toEqual(['a']);
    expect(JSON.stringify(value)).toBe('{"a":1}');
    expect(JUPYTER_DISPLAY in { ...value }).toBe(false);
    expect(JUPYTER_DISPLAY).toBe(Symbol.for('Jupyter.display'));
  });
});

type Message = [content: unknown, update: boolean];

/**
 * A module shaped like tslab 1.0.22 (dist/public.js, dist/jupyter.js; see node_modules/tslab), in a directory of its
 * own: its public `display.raw(type, data)` ends in the jupyter module's `lastWriteDisplayData`, which the kernel
 * sets for each executing cell (`binding: true`); `binding: false` is a tslab whose jupyter module has no such
 * binding (another version: its display writes through a function of another name).
 */
function fakeTslab(binding: boolean, version = '1.0.22') {
  const dir = mkdtempSync(join(tmpdir(), 'cnibench-fake-tslab-'));
  dirs.push(dir);
  const pkg = join(dir, 'node_modules', 'tslab');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'tslab', version, main: 'dist/public.js' }));
  const writer = binding ? 'lastWriteDisplayData' : 'writeOutput';
  writeFileSync(join(pkg, 'dist', 'jupyter.js'), `exports.${writer} = null;\n`);
  writeFileSync(
    join(pkg, 'dist', 'public.js'),
    [
      "const jupyter = require('./jupyter');",
      `exports.versions = { tslab: ${JSON.stringify(version)} };`,
      'exports.display = {',
      '  raw(type, data) {',
      `    if (jupyter.${writer} == null) throw Error('Not ready');`,
      `    jupyter.${writer}({ data: { [type]: data }, metadata: {}, transient: {} }, false);`,
      '  },',
      '};',
    ].join('\n'),
  );
  const from = join(dir, 'notebook.js'); // a notebook beside the package: `tslab` resolves to it
  const require = createRequire(from);
  const tslab = require('tslab') as { display: SingleMimeDisplay; versions: { tslab: string } };
  const jupyter = require(join(pkg, 'dist', 'jupyter.js')) as Record<string, unknown>;
  const messages: Message[] = [];
  /** what the kernel does when a cell starts executing: the writer of that cell's display_data */
  const execute = () => {
    jupyter[writer] = (content: unknown, update: boolean) => void messages.push([content, update]);
  };
  return { tslab, from: () => [from], messages, execute };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('show under tslab', () => {
  const spec = { mark: 'point', data: { values: [{ a: 1 }] } };
  const bundle = { [VEGA_LITE_MIME]: spec, [SVG_MIME]: '<svg/>', [TEXT_MIME]: '<figure: F>' };

  it('sends the whole bundle as one display_data message through tslab 1.0.x (tslab or tslab.display)', async () => {
    const fake = fakeTslab(true);
    fake.execute();
    await showFrom(
      withDisplay({}, () => bundle),
      fake.tslab,
      fake.from,
    );
    await showFrom({ [HTML_MIME]: '<table/>', [TEXT_MIME]: 'T' }, fake.tslab.display, fake.from);
    await showFrom({ [TEXT_MIME]: 'summary' }, { display: fake.tslab.display }, fake.from);
    expect(fake.messages).toEqual([
      [{ data: bundle, metadata: {}, transient: {} }, false],
      [{ data: { [HTML_MIME]: '<table/>', [TEXT_MIME]: 'T' }, metadata: {}, transient: {} }, false],
      [{ data: { [TEXT_MIME]: 'summary' }, metadata: {}, transient: {} }, false],
    ]);
    // a JSON type as the object itself, as Deno gets it
    expect((fake.messages[0]![0] as { data: Record<string, unknown> }).data[VEGA_LITE_MIME]).toBe(spec);
    // the same keys and data as under Deno's kernel
    const sent = fakeDenoKernel();
    await show(withDisplay({}, () => bundle));
    expect(sent[0]!.value).toEqual((fake.messages[0]![0] as { data: unknown }).data);
  });

  it('sends bytes in base64, as tslab does', async () => {
    const fake = fakeTslab(true);
    fake.execute();
    await showFrom({ 'image/png': new Uint8Array([1, 2, 3]), [TEXT_MIME]: 'p' }, fake.tslab, fake.from);
    expect(fake.messages).toEqual([
      [{ data: { 'image/png': 'AQID', [TEXT_MIME]: 'p' }, metadata: {}, transient: {} }, false],
    ]);
  });

  it('without the binding (another tslab) sends one type through the public display and says so once', async () => {
    const fake = fakeTslab(false, '2.0.0');
    fake.execute();
    await showFrom(
      withDisplay({}, () => bundle),
      fake.tslab,
      fake.from,
    );
    await showFrom({ [HTML_MIME]: '<table/>', [TEXT_MIME]: 'T' }, fake.tslab, fake.from);
    const one = (type: string, data: unknown): Message => [
      { data: { [type]: data }, metadata: {}, transient: {} },
      false,
    ];
    expect(fake.messages).toEqual([
      one(TEXT_MIME, msg.oneTypePerOutput('2.0.0')),
      one(SVG_MIME, '<svg/>'),
      one(HTML_MIME, '<table/>'),
    ]);
    expect(msg.oneTypePerOutput('2.0.0')).toContain('this is tslab 2.0.0');
  });

  it('before any cell has executed (the binding still null) falls back to the public display', async () => {
    const fake = fakeTslab(true);
    expect(tslabWriter(fake.tslab.display, fake.from())).toBeNull();
    // tslab's own display refuses too: nothing can be shown outside an executing cell
    await expect(showFrom(bundle, fake.tslab.display, fake.from)).rejects.toThrow('Not ready');
    fake.execute();
    expect(tslabWriter(fake.tslab.display, fake.from())).toBeTypeOf('function');
  });

  it("never writes through another copy of tslab than the display's own", async () => {
    const kernels = fakeTslab(true);
    const other = fakeTslab(true);
    kernels.execute();
    other.execute();
    // the display is the first copy's; tslab is resolved from where only the second copy is reachable
    await showFrom(bundle, kernels.tslab.display, other.from);
    expect(other.messages).toEqual([]);
    expect(kernels.messages.map(([content]) => Object.keys((content as { data: object }).data))).toEqual([
      [TEXT_MIME],
      [SVG_MIME],
    ]);
  });

  it('reaches the installed tslab 1.0.22 from cnibench by ordinary resolution', async () => {
    const require = createRequire(import.meta.url);
    const main = require.resolve('tslab');
    const tslab = require(main) as { display: SingleMimeDisplay; versions: { tslab: string } };
    const jupyter = createRequire(main)('./jupyter') as { lastWriteDisplayData: unknown };
    expect(tslab.versions.tslab).toBe('1.0.22');
    expect(jupyter.lastWriteDisplayData).toBeNull(); // no kernel here: no cell executing
    const messages: Message[] = [];
    jupyter.lastWriteDisplayData = (content: unknown, update: boolean) => void messages.push([content, update]);
    try {
      await show(
        withDisplay({}, () => bundle),
        tslab,
      );
      // tslab's own public display ends in the same writer: one type per output
      tslab.display.raw(SVG_MIME, '<svg/>');
    } finally {
      jupyter.lastWriteDisplayData = null;
    }
    expect(messages).toEqual([
      [{ data: bundle, metadata: {}, transient: {} }, false],
      // (tslab's default display has no display id and passes no update flag)
      [{ data: { [SVG_MIME]: '<svg/>' }, metadata: {}, transient: { display_id: undefined } }, undefined],
    ]);
  });
});
