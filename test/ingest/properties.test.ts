/**
 * Property-based robustness: every parser is fed truncated and mutated inputs. It must never throw, every issue names
 * the file (and a line or archive member when it is an error), and no number may change silently: a value that
 * differs from the original's comes with a new warning or the file is rejected.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { parseKnb } from '../../src/knb/read/parse.js';
import type { ParsedKnb } from '../../src/knb/read/run.js';
import { runObservations } from '../../src/ingest/observations.js';
import { describeShared, sharedPath } from '../helpers/shared.js';

const SOURCES = [
  'generated/scenario-all.knb150.json',
  'generated/doc-antrea-run1.render-knb-1.3.0-1fc33ba.json',
  'generated/scenario-empty_metrics_and_empty_bw.knb150.json',
  'generated/scenario-all.knb150.yaml',
  'filipkatulski-k8s-bench-suite/tests__tdaqweek_files__tdaqweek1.knbdata.yaml',
  'generated/scenario-all.knb150.text',
  'infrabuilder-benchmark-k8s-cni-2020-08/doc-antrea.u18.04-default-run1.knb-text-from-asciinema.txt',
  'infrabuilder-k8s-bench-suite-readme-history/README@c38e034-knb-1.0.0-console-output.txt',
  'generated/scenario-all.knb150.ibdbench',
  'infrabuilder-benchmark-k8s-cni-2020-08/doc-calico.u18.04-default-run1.tsv',
];
const ARCHIVE = 'infrabuilder-benchmark-k8s-cni-2020-08/doc-antrea.u18.04-default-run1.knbdata';
const RUNS = 60;

function values(parsed: ParsedKnb): Map<string, number | null> {
  if (!parsed.run) return new Map();
  const rows = runObservations(parsed.run, { factors: {}, iteration: 1, source: 'x' });
  return new Map(rows.map((o) => [`${o.test}|${o.protocol}|${o.node}|${o.metric}`, o.value]));
}

function issueKeys(parsed: ParsedKnb): Set<string> {
  return new Set(parsed.issues.map((i) => `${i.code}|${i.line}|${i.member}|${i.message}`));
}

/** The checks that hold for any input derived from `original`. */
function checkDerived(original: ParsedKnb, derived: ParsedKnb, file: string): void {
  for (const issue of derived.issues) {
    expect(issue.file).toBe(file);
    expect(issue.message).not.toBe('');
    if (issue.severity === 'error' && derived.format !== 'knbdata') expect(issue.line).toBeGreaterThan(0);
  }
  const rejected = derived.issues.some((i) => i.severity === 'error') || derived.run === null;
  if (rejected) return;
  const before = values(original);
  const after = values(derived);
  const known = issueKeys(original);
  const newIssues = derived.issues.filter((i) => !known.has(`${i.code}|${i.line}|${i.member}|${i.message}`));
  for (const [key, value] of after) {
    if (before.has(key) && before.get(key) === value) continue;
    // a changed, new or vanished-to-null number must be explained by a new issue
    expect(newIssues.length, `${file}: ${key} = ${value} (was ${before.get(key)}) without a warning`).toBeGreaterThan(
      0,
    );
  }
}

const NOT_NUMERIC = [...'abcdfxyzXYZ#"\',:{}%=\t \n-+'];

describeShared('parsers under truncation and mutation', () => {
  it.each(SOURCES)('%s: any truncation is read correctly or rejected', (rel) => {
    const bytes = readFileSync(sharedPath('knb', 'corpus', rel));
    const original = parseKnb(bytes, rel);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (cut) => {
        const derived = parseKnb(bytes.subarray(0, cut), rel);
        checkDerived(original, derived, rel);
        // a truncated report never keeps a value that differs from the complete one
        if (!derived.issues.some((i) => i.severity === 'error')) {
          const before = values(original);
          for (const [key, value] of values(derived)) if (value !== null) expect(before.get(key)).toBe(value);
        }
      }),
      { numRuns: RUNS, seed: 42 },
    );
  });

  it.each(SOURCES)('%s: one character replaced by a non-digit never changes a number silently', (rel) => {
    const bytes = readFileSync(sharedPath('knb', 'corpus', rel));
    const original = parseKnb(bytes, rel);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.constantFrom(...NOT_NUMERIC), (at, ch) => {
        const mutated = Uint8Array.from(bytes);
        mutated[at] = ch.charCodeAt(0);
        checkDerived(original, parseKnb(mutated, rel), rel);
      }),
      { numRuns: RUNS * 2, seed: 7 },
    );
  });

  it('archive: truncated gzip streams are rejected, never partly read', () => {
    const bytes = readFileSync(sharedPath('knb', 'corpus', ARCHIVE));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (cut) => {
        const derived = parseKnb(bytes.subarray(0, cut), ARCHIVE);
        expect(derived.run).toBeNull();
        expect(derived.issues.some((i) => i.severity === 'error' && i.file === ARCHIVE)).toBe(true);
      }),
      { numRuns: RUNS, seed: 3 },
    );
  });

  it('archive: any byte of the tar changed (then re-gzipped) is caught or harmless', () => {
    const bytes = readFileSync(sharedPath('knb', 'corpus', ARCHIVE));
    const tar = gunzipSync(bytes);
    const original = parseKnb(bytes, ARCHIVE);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: tar.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const mutated = Uint8Array.from(tar);
        mutated[at] = byte;
        checkDerived(original, parseKnb(gzipSync(mutated), ARCHIVE), ARCHIVE);
      }),
      { numRuns: RUNS * 2, seed: 11 },
    );
  });

  it('random bytes never crash detection or parsing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const parsed = parseKnb(bytes, 'random.bin');
        for (const i of parsed.issues) expect(i.file).toBe('random.bin');
      }),
      { numRuns: RUNS * 3, seed: 5 },
    );
  });
});
