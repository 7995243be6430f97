/**
 * A PDF writer for the SVG that cnibench itself draws (vega's SVG, usually after leanSvg): nested groups with
 * transforms and clip paths, paths, rects, lines, circles, text with tspans, linear gradients, and the painting
 * attributes vega writes. It replaces a general SVG converter for these figures because that converter (a full SVG
 * and CSS engine in JavaScript, one `Tm … Tj` per glyph) was the slowest step of a report's rendering.
 *
 * Two steps. `planSvgDrawing` reads the SVG with a linear scanner (one pass over the text, no backtracking regular
 * expression: labels in the SVG come from user data) and turns it into a list of drawing operations, checking every
 * element, attribute and value against the vocabulary this writer knows. Anything else — an unknown element or
 * attribute, a value it cannot read exactly, a feature it does not draw (opacity on a group, patterns, masks, CSS) —
 * makes the plan `unsupported`, with the reason, and the caller converts that figure with the general converter
 * instead: nothing is ever drawn approximately. `drawSvgPlan` then replays the operations on a pdfkit document:
 * paths through pdfkit's path operators, colours and opacities through its colour API, text through its text API as
 * single unwrapped lines (pdfkit lays the glyphs out with fontkit, embeds and subsets the fonts, and writes the
 * ToUnicode map, so the text stays text); a shape both filled and stroked under opacity becomes a transparency group.
 * The same SVG gives the same operations and the same bytes.
 *
 * SVG semantics used: SVG 1.1 (W3C Recommendation, 16 August 2011) — §7 coordinate systems and transforms, §8 path
 * data grammar and the implementation notes F.6 (elliptical arc to centre parameterisation), §10 text (xml:space
 * "default" white-space handling, text-anchor per text chunk), §11 painting (inheritance, stroke-width 0 draws
 * nothing), §13 gradients (objectBoundingBox units), §14 clipping paths.
 */
import { faceOf } from './render-fonts.js';

/** Why a plan could not be made: the caller falls back to the general converter. */
export interface UnsupportedSvg {
  readonly unsupported: string;
}

type Matrix = readonly [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** Path geometry in absolute coordinates: op codes (M=0, L=1, C=2, Z=3) followed by their numbers. */
export interface PathGeometry {
  readonly ops: readonly number[];
  /** true when the path has curves (its bounding box from the points would be approximate) */
  readonly curved: boolean;
}

const M = 0;
const L = 1;
const C = 2;
const Z = 3;

export type Rgb = readonly [number, number, number];

export interface GradientPaint {
  readonly kind: 'linear';
  /** end points in the user space of the painted element */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly stops: readonly { offset: number; color: Rgb; opacity: number }[];
}

type Paint = Rgb | GradientPaint | null;

export type DrawOp =
  | { readonly op: 'save' }
  | { readonly op: 'restore' }
  | { readonly op: 'transform'; readonly m: Matrix }
  | { readonly op: 'clip'; readonly geometry: PathGeometry; readonly evenOdd: boolean }
  | {
      readonly op: 'path';
      readonly geometry: PathGeometry;
      /** below 1: the shape is drawn as a transparency group of this opacity (fill and stroke then are colours) */
      readonly groupOpacity: number;
      readonly fill: Paint;
      readonly fillOpacity: number;
      readonly evenOdd: boolean;
      readonly stroke: Rgb | null;
      readonly strokeOpacity: number;
      readonly strokeWidth: number;
      readonly dash: readonly number[] | null;
      readonly dashOffset: number;
      readonly cap: 'butt' | 'round' | 'square';
      readonly join: 'miter' | 'round' | 'bevel';
      readonly miterLimit: number;
    }
  | {
      readonly op: 'text';
      readonly text: string;
      readonly x: number;
      readonly y: number;
      readonly anchor: 'start' | 'middle' | 'end';
      readonly face: 'regular' | 'bold' | 'oblique' | 'boldOblique';
      readonly size: number;
      readonly fill: Rgb;
      readonly fillOpacity: number;
    };

export interface SvgPlan {
  readonly width: number;
  readonly height: number;
  readonly ops: readonly DrawOp[];
}

class Unsupported extends Error {}

const fail = (reason: string): never => {
  throw new Unsupported(reason);
};

// ---------------------------------------------------------------------------------------------------------------
// Scanner: elements, attributes and character data, in one pass

interface SvgElement {
  readonly name: string;
  readonly attrs: Map<string, string>;
  readonly children: (SvgElement | string)[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Character data with its entity and character references decoded. */
function decode(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const amp = text.indexOf('&', i);
    if (amp < 0) break;
    out += text.slice(i, amp);
    const semi = text.indexOf(';', amp);
    if (semi < 0 || semi - amp > 10) fail('an unterminated character reference');
    const name = text.slice(amp + 1, semi);
    let char: string | undefined;
    if (name.startsWith('#x') || name.startsWith('#X')) char = codePoint(parseInt(name.slice(2), 16), name);
    else if (name.startsWith('#')) char = codePoint(parseInt(name.slice(1), 10), name);
    else char = ENTITIES[name];
    if (char === undefined) fail(`the entity &${name};`);
    out += char;
    i = semi + 1;
  }
  return out + text.slice(i);
}

/** Character data decoded as the PDF writer decodes it; null where it would refuse a reference. */
export function decodeCharacterData(text: string): string | null {
  try {
    return decode(text);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

function codePoint(value: number, name: string): string {
  if (!Number.isInteger(value) || value < 0 || value > 0x10ffff || !/^#x?[0-9a-f]+$/i.test(name)) {
    fail(`the character reference &${name};`);
  }
  return String.fromCodePoint(value);
}

const isNameChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95 || c === 46;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

const MAX_DEPTH = 200;

/** The element tree of an SVG document (linear in its length; no DTD, CDATA or processing beyond the prolog). */
export function scanSvg(svg: string): SvgElement {
  const root: SvgElement = { name: '#document', attrs: new Map(), children: [] };
  const stack: SvgElement[] = [root];
  let i = 0;
  const n = svg.length;
  while (i < n) {
    const lt = svg.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const text = svg.slice(i, end);
      if (text.includes('>')) fail('a ">" in character data');
      stack[stack.length - 1]!.children.push(decode(text));
    }
    if (lt < 0) break;
    if (svg.startsWith('<!--', lt)) {
      const close = svg.indexOf('-->', lt + 4);
      if (close < 0) fail('an unterminated comment');
      i = close + 3;
      continue;
    }
    if (svg.startsWith('<?', lt)) {
      if (stack.length > 1) fail('a processing instruction inside the drawing');
      const close = svg.indexOf('?>', lt + 2);
      if (close < 0) fail('an unterminated processing instruction');
      i = close + 2;
      continue;
    }
    if (svg.startsWith('<!', lt)) fail('a DOCTYPE or CDATA section');
    if (svg.charCodeAt(lt + 1) === 47) {
      // closing tag
      let j = lt + 2;
      while (j < n && isNameChar(svg.charCodeAt(j))) j++;
      const name = svg.slice(lt + 2, j);
      while (j < n && isSpace(svg.charCodeAt(j))) j++;
      if (svg.charCodeAt(j) !== 62) fail(`a malformed closing tag </${name}`);
      const open = stack.pop();
      if (open === undefined || open.name !== name || stack.length === 0) fail(`a closing tag </${name}> out of place`);
      i = j + 1;
      continue;
    }
    let j = lt + 1;
    while (j < n && isNameChar(svg.charCodeAt(j))) j++;
    const name = svg.slice(lt + 1, j);
    if (name === '') fail('a "<" that opens no element');
    const attrs = new Map<string, string>();
    for (;;) {
      const before = j;
      while (j < n && isSpace(svg.charCodeAt(j))) j++;
      const c = svg.charCodeAt(j);
      if (c === 62 || c === 47) break;
      if (j === before) fail(`attributes of <${name}> without a space between them`);
      const start = j;
      while (j < n && isNameChar(svg.charCodeAt(j))) j++;
      const attr = svg.slice(start, j);
      if (attr === '') fail(`an unreadable attribute in <${name}>`);
      while (j < n && isSpace(svg.charCodeAt(j))) j++;
      if (svg.charCodeAt(j) !== 61) fail(`attribute ${attr} of <${name}> without a value`);
      j++;
      while (j < n && isSpace(svg.charCodeAt(j))) j++;
      const quote = svg[j];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} of <${name}> without quotes`);
      const close = svg.indexOf(quote!, j + 1);
      if (close < 0) fail(`an unterminated attribute ${attr} of <${name}>`);
      const raw = svg.slice(j + 1, close);
      if (raw.includes('<')) fail(`a "<" in attribute ${attr} of <${name}>`);
      if (attrs.has(attr)) fail(`attribute ${attr} twice in <${name}>`);
      attrs.set(attr, decode(raw));
      j = close + 1;
    }
    const element: SvgElement = { name, attrs, children: [] };
    stack[stack.length - 1]!.children.push(element);
    if (svg.charCodeAt(j) === 47) {
      if (svg.charCodeAt(j + 1) !== 62) fail(`a malformed end of <${name}>`);
      i = j + 2;
    } else {
      // the planner walks the tree recursively: a nesting no figure has is refused before it could overflow
      if (stack.length > MAX_DEPTH) fail(`elements nested more than ${MAX_DEPTH} deep`);
      stack.push(element);
      i = j + 1;
    }
  }
  if (stack.length !== 1) fail(`<${stack[stack.length - 1]!.name}> is never closed`);
  const elements = root.children.filter((c): c is SvgElement => typeof c !== 'string');
  if (root.children.some((c) => typeof c === 'string' && c.trim() !== '')) fail('text outside the root element');
  if (elements.length !== 1 || elements[0]!.name !== 'svg') fail('a document whose root is not one <svg>');
  return elements[0]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** A number in SVG syntax at `s[i]`: [value, index after it], or null. */
function readNumber(s: string, i: number): [number, number] | null {
  const start = i;
  const n = s.length;
  let c = s.charCodeAt(i);
  if (c === 43 || c === 45) c = s.charCodeAt(++i);
  let digits = 0;
  while (c >= 48 && c <= 57) {
    c = s.charCodeAt(++i);
    digits++;
  }
  if (c === 46) {
    c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      c = s.charCodeAt(++i);
      digits++;
    }
  }
  if (digits === 0) return null;
  if (c === 101 || c === 69) {
    let k = i + 1;
    let e = s.charCodeAt(k);
    if (e === 43 || e === 45) e = s.charCodeAt(++k);
    if (e >= 48 && e <= 57) {
      while (k < n && e >= 48 && e <= 57) e = s.charCodeAt(++k);
      i = k;
    }
  }
  const value = Number(s.slice(start, i));
  return Number.isFinite(value) ? [value, i] : null;
}

/** Numbers separated by white space and/or one comma, the whole string. */
function numberList(s: string, what: string): number[] {
  const out: number[] = [];
  let i = skipSeparators(s, 0);
  while (i < s.length) {
    const read = readNumber(s, i);
    if (read === null) fail(`${what} "${clip(s)}"`);
    out.push(read![0]);
    i = skipSeparators(s, read![1]);
  }
  return out;
}

function skipSeparators(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) === 44) {
    i++;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  }
  return i;
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

function oneNumber(s: string, what: string, unit = ''): number {
  const body = unit !== '' && s.endsWith(unit) ? s.slice(0, -unit.length) : s;
  const read = readNumber(body.trim(), 0);
  if (read === null || read[1] !== body.trim().length) fail(`${what} "${clip(s)}"`);
  return read![0];
}

function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
}

/** The matrix of a transform list: translate, scale, rotate, skewX, skewY, matrix. */
export function parseTransform(s: string): Matrix {
  let m: Matrix = IDENTITY;
  let i = 0;
  const n = s.length;
  for (;;) {
    while (i < n && (isSpace(s.charCodeAt(i)) || s.charCodeAt(i) === 44)) i++;
    if (i >= n) return m;
    const start = i;
    while (i < n && s.charCodeAt(i) >= 97 && s.charCodeAt(i) <= 122) i++;
    const name = s.slice(start, i) + (s.slice(i, i + 1) === 'X' || s.slice(i, i + 1) === 'Y' ? s[i++] : '');
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (s[i] !== '(') fail(`the transform "${clip(s)}"`);
    const close = s.indexOf(')', i);
    if (close < 0) fail(`the transform "${clip(s)}"`);
    const args = numberList(s.slice(i + 1, close), 'the transform');
    i = close + 1;
    const count = args.length;
    const [a = 0, b = 0, c = 0] = args;
    let t: Matrix;
    if (name === 'translate' && (count === 1 || count === 2)) t = [1, 0, 0, 1, a, b];
    else if (name === 'scale' && (count === 1 || count === 2)) t = [a, 0, 0, count === 2 ? b : a, 0, 0];
    else if (name === 'rotate' && (count === 1 || count === 3)) {
      const r = (a * Math.PI) / 180;
      const [cos, sin] = [Math.cos(r), Math.sin(r)];
      t = [cos, sin, -sin, cos, 0, 0];
      if (count === 3) t = multiply(multiply([1, 0, 0, 1, b, c], t), [1, 0, 0, 1, -b, -c]);
    } else if (name === 'skewX' && count === 1) t = [1, 0, Math.tan((a * Math.PI) / 180), 1, 0, 0];
    else if (name === 'skewY' && count === 1) t = [1, Math.tan((a * Math.PI) / 180), 0, 1, 0, 0];
    else if (name === 'matrix' && count === 6) t = args as unknown as Matrix;
    else return fail(`the transform "${clip(s)}"`);
    m = multiply(m, t);
  }
}

const NAMED_COLORS: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  silver: [192, 192, 192],
  steelblue: [70, 130, 180],
  orange: [255, 165, 0],
};

/** A colour: #rgb, #rrggbb, rgb(r, g, b) with integers or percentages, or one of a few names; null for none. */
export function parseColor(s: string): Rgb | null {
  const v = s.trim().toLowerCase();
  if (v === 'none') return null;
  if (v.startsWith('#')) {
    const hex = v.slice(1);
    if (/^[0-9a-f]{3}$/.test(hex)) return [0, 1, 2].map((k) => parseInt(hex[k]! + hex[k]!, 16)) as unknown as Rgb;
    if (/^[0-9a-f]{6}$/.test(hex)) return [0, 2, 4].map((k) => parseInt(hex.slice(k, k + 2), 16)) as unknown as Rgb;
    return fail(`the colour "${clip(s)}"`);
  }
  if (v.startsWith('rgb(') && v.endsWith(')')) {
    const parts = v.slice(4, -1).split(',');
    if (parts.length !== 3) fail(`the colour "${clip(s)}"`);
    const channel = (p: string): number => {
      const t = p.trim();
      const value = t.endsWith('%') ? (oneNumber(t.slice(0, -1), 'the colour') * 255) / 100 : oneNumber(t, 'colour');
      return Math.min(255, Math.max(0, Math.round(value)));
    };
    return parts.map(channel) as unknown as Rgb;
  }
  const named = NAMED_COLORS[v];
  return named ?? fail(`the colour "${clip(s)}"`);
}

// ---------------------------------------------------------------------------------------------------------------
// Path data (SVG 1.1 §8.3), to absolute moveto / lineto / cubic / close

const PATH_ARGS: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };

export function parsePath(d: string): PathGeometry {
  const ops: number[] = [];
  let curved = false;
  let i = skipSpace(d, 0);
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  // last control point of a cubic / quadratic, for the smooth forms
  let lastCubic: [number, number] | null = null;
  let lastQuad: [number, number] | null = null;
  let command = '';
  const n = d.length;
  const args: number[] = [];
  while (i < n) {
    const ch = d[i]!;
    const lower = ch.toLowerCase();
    if (PATH_ARGS[lower] !== undefined && !(lower === 'e')) {
      command = ch;
      i = skipSpace(d, i + 1);
      if (lower === 'z') {
        ops.push(Z);
        x = startX;
        y = startY;
        lastCubic = lastQuad = null;
        continue;
      }
    } else if (command === '' || command === 'z' || command === 'Z') {
      fail(`path data "${clip(d)}"`);
    }
    if (ops.length === 0 && command !== 'M' && command !== 'm') fail(`path data "${clip(d)}"`);
    const lowerCommand = command.toLowerCase();
    const count = PATH_ARGS[lowerCommand]!;
    args.length = 0;
    for (let k = 0; k < count; k++) {
      if (lowerCommand === 'a' && (k === 3 || k === 4)) {
        const flag = d.charCodeAt(i);
        if (flag !== 48 && flag !== 49) fail(`an arc flag in path data "${clip(d)}"`);
        args.push(flag - 48);
        i = skipSeparators(d, i + 1);
        continue;
      }
      const read = readNumber(d, i);
      if (read === null) fail(`path data "${clip(d)}"`);
      args.push(read![0]);
      i = skipSeparators(d, read![1]);
    }
    const rel = command === lowerCommand;
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    let cubic: [number, number] | null = null;
    let quad: [number, number] | null = null;
    switch (lowerCommand) {
      case 'm':
        x = args[0]! + ox;
        y = args[1]! + oy;
        startX = x;
        startY = y;
        ops.push(M, x, y);
        // further pairs after a moveto are linetos
        command = rel ? 'l' : 'L';
        break;
      case 'l':
        x = args[0]! + ox;
        y = args[1]! + oy;
        ops.push(L, x, y);
        break;
      case 'h':
        x = args[0]! + ox;
        ops.push(L, x, y);
        break;
      case 'v':
        y = args[0]! + oy;
        ops.push(L, x, y);
        break;
      case 'c':
      case 's': {
        // S: the first control point is the previous cubic's second one reflected (or the current point)
        const given = lowerCommand === 'c' ? 2 : 0;
        const [x1, y1] =
          lowerCommand === 'c'
            ? [args[0]! + ox, args[1]! + oy]
            : lastCubic
              ? [2 * x - lastCubic[0], 2 * y - lastCubic[1]]
              : [x, y];
        const [x2, y2] = [args[given]! + ox, args[given + 1]! + oy];
        const [ex, ey] = [args[given + 2]! + ox, args[given + 3]! + oy];
        ops.push(C, x1, y1, x2, y2, ex, ey);
        cubic = [x2, y2];
        x = ex;
        y = ey;
        curved = true;
        break;
      }
      case 'q':
      case 't': {
        const reflected: [number, number] | null = lastQuad;
        let qx = x;
        let qy = y;
        if (lowerCommand === 'q') [qx, qy] = [args[0]! + ox, args[1]! + oy];
        else if (reflected !== null) [qx, qy] = [2 * x - reflected[0], 2 * y - reflected[1]];
        const [ex, ey] = lowerCommand === 'q' ? [args[2]! + ox, args[3]! + oy] : [args[0]! + ox, args[1]! + oy];
        // a quadratic Bézier is the cubic with control points two thirds of the way to the quadratic's
        ops.push(
          C,
          x + (2 / 3) * (qx - x),
          y + (2 / 3) * (qy - y),
          ex + (2 / 3) * (qx - ex),
          ey + (2 / 3) * (qy - ey),
          ex,
          ey,
        );
        quad = [qx, qy];
        x = ex;
        y = ey;
        curved = true;
        break;
      }
      case 'a': {
        const ex = args[5]! + ox;
        const ey = args[6]! + oy;
        arcToCubics(ops, x, y, args[0]!, args[1]!, args[2]!, args[3]! === 1, args[4]! === 1, ex, ey);
        x = ex;
        y = ey;
        curved = true;
        break;
      }
    }
    lastCubic = cubic;
    lastQuad = quad;
  }
  return { ops, curved };
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** An elliptical arc as cubic Béziers, each at most a quarter turn (SVG 1.1 implementation notes F.6.5–F.6.6). */
function arcToCubics(
  ops: number[],
  x1: number,
  y1: number,
  rxIn: number,
  ryIn: number,
  angle: number,
  large: boolean,
  sweep: boolean,
  x2: number,
  y2: number,
): void {
  if (x1 === x2 && y1 === y2) return;
  let rx = Math.abs(rxIn);
  let ry = Math.abs(ryIn);
  if (rx === 0 || ry === 0) {
    ops.push(L, x2, y2);
    return;
  }
  const phi = (angle * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  // F.6.5.1: the midpoint in the ellipse's axes
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const x1p = cos * dx + sin * dy;
  const y1p = -sin * dx + cos * dy;
  // F.6.6: radii too small are scaled up
  const lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  // F.6.5.2: the centre in the ellipse's axes
  const num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  let k = Math.sqrt(Math.max(0, num / den));
  if (large === sweep) k = -k;
  const cxp = (k * rx * y1p) / ry;
  const cyp = (-k * ry * x1p) / rx;
  // F.6.5.3: the centre
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  // F.6.5.5–6: start angle and sweep
  const angleOf = (ux: number, uy: number): number => Math.atan2(uy, ux);
  const theta1 = angleOf((x1p - cxp) / rx, (y1p - cyp) / ry);
  let delta = angleOf((-x1p - cxp) / rx, (-y1p - cyp) / ry) - theta1;
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  const segments = Math.max(1, Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9));
  const step = delta / segments;
  // the control-point distance of a cubic approximating a unit circular arc of `step` radians
  const t = (4 / 3) * Math.tan(step / 4);
  const point = (a: number): [number, number] => {
    const ex = rx * Math.cos(a);
    const ey = ry * Math.sin(a);
    return [cos * ex - sin * ey + cx, sin * ex + cos * ey + cy];
  };
  const tangent = (a: number): [number, number] => {
    const ex = -rx * Math.sin(a);
    const ey = ry * Math.cos(a);
    return [cos * ex - sin * ey, sin * ex + cos * ey];
  };
  let a0 = theta1;
  for (let s = 0; s < segments; s++) {
    const a1 = a0 + step;
    const [p0x, p0y] = point(a0);
    const [d0x, d0y] = tangent(a0);
    const [p1x, p1y] = s === segments - 1 ? [x2, y2] : point(a1);
    const [d1x, d1y] = tangent(a1);
    ops.push(C, p0x + t * d0x, p0y + t * d0y, p1x - t * d1x, p1y - t * d1y, p1x, p1y);
    a0 = a1;
  }
}

/** Bounding box of straight-edged geometry (used for objectBoundingBox gradients). */
function boundingBox(geometry: PathGeometry): { x: number; y: number; w: number; h: number } {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const { ops } = geometry;
  for (let i = 0; i < ops.length;) {
    const op = ops[i]!;
    const count = op === C ? 6 : op === Z ? 0 : 2;
    for (let k = 1; k <= count; k += 2) {
      x0 = Math.min(x0, ops[i + k]!);
      x1 = Math.max(x1, ops[i + k]!);
      y0 = Math.min(y0, ops[i + k + 1]!);
      y1 = Math.max(y1, ops[i + k + 1]!);
    }
    i += count + 1;
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

function transformGeometry(geometry: PathGeometry, m: Matrix): PathGeometry {
  if (m === IDENTITY) return geometry;
  const ops = geometry.ops.slice();
  for (let i = 0; i < ops.length;) {
    const op = ops[i]!;
    const count = op === C ? 6 : op === Z ? 0 : 2;
    for (let k = 1; k <= count; k += 2) {
      const [px, py] = [ops[i + k]!, ops[i + k + 1]!];
      ops[i + k] = m[0] * px + m[2] * py + m[4];
      ops[i + k + 1] = m[1] * px + m[3] * py + m[5];
    }
    i += count + 1;
  }
  return { ops, curved: geometry.curved };
}

// ---------------------------------------------------------------------------------------------------------------
// Styles: the inherited painting properties (SVG 1.1 §11, §10)

interface Style {
  readonly fill: string;
  readonly fillOpacity: number;
  readonly fillRule: string;
  readonly stroke: string;
  readonly strokeOpacity: number;
  readonly strokeWidth: number;
  readonly dash: string;
  readonly dashOffset: number;
  readonly cap: 'butt' | 'round' | 'square';
  readonly join: 'miter' | 'round' | 'bevel';
  readonly miterLimit: number;
  readonly fontSize: number;
  readonly fontWeight: string;
  readonly fontStyle: string;
  readonly anchor: 'start' | 'middle' | 'end';
}

const INITIAL_STYLE: Style = {
  fill: 'black',
  fillOpacity: 1,
  fillRule: 'nonzero',
  stroke: 'none',
  strokeOpacity: 1,
  strokeWidth: 1,
  dash: 'none',
  dashOffset: 0,
  cap: 'butt',
  join: 'miter',
  miterLimit: 4,
  fontSize: 16,
  fontWeight: 'normal',
  fontStyle: 'normal',
  anchor: 'start',
};

function choice<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const v = value.trim();
  return (allowed as readonly string[]).includes(v) ? (v as T) : fail(`${what} "${clip(value)}"`);
}

const unitNumber = (v: string, what: string): number => {
  const x = oneNumber(v, what);
  return x < 0 || x > 1 ? fail(`${what} "${clip(v)}"`) : x;
};

/** Attributes with no effect on a static drawing without style sheets (ARIA, roles, classes, ids, versions). */
const INERT = new Set([
  'role',
  'class',
  'pointer-events',
  'cursor',
  'version',
  'xmlns',
  'xmlns:xlink',
  'id',
  'font-family',
  // only "default" reaches the planner (collectIds refuses any other)
  'xml:space',
]);

/** The presentation attributes this writer reads into the style, by name. */
function applyStyle(style: { -readonly [K in keyof Style]: Style[K] }, name: string, v: string): boolean {
  switch (name) {
    case 'fill':
      style.fill = v.trim();
      return true;
    case 'fill-opacity':
      style.fillOpacity = unitNumber(v, name);
      return true;
    case 'fill-rule':
      style.fillRule = choice(v, ['nonzero', 'evenodd'], name);
      return true;
    case 'stroke':
      style.stroke = v.trim();
      return true;
    case 'stroke-opacity':
      style.strokeOpacity = unitNumber(v, name);
      return true;
    case 'stroke-width': {
      const w = oneNumber(v, name, 'px');
      if (w < 0) fail(`${name} "${v}"`);
      style.strokeWidth = w;
      return true;
    }
    case 'stroke-dasharray':
      style.dash = v.trim();
      return true;
    case 'stroke-dashoffset':
      style.dashOffset = oneNumber(v, name, 'px');
      return true;
    case 'stroke-linecap':
      style.cap = choice(v, ['butt', 'round', 'square'], name);
      return true;
    case 'stroke-linejoin':
      style.join = choice(v, ['miter', 'round', 'bevel'], name);
      return true;
    case 'stroke-miterlimit': {
      const m = oneNumber(v, name);
      if (m < 1) fail(`${name} "${v}"`);
      style.miterLimit = m;
      return true;
    }
    case 'font-size': {
      const s = oneNumber(v, name, 'px');
      if (s <= 0) fail(`${name} "${v}"`);
      style.fontSize = s;
      return true;
    }
    case 'font-weight':
      style.fontWeight = v.trim();
      return true;
    case 'font-style':
      style.fontStyle = choice(v, ['normal', 'italic', 'oblique'], name);
      return true;
    case 'text-anchor':
      style.anchor = choice(v, ['start', 'middle', 'end'], name);
      return true;
    default:
      return false;
  }
}

/** Dash lengths of a stroke-dasharray, null for a solid line (none, or every gap zero). */
function dashArray(value: string): number[] | null {
  if (value === 'none') return null;
  const lengths = numberList(value, 'stroke-dasharray');
  if (lengths.length === 0 || lengths.some((l) => l < 0)) fail(`stroke-dasharray "${clip(value)}"`);
  const even = lengths.length % 2 === 0 ? lengths : [...lengths, ...lengths];
  if (even.every((l) => l === 0)) return null;
  if (even.filter((_, k) => k % 2 === 1).every((g) => g === 0)) return null;
  // a zero dash (a dot with round caps) is valid SVG, but pdfkit refuses zero lengths
  if (even.some((l) => l === 0)) fail(`stroke-dasharray "${clip(value)}" with zero lengths`);
  return even;
}

// ---------------------------------------------------------------------------------------------------------------
// Planning: the element tree to drawing operations

interface Defs {
  readonly byId: Map<string, SvgElement>;
}

const SHAPES = new Set(['path', 'rect', 'line', 'circle']);
const SKIPPED = new Set(['title', 'desc', 'metadata']);

const GEOMETRY_ATTRS: Record<string, readonly string[]> = {
  path: ['d'],
  rect: ['x', 'y', 'width', 'height', 'rx', 'ry'],
  line: ['x1', 'y1', 'x2', 'y2'],
  circle: ['cx', 'cy', 'r'],
};

function num(attrs: Map<string, string>, name: string, fallback = 0): number {
  const v = attrs.get(name);
  return v === undefined ? fallback : oneNumber(v, name, 'px');
}

/**
 * Path data already read in this process, by its text: a figure's points are one symbol drawn thousands of times
 * (the same `d`, each with its own transform), and reading a symbol's arcs into curves was a fifth of the writer's
 * time on the iterations view. A geometry is never changed once read (transforms copy it). Bounded.
 */
const PARSED_PATHS = new Map<string, PathGeometry>();
const MAX_PARSED_PATHS = 10_000;

function parsedPath(d: string): PathGeometry {
  let geometry = PARSED_PATHS.get(d);
  if (geometry === undefined) {
    geometry = parsePath(d);
    if (PARSED_PATHS.size >= MAX_PARSED_PATHS) PARSED_PATHS.clear();
    PARSED_PATHS.set(d, geometry);
  }
  return geometry;
}

function shapeGeometry(el: SvgElement): PathGeometry | null {
  const a = el.attrs;
  switch (el.name) {
    case 'path':
      return parsedPath(a.get('d') ?? '');
    case 'rect': {
      const [x, y, w, h] = [num(a, 'x'), num(a, 'y'), num(a, 'width'), num(a, 'height')];
      if (num(a, 'rx') !== 0 || num(a, 'ry') !== 0) fail('a rounded <rect>');
      if (w < 0 || h < 0) fail('a <rect> of negative size');
      if (w === 0 || h === 0) return null;
      return { ops: [M, x, y, L, x + w, y, L, x + w, y + h, L, x, y + h, Z], curved: false };
    }
    case 'line':
      return { ops: [M, num(a, 'x1'), num(a, 'y1'), L, num(a, 'x2'), num(a, 'y2')], curved: false };
    case 'circle': {
      const [cx, cy, r] = [num(a, 'cx'), num(a, 'cy'), num(a, 'r')];
      if (r < 0) fail('a <circle> of negative radius');
      if (r === 0) return null;
      const ops: number[] = [M, cx + r, cy];
      arcToCubics(ops, cx + r, cy, r, r, 0, false, true, cx - r, cy);
      arcToCubics(ops, cx - r, cy, r, r, 0, false, true, cx + r, cy);
      ops.push(Z);
      return { ops, curved: true };
    }
    default:
      return fail(`the element <${el.name}>`);
  }
}

function idReference(value: string): string {
  const v = value.trim();
  if (!v.startsWith('url(#') || !v.endsWith(')')) fail(`the reference "${clip(value)}"`);
  return v.slice(5, -1);
}

class Planner {
  readonly ops: DrawOp[] = [];

  constructor(private readonly defs: Defs) {}

  element(el: SvgElement, parent: Style): void {
    if (SKIPPED.has(el.name)) return;
    if (el.name === 'defs') return; // read when referenced
    const isGroup = el.name === 'g';
    if (!isGroup && !SHAPES.has(el.name) && el.name !== 'text') fail(`the element <${el.name}>`);
    let style: { -readonly [K in keyof Style]: Style[K] } | Style = parent;
    let transform: Matrix = IDENTITY;
    let opacity = 1;
    let clipId: string | undefined;
    const geometryAttrs = GEOMETRY_ATTRS[el.name] ?? (el.name === 'text' ? ['x', 'y', 'dx', 'dy'] : []);
    for (const [name, value] of el.attrs) {
      if (INERT.has(name) || name.startsWith('aria-')) continue;
      if (name === 'display') {
        if (value.trim() === 'none') return;
        choice(value, ['inline', 'block'], 'display');
        continue;
      }
      if (name === 'visibility') {
        if (choice(value, ['visible', 'hidden'], 'visibility') === 'hidden') fail('visibility="hidden"');
        continue;
      }
      if (name === 'transform') transform = parseTransform(value);
      else if (name === 'opacity') opacity = unitNumber(value, 'opacity');
      else if (name === 'clip-path') clipId = value.trim() === 'none' ? undefined : idReference(value);
      else if (geometryAttrs.includes(name)) continue;
      else {
        // the inherited style is copied once, when the element sets one of its own
        if (style === parent) style = { ...parent };
        if (!applyStyle(style, name, value)) fail(`attribute ${name} on <${el.name}>`);
      }
    }
    if (isGroup && opacity !== 1) fail('a group with opacity');
    const wrap = transform !== IDENTITY || clipId !== undefined;
    if (wrap) {
      this.ops.push({ op: 'save' });
      if (transform !== IDENTITY) this.ops.push({ op: 'transform', m: transform });
      if (clipId !== undefined) this.clip(clipId);
    }
    if (isGroup) {
      for (const child of el.children) {
        if (typeof child === 'string') {
          if (child.trim() !== '') fail('text directly inside a <g>');
        } else this.element(child, style);
      }
    } else if (el.name === 'text') this.text(el, style, opacity);
    else {
      if (el.children.some((c) => typeof c !== 'string' || c.trim() !== '')) fail(`content inside <${el.name}>`);
      this.shape(el, style, opacity);
    }
    if (wrap) this.ops.push({ op: 'restore' });
  }

  private clip(id: string): void {
    const clipPath = this.defs.byId.get(id);
    if (clipPath === undefined || clipPath.name !== 'clipPath') return fail(`a clip-path reference to "${id}"`);
    let evenOdd: boolean | undefined;
    const ops: number[] = [];
    for (const [name, value] of clipPath.attrs) {
      if (name === 'clipPathUnits') choice(value, ['userSpaceOnUse'], 'clipPathUnits');
      else if (!INERT.has(name)) fail(`attribute ${name} on <clipPath>`);
    }
    for (const child of clipPath.children) {
      if (typeof child === 'string') {
        if (child.trim() !== '') fail('text inside a <clipPath>');
        continue;
      }
      if (!SHAPES.has(child.name)) fail(`<${child.name}> inside a <clipPath>`);
      let transform: Matrix = IDENTITY;
      let rule = 'nonzero';
      for (const [name, value] of child.attrs) {
        if (INERT.has(name) || GEOMETRY_ATTRS[child.name]!.includes(name)) continue;
        if (name === 'transform') transform = parseTransform(value);
        else if (name === 'clip-rule') rule = choice(value, ['nonzero', 'evenodd'], name);
        else if (!['fill', 'stroke', 'stroke-width', 'fill-opacity', 'opacity'].includes(name)) {
          fail(`attribute ${name} inside a <clipPath>`);
        }
      }
      // several shapes clip to their union: with one rule for all of them, only nonzero keeps that union
      if (evenOdd !== undefined && (evenOdd || rule === 'evenodd')) fail('several even-odd shapes in one <clipPath>');
      evenOdd = rule === 'evenodd';
      const geometry = shapeGeometry(child);
      if (geometry !== null) for (const v of transformGeometry(geometry, transform).ops) ops.push(v);
    }
    // an empty clip path hides everything: an empty rectangle does that
    const geometry = ops.length > 0 ? { ops, curved: false } : { ops: [M, 0, 0, L, 0, 0, Z], curved: false };
    this.ops.push({ op: 'clip', geometry, evenOdd: evenOdd ?? false });
  }

  private paint(value: string, geometry: PathGeometry): Paint {
    if (!value.startsWith('url(')) return parseColor(value);
    const id = idReference(value);
    const gradient = this.defs.byId.get(id);
    if (gradient === undefined || gradient.name !== 'linearGradient') return fail(`a paint reference to "${id}"`);
    let units = 'objectBoundingBox';
    const coords = { x1: 0, y1: 0, x2: 1, y2: 0 };
    for (const [name, v] of gradient.attrs) {
      if (name in coords) {
        const isPercent = v.trim().endsWith('%');
        const value = oneNumber(isPercent ? v.trim().slice(0, -1) : v, `gradient ${name}`);
        coords[name as keyof typeof coords] = isPercent ? value / 100 : value;
      } else if (name === 'gradientUnits') units = choice(v, ['objectBoundingBox', 'userSpaceOnUse'], name);
      else if (name === 'spreadMethod') choice(v, ['pad'], name);
      else if (!INERT.has(name)) fail(`attribute ${name} on <linearGradient>`);
    }
    const stops: { offset: number; color: Rgb; opacity: number }[] = [];
    for (const stop of gradient.children) {
      if (typeof stop === 'string') {
        if (stop.trim() !== '') fail('text inside a <linearGradient>');
        continue;
      }
      if (stop.name !== 'stop') fail(`<${stop.name}> inside a <linearGradient>`);
      let offset = 0;
      let color: Rgb | null = [0, 0, 0];
      let opacity = 1;
      for (const [name, v] of stop.attrs) {
        if (name === 'offset') {
          const isPercent = v.trim().endsWith('%');
          offset = oneNumber(isPercent ? v.trim().slice(0, -1) : v, 'offset') / (isPercent ? 100 : 1);
        } else if (name === 'stop-color') color = parseColor(v);
        else if (name === 'stop-opacity') opacity = unitNumber(v, name);
        else if (!INERT.has(name)) fail(`attribute ${name} on <stop>`);
      }
      if (color === null) fail('a stop without colour');
      // a stop's opacity needs a soft mask, which would stay in the graphics state after the shape
      if (opacity !== 1) fail('a gradient stop with opacity');
      // offsets are clamped to [0, 1] and never decrease (SVG 1.1 §13.2.4)
      const previous = stops.length > 0 ? stops[stops.length - 1]!.offset : 0;
      stops.push({ offset: Math.max(previous, Math.min(1, Math.max(0, offset))), color: color!, opacity });
    }
    if (stops.length === 0) return null;
    if (units === 'userSpaceOnUse') return { kind: 'linear', ...coords, stops };
    if (geometry.curved) fail('a gradient on a curved shape');
    const box = boundingBox(geometry);
    if (box.w === 0 || box.h === 0) return null;
    // bounding-box units map to user space by a scale per axis: exact for horizontal or vertical gradients only
    if (coords.x1 !== coords.x2 && coords.y1 !== coords.y2 && box.w !== box.h) fail('a diagonal gradient');
    return {
      kind: 'linear',
      x1: box.x + coords.x1 * box.w,
      y1: box.y + coords.y1 * box.h,
      x2: box.x + coords.x2 * box.w,
      y2: box.y + coords.y2 * box.h,
      stops,
    };
  }

  private shape(el: SvgElement, style: Style, opacity: number): void {
    const geometry = shapeGeometry(el);
    if (geometry === null || geometry.ops.length === 0) return;
    const fill = el.name === 'line' ? null : this.paint(style.fill, geometry);
    if (style.stroke.startsWith('url(')) fail('a gradient stroke');
    const strokeColor = parseColor(style.stroke);
    const stroke = style.strokeWidth > 0 ? strokeColor : null;
    if (fill === null && stroke === null) return;
    // element opacity is the opacity of the element drawn as a group: for one paint, that paint's opacity; for a
    // shape both filled and stroked, a transparency group (the stroke covers the fill, then both fade together)
    const group = opacity !== 1 && fill !== null && stroke !== null;
    if (group && (!Array.isArray(fill) || style.fillOpacity !== 1 || style.strokeOpacity !== 1)) {
      fail('opacity on a shape both filled and stroked with a gradient or paint opacities');
    }
    this.ops.push({
      op: 'path',
      geometry,
      groupOpacity: group ? opacity : 1,
      fill,
      fillOpacity: style.fillOpacity * (group ? 1 : opacity),
      evenOdd: style.fillRule === 'evenodd',
      stroke,
      strokeOpacity: style.strokeOpacity * (group ? 1 : opacity),
      strokeWidth: style.strokeWidth,
      dash: stroke === null ? null : dashArray(style.dash),
      dashOffset: style.dashOffset,
      cap: style.cap,
      join: style.join,
      miterLimit: style.miterLimit,
    });
  }

  private text(el: SvgElement, style: Style, opacity: number): void {
    // text chunks (SVG 1.1 §10.4): a new one starts at each absolute x; each is anchored on its own
    const chunks: { x: number; y: number; text: string }[] = [];
    let x = num(el.attrs, 'x') + num(el.attrs, 'dx');
    let y = num(el.attrs, 'y') + num(el.attrs, 'dy');
    let current = { x, y, text: '' };
    chunks.push(current);
    const add = (raw: string): void => {
      current.text += raw;
    };
    for (const child of el.children) {
      if (typeof child === 'string') {
        add(child);
        continue;
      }
      if (child.name !== 'tspan') fail(`<${child.name}> inside <text>`);
      let absolute = false;
      for (const [name, value] of child.attrs) {
        if (INERT.has(name) || name.startsWith('aria-') || name === 'dx' || name === 'dy') continue;
        if (name === 'x') {
          x = oneNumber(value, 'tspan x', 'px');
          absolute = true;
        } else if (name === 'y') {
          y = oneNumber(value, 'tspan y', 'px');
          absolute = true;
        } else fail(`attribute ${name} on <tspan>`);
      }
      const dx = num(child.attrs, 'dx');
      const dy = num(child.attrs, 'dy');
      if (child.attrs.has('dx') || child.attrs.has('dy') || absolute) {
        if (!child.attrs.has('x') && current.text !== '') fail('a tspan shifted inside a text chunk');
        x += dx;
        y += dy;
        current = { x, y, text: '' };
        chunks.push(current);
      }
      for (const grandchild of child.children) {
        if (typeof grandchild !== 'string') fail(`<${grandchild.name}> inside <tspan>`);
        add(grandchild as string);
      }
    }
    const fill = parseColor(style.fill.startsWith('url(') ? fail('a gradient on text') : style.fill);
    if (style.stroke !== 'none' && parseColor(style.stroke) !== null && style.strokeWidth > 0) fail('stroked text');
    if (fill === null) return;
    const face = faceOf(style.fontWeight, style.fontStyle) ?? fail(`font-weight "${style.fontWeight}"`);
    // xml:space="default": newlines removed, tabs as spaces, runs of spaces collapsed, leading and trailing removed
    // (over the whole element: a collapsed space stays in the chunk where it was written)
    const texts = chunks.map(() => '');
    let pending = -1; // chunk of a space waiting for a following character
    let started = false;
    chunks.forEach((chunk, k) => {
      for (const ch of chunk.text.replace(/[\r\n]/g, '')) {
        if (ch === ' ' || ch === '\t') {
          if (started && pending < 0) pending = k;
          continue;
        }
        if (pending >= 0) texts[pending] += ' ';
        pending = -1;
        started = true;
        texts[k] += ch;
      }
    });
    for (const [k, chunk] of chunks.entries()) {
      const out = texts[k]!;
      if (out === '') continue;
      this.ops.push({
        op: 'text',
        text: out,
        x: chunk.x,
        y: chunk.y,
        anchor: style.anchor,
        face,
        size: style.fontSize,
        fill: fill!,
        fillOpacity: style.fillOpacity * opacity,
      });
    }
  }
}

function collectIds(el: SvgElement, byId: Map<string, SvgElement>): void {
  // a style sheet anywhere (even in <defs>) would restyle elements by class: never ignored
  if (el.name === 'style') fail('a style sheet (<style>)');
  // white space is read as xml:space="default" prescribes
  const space = el.attrs.get('xml:space');
  if (space !== undefined && space !== 'default') fail(`xml:space="${clip(space)}"`);
  const id = el.attrs.get('id');
  if (id !== undefined) {
    if (byId.has(id)) fail(`the id "${id}" twice`);
    byId.set(id, el);
  }
  for (const child of el.children) if (typeof child !== 'string') collectIds(child, byId);
}

/** The drawing operations of an SVG, or why this writer does not draw it. */
export function planSvgDrawing(svg: string): SvgPlan | UnsupportedSvg {
  try {
    const root = scanSvg(svg);
    const byId = new Map<string, SvgElement>();
    collectIds(root, byId);
    let width = NaN;
    let height = NaN;
    const style = { ...INITIAL_STYLE };
    for (const [name, value] of root.attrs) {
      if (name === 'width') width = oneNumber(value, 'width', 'px');
      else if (name === 'height') height = oneNumber(value, 'height', 'px');
      else if (name === 'viewBox') continue;
      else if (INERT.has(name) || name.startsWith('aria-')) continue;
      else if (!applyStyle(style, name, value)) fail(`attribute ${name} on <svg>`);
    }
    if (!(width > 0) || !(height > 0)) fail('an <svg> without a positive width and height');
    const viewBox = root.attrs.get('viewBox');
    if (viewBox !== undefined) {
      const [x = NaN, y = NaN, w = NaN, h = NaN, extra] = numberList(viewBox, 'viewBox');
      if (x !== 0 || y !== 0 || w !== width || h !== height || extra !== undefined) fail(`viewBox "${viewBox}"`);
    }
    const planner = new Planner({ byId });
    for (const child of root.children) {
      if (typeof child === 'string') {
        if (child.trim() !== '') fail('text directly inside <svg>');
      } else planner.element(child, style);
    }
    return { width, height, ops: planner.ops };
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.message };
    throw error;
  }
}

export const isUnsupported = (plan: SvgPlan | UnsupportedSvg): plan is UnsupportedSvg => 'unsupported' in plan;

// ---------------------------------------------------------------------------------------------------------------
// Drawing: the operations on a pdfkit document

/** The part of pdfkit's document API this writer uses (all public). */
export interface PdfCanvas {
  save(): this;
  restore(): this;
  transform(m11: number, m12: number, m21: number, m22: number, dx: number, dy: number): this;
  fillColor(color: unknown, opacity?: number): this;
  strokeColor(color: unknown, opacity?: number): this;
  fillOpacity(opacity: number): this;
  strokeOpacity(opacity: number): this;
  lineWidth(w: number): this;
  lineCap(c: string): this;
  lineJoin(j: string): this;
  miterLimit(m: number): this;
  dash(length: number[], options?: { phase?: number }): this;
  undash(): this;
  font(name: string): this;
  fontSize(size: number): this;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options: Record<string, unknown>): this;
  opacity(opacity: number): this;
  addContent(operators: string | Uint8Array): this;
  ref(data: Record<string, unknown>): { end(content?: string): void };
  readonly page: { readonly xobjects: Record<string, unknown> };
  linearGradient(
    x1: number,
    y1: number,
    x2: number,
    y2: number,
  ): {
    stop(offset: number, color: unknown, opacity?: number): unknown;
  };
}

/** pdfkit's graphics state as last set, so that unchanged settings are not written again. */
interface CanvasState {
  fill: string;
  fillOpacity: number;
  stroke: string;
  strokeOpacity: number;
  lineWidth: number;
  cap: string;
  join: string;
  miterLimit: number;
  dash: string;
  font: string;
  fontSize: number;
}

/** A number as pdfkit writes it in content streams (six decimals at most; pdfkit refuses |n| ≥ 1e21, so do we). */
const pdfNumber = (n: number): string => {
  if (!(n > -1e21 && n < 1e21)) throw new Error(`unsupported number: ${n}`);
  return String(Math.round(n * 1e6) / 1e6);
};

/**
 * A path's construction operators (m, l, c, h), one a line, as pdfkit's moveTo, lineTo, bezierCurveTo and closePath
 * write them: the same bytes, in one piece.
 */
function pathOperators(ops: readonly number[]): string {
  const lines: string[] = [];
  for (let i = 0; i < ops.length;) {
    switch (ops[i]) {
      case M:
      case L:
        lines.push(`${pdfNumber(ops[i + 1]!)} ${pdfNumber(ops[i + 2]!)} ${ops[i] === M ? 'm' : 'l'}`);
        i += 3;
        break;
      case C:
        lines.push(
          `${pdfNumber(ops[i + 1]!)} ${pdfNumber(ops[i + 2]!)} ${pdfNumber(ops[i + 3]!)} ` +
            `${pdfNumber(ops[i + 4]!)} ${pdfNumber(ops[i + 5]!)} ${pdfNumber(ops[i + 6]!)} c`,
        );
        i += 7;
        break;
      default:
        lines.push('h');
        i += 1;
    }
  }
  return lines.join('\n');
}

/** The operators of the geometries written in this process (a symbol's geometry is shared, see parsedPath). */
const WRITTEN_PATHS = new WeakMap<readonly number[], string>();

/**
 * A path and what paints it (`f`, `B*`, `W n`, …) written to the page at once, as bytes: what pdfkit writes for the
 * same calls one operator at a time (each a string it copies into bytes a character at a time, then a newline),
 * for about a sixth of the PDF writer's time on figures of thousands of marks.
 */
function paintPath(doc: PdfCanvas, ops: readonly number[], paint: string): void {
  let path = WRITTEN_PATHS.get(ops);
  if (path === undefined) WRITTEN_PATHS.set(ops, (path = pathOperators(ops)));
  doc.addContent(Buffer.from(`${path === '' ? '' : `${path}\n`}${paint}\n`, 'latin1'));
}

/**
 * Word layouts of each face, shared by the documents of this process. pdfkit lays out each word of a text with fontkit
 * and keeps the result in a cache of its font object, which is new in every document: the same labels (ticks, levels,
 * units) were laid out again for every figure, about a sixth of a PDF's CPU. A layout depends only on the font (each
 * face name always stands for the same parsed font, render-fonts.ts) and the word, not on the document: each
 * document still records the glyphs it uses for its own subset when it encodes the text, so no byte changes. The
 * cache is pdfkit's own `layoutCache` (0.20); where a pdfkit lacks it, nothing is shared.
 */
const sharedLayouts = new Map<string, object>();
/** Words kept per face before its shared layouts start again (a campaign's labels are far fewer). */
const MAX_SHARED_LAYOUTS = 20_000;

function shareLayouts(doc: PdfCanvas, face: string): void {
  const font = (doc as { _font?: { layoutCache?: unknown } })._font;
  if (font === undefined || typeof font.layoutCache !== 'object' || font.layoutCache === null) return;
  const shared = sharedLayouts.get(face);
  if (shared === font.layoutCache) return;
  if (shared === undefined || Object.keys(shared).length > MAX_SHARED_LAYOUTS) {
    sharedLayouts.set(face, font.layoutCache);
  } else {
    font.layoutCache = shared;
  }
}

const CAPS = { butt: 0, round: 1, square: 2 } as const;
const JOINS = { miter: 0, round: 1, bevel: 2 } as const;

/**
 * A shape filled and stroked in solid colours as a transparency group (a form XObject with a /Group, PDF 1.4
 * §7.5.5 / ISO 32000-1 §11.6.6): painted with the page's alpha constant, it fades as one, as SVG's opacity does.
 * Its content is written here, in the form's own coordinates (those of the page where it is painted).
 */
function groupForm(doc: PdfCanvas, op: Extract<DrawOp, { op: 'path' }>): unknown {
  const rgb = (c: Rgb): string => c.map((v) => pdfNumber(v / 255)).join(' ');
  const parts = [`${rgb(op.fill as Rgb)} rg`, `${rgb(op.stroke!)} RG`, `${pdfNumber(op.strokeWidth)} w`];
  parts.push(`${CAPS[op.cap]} J`, `${JOINS[op.join]} j`, `${pdfNumber(op.miterLimit)} M`);
  // every stroke setting is written: a form inherits the page's graphics state where it is painted (a dash too)
  const dash = op.dash === null ? '[] 0' : `[${op.dash.map(pdfNumber).join(' ')}] ${pdfNumber(op.dashOffset)}`;
  parts.push(`${dash} d`);
  const path = pathOperators(op.geometry.ops);
  if (path !== '') parts.push(path);
  parts.push(op.evenOdd ? 'B*' : 'B');
  // the form's box: the shape's points, widened by what a stroke can reach past them (miter tips included)
  const box = boundingBox(op.geometry);
  const reach = (op.strokeWidth / 2) * Math.max(op.miterLimit, 1) + 1;
  const form = doc.ref({
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    BBox: [box.x - reach, box.y - reach, box.x + box.w + reach, box.y + box.h + reach].map(
      (v) => Math.round(v * 1e6) / 1e6,
    ),
    Group: { Type: 'Group', S: 'Transparency' },
    Resources: {},
  });
  form.end(parts.join('\n'));
  return form;
}

/**
 * Draw a plan on a pdfkit document whose page is the plan's size; `faces` names the registered font of each face.
 * pdfkit's initial state is PDF's (black, width 1, miter limit 10): the plan's settings are written before use.
 */
export function drawSvgPlan(
  doc: PdfCanvas,
  plan: SvgPlan,
  faces: Record<'regular' | 'bold' | 'oblique' | 'boldOblique', string>,
): void {
  let state: CanvasState = {
    fill: 'black',
    fillOpacity: NaN,
    stroke: 'black',
    strokeOpacity: NaN,
    lineWidth: 1,
    cap: 'butt',
    join: 'miter',
    miterLimit: 10,
    dash: '',
    font: '',
    fontSize: NaN,
  };
  const saved: CanvasState[] = [];
  let groups = 0;
  const hex = (c: Rgb): string => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const setFill = (color: Rgb, opacity: number): void => {
    const key = hex(color);
    if (state.fill !== key) {
      doc.fillColor(key);
      state.fill = key;
    }
    if (state.fillOpacity !== opacity) {
      doc.fillOpacity(opacity);
      state.fillOpacity = opacity;
    }
  };
  for (const op of plan.ops) {
    switch (op.op) {
      case 'save':
        doc.save();
        saved.push({ ...state });
        break;
      case 'restore':
        doc.restore();
        state = saved.pop()!;
        break;
      case 'transform':
        doc.transform(...op.m);
        break;
      case 'clip':
        paintPath(doc, op.geometry.ops, op.evenOdd ? 'W* n' : 'W n');
        break;
      case 'path': {
        const { fill, stroke } = op;
        if (op.groupOpacity !== 1) {
          const name = `CnbGroup${++groups}`;
          doc.page.xobjects[name] = groupForm(doc, op);
          doc.opacity(op.groupOpacity);
          state.fillOpacity = state.strokeOpacity = op.groupOpacity;
          doc.addContent(`/${name} Do`);
          break;
        }
        if (fill !== null) {
          if ('kind' in fill) {
            const gradient = doc.linearGradient(fill.x1, fill.y1, fill.x2, fill.y2);
            for (const s of fill.stops) gradient.stop(s.offset, hex(s.color));
            doc.fillColor(gradient);
            state.fill = '';
            if (state.fillOpacity !== op.fillOpacity) {
              doc.fillOpacity(op.fillOpacity);
              state.fillOpacity = op.fillOpacity;
            }
          } else setFill(fill, op.fillOpacity);
        }
        if (stroke !== null) {
          const key = hex(stroke);
          if (state.stroke !== key) doc.strokeColor(key);
          if (state.strokeOpacity !== op.strokeOpacity) doc.strokeOpacity(op.strokeOpacity);
          if (state.lineWidth !== op.strokeWidth) doc.lineWidth(op.strokeWidth);
          if (state.cap !== op.cap) doc.lineCap(op.cap);
          if (state.join !== op.join) doc.lineJoin(op.join);
          if (state.miterLimit !== op.miterLimit) doc.miterLimit(op.miterLimit);
          const dash = op.dash === null ? '' : `${op.dash.join(',')}@${op.dashOffset}`;
          if (state.dash !== dash) {
            if (op.dash === null) doc.undash();
            else doc.dash(op.dash as number[], { phase: op.dashOffset });
          }
          state = {
            ...state,
            stroke: key,
            strokeOpacity: op.strokeOpacity,
            lineWidth: op.strokeWidth,
            cap: op.cap,
            join: op.join,
            miterLimit: op.miterLimit,
            dash,
          };
        }
        // pdfkit's fillAndStroke, fill and stroke: B, f (with * for even-odd) and S
        const star = op.evenOdd ? '*' : '';
        paintPath(
          doc,
          op.geometry.ops,
          fill !== null && stroke !== null ? `B${star}` : fill !== null ? `f${star}` : 'S',
        );
        break;
      }
      case 'text': {
        setFill(op.fill, op.fillOpacity);
        const font = faces[op.face];
        if (state.font !== font) {
          doc.font(font);
          shareLayouts(doc, font);
          state.font = font;
        }
        if (state.fontSize !== op.size) {
          doc.fontSize(op.size);
          state.fontSize = op.size;
        }
        const shift = op.anchor === 'start' ? 0 : doc.widthOfString(op.text) * (op.anchor === 'middle' ? 0.5 : 1);
        // one unwrapped line, its baseline at y (SVG's text position)
        doc.text(op.text, op.x - shift, op.y, { lineBreak: false, baseline: 'alphabetic' });
        break;
      }
    }
  }
}
