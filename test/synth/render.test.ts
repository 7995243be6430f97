/**
 * The renderers and the archive writer against knb itself: the real 2020 archive, and knb 1.5.0's own renderings of
 * it (corpus/generated), byte for byte — including the scenario copies (skipped tests, missing samples).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { describeShared, sharedPath } from '../helpers/shared.js';
import { averageFile, renderKnb, RENDER_FORMATS, writeTar, type KnbWorkDir } from '../../src/knb/index.js';
import { editRun, readKnbdata } from './helpers.js';

const CORPUS = ['knb', 'corpus'];
const ARCHIVE = sharedPath(
  ...CORPUS,
  'infrabuilder-benchmark-k8s-cni-2020-08',
  'doc-antrea.u18.04-default-run1.knbdata',
);
const generated = (name: string): string => readFileSync(sharedPath(...CORPUS, 'generated', name), 'latin1');

/** What the corpus README says the scenario copies are: env pod names blanked, `\r` stripped from cpu/kernel. */
function scenario(run: KnbWorkDir, keep: readonly string[]): KnbWorkDir {
  return editRun(run, (name, content) => {
    if (name === 'cpu' || name === 'kernel') return content.replace(/\r/g, '');
    if (name !== 'env') return content;
    return content.replace(/^(IDLE|CLIENT_(TCP|UDP)_(P2P|P2S))_POD_NAME="[^"]*"$/gm, (line, _all, proto, kind) => {
      const key = line.startsWith('IDLE') ? 'idle' : `${String(kind).toLowerCase()}-${String(proto).toLowerCase()}`;
      return keep.includes(key) ? line : line.replace(/"[^"]*"$/, '""');
    });
  });
}

const ALL = ['idle', 'p2p-tcp', 'p2p-udp', 'p2s-tcp', 'p2s-udp'];
const SCENARIOS: Record<string, readonly string[]> = {
  all: ALL,
  idle_tcp: ['idle', 'p2p-tcp', 'p2s-tcp'],
  p2p_only: ['p2p-tcp', 'p2p-udp'],
  p2s_only: ['p2s-tcp', 'p2s-udp'],
  udp_only: ['p2p-udp', 'p2s-udp'],
  idle_only: ['idle'],
};
const EXT = { json: 'json', yaml: 'yaml', text: 'text', ibdbench: 'ibdbench' } as const;

describeShared('synth renderers and tar writer against knb 1.5.0 (corpus)', () => {
  const bytes = readFileSync(ARCHIVE);
  const real = readKnbdata(bytes);

  it('rewrites the real archive tar stream byte for byte (headers, order, padding, records)', () => {
    const tar = gunzipSync(bytes);
    expect(Buffer.compare(Buffer.from(writeTar(real)), tar)).toBe(0);
  });

  for (const format of RENDER_FORMATS) {
    it(`renders the real archive as knb 1.5.0 -o ${format} does (raw \\r included)`, () => {
      expect(renderKnb(real, format)).toBe(generated(`doc-antrea.u18.04-default-run1.knb150.${EXT[format]}`));
    });
    for (const [name, keep] of Object.entries(SCENARIOS)) {
      it(`renders scenario ${name} (-ot subset) as ${format}`, () => {
        expect(renderKnb(scenario(real, keep), format)).toBe(generated(`scenario-${name}.knb150.${EXT[format]}`));
      });
    }
    it(`renders empty metrics and an empty bandwidth as ${format}`, () => {
      const broken = editRun(scenario(real, ALL), (name, content) => {
        if (name.endsWith('.avg')) return content.split('\n')[0] + '\n';
        if (name === 'knb-client-udp-p2s-6542.bw') return '';
        return content;
      });
      expect(renderKnb(broken, format)).toBe(generated(`scenario-empty_metrics_and_empty_bw.knb150.${EXT[format]}`));
    });
  }

  it("recomputes every .avg of the real archive from its .metrics exactly as knb's awk did", () => {
    const metrics = real.files.filter((f) => f.name.endsWith('.metrics'));
    expect(metrics).toHaveLength(10);
    for (const file of metrics) {
      const avg = real.files.find((f) => f.name === file.name.replace(/\.metrics$/, '.avg'));
      expect(averageFile(file.content), file.name).toBe(avg?.content);
    }
  });
});
