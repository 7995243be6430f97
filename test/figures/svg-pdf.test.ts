/**
 * cnibench's own PDF writer (src/figures/svg-pdf.ts) against svg-to-pdfkit, the general converter it replaces for the
 * SVG cnibench draws: every figure kind, on the example's design, the look-alikes of shapes A and B, a 12-level
 * factor and 200 × 50 levels, rasterised by poppler from both PDFs and compared pixel by pixel; text stays text
 * (pdftotext reads the labels) in an embedded subset font; anything outside the writer's vocabulary goes to
 * svg-to-pdfkit and is still drawn; the reader stays linear and refuses what it does not know.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iterationsView, overTime, renderSvg, svgToPdf } from '../../src/figures/index.js';
import { svgToPdfBySvgToPdfkit } from '../../src/figures/render.js';
import { isUnsupported, parsePath, parseTransform, planSvgDrawing, scanSvg } from '../../src/figures/svg-pdf.js';
import { ingestCampaign } from '../../src/ingest/index.js';
import { leanSvg } from '../../src/render/lean-svg.js';
import { analyse } from '../../src/stats/index.js';
import { writeShapeA } from '../helpers/lookalikes.js';
import { inCI } from '../helpers/shared.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const PDFTOPPM = '/usr/bin/pdftoppm';
const PDFTOTEXT = '/usr/bin/pdftotext';
const poppler = existsSync(PDFTOPPM) && existsSync(PDFTOTEXT);
const needsPoppler = poppler || inCI ? it : it.skip;
const skipNote = poppler ? '' : ' [skipped: poppler-utils missing; apt-get install poppler-utils]';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cnibench-svg-pdf-'));
  dirs.push(dir);
  return dir;
};

/** Grey pixels of page 1 of a PDF at `dpi`, by pdftoppm (PGM). */
function rasterise(pdf: Uint8Array, dpi: number, dir: string, name: string): { w: number; h: number; px: Buffer } {
  if (!poppler) throw new Error(`${PDFTOPPM} is missing in CI (install poppler-utils)`);
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, pdf);
  const stderr = execFileSync(PDFTOPPM, ['-r', String(dpi), '-gray', '-singlefile', path, join(dir, name)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  expect(stderr).toBe('');
  const bytes = readFileSync(join(dir, `${name}.pgm`));
  // header: P5 <w> <h> <max>\n, fields separated by single white-space characters
  const header = bytes.toString('latin1', 0, 64).split(/\s+/);
  const [w, h] = [Number(header[1]), Number(header[2])];
  return { w, h, px: bytes.subarray(bytes.length - w * h) };
}

/** Mean absolute difference (0–255) and the share of pixels differing by more than a quarter of the range. */
function compare(a: { w: number; h: number; px: Buffer }, b: { w: number; h: number; px: Buffer }) {
  expect([a.w, a.h]).toEqual([b.w, b.h]);
  let sum = 0;
  let far = 0;
  for (let i = 0; i < a.px.length; i++) {
    const d = Math.abs(a.px[i]! - b.px[i]!);
    sum += d;
    if (d > 64) far++;
  }
  return { mad: sum / a.px.length, farShare: far / a.px.length };
}

const specFiles = (dir: string, pattern: RegExp): [string, unknown][] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.vl.json') && pattern.test(f))
    .sort()
    .map((f) => [f.replace('.vl.json', ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown]);

describe('the PDF of every figure kind equals svg-to-pdfkit’s, pixel for pixel within anti-aliasing', () => {
  const figures: [string, unknown][] = [
    // the example's design: every kind (paper grid at page and column width, heatmap, interaction, iterations,
    // over time)
    ...specFiles(join(HERE, 'specs'), /./),
    // shapes A and B, a 12-level factor either way, 200 × 50 levels: paper grid, heatmap, interaction
    ...specFiles(join(HERE, 'golden'), /^(shape-|twelve-|levels-)/),
  ];

  beforeAll(async () => {
    // shape A's iterations and over-time views (its largest figures), from the look-alike campaign
    const shapeA = writeShapeA(join(scratch(), 'a'));
    const a = analyse(await ingestCampaign(shapeA.dir, { samples: 'none' }), { factor: 'plugin', baseline: 'flannel' });
    figures.push(['shape-a-iterations', Object.values(iterationsView(a))[0]!.spec]);
    figures.push(['shape-a-over-time', Object.values(overTime(a))[0]!.spec]);
  }, 120_000);

  it('covers the figure kinds and designs it claims', () => {
    const names = figures.map(([name]) => name);
    for (const kind of ['paper-grid', 'delta-heatmap', 'interaction', 'iterations', 'over-time']) {
      expect(names.filter((n) => n.startsWith(kind))).not.toHaveLength(0);
      expect(names.filter((n) => n.startsWith(`shape-a-${kind}`))).toHaveLength(1);
    }
    expect(names.filter((n) => /^(shape-b|twelve|levels-200x50)-/.test(n)).length).toBeGreaterThanOrEqual(8);
  });

  needsPoppler(`rasterised at 100 dpi${skipNote}`, { timeout: 300_000 }, async () => {
    const dir = scratch();
    const results: string[] = [];
    for (const [name, spec] of figures) {
      const svg = leanSvg(await renderSvg(spec as never));
      // the figure is drawn by cnibench's writer, not handed to svg-to-pdfkit
      const plan = planSvgDrawing(svg);
      expect(isUnsupported(plan) ? plan.unsupported : 'planned', name).toBe('planned');
      const pdf = await svgToPdf(svg);
      // one page (pdfkit never breaks the unwrapped text lines onto a new page)
      expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/Type \/Pages\s+\/Count 1\b/);
      const own = rasterise(pdf, 100, dir, `${name}-own`);
      const general = rasterise(await svgToPdfBySvgToPdfkit(svg), 100, dir, `${name}-general`);
      const { mad, farShare } = compare(own, general);
      results.push(`${name}: ${mad.toFixed(3)} ${(farShare * 100).toFixed(3)} %`);
      // the same drawing: differences are anti-aliasing of curves (arcs split differently into Béziers) and the
      // legend symbols both filled and stroked under opacity, which svg-to-pdfkit fades per paint (a darker ring
      // where the stroke overlaps the fill) and SVG fades as a group (as cnibench's writer does)
      expect(mad, results.at(-1)).toBeLessThan(1.5);
      expect(farShare, results.at(-1)).toBeLessThan(0.005);
    }
    expect(results).toHaveLength(figures.length);
  });

  needsPoppler(`keeps the text as text in subset DejaVu faces (pdftotext reads the labels)${skipNote}`, async () => {
    const dir = scratch();
    const [, spec] = figures.find(([name]) => name === 'shape-a-delta-heatmap')!;
    const svg = leanSvg(await renderSvg(spec as never));
    const pdf = await svgToPdf(svg);
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    writeFileSync(join(dir, 'heatmap.pdf'), pdf);
    const text = execFileSync(PDFTOTEXT, [join(dir, 'heatmap.pdf'), '-'], { encoding: 'utf8' });
    for (const label of ['Throughput (Mbit/s)', 'CPU (%)', 'Flannel', '−50']) expect(text).toContain(label);
    expect(text).toContain('p ≥ 0.05');
  });
});

describe('outside the vocabulary: svg-to-pdfkit draws it, nothing is dropped', () => {
  const svg = (body: string) =>
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="white"/>' +
    `${body}</svg>`;

  it.each([
    ['an element it does not know', '<ellipse cx="20" cy="20" rx="10" ry="6" fill="black"/>', /<ellipse>/],
    ['a style sheet', '<style>rect { fill: red }</style>', /<style>/],
    ['a style sheet in <defs>', '<defs><style>path { fill: red }</style></defs>', /<style>/],
    ['preserved white space', '<text xml:space="preserve" x="2" y="9">a  b</text>', /xml:space/],
    ['CSS in a style attribute', '<path d="M0,0h10v10h-10Z" style="fill:black"/>', /style/],
    ['a group with opacity', '<g opacity="0.5"><path d="M0,0h10v10h-10Z" fill="black"/></g>', /group with opacity/],
    ['an unknown colour', '<path d="M0,0h10v10h-10Z" fill="hsl(0, 0%, 0%)"/>', /colour/],
    ['a malformed path', '<path d="M0,0 L10" fill="black"/>', /path data/],
    ['a dash of zero length', '<path d="M0,0h10" stroke="black" stroke-dasharray="0,2"/>', /zero/],
    ['a pattern fill', '<path d="M0,0h10v10h-10Z" fill="url(#p)"/><pattern id="p"/>', /reference|pattern/],
  ])('%s', (_what, body, reason) => {
    const plan = planSvgDrawing(svg(body));
    expect(isUnsupported(plan) ? plan.unsupported : 'planned').toMatch(reason);
  });

  needsPoppler(`an ellipse is drawn (by svg-to-pdfkit) where the SVG puts it${skipNote}`, async () => {
    const dir = scratch();
    const ellipse = svg('<ellipse cx="20" cy="20" rx="12" ry="6" fill="black"/>');
    expect(isUnsupported(planSvgDrawing(ellipse))).toBe(true);
    const page = rasterise(await svgToPdf(ellipse), 72, dir, 'ellipse');
    const at = (x: number, y: number) => page.px[y * page.w + x]!;
    expect(at(20, 20)).toBeLessThan(40); // inside: black
    expect(at(10, 20)).toBeLessThan(40);
    expect(at(20, 10)).toBeGreaterThan(215); // above the ellipse (ry = 6): white
    expect(at(2, 2)).toBeGreaterThan(215);
  });
});

describe('what it draws', () => {
  needsPoppler(
    `opacity on a shape both filled and stroked fades it as one group, as resvg draws the SVG${skipNote}`,
    async () => {
      const dir = scratch();
      // a ring-shaped overlap: the stroke's inner half lies on the fill
      const svg =
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="white"/>' +
        // a dashed line first: the group's stroke must not inherit its dash
        '<path d="M0,1h40" stroke="#000000" stroke-dasharray="1,3"/>' +
        '<path d="M8,8h24v24h-24Z" fill="#000000" stroke="#000000" stroke-width="6" opacity="0.5"/></svg>';
      const page = rasterise(await svgToPdf(svg), 72, dir, 'group');
      const at = (x: number, y: number) => page.px[y * page.w + x]!;
      const centre = at(20, 20);
      const innerStroke = at(9, 20); // stroke over fill
      const outerStroke = at(6, 20); // stroke only
      expect(Math.abs(centre - 128)).toBeLessThanOrEqual(3);
      expect(Math.abs(innerStroke - centre)).toBeLessThanOrEqual(2);
      expect(Math.abs(outerStroke - centre)).toBeLessThanOrEqual(2);
      for (let y = 6; y < 34; y++) expect(Math.abs(at(6, y) - centre), `stroke at y = ${y}`).toBeLessThanOrEqual(2);
      // a form inherits the graphics state where it is painted (ISO 32000-1 §8.10.1; poppler happens not to): the
      // group's content resets the dash itself
      const streams = [
        ...Buffer.from(await svgToPdf(svg))
          .toString('latin1')
          .matchAll(/stream\r?\n([^]*?)\r?\nendstream/g),
      ];
      const contents = streams.map((m) => inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1'));
      const group = contents.find((c) => c.includes('6 w') && /\nB\n?$/.test(c));
      expect(group).toMatch(/^\[\] 0 d$/m);
      // resvg (which draws the PNGs) agrees: one 50 % grey everywhere on the shape
      const { Resvg } = await import('@resvg/resvg-js');
      const image = new Resvg(svg).render();
      const grey = (x: number, y: number) => image.pixels[(y * image.width + x) * 4]!;
      for (const [x, y] of [
        [20, 20],
        [9, 20],
        [6, 20],
      ] as const) {
        expect(Math.abs(grey(x, y) - at(x, y))).toBeLessThanOrEqual(3);
      }
      const general = rasterise(await svgToPdfBySvgToPdfkit(svg), 72, dir, 'general');
      // svg-to-pdfkit, for the record, fades fill and stroke one by one: darker where they overlap
      expect(general.px[20 * general.w + 9]!).toBeLessThan(innerStroke - 20);
    },
  );

  needsPoppler(`text anchors, rotation, tspans and entities${skipNote}`, async () => {
    const dir = scratch();
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><rect width="200" height="80" fill="white"/>' +
      '<g transform="translate(100,20)"><text text-anchor="end" font-family="DejaVu Sans" font-size="10px" ' +
      'fill="#000">A &amp; B &lt;C&gt; &#x2265; 5</text></g>' +
      '<text transform="translate(10,70) rotate(-90)" font-size="8px" font-weight="bold">up</text>' +
      '<text x="150" y="40" text-anchor="middle" font-size="8px" font-style="italic"><tspan>one</tspan>' +
      '<tspan x="150" dy="10">two</tspan></text>' +
      // white space as xml:space="default" reads it, over the whole element
      '<text x="20" y="75" font-size="8px">  a \n\t b  <tspan x="60" dy="0">  c </tspan></text></svg>';
    const plan = planSvgDrawing(svg);
    if (isUnsupported(plan)) throw new Error(plan.unsupported);
    const texts = plan.ops.flatMap((op) => (op.op === 'text' ? [op] : []));
    expect(texts.map((t) => [t.text, t.x, t.y, t.anchor, t.face])).toEqual([
      ['A & B <C> ≥ 5', 0, 0, 'end', 'regular'],
      ['up', 0, 0, 'start', 'bold'],
      ['one', 150, 40, 'middle', 'oblique'],
      ['two', 150, 50, 'middle', 'oblique'],
      ['a b ', 20, 75, 'start', 'regular'],
      ['c', 60, 75, 'start', 'regular'],
    ]);
    writeFileSync(join(dir, 'text.pdf'), await svgToPdf(svg));
    const text = execFileSync(PDFTOTEXT, [join(dir, 'text.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('A & B <C> ≥ 5');
    expect(text).toContain('two');
    // end-anchored: the text ends at x = 100 pt (the page is drawn at 72 dpi: one pixel per pt)
    const page = rasterise(await svgToPdf(svg), 72, dir, 'text');
    const inkInColumns = (x0: number, x1: number) => {
      let ink = 0;
      for (let y = 8; y < 24; y++) for (let x = x0; x < x1; x++) if (page.px[y * page.w + x]! < 128) ink++;
      return ink;
    };
    expect(inkInColumns(90, 100)).toBeGreaterThan(5);
    expect(inkInColumns(101, 120)).toBe(0);
  });

  needsPoppler(`clip paths (defined after their use, as vega writes them) and gradients${skipNote}`, async () => {
    const dir = scratch();
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="white"/>' +
      '<g clip-path="url(#c)"><path d="M0,0h40v20h-40Z" fill="black"/>' +
      '<path d="M0,20h40v20h-40Z" fill="url(#g)"/></g><defs><clipPath id="c"><rect width="20" height="40"/>' +
      '</clipPath><linearGradient id="g" x1="0" x2="1" y1="0" y2="0"><stop offset="0" stop-color="#000"/>' +
      '<stop offset="1" stop-color="#fff"/></linearGradient></defs></svg>';
    expect(isUnsupported(planSvgDrawing(svg))).toBe(false);
    const own = rasterise(await svgToPdf(svg), 72, dir, 'clip');
    const at = (x: number, y: number) => own.px[y * own.w + x]!;
    expect(at(10, 10)).toBeLessThan(20); // inside the clip
    expect(at(30, 10)).toBeGreaterThan(235); // clipped away: the white background
    expect(at(30, 30)).toBeGreaterThan(235);
    // the gradient runs over the shape's box (objectBoundingBox): a quarter of the way along at x = 10
    expect(Math.abs(at(10, 30) - 0.25 * 255)).toBeLessThan(12);
    const general = rasterise(await svgToPdfBySvgToPdfkit(svg), 72, dir, 'clip-general');
    expect(compare(own, general).mad).toBeLessThan(1);
  });

  it('is deterministic: the same SVG gives the same bytes', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><rect width="60" height="30" fill="white"/>' +
      '<path d="M2,2L50,20" stroke="#4c78a8" stroke-dasharray="4,2"/><text x="2" y="25" font-size="8">x 1.5</text>' +
      '<path d="M40,10A4,4,0,1,1,32,10A4,4,0,1,1,40,10" fill="red" stroke="red" opacity="0.5"/></svg>';
    const first = Buffer.from(await svgToPdf(svg));
    expect(Buffer.from(await svgToPdf(svg))).toEqual(first);
    expect(first.toString('latin1')).toContain('(D:20000101000000Z)');
  });

  it('draws a symbol repeated at many places each where its transform puts it (its path data read once)', async () => {
    const symbol = (d: string) =>
      '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><rect width="60" height="30" fill="white"/>' +
      [5, 20, 35, 50]
        .map((x, i) => `<path transform="translate(${x},${10 + i * 4})" d="${d}" fill="#4c78a8" stroke="#000"/>`)
        .join('') +
      '</svg>';
    const d = 'M2.5,0A2.5,2.5,0,1,1,-2.5,0A2.5,2.5,0,1,1,2.5,0';
    // the same drawing with each path's data spelled differently: read anew for every path
    const respelled = symbol(d)
      .split(d)
      .map((part, i) => (i === 0 ? part : `${' '.repeat(i)}${d}${part}`))
      .join('');
    expect(respelled).not.toBe(symbol(d));
    const once = Buffer.from(await svgToPdf(symbol(d)));
    expect(once.equals(Buffer.from(await svgToPdf(respelled)))).toBe(true);
    // four symbols, at four places: four paths of the one symbol, each after its own translation
    const plan = planSvgDrawing(symbol(d));
    if (isUnsupported(plan)) throw new Error(plan.unsupported);
    const paths = plan.ops.filter((op) => op.op === 'path').slice(1);
    const starts = paths.map((op) => (op.op === 'path' ? [...op.geometry.ops.slice(1, 3)] : []));
    expect(starts).toEqual([
      [2.5, 0],
      [2.5, 0],
      [2.5, 0],
      [2.5, 0],
    ]);
    const moves = plan.ops.filter((op) => op.op === 'transform').map((op) => (op.op === 'transform' ? op.m[4] : NaN));
    expect(moves).toEqual([5, 20, 35, 50]);
  });

  it('gives a figure the same bytes after other figures (word layouts shared) as in a process of its own', async () => {
    const text = (words: string) =>
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><rect width="120" height="30" fill="white"/>' +
      `<text x="2" y="12" font-size="8">${words}</text>` +
      `<text x="2" y="25" font-size="8" font-weight="bold" text-anchor="start">${words} Ω</text></svg>`;
    // other figures first: their words (some shared with the last one) are laid out and kept
    await svgToPdf(text('Calico Cilium 1,000'));
    await svgToPdf(text('Weave Net 20'));
    const after = Buffer.from(await svgToPdf(text('Calico 20 Flannel')));
    // the same SVG in a fresh process, from the compiled stage (`npm test` builds first)
    const compiled = join(HERE, '..', '..', 'dist', 'figures', 'index.js');
    const alone = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { svgToPdf } = await import(${JSON.stringify(compiled)});` +
          `process.stdout.write(Buffer.from(await svgToPdf(process.argv[1])).toString('base64'));`,
        text('Calico 20 Flannel'),
      ],
      { encoding: 'utf8' },
    );
    expect(after.equals(Buffer.from(alone, 'base64'))).toBe(true);
    // and that document embeds its own subset: the glyphs of its words, not those of the figures before it
    expect(after.length).toBeLessThan(
      Buffer.from(await svgToPdf(text('Calico Cilium 1,000 Weave Net 20 Flannel'))).length,
    );
  });
});

describe('the reader', () => {
  it('reads path data as SVG 1.1 §8.3 defines it: relative commands, implicit linetos, compact numbers', () => {
    expect(parsePath('M1,2l3,4h5v-6zm1-1.5.5e1,2L0 0').ops).toEqual([
      0, 1, 2, 1, 4, 6, 1, 9, 6, 1, 9, 0, 3, 0, 2, 0.5, 1, 7, 2.5, 1, 0, 0,
    ]);
    // a quadratic becomes the cubic with control points two thirds of the way to its control point
    expect(parsePath('M0,0Q3,3,6,0').ops).toEqual([0, 0, 0, 2, 2, 2, 4, 2, 6, 0]);
    // a smooth cubic reflects the previous second control point
    expect(parsePath('M0,0C1,1,2,1,3,0S5,-1,6,0').ops.slice(-6)).toEqual([4, -1, 5, -1, 6, 0]);
    // a half circle of radius 2 ends where the arc says, through the top of the circle
    const arc = parsePath('M2,0A2,2,0,0,0,-2,0').ops;
    expect(arc.slice(-2)).toEqual([-2, 0]);
    expect(arc[0]).toBe(0);
    const middle = arc.slice(1 + 2 + 1 + 4, 1 + 2 + 1 + 6); // end of the first quarter
    expect(middle[0]).toBeCloseTo(0, 9);
    expect(middle[1]).toBeCloseTo(-2, 9);
    expect(() => parsePath('M0,0L1')).toThrow(/path data/);
    expect(() => parsePath('L0,0')).toThrow(/path data/);
  });

  it('composes transforms in order', () => {
    const m = parseTransform('translate(10,20) rotate(-90) translate(0,-2)');
    expect(m.map((v) => Math.round(v * 1e9) / 1e9 + 0)).toEqual([0, -1, 1, 0, 8, 20]);
    expect(parseTransform('scale(2) translate(1 1)')).toEqual([2, 0, 0, 2, 2, 2]);
    expect(() => parseTransform('perspective(2)')).toThrow(/transform/);
  });

  it('refuses markup it does not read (DTDs, CDATA, unbalanced tags), never guessing', () => {
    const cases = [
      '<!DOCTYPE svg [<!ENTITY x "y">]><svg width="1" height="1"/>',
      '<svg width="1" height="1"><text><![CDATA[x]]></text></svg>',
      '<svg width="1" height="1"><g></svg>',
      '<svg width="1" height="1"><text>&nbsp;</text></svg>',
      '<svg width="1" height="1" a=1/>',
      '<svg width="1" height="1"></g></svg>',
    ];
    for (const svg of cases) expect(() => scanSvg(svg)).toThrow();
    for (const svg of cases) expect(isUnsupported(planSvgDrawing(svg))).toBe(true);
  });

  it('stays linear on hostile input: a million unclosed quotes, tags or references are refused in one pass', () => {
    const hostile = [
      `<svg width="1" height="1"><text>${'&amp'.repeat(250_000)}</text></svg>`,
      `<svg width="1" height="1" ${'a="'.repeat(300_000)}>`,
      `<svg width="1" height="1">${'<g>'.repeat(300_000)}`,
      `<svg width="1" height="1"><path d="M0,0${'L1,1e'.repeat(200_000)}" stroke="black"/></svg>`,
      `<svg width="1" height="1"><path d="M0,0${'1.1.1.1'.repeat(200_000)}" stroke="black"/></svg>`,
    ];
    for (const svg of hostile) {
      const plan = planSvgDrawing(svg);
      // refused or planned, never thrown; the bound on time is the bench's business, the size here keeps a
      // quadratic scan from finishing within the test's timeout
      expect(typeof plan).toBe('object');
    }
  });
});
