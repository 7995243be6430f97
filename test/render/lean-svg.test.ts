import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { paperGrid } from '../../src/figures/paper-grid.js';
import { renderSvg, svgToPdf, svgToPng } from '../../src/figures/render.js';
import { leanSvg } from '../../src/render/lean-svg.js';
import { inCI, toolAvailable } from '../helpers/shared.js';
import { makeAnalysis } from '../tables/fixture.js';

const PDFTOPPM = '/usr/bin/pdftoppm';
const scratch = mkdtempSync(join(tmpdir(), 'cnibench-lean-svg-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('leanSvg', () => {
  it('drops what a static drawing never shows and keeps the drawing', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" class="marks"><g>' +
      '<g class="mark-group" role="graphics-object" aria-roledescription="group mark container" transform="translate(1,2)">' +
      '<path class="background" aria-hidden="true" d="M0,0h5v5h-5Z" stroke="#000" opacity="1" opacity-x="1"/>' +
      '<path class="foreground" aria-hidden="true" d="" display="none"/>' +
      '<g display="none"><text>hidden</text><g><path d="M0,0h1"/></g></g>' +
      '<text aria-label="a &lt; b" role="graphics-symbol" fill="black" pointer-events="none" opacity="0.5">a &lt; b</text>' +
      '</g><g/></g></svg>';
    expect(leanSvg(svg)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' +
        '<g transform="translate(1,2)">' +
        '<path d="M0,0h5v5h-5Z" stroke="#000" opacity-x="1"/>' +
        '<text fill="black" opacity="0.5">a &lt; b</text>' +
        '</g></svg>',
    );
  });

  it('leaves an SVG without such markup as it is', () => {
    const svg = '<svg width="2" height="2"><g transform="scale(2)"><rect width="1" height="1" fill="red"/></g></svg>';
    expect(leanSvg(svg)).toBe(svg);
  });

  describe('on a real figure (the paper grid)', async () => {
    const svg = await renderSvg(Object.values(paperGrid(makeAnalysis()))[0]!.spec);
    const lean = leanSvg(svg);

    it('is much smaller', () => {
      expect(lean.length).toBeLessThan(svg.length * 0.75);
      expect(lean).not.toMatch(/aria-|role=|class=/);
    });

    it('gives the same PNG bytes', async () => {
      expect(Buffer.from(await svgToPng(lean, 1)).equals(Buffer.from(await svgToPng(svg, 1)))).toBe(true);
    });

    it.runIf(toolAvailable(PDFTOPPM) || inCI)('gives a PDF whose page rasterises to the same pixels', async () => {
      const pixels = async (name: string, source: string): Promise<Buffer> => {
        writeFileSync(join(scratch, `${name}.pdf`), await svgToPdf(source));
        execFileSync(PDFTOPPM, ['-r', '100', '-singlefile', join(scratch, `${name}.pdf`), join(scratch, name)]);
        return readFileSync(join(scratch, `${name}.ppm`));
      };
      expect((await pixels('lean', lean)).equals(await pixels('full', svg))).toBe(true);
    });
    if (!(toolAvailable(PDFTOPPM) || inCI)) it.skip('skipped: pdftoppm not found, PDF pixels not compared');
  });
});
