import { afterEach, describe, expect, it } from 'vitest';
import * as msg from '../../src/notebook/messages.js';
import { JUPYTER_DISPLAY, withDisplay } from '../../src/model/index.js';
import {
  displayFigure,
  displayHtml,
  HTML_MIME,
  htmlRecords,
  recordsView,
  show,
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

  it('under tslab sends one representation per output through its public display, the most portable one', async () => {
    const shown: [string, unknown][] = [];
    const display = { raw: (type: string, data: string | Uint8Array) => shown.push([type, data]) };
    await show({ [VEGA_LITE_MIME]: {}, [SVG_MIME]: '<svg/>', [TEXT_MIME]: 't' }, { display });
    await show({ [HTML_MIME]: '<p/>', [TEXT_MIME]: 't' }, display);
    await show(
      withDisplay({}, () => ({ [TEXT_MIME]: 'summary' })),
      display,
    );
    expect(shown).toEqual([
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
