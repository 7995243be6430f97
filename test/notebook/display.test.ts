import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as msg from '../../src/notebook/messages.js';
import {
  displayBundle,
  displayFigure,
  displayHtml,
  HTML_MIME,
  SVG_MIME,
  TEXT_MIME,
  VEGA_LITE_MIME,
  vegaLiteBundle,
} from '../../src/notebook/index.js';

const require = createRequire(import.meta.url);
let fakeKernelDir: string | undefined;
let fakeKernelId: string | undefined;

/**
 * A stand-in for tslab's `dist/jupyter.js` loaded in the CommonJS cache, as the kernel has it while a cell runs:
 * its `lastWriteDisplayData` records the messages it is given.
 */
function loadFakeKernel(): unknown[] {
  fakeKernelDir = mkdtempSync(join(tmpdir(), 'cnibench-fake-tslab-'));
  const dist = join(fakeKernelDir, 'tslab', 'dist');
  mkdirSync(dist, { recursive: true });
  fakeKernelId = join(dist, 'jupyter.js');
  writeFileSync(
    fakeKernelId,
    'exports.sent = []; exports.lastWriteDisplayData = (content, update) => exports.sent.push({ content, update });\n',
  );
  return (require(fakeKernelId) as { sent: unknown[] }).sent;
}

afterEach(() => {
  if (fakeKernelId !== undefined) delete require.cache[fakeKernelId];
  if (fakeKernelDir !== undefined) rmSync(fakeKernelDir, { recursive: true, force: true });
  fakeKernelDir = fakeKernelId = undefined;
});

describe('displayBundle', () => {
  it('fails with a clear message outside a tslab kernel when there is no fallback', () => {
    expect(() => displayBundle({ [TEXT_MIME]: 'x' })).toThrow(msg.noKernel());
  });

  it('sends the whole bundle as one display_data message through the running kernel', () => {
    const sent = loadFakeKernel();
    const bundle = { [SVG_MIME]: '<svg/>', [TEXT_MIME]: 'fig' };
    displayBundle(bundle);
    expect(sent).toEqual([{ content: { data: bundle, metadata: {}, transient: {} }, update: false }]);
  });

  it('displayHtml sends HTML with its plain-text twin', () => {
    const sent = loadFakeKernel();
    displayHtml('<table></table>', 'a table');
    expect(sent).toEqual([
      {
        content: { data: { [HTML_MIME]: '<table></table>', [TEXT_MIME]: 'a table' }, metadata: {}, transient: {} },
        update: false,
      },
    ]);
  });

  it('falls back to one representation through tslab.display when the kernel writer is not reachable', () => {
    const shown: [string, unknown][] = [];
    const fallback = { raw: (type: string, data: string | Uint8Array) => shown.push([type, data]) };
    displayBundle({ 'application/vnd.vegalite.v5+json': {}, [SVG_MIME]: '<svg/>', [TEXT_MIME]: 't' }, { fallback });
    displayBundle({ [HTML_MIME]: '<p/>', [TEXT_MIME]: 't' }, { fallback });
    expect(shown).toEqual([
      [SVG_MIME, '<svg/>'],
      [HTML_MIME, '<p/>'],
    ]);
  });

  it('displayFigure sends a figure as one Vega-Lite bundle with its SVG fallback', async () => {
    const sent = loadFakeKernel() as { content: { data: Record<string, unknown> } }[];
    const figure = {
      id: 'f',
      title: 'A figure',
      caption: '',
      shows: {},
      spec: { data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } },
    } as const;
    await displayFigure(figure);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.content.data).toEqual(await vegaLiteBundle(figure));
    expect(Object.keys(sent[0]!.content.data).sort()).toEqual([VEGA_LITE_MIME, SVG_MIME, TEXT_MIME].sort());
  });
});
