/** The malformations of FORMATS.md §3.1 and §8 and the variants of §9, one by one, on small generated inputs. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/knb/read/detect.js';
import { parseKnb } from '../../src/knb/read/parse.js';
import { runObservations } from '../../src/ingest/observations.js';
import { synthesizeRun } from '../../src/synth/index.js';
import { renderKnb, writeKnbdata } from '../../src/knb/index.js';
import { tarOf } from './tar.test.js';

const enc = (s: string) => new TextEncoder().encode(s);
const parse = (s: string, file = 'f') => parseKnb(enc(s), file);
const codes = (p: ReturnType<typeof parse>) => p.issues.map((i) => i.code);

const json150 = renderKnb(synthesizeRun({ seed: 21 }), 'json');
const text150 = renderKnb(synthesizeRun({ seed: 21 }), 'text');
const yaml150 = renderKnb(synthesizeRun({ seed: 21 }), 'yaml');

describe('detection is by content, never by name', () => {
  it('detects each format whatever the file is called', () => {
    expect(detectFormat(enc(json150)).format).toBe('json');
    expect(detectFormat(enc(yaml150)).format).toBe('yaml');
    expect(detectFormat(enc(text150)).format).toBe('text');
    expect(detectFormat(enc(renderKnb(synthesizeRun({ seed: 21 }), 'ibdbench'))).format).toBe('ibdbench');
    expect(detectFormat(writeKnbdata(synthesizeRun({ seed: 21 }))).format).toBe('knbdata');
    expect(parse(json150, 'misleading.yaml').format).toBe('json');
  });

  it('rejects empty files and non-knb content with the reason', () => {
    expect(parse('').issues[0]).toMatchObject({ code: 'empty', line: 1, severity: 'error' });
    const other = parse('hello world\n');
    // described, never quoted (a rejected file may be anything, e.g. a credential behind a symlink)
    expect(other.issues[0]!.message).toContain(
      'not a knb output (12 bytes of text, first bytes 68 65 6c 6c 6f 20 77 6f',
    );
    expect(other.issues[0]!.message).not.toContain('hello');
  });
});

describe('json hazards', () => {
  it('unescaped quotes in names are read between the outer quotes', () => {
    const p = parse(json150.replace(/"name": "[^"]*"/, '"name": "run "A" \\ 1"'));
    expect(p.run!.metadata.name).toBe('run "A" \\ 1');
    expect(codes(p)).toEqual([]);
  });

  it('numeric mtu (1.1.0–1.4.0), unquoted cpu, missing comma and raw \\r are tolerated with warnings', () => {
    const broken = json150
      .replace(/"mtu": "(\d+)"/, '"mtu": $1')
      .replace(/"cpu": "([^"]*)"/, '"cpu": $1\r')
      .replace(/("client-node": "[^"]*"),/, '$1');
    const p = parse(broken);
    expect(p.run!.detected.mtu).toBe('1450');
    expect(p.run!.detected.cpu).toBe('Intel(R) Xeon(R) Silver 4210R CPU @ 2.40GHz');
    expect(codes(p).sort()).toEqual(['json-control-character', 'json-missing-comma', 'json-unquoted']);
  });

  it('a truncated JSON is rejected with the line where it ends', () => {
    const lines = json150.split('\n');
    const p = parse(lines.slice(0, 40).join('\n'));
    expect(p.issues.find((i) => i.severity === 'error')).toMatchObject({ code: 'truncated', line: 40 });
  });

  it('knb 1.0.0 (a459d13) JSON: bandwidth only, empty generator', () => {
    const v100 = `{\n  "metadata": {\n    "generator": "",\n    "version": "1.0.0",\n    "date": "2020-08-21 20:00:00",\n    "server-node": "b",\n    "client-node": "a"\n  },\n  "data": {\n    "pod2pod": {\n      "tcp": {\n        "bandwidth": 4957\n      },\n      "udp": {\n        "bandwidth": 4846\n      }\n    }\n  }\n}\n`;
    const p = parse(v100);
    expect(codes(p)).toEqual([]);
    const rows = runObservations(p.run!, { factors: {}, iteration: 1, source: 'f' });
    expect(rows.map((r) => [r.test, r.protocol, r.metric, r.value])).toEqual([
      ['p2p', 'tcp', 'bandwidth', 4957],
      ['p2p', 'udp', 'bandwidth', 4846],
    ]);
  });

  it('node2node (PR #13) becomes test n2n', () => {
    const withN2n = json150.replace(
      '"pod2pod": {',
      '"node2node": {\n"tcp": {"bandwidth": 940, "client": {"cpu": {"total": 1.00, "user": 0.50, "nice": 0.00, "system": 0.50, "iowait": 0.00, "steal": 0.00}, "ram": 900}, "server": {"cpu": {"total": 2.00, "user": 1.00, "nice": 0.00, "system": 1.00, "iowait": 0.00, "steal": 0.00}, "ram": 901}}\n},\n    "pod2pod": {',
    );
    const p = parseKnb(enc(JSON.stringify(JSON.parse(withN2n))), 'n2n.json');
    const rows = runObservations(p.run!, { factors: {}, iteration: 1, source: 'n2n.json' });
    expect(rows.filter((r) => r.test === 'n2n' && r.metric === 'bandwidth').map((r) => r.value)).toEqual([940]);
  });
});

describe('yaml hazards', () => {
  it('NaN strings of the fork and empty values are missing with their reasons', () => {
    const p = parse(yaml150.replace(/( +)user: [\d.]+\n/, '$1user: NaN\n').replace(/bandwidth: 1\d+/, 'bandwidth: '));
    const rows = runObservations(p.run!, { factors: {}, iteration: 1, source: 'f' });
    expect(rows.find((r) => r.metric === 'cpu_user')).toMatchObject({ value: null, missing: 'nan' });
    expect(rows.find((r) => r.metric === 'bandwidth')).toMatchObject({ value: null, missing: 'no-receiver-line' });
    expect(codes(p)).toEqual(['missing-values']);
  });

  it('a YAML whose last value lost its newline may be cut: rejected', () => {
    const p = parse(yaml150.trimEnd().slice(0, -1));
    expect(p.issues.some((i) => i.severity === 'error' && i.code === 'truncated')).toBe(true);
  });
});

describe('json and yaml console captures', () => {
  it('skip a prompt and log lines around the report', () => {
    for (const report of [json150, yaml150]) {
      const capture = `$ ./knb -v -cn a -sn b -o x\n2020-08-26 22:32:38 [INFO] Detecting CPU\n${report}2020-08-26 22:33:38 [INFO] Cleaning kubernetes resources ...\n`;
      const p = parse(capture);
      expect(codes(p)).toEqual([]);
      expect(runObservations(p.run!, { factors: {}, iteration: 1, source: 'f' })).toHaveLength(74);
    }
  });

  it('a minified JSON is read by JSON.parse', () => {
    const p = parse(JSON.stringify(JSON.parse(json150)));
    expect(codes(p)).toEqual([]);
    expect(p.run!.tests).toHaveLength(5);
  });
});

describe('text hazards', () => {
  it('console captures: prompt, coloured log lines before and after, CRLF', () => {
    const capture = [
      '$ ./knb -v -cn a -sn b',
      '2020-08-26 22:32:38 \x1b[0;36m[INFO]\x1b[0;0m Detecting CPU',
      ...text150.split('\n'),
      '2020-08-26 22:33:38 \x1b[0;36m[INFO]\x1b[0;0m Cleaning kubernetes resources ...',
    ].join('\r\n');
    const p = parse(capture);
    expect(codes(p)).toEqual([]);
    expect(runObservations(p.run!, { factors: {}, iteration: 1, source: 'f' })).toHaveLength(74);
  });

  it("the fork's hostNetwork header lines and CUSTOM sections", () => {
    const forked = text150
      .replace(' UDP Socket size', ' Srv hostNetwork : \n Clt hostNetwork : \n UDP Socket size')
      .replace(/ {4}UDP :\n( {6}.*\n){5}/, (block) => block.replace('UDP :', 'CUSTOM :'));
    const p = parse(forked);
    expect(codes(p)).toEqual([]);
    expect(p.run!.metadata.hostNetworkServer).toBe('');
    expect(p.run!.tests.some((t) => t.protocol === 'custom')).toBe(true);
  });

  it('a section missing a line is rejected (incomplete), naming the section', () => {
    const p = parse(text150.replace(/ {6}server ram = \d+ MB\n/, ''));
    expect(p.issues.find((i) => i.severity === 'error')!.message).toContain('lacks the line "server ram = … MB"');
  });

  it('a report without the closing line after Pod to Service is rejected as truncated', () => {
    const p = parse(text150.replace(/=+\n?$/, ''));
    expect(codes(p)).toContain('text-no-final-separator');
  });
});

describe('ibdbench hazards', () => {
  it('wrong field count is rejected; ibdbench carries no metadata and no idle bandwidth', () => {
    expect(codes(parse('1450\t\t1\t2\t3\t4'))).toEqual(['ibdbench-fields']);
    const p = parse(renderKnb(synthesizeRun({ seed: 21 }), 'ibdbench'));
    expect(p.run!.metadata.version).toBeNull();
    expect(p.run!.tests[0]).toMatchObject({ test: 'idle', bandwidth: null });
  });
});

describe('node2node ibdbench (PR #13): 10 more columns after idle', () => {
  it('reads n2n tcp and udp before the pod tests', () => {
    const row = renderKnb(synthesizeRun({ seed: 21 }), 'ibdbench').split('\t');
    const n2n = ['940', '901', '=1.00+0.00+1.00+0.00+0.00', '900', '=0.50+0.00+0.50+0.00+0.00'];
    const withN2n = [...row.slice(0, 6), ...n2n, ...n2n, ...row.slice(6)].join('\t');
    const p = parse(withN2n);
    expect(codes(p)).toEqual([]);
    expect(p.run!.tests.map((t) => `${t.test}.${t.protocol}`)).toEqual([
      'idle.null',
      'n2n.tcp',
      'n2n.udp',
      'p2p.tcp',
      'p2p.udp',
      'p2s.tcp',
      'p2s.udp',
    ]);
    expect(p.run!.tests[1]!.server!.cpu.total.text).toBe('2.00');
  });
});

describe('archives: fork and failure variants', () => {
  const header = 'cpu-user cpu-nice cpu-system cpu-iowait cpu-steal memory-used records-number\n';
  const mh = 'cpu-user cpu-nice cpu-system cpu-iowait cpu-steal memory-used timestamp\n';
  it('a .metrics with its header twice (fork) and an .avg of NaN (no samples)', () => {
    const archive = gzipSync(
      tarOf([
        { name: './env', content: 'VERSION=1.5.1\nIDLE_POD_NAME=p\nHOST_NETWORK_SERVER="false"\n' },
        { name: './p.bw', content: '' },
        { name: './p-client.metrics', content: `${mh}${mh}1.00 0.00 1.00 0.00 0.00 100 1\n` },
        { name: './p-client.avg', content: `${header}1.00 0.00 1.00 0.00 0.00 100 1\n` },
        { name: './p-server.metrics', content: mh },
        { name: './p-server.avg', content: `${header}NaN NaN NaN NaN NaN NaN NaN\n` },
      ]),
    );
    const p = parseKnb(archive, 'fork.knbdata');
    expect(codes(p)).toEqual(['missing-values']);
    expect(p.run!.metadata.hostNetworkServer).toBe('false');
    expect(p.run!.metadata.version).toBe('1.5.1'); // unquoted env values, as knb 1.1.1 wrote them
    expect(p.run!.tests[0]!.server!.ram).toMatchObject({ value: null, missing: 'nan' });
    expect(p.run!.tests[0]!.client!.cpu.total.text).toBe('2.00');
  });

  it("the synthesizer's planted faults are read as knb renders them", () => {
    const run = synthesizeRun({
      seed: 3,
      faults: { emptyBandwidth: ['p2s-udp'], noSamples: [{ test: 'p2p-tcp', node: 'server' }] },
    });
    const a = parseKnb(writeKnbdata(run), 'a.knbdata');
    const j = parseKnb(enc(renderKnb(run, 'json')), 'a.json');
    const t = parseKnb(enc(renderKnb(run, 'text')), 'a.text');
    const rows = (p: typeof a) =>
      runObservations(p.run!, { factors: {}, iteration: 1, source: 'x' }).map((o) => [
        o.test,
        o.protocol,
        o.node,
        o.metric,
        o.value,
        o.missing,
      ]);
    expect(rows(j)).toEqual(rows(a));
    expect(rows(t)).toEqual(rows(a));
    expect(rows(a).filter((r) => r[4] === null)).toHaveLength(8);
  });
});
