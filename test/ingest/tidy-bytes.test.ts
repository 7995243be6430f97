/**
 * tidyCsvBytes (what `cnibench ingest --format csv -o` writes) against tidyCsvChunks: the same bytes, on observations
 * shaped as ingest makes them (a factors and a provenance object per file) with text that needs quoting, escaping or
 * neutralising, characters beyond ASCII, rows larger than a chunk, and a factor named like a tidy column.
 */
import { describe, expect, it } from 'vitest';
import { tidyCsvBytes, tidyCsvChunks } from '../../src/ingest/tidy-files.js';
import type { Dataset } from '../../src/model/dataset.js';
import type { Observation, Provenance } from '../../src/model/observation.js';

type Tidy = Pick<Dataset, 'factors' | 'observations'>;

function dataset(plugins: readonly string[], files: number, factorNames = ['testbed', 'plugin']): Tidy {
  const observations: Observation[] = [];
  for (let f = 0; f < files; f++) {
    const plugin = plugins[f % plugins.length]!;
    const factors = Object.freeze({ [factorNames[0]!]: f % 3 === 0 ? 'ÜOM' : 'UOM', [factorNames[1]!]: plugin });
    const provenance: Provenance = {
      source: `UOM/${plugin}/${f}.knbdata`,
      format: 'knbdata',
      knbVersion: f % 4 === 0 ? null : '1.5.0',
      runName: f % 5 === 1 ? 'run, "quoted" ✓' : `knb-${f}`,
      date: f % 7 === 2 ? null : '2024-01-05 10:00:00',
    };
    const iteration = 1 + (f % 9);
    for (const [test, protocol] of [
      ['idle', null],
      ['p2p', 'tcp'],
      ['p2s', 'udp'],
    ] as const) {
      if (test !== 'idle') {
        observations.push({
          factors,
          iteration,
          test,
          protocol,
          node: null,
          metric: 'bandwidth',
          value: f % 11 === 3 ? null : 9123.456 + f / 7,
          missing: f % 11 === 3 ? 'no-receiver-line' : null,
          provenance,
        });
      }
      for (const node of ['client', 'server'] as const) {
        for (const metric of ['cpu', 'cpu_user', 'ram'] as const) {
          observations.push({
            factors,
            iteration,
            test,
            protocol,
            node,
            metric,
            value: metric === 'ram' ? 1_234_567 + f : f % 13 === 0 ? -0 : (f % 100) / 100 + 0.05,
            missing: null,
            provenance,
          });
        }
      }
    }
  }
  const levels = [...new Set(plugins)];
  return {
    factors: [
      { name: factorNames[0]!, levels: ['UOM', 'ÜOM'] },
      { name: factorNames[1]!, levels },
    ] as unknown as Dataset['factors'],
    observations,
  };
}

function bytesOf(chunks: Iterable<Uint8Array>): Buffer {
  return Buffer.concat([...chunks].map((c) => Buffer.from(c)));
}

const HOSTILE = ['flannel', 'ca,lico', 'say "hi"', 'multi\nline', '=HYPERLINK("x")', '@SUM(1)', 'ciliüm', 'wé🚀ve'];

describe('tidyCsvBytes', () => {
  it('writes the bytes of tidyCsvChunks, text quoted, escaped and neutralised alike (both formula modes)', () => {
    const d = dataset(HOSTILE, 40);
    for (const formulas of ['neutralise', 'raw'] as const) {
      const expected = Buffer.from([...tidyCsvChunks(d, undefined, formulas)].join(''), 'utf8');
      expect(bytesOf(tidyCsvBytes(d, formulas)).equals(expected)).toBe(true);
    }
    const text = bytesOf(tidyCsvBytes(d)).toString('utf8');
    expect(text).toContain(`'=HYPERLINK(""x"")`);
    expect(text).toContain('wé🚀ve');
    expect(text).not.toContain(',-0,'); // -0 is written 0
  });

  it('fills several chunks, and a row longer than a chunk gets a chunk of its own size', () => {
    const many = dataset(HOSTILE, 3_000);
    const chunks = [...tidyCsvBytes(many)];
    expect(chunks.length).toBeGreaterThan(3);
    const expected = Buffer.from([...tidyCsvChunks(many)].join(''), 'utf8');
    expect(bytesOf(chunks).equals(expected)).toBe(true);

    const huge = dataset(['é'.repeat(200_000), 'flannel'], 4);
    const hugeChunks = [...tidyCsvBytes(huge)];
    expect(Math.max(...hugeChunks.map((c) => c.length))).toBeGreaterThan(400_000);
    expect(bytesOf(hugeChunks).equals(Buffer.from([...tidyCsvChunks(huge)].join(''), 'utf8'))).toBe(true);
  });

  it('writes a dataset whose factor is named like a tidy column by the general writer, same bytes', () => {
    const d = dataset(HOSTILE, 20, ['test', 'plugin']);
    const expected = Buffer.from([...tidyCsvChunks(d)].join(''), 'utf8');
    expect(expected.toString('utf8').split('\n')[0]).toMatch(/^test,plugin,iteration,test,/);
    expect(bytesOf(tidyCsvBytes(d)).equals(expected)).toBe(true);
  });
});
