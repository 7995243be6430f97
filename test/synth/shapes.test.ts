import { describe, expect, it } from 'vitest';
import { generateShapeA, generateShapeB, SHAPE_A_CELLS, shapeADirectory } from '../../src/synth/index.js';
import { parseKnb } from '../../src/knb/index.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('shape A look-alike (one distribution, 9 CNI setups × OS variants × tunings)', () => {
  const files = generateShapeA({ plugins: ['calico-3.16', 'flannel', 'weavenet'] });
  const paths = files.map((f) => f.path);

  it('names files and directories as the real campaign does, with the .tsv, .cast and network policies beside', () => {
    expect(paths).toContain('doc-flannel.u18.04-default/doc-flannel.u18.04-default-run1.knbdata');
    expect(paths).toContain('doc-flannel.u18.04-default/doc-flannel.u18.04-default-run1.tsv');
    expect(paths).toContain('doc-flannel.u18.04-default/doc-flannel.u18.04-default.cast');
    expect(paths).toContain('doc-flannel.u18.04-default/doc-flannel.u18.04-default.networkpolicies.txt');
    expect(paths).toContain(
      'tuning-weavenet-mtu-encryption.u18.04-default/tuning-weavenet-mtu-encryption.u18.04-default-run3.knbdata',
    );
    expect(paths).toContain('doc-calico-3.16.u20.04-default/doc-calico-3.16.u20.04-default-run2.tsv');
  });

  it('is not fully crossed: kube-ovn and canal exist on one kernel only; the full shape has 27 directories', () => {
    expect(SHAPE_A_CELLS).toHaveLength(27);
    const kernels = (p: string) => new Set(SHAPE_A_CELLS.filter((c) => c.plugin === p).map((c) => c.os));
    expect([...kernels('kube-ovn')]).toEqual(['u18.04-default']);
    expect([...kernels('canal')]).toEqual(['u18.04-default']);
    expect(new Set(SHAPE_A_CELLS.map(shapeADirectory)).size).toBe(27);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const again = generateShapeA({ plugins: ['calico-3.16', 'flannel', 'weavenet'] });
    expect(again.map((f) => Buffer.from(f.bytes).toString('base64'))).toEqual(
      files.map((f) => Buffer.from(f.bytes).toString('base64')),
    );
    const other = generateShapeA({ plugins: ['calico-3.16', 'flannel', 'weavenet'], seed: 7 });
    expect(text(other[1]!.bytes)).not.toBe(text(files[1]!.bytes));
  });

  it('the archive and its .tsv are the same run; run means scatter around the truth (not centred)', () => {
    const archive = files.find((f) => f.path.endsWith('doc-flannel.u18.04-default-run1.knbdata'))!;
    const tsv = files.find((f) => f.path.endsWith('doc-flannel.u18.04-default-run1.tsv'))!;
    const a = parseKnb(archive.bytes, archive.path).run!;
    const t = parseKnb(tsv.bytes, tsv.path).run!;
    expect(a.metadata.version).toBe('1.4.1');
    const bw = (run: typeof a) => run.tests.find((x) => x.test === 'p2p' && x.protocol === 'tcp')!.bandwidth!.value!;
    expect(Math.abs(bw(a) - bw(t))).toBeLessThanOrEqual(1);
    // three runs of a cell: a per-run CV of a few %, and the mean is not the truth to the bit
    const runs = [1, 2, 3].map((i) => {
      const f = files.find((x) => x.path.endsWith(`doc-flannel.u18.04-default-run${i}.knbdata`))!;
      return bw(parseKnb(f.bytes, f.path).run!);
    });
    const mean = runs.reduce((s, v) => s + v, 0) / 3;
    const sd = Math.sqrt(runs.reduce((s, v) => s + (v - mean) ** 2, 0) / 2);
    expect(sd / mean).toBeGreaterThan(0.002);
    expect(sd / mean).toBeLessThan(0.1);
    expect(mean).not.toBe(1020 * 9.1);
  });

  it('rejects a setup it does not know, naming the allowed ones', () => {
    expect(() => generateShapeA({ plugins: ['weave'] })).toThrow(/plugins = "weave".*one of antrea, calico/);
    expect(() => generateShapeA({ runs: 0 })).toThrow(/runs = "0"/);
  });
});

describe('shape B look-alike (knb 1.5.1 fork MTU study)', () => {
  const files = generateShapeB({ mtus: ['1000', '1500', 'auto'], nanEvery: 5 });
  const archives = files.filter((f) => f.path.endsWith('.knbdata'));

  it('names archives after host names with dots, with .knbdata.json and .knbdata.yaml beside each', () => {
    expect(archives).toHaveLength(2 * 2 * 3 * 3);
    expect(files.map((f) => f.path)).toContain(
      'mtu-tests/tbed/results/caliconetwork/1000/pc-tbed-k8s-01.cern.ch_1.knbdata.json',
    );
    expect(files.map((f) => f.path)).toContain(
      'mtu-tests/tbed/results/hostnetwork/auto/pc-tbed-k8s-01.cern.ch_3.knbdata.yaml',
    );
  });

  it('are fork 1.5.1 runs, one after another (dates increase), with NaN where a monitor returned nothing', () => {
    const runs = archives.map((f) => parseKnb(f.bytes, f.path).run!);
    expect(new Set(runs.map((r) => r.metadata.version))).toEqual(new Set(['1.5.1']));
    const dates = runs.map((r) => r.metadata.date!);
    expect([...dates].sort()).toEqual(dates);
    const nanJson = files.filter((f) => f.path.endsWith('.json') && /"total": nan,/.test(text(f.bytes)));
    expect(nanJson.length).toBe(Math.floor(36 / 5));
    const missing = runs.flatMap((r) =>
      r.tests.flatMap((t) => [t.client?.cpu.total.missing, t.server?.cpu.total.missing]),
    );
    expect(missing).toContain('nan');
  });
});
