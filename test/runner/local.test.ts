import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLocalArgs } from '../../src/runner/local/args.js';
import { clientCommand, receiverBandwidth } from '../../src/runner/local/measure.js';
import { cpuPercent, parseProcStat, usedMemoryMiB } from '../../src/runner/local/proc.js';
import { topologyNames } from '../../src/runner/local/netns.js';
import { backendProgram, planCampaign } from '../../src/runner/knb.js';
import { loadRunPlan } from '../../src/runner/plan.js';
import { runCampaign } from '../../src/runner/campaign.js';
import { ingestCampaign } from '../../src/ingest/index.js';
import { buildReport } from '../../src/report/index.js';
import { inCI } from '../helpers/shared.js';
import { listFiles, makeCampaign, removeCampaigns } from './helpers.js';

afterAll(removeCampaigns);

describe('local backend: measurements read like knb reads them', () => {
  const stat = (user: number, nice: number, system: number, idle: number, iowait: number, irq: number, soft: number) =>
    `cpu  ${user} ${nice} ${system} ${idle} ${iowait} ${irq} ${soft} 0 0 0\ncpu0 1 2 3 4 5 6 7 0 0 0\n`;

  it('computes sar -u percentages from /proc/stat deltas (system includes irq and softirq)', () => {
    const before = parseProcStat(stat(100, 0, 50, 800, 10, 0, 0));
    const after = parseProcStat(stat(130, 10, 60, 840, 10, 5, 5));
    // deltas: user 30, nice 10, system 10 + irq 5 + softirq 5, idle 40, iowait 0 → total 100
    expect(cpuPercent(before, after)).toEqual({ user: 30, nice: 10, system: 20, iowait: 0, steal: 0 });
    expect(cpuPercent(before, before)).toEqual({ user: 0, nice: 0, system: 0, iowait: 0, steal: 0 });
  });

  it('subtracts guest time from user, as sysstat does', () => {
    const a = parseProcStat('cpu  100 0 0 100 0 0 0 0 0 0\n');
    const b = parseProcStat('cpu  150 0 0 150 0 0 0 0 20 0\n');
    // user 50 of which guest 20: %user 30/100, %guest (not printed by sar -u) 20/100
    expect(cpuPercent(a, b).user).toBe(30);
  });

  it('reads free -m "used" from /proc/meminfo (MemTotal − MemAvailable, MiB, truncated)', () => {
    expect(usedMemoryMiB('MemTotal:  4028580 kB\nMemFree:  100000 kB\nMemAvailable:  3000000 kB\n')).toBe(1004);
    expect(usedMemoryMiB('MemTotal: 2048000 kB\nMemFree: 1024000 kB\nBuffers: 0 kB\nCached: 0 kB\n')).toBe(1000);
    expect(() => usedMemoryMiB('nothing')).toThrow('MemTotal');
  });

  it('runs knb’s iperf3 client commands (FORMATS.md §2)', () => {
    const args = { duration: 3, socketBufferSize: '256K' };
    expect(clientCommand('p2p-tcp', '10.213.0.1', args)).toEqual(
      ['iperf3', '-c', '10.213.0.1', '-O', '1', '-f', 'm', '-t', '3'],
    ); // prettier-ignore
    expect(clientCommand('p2p-udp', '10.213.0.1', args)).toEqual(
      ['iperf3', '-u', '-b', '0', '-c', '10.213.0.1', '-O', '1', '-w', '256K', '-f', 'm', '-t', '3'],
    ); // prettier-ignore
    expect(clientCommand('idle', 'x', args)).toEqual(['sleep', '3']);
  });

  it('takes the 7th field of the receiver line, empty without one', () => {
    const log = '[  5]   0.00-10.04  sec  11.5 GBytes  9824 Mbits/sec                  receiver\n';
    expect(receiverBandwidth(log)).toBe('9824');
    expect(receiverBandwidth('iperf3: error - unable to connect to server\n')).toBe('');
  });

  it('parses knb’s command line; pod-to-service tests are reported as not runnable locally', () => {
    const a = parseLocalArgs(['-cn', 'c', '-sn', 's', '-d', '2', '-ot', 'idle,tcp', '-o', 'data', '-f', 'x'], 42);
    expect(a).toMatchObject({ tests: ['idle', 'p2p-tcp'], unsupported: ['p2s-tcp'], name: 'knb-42', duration: 2 });
    expect(() => parseLocalArgs(['-ot', 'sctp'], 1)).toThrow('Unknown test slug sctp');
    expect(() => parseLocalArgs(['--frobnicate'], 1)).toThrow('Unknown argument');
  });

  it('uses unique namespace and interface names that fit IFNAMSIZ', () => {
    const n = topologyNames(4194303);
    expect(n.client).toBe('cnibench-4194303-c');
    expect(n.serverLink.length).toBeLessThanOrEqual(15);
    expect(n.serverLink).not.toBe(n.clientLink);
  });
});

function toolsMissing(): string | null {
  if (process.getuid?.() !== 0) return 'not root';
  for (const tool of ['iperf3', 'ip']) {
    try {
      execFileSync(tool, tool === 'ip' ? ['-V'] : ['--version'], { stdio: 'ignore' });
    } catch {
      return `${tool} not installed`;
    }
  }
  return null;
}

const missing = toolsMissing();
const describeReal = missing === null || inCI ? describe : describe.skip;
const namespaces = () =>
  execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith('cnibench-'));

describeReal(`local backend, for real (root, iperf3, two network namespaces)${missing ? ` [${missing}]` : ''}`, () => {
  it('needs root, iperf3 and iproute2 (in CI they must be there)', () => {
    expect(missing).toBeNull();
  });

  it('runs a 2-iteration campaign over a veth pair, leaves no namespace behind, and the result ingests and reports', async () => {
    const c = makeCampaign(
      `  backend: local\n  iterations: 2\n  retries: 0\n  timeout: 60\n  options: { duration: 2, only-tests: [tcp, udp] }\n` +
        `  clusters:\n    - { testbed: host, distribution: none, plugin: veth }\n`,
    );
    const before = namespaces();
    const plan = await loadRunPlan(c.dir);
    const result = await runCampaign(planCampaign(plan), { killGraceMs: 2000 });
    expect(result).toMatchObject({ measured: 2, failed: 0 });
    expect(listFiles(c.dir)).toEqual(['campaign.yaml', 'host/none/veth/01.knbdata', 'host/none/veth/02.knbdata']);
    expect(namespaces()).toEqual(before);
    const tar = gunzipSync(readFileSync(join(c.dir, 'host/none/veth/01.knbdata'))).toString('latin1');
    expect(tar).toContain('BENCHMARK_RUN_NAME="host/none/veth/01"');
    expect(tar).toContain('CLIENT_TCP_P2S_POD_NAME=""');
    const manifest = JSON.parse(readFileSync(join(c.dir, '.cnibench/runs/host/none/veth/01.json'), 'utf8'));
    expect(manifest.tools.iperf3.output).toMatch(/^iperf 3/);

    const dataset = await ingestCampaign(c.dir);
    const data = dataset.ledger.entries.filter((e) => e.file.endsWith('.knbdata'));
    expect(data.map((e) => e.status)).toEqual(['ingested', 'ingested']);
    const bandwidth = dataset.observations.filter((o) => o.metric === 'bandwidth' && o.test === 'p2p');
    expect(bandwidth).toHaveLength(4);
    for (const o of bandwidth) expect(o.value).toBeGreaterThan(0);
    const ram = dataset.observations.filter((o) => o.metric === 'ram' && o.test === 'p2p');
    expect(ram).toHaveLength(8); // 2 iterations × tcp, udp × client, server
    for (const o of ram) expect(o.value).toBeGreaterThan(0);

    // …and the whole pipeline reports it: run → ingest → statistics → figures → report.
    const out = mkdtempSync(join(tmpdir(), 'cnibench-local-report-'));
    const report = await buildReport(c.dir, { out, formats: ['svg'] });
    expect(report.summary.ledger).toMatchObject({ ingested: 2, rejected: 0 });
    expect(report.summary.renderErrors).toEqual([]);
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    expect(index).toContain('veth');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'data', 'tidy.csv'))).toBe(true);
  }, 240_000);

  it('removes its namespaces when terminated mid-run, and those a killed run left behind', async () => {
    // a namespace of a local backend killed with SIGKILL (its pid no longer exists)
    execFileSync('ip', ['netns', 'add', 'cnibench-99999999-s']);
    const program = backendProgram({ backend: 'local', knb: 'knb' });
    const out = join(makeCampaign('').dir, 'x.knbdata');
    const child = spawn(
      program[0]!,
      [...program.slice(1), '-cn', 'a', '-sn', 'b', '-d', '30', '-o', 'data', '-f', out],
      {
        stdio: 'ignore',
      },
    );
    const name = topologyNames(child.pid!).server;
    for (let i = 0; i < 100 && !namespaces().includes(name); i++) await new Promise((r) => setTimeout(r, 100));
    expect(namespaces()).toContain(name);
    expect(namespaces()).not.toContain('cnibench-99999999-s');
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(namespaces().filter((n) => n.startsWith(`cnibench-${child.pid}-`))).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});
