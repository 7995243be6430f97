/**
 * Every parser is linear in its input (issue 11): a text report whose title ` Results - ` was followed by 200,000
 * blanks took 32 s (a regex retrying the blanks at every position). Asserted on input size, not on seconds: the
 * time for 8n characters against the time for n, which is about 8 for a linear parser and 64 for a quadratic one.
 * Hostile lines are built by fast-check from the pieces the parsers' patterns look for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/knb/read/detect.js';
import { parseKnb } from '../../src/knb/read/parse.js';
import { synthesizeRun } from '../../src/synth/index.js';
import { renderKnb } from '../../src/knb/index.js';

const run = synthesizeRun({ seed: 5 });
const reports = {
  text: renderKnb(run, 'text'),
  json: renderKnb(run, 'json'),
  yaml: renderKnb(run, 'yaml'),
  ibdbench: renderKnb(run, 'ibdbench'),
} as const;
type Format = keyof typeof reports;

/** Pieces of the lines the parsers match: their literals, separators and the characters their patterns repeat. */
const PIECES = [
  ' ',
  '  ',
  '\t',
  '=',
  '%',
  ':',
  '"',
  "'",
  ',',
  '{',
  '}',
  '\\',
  '.',
  '5',
  'x',
  ' Results - ',
  ' Benchmark Results',
  ' UTC',
  'bandwidth = ',
  ' Mbit/s',
  'total ',
  '% (user ',
  '%, nice ',
  'client cpu =',
  'server ram = ',
  ' MB',
  '    TCP :',
  '  Idle :',
  '"bandwidth": ',
  'metadata:',
  'data:',
  '\x1b[',
  '\r',
  'nan',
];

const N = 5_000;

interface Shape {
  /** a real line of the report, cut after `cut` characters, a joint, then the unit repeated, then the suffix */
  readonly line: number;
  readonly cut: number;
  readonly joint: string;
  readonly unit: string;
  readonly suffix: string;
  /** whether the hostile line replaces that line of the report or is added before it */
  readonly replace: boolean;
}

function hostile(format: Format, shape: Shape, length: number): Uint8Array {
  const lines = reports[format].split('\n');
  const index = shape.line % lines.length;
  const real = lines[index]!;
  const body = shape.unit.repeat(Math.ceil(length / shape.unit.length)).slice(0, length);
  const line = `${real.slice(0, shape.cut % (real.length + 1))}${shape.joint}${body}${shape.suffix}`;
  // ibdbench: the line goes into the first field, so that the report stays one line
  if (format === 'ibdbench') lines[0] = lines[0]!.replace('\t', `\t${line.replace(/\n/g, '')}`);
  else lines.splice(index, shape.replace ? 1 : 0, line);
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** Best of two timings of parsing `bytes`, in milliseconds. */
function timeParse(bytes: Uint8Array): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    parseKnb(bytes, 'f');
    detectFormat(bytes);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * The time for 8n against the time for n: at most 20 (linear gives about 8; quadratic 64). 2 ms are added to the
 * small side, so that timer noise on a fast parse cannot fail the test.
 */
function assertLinear(format: Format, shape: Shape): void {
  const small = timeParse(hostile(format, shape, N));
  const large = timeParse(hostile(format, shape, 8 * N));
  expect(large, `${format}: ${JSON.stringify(shape)}`).toBeLessThan(20 * (small + 2));
}

describe('parsers are linear in their input', () => {
  it('the text report title followed by 200,000 blanks', () => {
    const report = reports.text.replace(/^ (Benchmark )?Results.*$/m, ` Results - ${' '.repeat(200_000)}x`);
    expect(report).not.toBe(reports.text);
    const t0 = performance.now();
    const parsed = parseKnb(Buffer.from(report), 'title.txt');
    // a bound far above a linear parse (milliseconds) and far below the quadratic one (32 s)
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(parsed.format).toBe('text');
    const title = reports.text.split('\n').findIndex((l) => l.includes('Results'));
    assertLinear('text', { line: title, cut: 99, joint: ' - ', unit: ' ', suffix: 'x', replace: true });
  }, 60_000);

  for (const format of Object.keys(reports) as Format[]) {
    it(`${format}: every line, cut before each blank, colon, equals sign or dash, then a run of blanks`, () => {
      const lines = reports[format].split('\n');
      for (let line = 0; line < Math.min(lines.length, 80); line++) {
        const real = lines[line]!;
        const cuts = new Set([real.length]);
        for (let i = 0; i < real.length; i++)
          if (/[\s:=-]/.test(real[i]!) && !/\s/.test(real[i - 1] ?? '')) cuts.add(i);
        for (const cut of cuts) {
          for (const joint of ['', ' - ', ' : ']) {
            assertLinear(format, { line, cut, joint, unit: ' ', suffix: 'x', replace: true });
          }
        }
      }
    }, 120_000);

    it(`${format}: hostile lines of fast-check's pieces`, () => {
      // blanks weigh more: a pattern that rescans a run of blanks at every position is the usual quadratic case
      const piece = fc.oneof(
        { arbitrary: fc.constantFrom(' ', '  ', '\t'), weight: 3 },
        { arbitrary: fc.constantFrom(...PIECES), weight: 1 },
      );
      const shape = fc.record({
        // the first lines (separator, title, headers) more often: they are matched by the most patterns
        line: fc.oneof({ arbitrary: fc.nat(3), weight: 2 }, { arbitrary: fc.nat(80), weight: 1 }),
        cut: fc.nat(40),
        // what knb puts between a label and its value
        joint: fc.constantFrom('', ' - ', ' : ', ': ', ' = ', '='),
        unit: fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join('')),
        suffix: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES)),
        replace: fc.boolean(),
      });
      fc.assert(
        fc.property(shape, (s) => assertLinear(format, s)),
        { numRuns: 200, seed: 11 },
      );
    }, 120_000);
  }
});
