/**
 * Rendering: SVG by vega headless, PNG by resvg with the bundled DejaVu fonts, PDF by cnibench's writer on pdfkit.
 * Checks sizes (the IEEE widths, the PNG scale), determinism (byte-identical repeats), that PDF embeds its
 * font and is readable by poppler's pdftoppm, and that labels from data cannot inject markup.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  deltaHeatmap,
  figureWidth,
  fontPaths,
  interactionPlot,
  iterationsView,
  paperGrid,
  renderPdf,
  renderPng,
  renderSvg,
  svgSize,
  svgToPdf,
  svgToPng,
  validateSpec,
} from '../../src/figures/index.js';
import { parsedFontFaces } from '../../src/figures/render-fonts.js';
import { CnibenchError } from '../../src/model/errors.js';
import { makeAnalysis } from './data.js';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts', 'figures');
const PDFTOPPM = '/usr/bin/pdftoppm';
const inCI = process.env['CI'] === 'true';

const full = makeAnalysis();
const small = makeAnalysis({
  testbeds: ['UOM'],
  distributions: ['k8s', 'k3s', 'mk8s'],
  plugins: ['flannel', 'calico', 'cilium'],
  iterations: 5,
  seed: 7,
});

/** Width, height, bit depth and colour type from the IHDR chunk, and the decoded pixel bytes' length. */
function decodePng(bytes: Uint8Array): {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  raw: number;
} {
  const buf = Buffer.from(bytes);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(buf.toString('latin1', 12, 16)).toBe('IHDR');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const depth = buf[24]!;
  const colorType = buf[25]!;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return { width, height, depth, colorType, raw: inflateSync(Buffer.concat(idat)).length };
}

describe('SVG', () => {
  it('is byte-identical when rendered again, even after other figures (vega numbers clip ids globally)', async () => {
    const spec = Object.values(paperGrid(small))[0]!.spec;
    const first = await renderSvg(spec);
    await renderSvg(Object.values(deltaHeatmap(small))[0]!.spec);
    expect(await renderSvg(spec)).toBe(first);
    expect(first).toMatch(/^<svg[^>]+width="\d+"/);
    expect(first).toContain('font-family="DejaVu Sans"'.slice(0, 12));
  });

  it.each([
    ['paperGrid', paperGrid],
    ['deltaHeatmap', deltaHeatmap],
    ['interactionPlot', interactionPlot],
    ['iterationsView', iterationsView],
  ] as const)('%s fits the IEEE widths (column 252, page 515 units)', async (_name, build) => {
    for (const size of ['column', 'page'] as const) {
      const warnings: string[] = [];
      const svg = await renderSvg(Object.values(build(full, { size }))[0]!, { onWarning: (w) => warnings.push(w) });
      expect(warnings).toEqual([]); // neither vega-lite nor the vega runtime complained
      const { width, height } = svgSize(svg);
      expect(width).toBeLessThanOrEqual(figureWidth(size) + 4);
      expect(width).toBeGreaterThan(figureWidth(size) * 0.9);
      expect(height).toBeGreaterThan(100);
    }
  });
});

describe('long labels keep the print width', () => {
  it('a fork with a very long plugin name: the heatmap gives it room, up to a limit, and stays within the width', async () => {
    const long = makeAnalysis({
      testbeds: ['UOM'],
      plugins: ['flannel', 'fork'],
      iterations: 4,
      labels: { plugin: { fork: 'Calico-with-eBPF-dataplane-and-wireguard (experimental fork)' } },
    });
    for (const size of ['column', 'page'] as const) {
      const { width } = svgSize(await renderSvg(Object.values(deltaHeatmap(long, { size }))[0]!.spec));
      expect(width).toBeLessThanOrEqual(figureWidth(size) + 4);
      expect(width).toBeGreaterThan(figureWidth(size) * 0.9);
    }
  });
});

describe('warnings reach the caller', () => {
  it('a compile warning is handed to onWarning, never printed', async () => {
    const warnings: string[] = [];
    const spec = {
      data: { values: [{ a: 1 }] },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'a', type: 'nominal' } },
    };
    await renderSvg(spec as never, { onWarning: (w) => warnings.push(w) });
    expect(warnings.join('\n')).toMatch(/shape/);
  });
});

describe('PNG', () => {
  it('decodes at the requested scale, RGBA, and is byte-identical when rendered again', async () => {
    const spec = Object.values(paperGrid(small))[0]!.spec;
    const { width, height } = svgSize(await renderSvg(spec));
    for (const scale of [1, 2.5]) {
      const png = await renderPng(spec, { scale });
      const decoded = decodePng(png);
      expect(decoded.width).toBe(Math.ceil(width * scale));
      expect(decoded.height).toBe(Math.ceil(height * scale));
      expect(decoded.depth).toBe(8);
      expect(decoded.colorType).toBe(6);
      expect(decoded.raw).toBe(decoded.height * (1 + decoded.width * 4));
      expect(Buffer.from(await renderPng(spec, { scale }))).toEqual(Buffer.from(png));
    }
  });

  it('rejects a scale that is not a positive number', async () => {
    await expect(renderPng(Object.values(paperGrid(small))[0]!.spec, { scale: 0 })).rejects.toThrow(CnibenchError);
    await expect(renderPng(Object.values(paperGrid(small))[0]!.spec, { scale: Number.NaN })).rejects.toThrow(
      /positive/,
    );
  });

  it('draws text with the bundled font: a label changes the pixels', async () => {
    const svg = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><rect width="60" height="20" fill="white"/>` +
      `<text x="2" y="14" font-family="DejaVu Sans" font-size="10">${text}</text></svg>`;
    const blank = await svgToPng(svg(''), 1);
    const label = await svgToPng(svg('Calico'), 1);
    expect(Buffer.from(label)).not.toEqual(Buffer.from(blank));
  });

  it('writes the paper grid and heatmap for a human look (test/artifacts/figures)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const figures = [
      Object.values(paperGrid(full))[0]!,
      Object.values(deltaHeatmap(full))[0]!,
      { ...Object.values(paperGrid(full, { size: 'column' }))[0]!, id: 'paper-grid-ath-column' },
    ];
    for (const figure of figures) {
      writeFileSync(join(ARTIFACTS, `${figure.id}.png`), await renderPng(figure.spec, { scale: 3 }));
    }
    expect(existsSync(join(ARTIFACTS, 'paper-grid-ath.png'))).toBe(true);
  });
});

describe('PDF', () => {
  it('is vector, embeds DejaVu Sans, has the figure size, and is byte-identical when rendered again', async () => {
    const spec = Object.values(paperGrid(small))[0]!.spec;
    const pdf = await renderPdf(spec);
    const text = Buffer.from(pdf).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/FontFile2/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    const { width, height } = svgSize(await renderSvg(spec));
    expect(text).toContain(`/MediaBox [0 0 ${width} ${height}]`);
    expect(Buffer.from(await renderPdf(spec))).toEqual(Buffer.from(pdf));
  });

  it('does not depend on the PDFs made before it (the parsed fonts are shared between documents)', async () => {
    const [first, other] = [Object.values(paperGrid(small))[0]!.spec, Object.values(deltaHeatmap(full))[0]!.spec];
    const svg = await renderSvg(first);
    const before = Buffer.from(await svgToPdf(svg));
    // other glyphs and sizes laid out and subset in between: the shared fonts' caches fill with other entries
    await svgToPdf(await renderSvg(other));
    await svgToPdf(svg.replace(/>([^<>]+)<\/text>/, '>Ωλ ÄÖÜ 0123456789 fi fl</text>'));
    expect(Buffer.from(await svgToPdf(svg))).toEqual(before);
  });

  it('shares one parsed copy of each face per thread, which pdfkit measures exactly like the font file', async () => {
    const faces = parsedFontFaces();
    expect(parsedFontFaces()).toBe(faces);
    expect(new Set(Object.values(faces)).size).toBe(4);
    const { default: PDFDocument } = await import('pdfkit');
    const paths = fontPaths();
    const text = 'Kube-router 12.5 Gbit/s Ωλ';
    for (const face of ['regular', 'bold', 'oblique', 'boldOblique'] as const) {
      const fromFile = new PDFDocument({ autoFirstPage: false }).font(paths[face]).fontSize(8).widthOfString(text);
      const shared = new PDFDocument({ autoFirstPage: false })
        .font(faces[face] as never)
        .fontSize(8)
        .widthOfString(text);
      expect(shared).toBe(fromFile);
    }
    const width = (face: 'regular' | 'bold') => (faces[face].layout(text) as { advanceWidth: number }).advanceWidth;
    expect(width('bold')).toBeGreaterThan(width('regular'));
  });

  const pdftoppm = existsSync(PDFTOPPM);
  const needsPdftoppm = pdftoppm || inCI ? it : it.skip;
  needsPdftoppm(
    `pdftoppm reads every figure's PDF and rasterises it at the page size${pdftoppm ? '' : ' [skipped: pdftoppm missing; apt-get install poppler-utils]'}`,
    async () => {
      if (!pdftoppm) throw new Error(`${PDFTOPPM} is missing in CI (install poppler-utils)`);
      const dir = mkdtempSync(join(tmpdir(), 'cnibench-pdf-'));
      try {
        const figures = [
          ...Object.values(paperGrid(small)),
          ...Object.values(deltaHeatmap(small)),
          ...Object.values(interactionPlot(small)),
          ...Object.values(iterationsView(small, { metrics: ['bandwidth'] })),
        ];
        for (const figure of figures) {
          const svg = await renderSvg(figure.spec);
          const pdfPath = join(dir, `${figure.id}.pdf`);
          writeFileSync(pdfPath, await svgToPdf(svg));
          // 72 dpi: one pixel per pt, so the PNG has the SVG's size; stderr must stay clean (no syntax errors).
          const stderr = execFileSync(PDFTOPPM, ['-png', '-r', '72', '-singlefile', pdfPath, join(dir, figure.id)], {
            stdio: ['ignore', 'pipe', 'pipe'],
            encoding: 'utf8',
          });
          expect(stderr).toBe('');
          const decoded = decodePng(readFileSync(join(dir, `${figure.id}.png`)));
          const { width, height } = svgSize(svg);
          expect(Math.abs(decoded.width - width)).toBeLessThanOrEqual(1);
          expect(Math.abs(decoded.height - height)).toBeLessThanOrEqual(1);
        }
        expect(readdirSync(dir).filter((f) => f.endsWith('.png'))).toHaveLength(figures.length);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('labels from data are safe everywhere', () => {
  const hostile = makeAnalysis({
    testbeds: ['UOM'],
    distributions: ['k8s', 'k3s'],
    plugins: ['flannel', 'evil', 'pct'],
    iterations: 4,
    labels: {
      plugin: { evil: '<script>alert(1)</script>', pct: '50%_\\&' },
      distribution: { k3s: '"K3s" & <b>' },
      testbed: { UOM: "O'Brien ${x} {{y}}" },
    },
  });

  it('specs validate, SVG escapes the text, PNG and PDF render', async () => {
    for (const figure of [
      ...Object.values(paperGrid(hostile)),
      ...Object.values(deltaHeatmap(hostile)),
      ...Object.values(interactionPlot(hostile)),
    ]) {
      expect((await validateSpec(figure.spec)).valid).toBe(true);
      const svg = await renderSvg(figure.spec);
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toMatch(/<b>/);
      expect(svg).toContain('50%_\\&amp;');
      // template-like text is drawn literally, never interpolated
      expect(svg).toMatch(/O(?:'|&#39;|&apos;)Brien \$\{x\} \{\{y\}\}/);
      expect(decodePng(await svgToPng(svg, 1)).width).toBeGreaterThan(0);
      expect(Buffer.from(await svgToPdf(svg)).toString('latin1', 0, 5)).toBe('%PDF-');
    }
    const gridSvg = await renderSvg(Object.values(paperGrid(hostile))[0]!.spec);
    expect(gridSvg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(gridSvg).toMatch(/&quot;K3s&quot; &amp; &lt;b&gt;|"K3s" &amp; &lt;b&gt;/);
  });
});
