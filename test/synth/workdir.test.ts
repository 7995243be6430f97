/**
 * Generated runs pass knb's own reading rules (FORMATS.md §2, §6): same members and order pattern as the real
 * archive, same file layouts, LF-only like 1.5.0, `.avg` = knb's awk over `.metrics`, env parseable.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { describeShared, sharedPath } from '../helpers/shared.js';
import { synthesizeRun } from '../../src/synth/index.js';
import {
  AVG_HEADER,
  averageFile,
  KNB_TESTS,
  METRICS_HEADER,
  renderKnb,
  writeKnbdata,
  type KnbWorkDir,
} from '../../src/knb/index.js';
import { readKnbdata, readTar } from './helpers.js';

const ENV_LINE = /^([A-Z_0-9]+)="(.*)"$/;

function file(run: KnbWorkDir, suffix: string): string {
  const found = run.files.find((f) => f.name.endsWith(suffix));
  if (!found) throw new Error(`no file ending in ${suffix}`);
  return found.content;
}

/** Role of a member with the execution id removed, e.g. `knb-client-tcp-p2p-ID-server.avg`. */
function role(name: string): string {
  return name.replace(/-\d+(?=[-.])/, '-ID');
}

describe('synthesizeRun', () => {
  const run = synthesizeRun({ seed: 11 });

  it('is deterministic: same seed, same files and archive bytes; another seed differs', () => {
    expect(synthesizeRun({ seed: 11 })).toEqual(run);
    expect(Buffer.compare(Buffer.from(writeKnbdata(run)), Buffer.from(writeKnbdata(synthesizeRun({ seed: 11 }))))).toBe(
      0,
    );
    expect(synthesizeRun({ seed: 12 })).not.toEqual(run);
  });

  it('writes an env every line of which is KEY="value" or empty, with the 1.5.0 keys in order', () => {
    const env = file(run, 'env');
    const lines = env.trimEnd().split('\n');
    for (const line of lines) expect(line === '' || ENV_LINE.test(line), line).toBe(true);
    expect(lines.filter((l) => l !== '').map((l) => ENV_LINE.exec(l)?.[1])).toEqual([
      'BENCHMARK_RUN_NAME',
      'GENERATOR',
      'VERSION',
      'BENCHMARK_DATE',
      'SERVER_NODE',
      'CLIENT_NODE',
      'SOCKET_BUFFER_SIZE',
      'MONITOR_SERVER_POD_NAME',
      'MONITOR_CLIENT_POD_NAME',
      'SERVER_POD_NAME',
      'IDLE_POD_NAME',
      'CLIENT_TCP_P2P_POD_NAME',
      'CLIENT_UDP_P2P_POD_NAME',
      'CLIENT_TCP_P2S_POD_NAME',
      'CLIENT_UDP_P2S_POD_NAME',
    ]);
    expect(env).toContain('VERSION="1.5.0"');
    expect(env).not.toContain('\r');
  });

  it('is CRLF-free, has a header + one line per second in every .metrics, timestamps inside the test window', () => {
    for (const f of run.files) expect(f.content.includes('\r'), f.name).toBe(false);
    for (const f of run.files.filter((x) => x.name.endsWith('.metrics'))) {
      const lines = f.content.trimEnd().split('\n');
      expect(lines[0]).toBe(METRICS_HEADER);
      expect(lines.length - 1).toBeGreaterThanOrEqual(9);
      expect(lines.length - 1).toBeLessThanOrEqual(11);
      const stamps = lines.slice(1).map((l) => {
        expect(l).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\.\d\d \d+ \d{10}$/);
        return Number(l.split(' ')[6]);
      });
      expect(Math.max(...stamps) - Math.min(...stamps)).toBeLessThanOrEqual(10);
      expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
      expect(f.mtime).toBeGreaterThanOrEqual(Math.max(...stamps));
    }
  });

  it(".avg files are knb's awk average of the .metrics (%.2f CPU, truncated RAM, record count)", () => {
    for (const f of run.files.filter((x) => x.name.endsWith('.metrics'))) {
      const avg = file(run, f.name.replace(/\.metrics$/, '.avg'));
      expect(avg).toBe(averageFile(f.content));
      const [header, values] = avg.trimEnd().split('\n');
      expect(header).toBe(AVG_HEADER);
      const fields = (values ?? '').split(' ');
      expect(fields).toHaveLength(7);
      const samples = f.content.trimEnd().split('\n').slice(1);
      expect(Number(fields[6])).toBe(samples.length);
      const ram = samples.reduce((s, l) => s + Number(l.split(' ')[5]), 0) / samples.length;
      expect(Number(fields[5])).toBe(Math.trunc(ram));
    }
  });

  it("hits the requested means: .bw equals the log's receiver 7th field, CPU and RAM near their targets", () => {
    const r = synthesizeRun({
      seed: 5,
      targets: {
        'p2p-tcp': { bandwidth: 9412.4, client: { cpu: 24, ram: 1500 }, server: { cpu: 26, ram: 1510 } },
      },
    });
    const id = /knb-client-idle-(\d+)/.exec(file(r, 'env'))?.[1] ?? '';
    const log = file(r, `knb-client-tcp-p2p-${id}.log`);
    const receiver = log.split('\n').find((l) => l.endsWith('receiver')) ?? '';
    expect(receiver.split(/\s+/)[6]).toBe('9412');
    expect(file(r, `knb-client-tcp-p2p-${id}.bw`)).toBe('9412\n');
    expect(log).toMatch(/^Connecting to host [\d.]+, port 5201\n/);
    expect(log.endsWith('\niperf Done.\n')).toBe(true);
    const avg = file(r, `knb-client-tcp-p2p-${id}-client.avg`).split('\n')[1]?.split(' ') ?? [];
    const total = avg.slice(0, 5).reduce((s, v) => s + Number(v), 0);
    expect(total).toBeGreaterThan(24 * 0.9);
    expect(total).toBeLessThan(24 * 1.1);
    expect(Number(avg[5])).toBeGreaterThan(1490);
    expect(Number(avg[5])).toBeLessThan(1510);
    expect(file(r, 'k8s-version')).toBe('\n');
  });

  it("idle: the log is knb's echo and the bandwidth 0", () => {
    expect(file(run, `idle-${/knb-client-idle-(\d+)/.exec(file(run, 'env'))?.[1]}.log`)).toBe(
      '0 0 0 0 0 0 0 receiver\n',
    );
    expect(renderKnb(run, 'json')).toContain('"idle": {\n      "bandwidth": 0,');
  });

  it('-ot subsets: only the tests that ran have files and env pod names; idle alone gives the trailing comma', () => {
    const idleOnly = synthesizeRun({ seed: 3, tests: ['idle'] });
    expect(idleOnly.files.map((f) => role(f.name)).sort()).toEqual(
      [
        'cpu',
        'env',
        'k8s-version',
        'kernel',
        'mtu',
        'knb-client-idle-ID.log',
        'knb-client-idle-ID.bw',
        'knb-client-idle-ID-server.metrics',
        'knb-client-idle-ID-client.metrics',
        'knb-client-idle-ID-server.avg',
        'knb-client-idle-ID-client.avg',
      ].sort(),
    );
    expect(file(idleOnly, 'env')).toContain('CLIENT_TCP_P2P_POD_NAME=""');
    const json = renderKnb(idleOnly, 'json');
    expect(json.endsWith('    },\n  }\n}\n')).toBe(true);
    expect(() => JSON.parse(json)).toThrow();
    const tcp = renderKnb(synthesizeRun({ seed: 3, tests: ['p2p-tcp', 'p2s-tcp'] }), 'json');
    expect(Object.keys((JSON.parse(tcp) as { data: object }).data)).toEqual([
      'cpu',
      'kernel',
      'k8s-version',
      'mtu',
      'pod2pod',
      'pod2svc',
    ]);
  });

  it("faults leave knb's traces: empty bandwidth, monitor without samples", () => {
    const r = synthesizeRun({
      seed: 9,
      faults: { emptyBandwidth: ['p2s-udp'], noSamples: [{ test: 'p2p-tcp', node: 'server' }] },
    });
    const id = /knb-client-idle-(\d+)/.exec(file(r, 'env'))?.[1] ?? '';
    expect(file(r, `knb-client-udp-p2s-${id}.bw`)).toBe('\n');
    expect(file(r, `knb-client-tcp-p2p-${id}-server.metrics`)).toBe(`${METRICS_HEADER}\n`);
    expect(file(r, `knb-client-tcp-p2p-${id}-server.avg`)).toBe(`${AVG_HEADER}\n`);
    const json = renderKnb(r, 'json');
    expect(json).toContain('"bandwidth": ,');
    expect(json).toContain('"total": 0.00,\n            "user": ,');
    expect(renderKnb(r, 'text')).toContain('      server cpu = \n');
    expect(renderKnb(r, 'yaml')).toContain('      bandwidth: \n');
  });

  it('an outlier run scales the loaded tests (bandwidth, CPU) and leaves idle alone', () => {
    const normal = synthesizeRun({ seed: 4 });
    const outlier = synthesizeRun({ seed: 4, faults: { outlier: { bandwidth: 0.5, cpu: 2 } } });
    const id = /knb-client-idle-(\d+)/.exec(file(normal, 'env'))?.[1] ?? '';
    expect(Number(file(outlier, `knb-client-tcp-p2p-${id}.bw`))).toBe(
      Number(file(normal, `knb-client-tcp-p2p-${id}.bw`)) / 2,
    );
    expect(file(outlier, `knb-client-idle-${id}-client.avg`)).toBe(file(normal, `knb-client-idle-${id}-client.avg`));
    const total = (run: KnbWorkDir): number =>
      (file(run, `knb-client-udp-p2s-${id}-server.avg`).split('\n')[1] ?? '')
        .split(' ')
        .slice(0, 5)
        .reduce((s, v) => s + Number(v), 0);
    expect(total(outlier) / total(normal)).toBeGreaterThan(1.8);
  });

  it('legacyTty reproduces ≤1.4.1 data: \\r\\n in cpu, kernel and metrics lines', () => {
    const r = synthesizeRun({ seed: 2, legacyTty: true, version: '1.4.1' });
    expect(file(r, 'cpu').endsWith('\r\n')).toBe(true);
    expect(r.files.find((f) => f.name.endsWith('.metrics'))?.content).toMatch(/^cpu-user .* timestamp\r\n/);
    const avg = r.files.find((f) => f.name.endsWith('.avg'))?.content ?? '';
    expect(avg.includes('\r')).toBe(false);
  });

  it('rejects bad options with a message naming the option', () => {
    expect(() => synthesizeRun({ seed: 1, date: '2023-10-02T09:00' })).toThrow(/option date/);
    expect(() => synthesizeRun({ seed: 1, duration: 0 })).toThrow(/option duration/);
    expect(() =>
      synthesizeRun({
        seed: 1,
        targets: { idle: { bandwidth: 0, client: { cpu: -1, ram: 1 }, server: { cpu: 1, ram: 1 } } },
      }),
    ).toThrow(/targets\.idle\.client\.cpu/);
    expect(() => synthesizeRun({ seed: 1, tests: ['p2p-sctp' as never] })).toThrow(/option tests/);
  });

  it('writes a deterministic gzip header (MTIME = the run end, OS = Unix) and GNU tar headers', () => {
    const bytes = writeKnbdata(run);
    expect([...bytes.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    expect(Buffer.from(bytes).readUInt32LE(4)).toBe(run.mtime);
    expect(bytes[9]).toBe(3);
    const members = readTar(gunzipSync(bytes));
    expect(members[0]).toMatchObject({ name: './', type: '5', mode: 0o700, uid: 0, gid: 0, uname: 'root' });
    for (const m of members.slice(1)) expect(m).toMatchObject({ type: '0', mode: 0o644, uid: 0, magic: 'ustar  \0' });
    expect(gunzipSync(bytes).length % 10240).toBe(0);
    expect(bytes.length).toBeLessThan(6000);
    expect(readKnbdata(bytes)).toEqual(run);
  });
});

describeShared('generated archives look like the real one', () => {
  const real = readKnbdata(
    readFileSync(
      sharedPath('knb', 'corpus', 'infrabuilder-benchmark-k8s-cni-2020-08', 'doc-antrea.u18.04-default-run1.knbdata'),
    ),
  );
  const run = synthesizeRun({ seed: 21 });

  it('has the same 35 members, in the same order, as the real archive', () => {
    expect(run.files.map((f) => role(f.name))).toEqual(real.files.map((f) => role(f.name)));
    expect(KNB_TESTS).toHaveLength(5);
  });

  it('has the same line layouts (headers, field counts) file by file', () => {
    // header line and the number of fields of the first data line
    const shape = (content: string): [string, number] => {
      const [header = '', first = ''] = content.replace(/\r/g, '').split('\n');
      return [header, first.trim().split(/\s+/).length];
    };
    let compared = 0;
    for (const f of run.files) {
      const twin = real.files.find((r) => role(r.name) === role(f.name));
      expect(twin, f.name).toBeDefined();
      if (f.name.endsWith('.metrics') || f.name.endsWith('.avg')) {
        expect(shape(f.content), f.name).toEqual(shape(twin?.content ?? ''));
        compared++;
      } else if (f.name.endsWith('.bw') || f.name === 'mtu' || f.name === 'kernel') {
        expect(f.content, f.name).toMatch(/^\S+\n$/);
        expect(twin?.content.replace(/\r/g, ''), f.name).toMatch(/^\S+\n$/);
      }
    }
    expect(compared).toBe(20);
    const realLog = real.files.find((f) => f.name === 'knb-client-udp-p2p-6542.log')?.content ?? '';
    const log = run.files.find((f) => /udp-p2p-\d+\.log$/.test(f.name))?.content ?? '';
    const fieldCounts = (text: string): number[] => text.split('\n').map((l) => l.trim().split(/\s+/).length);
    expect(fieldCounts(log.replace(/^Connecting.*\n/, ''))).toEqual(
      fieldCounts(realLog.replace(/^Connecting.*\n/, '')),
    );
  });
});
