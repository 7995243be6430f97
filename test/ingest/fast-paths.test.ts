/**
 * The archive hot path reads common input without the general machinery (regex, Number(), printf formatting). Each
 * fast path must decide exactly as the careful path it short-cuts: checked here against reference implementations
 * written the slow, obvious way (the code before the speed-up), on generated and adversarial inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cFixed2 } from '../../src/knb/c-printf.js';
import { packSamples, RunSamplePacker } from '../../src/knb/read/samples.js';
import { issueSink, plainDecimalValue } from '../../src/knb/read/values.js';
import { fixed2Equals, parseEnv, readMetrics } from '../../src/knb/read/workdir.js';

const NUMBER = /^\d+(?:\.\d+)?$/;

/** The careful reading of a `.metrics` file: every line split on blanks, each field checked by NUMBER. */
function referenceMetrics(text: string): { flat: number[]; warnings: number[] } {
  const flat: number[] = [];
  const warnings: number[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line === '' || /^[a-z]/i.test(line)) return;
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 7 || fields.some((f) => !NUMBER.test(f))) warnings.push(i + 1);
    else for (const f of fields) flat.push(Number(f));
  });
  return { flat, warnings };
}

function fastMetrics(text: string): { flat: number[]; warnings: number[] } {
  const sink = issueSink('f.knbdata');
  const read = readMetrics(Buffer.from(text, 'utf8'), sink);
  expect(read.count * 7).toBe(read.flat.length);
  return { flat: [...read.flat], warnings: sink.issues.map((i) => i.line!) };
}

/** The env parser before its regex-free fast path. */
function referenceEnv(content: string): Map<string, string> | string[] {
  const env = new Map<string, string>();
  const bad: string[] = [];
  for (const raw of content.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z_0-9]*)=(?:"(.*)"|'(.*)'|(.*))$/.exec(line);
    if (!m) bad.push(line);
    else env.set(m[1]!, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return bad.length > 0 ? bad : env;
}

const SAMPLE_CHARS = ['0', '1', '5', '9', '.', ' ', ' ', '\t', '\r', 'a', '-', 'e'];

describe('monitor samples: fast row reader = careful reader', () => {
  it('reads what stats.sh writes, with CRLF and a missing final newline', () => {
    const text =
      'cpu-user cpu-nice\r\n1.51 0.00 9.20 0.09 0.07 904 1696237233\r\n2.39 0.00 7.72 0.10 0.11 904 1696237234';
    expect(fastMetrics(text)).toEqual(referenceMetrics(text));
    expect(fastMetrics(text).flat).toHaveLength(14);
  });

  it('rejects, with a warning, lines the fast path once accepted: 8 numbers, `.5`', () => {
    // both slipped through the old fast path: the first shifted every column, the second read `.64` as 0.64
    for (const line of ['2.47 0.00 10.33 0.18 0.23 914 16962 7240', '9.90 0.00 42.71 0.00 0.00 1074 .643122536']) {
      expect(fastMetrics(`${line}\n`)).toEqual({ flat: [], warnings: [1] });
    }
  });

  it('agrees on padded, tab-separated, long and malformed lines', () => {
    for (const line of [
      ' 1 2 3 4 5 6 7',
      '1 2 3 4 5 6 7 ',
      '1  2 3 4 5 6 7',
      '1\t2 3 4 5 6 7',
      '1 2 3 4 5 6 7\r\r',
      '1 2 3 4 5 6',
      '1. 2 3 4 5 6 7',
      '1234567890123456 2 3 4 5 6 7',
      '0.1234567890123456 2 3 4 5 6 7',
      '1 2 3 4 5 6 7\r',
    ]) {
      for (const text of [line, `${line}\n`, `h\n${line}\n${line}`]) {
        expect(fastMetrics(text), JSON.stringify(text)).toEqual(referenceMetrics(text));
      }
    }
  });

  it('agrees on random lines', () => {
    const field = fc.stringMatching(/^\d{1,17}(\.\d{1,17})?$/);
    const goodLine = fc.array(field, { minLength: 6, maxLength: 8 }).map((f) => f.join(' '));
    const noisyLine = fc.array(fc.constantFrom(...SAMPLE_CHARS), { maxLength: 30 }).map((c) => c.join(''));
    const text = fc
      .array(fc.oneof(goodLine, goodLine, noisyLine), { maxLength: 8 })
      .chain((lines) => fc.constantFrom('\n', '\r\n').map((nl) => lines.join(nl)));
    fc.assert(
      fc.property(text, (t) => {
        expect(fastMetrics(t)).toEqual(referenceMetrics(t));
      }),
      { numRuns: 400 },
    );
  });
});

describe('plain decimals without Number()', () => {
  it('gives exactly Number() for what NUMBER matches, NaN otherwise', () => {
    const text = fc.oneof(
      fc.stringMatching(/^\d{1,20}(\.\d{1,20})?$/),
      fc.array(fc.constantFrom('0', '7', '9', '.', '-', 'e', ' '), { maxLength: 8 }).map((c) => c.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const v = plainDecimalValue(t);
        if (NUMBER.test(t)) expect(Object.is(v, Number(t))).toBe(true);
        else expect(v).toBeNaN();
      }),
      { numRuns: 1000 },
    );
  });
});

describe("knb's averages compared without formatting", () => {
  it('fixed2Equals(x, t) is cFixed2(x) === t, ties included', () => {
    const texts = (x: number) => {
      const s = cFixed2(x);
      const h = Math.round(x * 100);
      return [s, cFixed2((h + 1) / 100), cFixed2(Math.max(0, h - 1) / 100), `0${s}`, `${s}0`, s.slice(0, -1), ` ${s}`];
    };
    const mean = fc
      .array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 120 })
      .map((hs) => hs.reduce((a, h) => a + h / 100, 0) / hs.length);
    const tie = fc.integer({ min: 0, max: 100_000 }).map((k) => (2 * k + 1) / 8);
    fc.assert(
      fc.property(fc.oneof(mean, tie, fc.double({ min: 0, max: 1e12, noNaN: true })), (x) => {
        for (const t of texts(x)) expect(fixed2Equals(x, t), `${x} ${t}`).toBe(cFixed2(x) === t);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('env lines without the regex', () => {
  it('parses exactly as the regex does', () => {
    const chars = ['A', 'b', '_', '1', '=', '"', "'", ' ', '#', '\r', '\u2028', 'x'];
    const line = fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const content = lines.join('\n');
        const sink = issueSink('env');
        const env = parseEnv(content, sink);
        const expected = referenceEnv(content);
        if (Array.isArray(expected)) expect(sink.issues.map((i) => i.code)).toEqual(expected.map(() => 'env-line'));
        else {
          expect(sink.issues).toEqual([]);
          expect([...env]).toEqual([...expected]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('samples of a run packed together', () => {
  it('hold the same numbers, in the same typed arrays, as packing each series alone', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 10_000 }).map((h) => h / 100),
      fc.integer({ min: 0, max: 2 ** 31 + 5 }),
      fc.double({ min: 0, max: 100, noNaN: true }),
    );
    const series = fc.array(fc.array(value, { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(series, { maxLength: 12 }), (runs) => {
        const packer = new RunSamplePacker();
        const flats = runs.map((rows) => rows.flat());
        for (const flat of flats) packer.add(Float64Array.from(flat));
        const together = packer.finish();
        const alone = flats.map((flat) => packSamples(flat));
        expect(together.map((p) => [p.count, p.data.constructor.name, [...p.data]])).toEqual(
          alone.map((p) => [p.count, p.data.constructor.name, [...p.data]]),
        );
      }),
      { numRuns: 300 },
    );
  });
});
