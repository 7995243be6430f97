import { describe, expect, it } from 'vitest';
import { bandwidthString, bytesString, iperfClientLog, iperfNumber } from '../../src/synth/iperf3-log.js';
import { createRng, centeredNormals } from '../../src/synth/rng.js';
import { exampleCell, exampleParameter } from '../../src/synth/example.js';

describe('iperf3 number formats (as in real knb logs, FORMATS.md §2.1)', () => {
  it('prints bitrates with 2 / 1 / 0 decimals below 9.995 / 99.95 / above', () => {
    expect(bandwidthString(9824.4)).toBe('9824');
    expect(bandwidthString(17271)).toBe('17271');
    expect(bandwidthString(81.94)).toBe('81.9');
    expect(bandwidthString(6.724)).toBe('6.72');
    expect(bandwidthString(0)).toBe('0.00');
    expect(iperfNumber(925)).toBe(' 925');
  });
  it('prints transfers in 1024-based units like unit_snprintf', () => {
    expect(bytesString(1.15 * 1024 ** 3)).toBe('1.15 GBytes');
    expect(bytesString(925 * 1024 ** 2)).toBe(' 925 MBytes');
    expect(bytesString(1015 * 1024 ** 2)).toBe('1015 MBytes');
    expect(bytesString(11.45 * 1024 ** 3)).toBe('11.4 GBytes');
  });
});

describe('iperfClientLog', () => {
  const options = {
    target: '10.244.2.3',
    connectedTo: '10.244.2.3',
    localAddress: '10.244.1.4',
    bandwidth: 9412.3,
    duration: 10,
    jitter: 0.02,
    mtu: 1450,
  };
  it('TCP: omitted second, DURATION intervals, sender and receiver lines in iperf3 columns', () => {
    const log = iperfClientLog({ ...options, protocol: 'tcp' }, createRng(1));
    const lines = log.split('\n');
    expect(lines.filter((l) => l.endsWith('(omitted)'))).toHaveLength(1);
    expect(lines.filter((l) => /^\[ {2}5\] +\d+\.00-\d+\.00 +sec .* {7}$/.test(l))).toHaveLength(10);
    expect(lines.find((l) => l.endsWith('receiver'))).toMatch(
      /^\[ {2}5\] {3}0\.00-10\.0\d {2}sec {2}[ \d.]{4} [KMG]Bytes {2}9412 Mbits\/sec {18}receiver$/,
    );
    expect(lines.find((l) => l.endsWith('sender'))).toMatch(/Mbits\/sec {2}[ \d]{3,} {13}sender$/);
  });
  it('UDP: datagram counts, loss on the receiver line; its 7th field is the bandwidth knb keeps', () => {
    const log = iperfClientLog({ ...options, bandwidth: 81.94, protocol: 'udp' }, createRng(2));
    const receiver = log.split('\n').find((l) => l.endsWith('receiver')) ?? '';
    expect(receiver.split(/\s+/)[6]).toBe('81.9');
    expect(receiver).toMatch(/ms {2}\d+\/\d+ \([\d.]+%\) {2}receiver$/);
    expect(log).toContain('[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams');
  });
});

describe('seeded randomness and the example parameters', () => {
  it('same seed and label, same stream; centred normals average exactly 0', () => {
    const a = createRng(5, 'x');
    const b = createRng(5, 'x');
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(createRng(5, 'y').next()).not.toBe(createRng(5, 'x').next());
    const effects = centeredNormals(createRng(1), 10, 0.02);
    expect(Math.abs(effects.reduce((s, v) => s + v, 0))).toBeLessThan(1e-12);
  });
  it('the most specific parameter row wins; a gap is an error naming the parameter', () => {
    expect(exampleParameter('ram.distribution', { testbed: 'UOM', distribution: 'mk8s', plugin: 'calico' })).toBe(0.63);
    expect(exampleParameter('ram.distribution', { testbed: 'UOM', distribution: 'k8s', plugin: 'calico' })).toBe(1);
    expect(exampleParameter('cpu.udp', { testbed: 'ATH', distribution: 'k3s', plugin: 'kube-ovn' })).toBe(37);
    expect(() => exampleParameter('nope', { testbed: 'ATH', distribution: 'k8s', plugin: 'flannel' })).toThrow(
      /no row for nope in cell ATH\/k8s\/flannel/,
    );
    const cell = exampleCell({ testbed: 'UOM', distribution: 'k3s', plugin: 'flannel' });
    expect(cell.targets['p2p-tcp'].client.ram).toBeCloseTo(cell.targets['p2p-udp'].client.ram, 9);
  });
});

describe('generateCampaign option checks', () => {
  it('rejects faults on unknown levels and bad iteration counts, naming them', async () => {
    const { generateCampaign, exampleCampaignOptions } = await import('../../src/synth/index.js');
    const base = exampleCampaignOptions({ iterations: 1 });
    expect(() =>
      generateCampaign({
        ...base,
        faults: [{ testbed: 'ATH', distribution: 'rke2', plugin: 'flannel', iteration: 1, kind: 'outlier', note: '' }],
      }),
    ).toThrow(/unknown distribution "rke2".*known: k8s, k3s, k0s, mk8s/);
    expect(() => generateCampaign({ ...base, iterations: 0 })).toThrow(/option iterations/);
  });
});
