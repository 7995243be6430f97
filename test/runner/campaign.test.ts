import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRunPlan } from '../../src/runner/plan.js';
import { planCampaign } from '../../src/runner/knb.js';
import { backoffSeconds, runCampaign, type RunEvent } from '../../src/runner/campaign.js';
import type { FailedIterationRecord } from '../../src/runner/store.js';
import { main } from '../../src/cli/main.js';
import { ingestCampaign } from '../../src/ingest/index.js';
import { memoryIO } from '../../src/cli/io.js';
import { runnerMessages as msg } from '../../src/runner/messages.js';
import {
  groupAlive,
  gunzipOk,
  invocations,
  listFiles,
  makeCampaign,
  RUN_CLI,
  removeCampaigns,
  type Campaign,
} from './helpers.js';

afterAll(removeCampaigns);

async function run(c: Campaign, options: { signal?: AbortSignal; retryFailed?: boolean } = {}) {
  const events: RunEvent[] = [];
  const plan = await loadRunPlan(c.dir);
  const result = await runCampaign(planCampaign(plan, c.env), {
    env: c.env,
    onEvent: (e) => events.push(e),
    killGraceMs: 300,
    ...options,
  });
  return { result, events };
}

const archives = (c: Campaign) => listFiles(c.dir).filter((f) => f.endsWith('.knbdata'));
const SMALL = `  iterations: 2
  options: { duration: 2 }
  timeout: 30
  backoff: 0
  concurrency: 2
  clusters:
    - { testbed: ATH, distribution: k8s, plugin: flannel, context: ath-ctx, client-node: w1, server-node: w2 }
    - { testbed: ATH, distribution: k3s, plugin: flannel, context: ath-ctx, client-node: w1, server-node: w2 }
    - { testbed: UOM, distribution: k8s, plugin: calico, client-node: s3, server-node: s4 }
`;

describe('runCampaign with the knb test double', () => {
  it('runs a full small plan: archives in the layout, logs, manifests, context through KUBECONFIG', async () => {
    const c = makeCampaign(SMALL);
    const { result } = await run(c);
    expect(result).toMatchObject({ measured: 6, skipped: 0, failed: 0, notRun: 0, interrupted: false });
    expect(listFiles(c.dir)).toEqual([
      'ATH/k3s/flannel/01.knbdata',
      'ATH/k3s/flannel/02.knbdata',
      'ATH/k8s/flannel/01.knbdata',
      'ATH/k8s/flannel/02.knbdata',
      'UOM/k8s/calico/01.knbdata',
      'UOM/k8s/calico/02.knbdata',
      'campaign.yaml',
    ]);
    // a genuine knb archive: the env member carries the run name the runner passed with --name
    const tar = gunzipSync(readFileSync(join(c.dir, 'UOM/k8s/calico/02.knbdata'))).toString('latin1');
    expect(tar).toContain('BENCHMARK_RUN_NAME="UOM/k8s/calico/02"');
    expect(tar).toContain('CLIENT_NODE="s3"');
    const manifest = JSON.parse(readFileSync(join(c.dir, '.cnibench/runs/ATH/k8s/flannel/01.json'), 'utf8'));
    expect(manifest).toMatchObject({ status: 'complete', archive: 'ATH/k8s/flannel/01.knbdata', iteration: 1 });
    expect(manifest.schedule).toMatchObject({ order: 'sequential', seed: null });
    expect(manifest.tools.knb.output).toBe('1.5.0');
    expect(manifest.command).toContain('--name');
    expect(manifest.attempts).toHaveLength(1);
    expect(readFileSync(join(c.dir, '.cnibench/logs/ATH/k8s/flannel/01.log'), 'utf8')).toContain(
      'fake knb: ATH/k8s/flannel/01 attempt 1',
    );
    const calls = invocations(c);
    expect(calls.map((i) => i.name).sort()).toEqual(archives(c).map((f) => f.replace('.knbdata', '')));
    const ath = calls.find((i) => i.name === 'ATH/k8s/flannel/01')!;
    const overlay = ath.kubeconfig!.split(':')[0]!;
    expect(readFileSync(overlay, 'utf8')).toContain('current-context: "ath-ctx"');
    expect(calls.find((i) => i.name === 'UOM/k8s/calico/01')!.kubeconfig).toBe(c.env['KUBECONFIG'] ?? null);
    expect(existsSync(join(c.dir, '.cnibench/lock'))).toBe(false);
    // everything the runner wrote ingests: archives as data, its state files as auxiliary, nothing rejected
    const dataset = await ingestCampaign(c.dir);
    expect(dataset.ledger.summary).toMatchObject({ ingested: 6, rejected: 0, failedRuns: 0 });
    expect(
      dataset.ledger.entries.filter((e) => e.file.startsWith('.cnibench/')).every((e) => e.status === 'auxiliary'),
    ).toBe(true);

    // a rerun skips everything that is complete and runs nothing
    const again = await run(c);
    expect(again.result).toMatchObject({ measured: 0, skipped: 6, failed: 0, notRun: 0 });
    expect(invocations(c)).toHaveLength(6);
  });

  it('runs a shuffled order as planned and records order, seed and position in every manifest', async () => {
    const c = makeCampaign(`  iterations: 3
  options: { duration: 1 }
  timeout: 30
  order: shuffled
  seed: 3
  clusters:
    - { testbed: T, distribution: k8s, plugin: flannel, client-node: w1, server-node: w2 }
    - { testbed: T, distribution: k3s, plugin: flannel, client-node: w1, server-node: w2 }
`);
    const { result, events } = await run(c);
    expect(result).toMatchObject({ measured: 6, failed: 0, notRun: 0 });
    const planned = planCampaign(await loadRunPlan(c.dir), c.env).queue.map((u) => u.jobs[0]!.runName);
    // concurrency 1: knb was called in exactly the planned order, which interleaves the two clusters
    expect(invocations(c).map((i) => i.name)).toEqual(planned);
    expect(planned.map((n) => n.split('/')[1])).not.toEqual(['k8s', 'k8s', 'k8s', 'k3s', 'k3s', 'k3s']);
    planned.forEach((name, i) => {
      const manifest = JSON.parse(readFileSync(join(c.dir, `.cnibench/runs/${name}.json`), 'utf8'));
      expect(manifest.schedule).toEqual({ order: 'shuffled', seed: 3, position: i + 1 });
    });
    // one cell-done per cluster, after its last iteration
    expect(events.filter((e) => e.type === 'cell-done')).toHaveLength(2);
  });

  it('never runs two iterations of clusters that share a context at the same time', async () => {
    const c = makeCampaign(SMALL);
    const { events } = await run(c);
    let athRunning = 0;
    let maxAth = 0;
    let maxAll = 0;
    let running = 0;
    for (const e of events) {
      if (e.type === 'attempt') {
        running++;
        if (e.job.cluster.cell.startsWith('ATH')) athRunning++;
      } else if (e.type === 'done' || e.type === 'failed') {
        running--;
        if (e.job.cluster.cell.startsWith('ATH')) athRunning--;
      }
      maxAth = Math.max(maxAth, athRunning);
      maxAll = Math.max(maxAll, running);
    }
    expect(maxAth).toBe(1);
    expect(maxAll).toBe(2);
  });

  it('kills a hanging knb (and its process group) at the timeout and records the failure', async () => {
    const c = makeCampaign(
      `  iterations: 1\n  timeout: 2\n  retries: 0\n  clusters:\n    - { testbed: T, distribution: k3s, plugin: p, client-node: a, server-node: b }\n`,
      { default: 'hang' },
    );
    const started = Date.now();
    const { result } = await run(c);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result).toMatchObject({ measured: 0, failed: 1 });
    const record = JSON.parse(readFileSync(join(c.dir, 'T/k3s/p/01.failed.json'), 'utf8')) as FailedIterationRecord;
    expect(record).toMatchObject({ kind: 'cnibench-failed-iteration', version: 1, iteration: 1 });
    expect(record.reason).toBe('timed out after 2 s; the process group was killed');
    expect(record.attempts[0]).toMatchObject({ attempt: 1, timedOut: true });
    expect(record.command.slice(-2)).toEqual(['--name', 'T/k3s/p/01']);
    // the double and the `sleep` it started share a process group: none of it may survive
    const pgid = invocations(c)[0]!.pid;
    expect(groupAlive(pgid)).toBe(false);
    expect(listFiles(c.dir)).toEqual(['T/k3s/p/01.failed.json', 'campaign.yaml']);
    // the failure is visible to ingest's ledger (and so in the report)
    const dataset = await ingestCampaign(c.dir);
    expect(dataset.ledger.entries.find((e) => e.file === 'T/k3s/p/01.failed.json')?.status).toBe('failed-run');
    expect(dataset.ledger.summary.failedRuns).toBe(1);
  });

  it('waits the backoff, doubling after each failed attempt', () => {
    expect([1, 2, 3, 4].map((a) => backoffSeconds(10, a))).toEqual([10, 20, 40, 80]);
    expect(backoffSeconds(0, 3)).toBe(0);
  });

  it('retries a crash with backoff and keeps the attempts in the manifest', async () => {
    const c = makeCampaign(
      `  iterations: 2\n  retries: 2\n  backoff: 0\n  clusters:\n    - { testbed: T, distribution: k3s, plugin: p, client-node: a, server-node: b }\n`,
      { runs: { 'T/k3s/p/01': ['crash', 'garbage', 'ok'] } },
    );
    const { result, events } = await run(c);
    expect(result).toMatchObject({ measured: 2, failed: 0 });
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { reason: string }).reason)).toEqual([
      'exited with status 3',
      expect.stringContaining('is not a gzip archive'),
    ]);
    const manifest = JSON.parse(readFileSync(join(c.dir, '.cnibench/runs/T/k3s/p/01.json'), 'utf8'));
    expect(manifest.attempts.map((a: { exitCode: number }) => a.exitCode)).toEqual([3, 0, 0]);
    expect(gunzipOk(join(c.dir, 'T/k3s/p/01.knbdata'))).toBe(true);
  });

  it('applies the failure policies: stop, skip-cell, continue; a rerun retries failed iterations', async () => {
    const runs = (policy: string) =>
      `  iterations: 2\n  retries: 0\n  on-failure: ${policy}\n  clusters:\n` +
      `    - { testbed: T, distribution: a, plugin: p, client-node: a, server-node: b }\n` +
      `    - { testbed: T, distribution: b, plugin: p, client-node: a, server-node: b }\n`;
    const control = { runs: { 'T/a/p/01': ['crash', 'ok'] } };

    const stop = makeCampaign(runs('stop'), control);
    expect((await run(stop)).result).toMatchObject({ measured: 0, failed: 1, notRun: 3, stopped: true });

    const skip = makeCampaign(runs('skip-cell'), control);
    expect((await run(skip)).result).toMatchObject({ measured: 2, failed: 1, notRun: 1, stopped: false });
    expect(archives(skip)).toEqual(['T/b/p/01.knbdata', 'T/b/p/02.knbdata']);

    const cont = makeCampaign(runs('continue'), control);
    expect((await run(cont)).result).toMatchObject({ measured: 3, failed: 1, notRun: 0 });
    expect(existsSync(join(cont.dir, 'T/a/p/01.failed.json'))).toBe(true);
    expect((await run(cont, { retryFailed: false })).result).toMatchObject({ measured: 0, skipped: 4 });
    // the double succeeds on the second attempt: the rerun measures it and removes the failure record
    expect((await run(cont)).result).toMatchObject({ measured: 1, skipped: 3, failed: 0 });
    expect(existsSync(join(cont.dir, 'T/a/p/01.failed.json'))).toBe(false);
    expect(archives(cont)).toHaveLength(4);
  });

  it('records a failed setup for every pending iteration and runs teardown after the iterations', async () => {
    const c = makeCampaign(
      `  iterations: 2\n  retries: 0\n  clusters:\n` +
        `    - { testbed: T, distribution: a, plugin: p, client-node: a, server-node: b, setup: [sh, -c, 'exit 4'] }\n` +
        `    - { testbed: T, distribution: b, plugin: p, client-node: a, server-node: b, setup: ['true'],` +
        ` teardown: [touch, torn-down] }\n`,
    );
    const { result } = await run(c);
    expect(result).toMatchObject({ measured: 2, failed: 2 });
    const record = JSON.parse(readFileSync(join(c.dir, 'T/a/p/02.failed.json'), 'utf8')) as FailedIterationRecord;
    expect(record.reason).toBe('setup command failed: exited with status 4');
    expect(existsSync(join(c.dir, 'torn-down'))).toBe(true);
  });

  it('stops cleanly when aborted (Ctrl-C): child group killed, no partial file, resumable', async () => {
    const c = makeCampaign(
      `  iterations: 2\n  clusters:\n    - { testbed: T, distribution: a, plugin: p, client-node: a, server-node: b }\n`,
      { runs: { 'T/a/p/02': ['hang', 'ok'] } },
    );
    const controller = new AbortController();
    const pending = run(c, {
      signal: controller.signal,
    });
    for (let i = 0; i < 200 && invocations(c).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    const { result } = await pending;
    expect(result).toMatchObject({ measured: 1, failed: 0, notRun: 1, interrupted: true });
    // the runner resolves once the group got SIGKILL; the kernel may take a moment to tear it down
    for (let i = 0; i < 40 && groupAlive(invocations(c)[1]!.pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(groupAlive(invocations(c)[1]!.pid)).toBe(false);
    expect(listFiles(c.dir)).toEqual(['T/a/p/01.knbdata', 'campaign.yaml']);
    expect((await run(c)).result).toMatchObject({ measured: 1, skipped: 1 });
  });
});

describe('cnibench run (CLI)', () => {
  it('rejects hostile names before anything runs, naming the line', async () => {
    for (const name of ['../x', 'a;rm -rf b', 'a\\nb']) {
      const c = makeCampaign(
        `  clusters:\n    - { testbed: T, distribution: "${name}", plugin: p, client-node: a, server-node: b }\n`,
      );
      const io = memoryIO(c.dir, c.env);
      expect(await main(['run', c.dir], io)).toBe(2);
      expect(io.err.join('')).toMatch(/campaign\.yaml:5: .*unsafe name/);
      expect(invocations(c)).toEqual([]);
      expect(listFiles(c.dir, true)).toEqual(['campaign.yaml']);
    }
  });

  it('refuses to start when knb cannot be started, writing nothing in the layout', async () => {
    const c = makeCampaign(
      `  clusters:\n    - { testbed: T, distribution: a, plugin: p, client-node: a, server-node: b }\n`,
    );
    writeFileSync(
      join(c.dir, 'campaign.yaml'),
      readFileSync(join(c.dir, 'campaign.yaml'), 'utf8').replace(/knb: .*/, 'knb: ./no-such-knb'),
    );
    const io = memoryIO(c.dir, c.env);
    expect(await main(['run', c.dir], io)).toBe(2);
    expect(io.err.join('')).toContain(`cannot start knb (${join(c.dir, 'no-such-knb')})`);
    expect(io.err.join('')).toContain('hint: set `knb:`');
    expect(listFiles(c.dir)).toEqual(['campaign.yaml']);
  });

  it('--dry-run prints the plan and runs nothing', async () => {
    const c = makeCampaign(SMALL);
    const io = memoryIO(c.dir, c.env);
    expect(await main(['run', '--dry-run'], io)).toBe(0);
    expect(io.out.join('')).toContain('--name UOM/k8s/calico/02');
    expect(invocations(c)).toEqual([]);
  });

  it('Ctrl-C (SIGINT) stops the run: exit 2, child group killed, nothing partial, resumable', async () => {
    const c = makeCampaign(
      `  iterations: 2\n  clusters:\n    - { testbed: T, distribution: a, plugin: p, client-node: a, server-node: b }\n`,
      { runs: { 'T/a/p/01': ['hang', 'ok'] } },
    );
    let stderr = '';
    const child = spawn(process.execPath, [RUN_CLI, 'run', c.dir], { env: c.env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    for (let i = 0; i < 200 && invocations(c).length < 1; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(2);
    expect(stderr).toContain(msg.interrupted());
    for (let i = 0; i < 40 && groupAlive(invocations(c)[0]!.pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(groupAlive(invocations(c)[0]!.pid)).toBe(false);
    expect(listFiles(c.dir)).toEqual(['campaign.yaml']);
    const io = memoryIO(c.dir, c.env);
    expect(await main(['run', c.dir], io)).toBe(0);
    expect(archives(c)).toEqual(['T/a/p/01.knbdata', 'T/a/p/02.knbdata']);
  });

  it('SIGKILL mid-campaign, then rerun: exactly the planned iterations, none twice, no partial file', async () => {
    const c = makeCampaign(
      `  iterations: 2\n  backoff: 0\n  clusters:\n` +
        `    - { testbed: T, distribution: a, plugin: p, client-node: a, server-node: b }\n` +
        `    - { testbed: T, distribution: b, plugin: p, client-node: a, server-node: b }\n`,
      // the third iteration hangs while the runner is killed: its knb outlives the runner until the rerun
      { default: 'sleep:400', runs: { 'T/b/p/01': ['hang', 'ok'] } },
    );
    const child = spawn(process.execPath, [RUN_CLI, 'run', c.dir], { env: c.env, stdio: 'ignore' });
    for (let i = 0; i < 400; i++) {
      if (archives(c).length >= 2 && invocations(c).length >= 3) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    const before = archives(c);
    expect(before).toEqual(['T/a/p/01.knbdata', 'T/a/p/02.knbdata']);
    expect(listFiles(c.dir).filter((f) => !f.endsWith('.knbdata'))).toEqual(['campaign.yaml']);
    const orphan = invocations(c)[2]!;
    expect(orphan.name).toBe('T/b/p/01');
    expect(groupAlive(orphan.pid)).toBe(true);

    const io = memoryIO(c.dir, c.env);
    expect(await main(['run', c.dir], io)).toBe(0);
    expect(io.err.join('')).toContain(`finished: ${4 - before.length} measured, ${before.length} already complete`);
    const all = archives(c);
    expect(all).toEqual(['T/a/p/01.knbdata', 'T/a/p/02.knbdata', 'T/b/p/01.knbdata', 'T/b/p/02.knbdata']);
    expect(listFiles(c.dir)).toEqual([...all, 'campaign.yaml']);
    // the iterations finished before the kill were never run again
    const counts = new Map<string, number>();
    for (const i of invocations(c)) counts.set(i.name, (counts.get(i.name) ?? 0) + 1);
    for (const f of before) expect(counts.get(f.replace('.knbdata', ''))).toBe(1);
    for (const f of all) {
      const tar = gunzipSync(readFileSync(join(c.dir, f))).toString('latin1');
      expect(tar).toContain(`BENCHMARK_RUN_NAME="${f.replace('.knbdata', '')}"`);
    }
    expect(existsSync(join(c.dir, '.cnibench/tmp'))).toBe(true);
    expect(listFiles(join(c.dir, '.cnibench/tmp'))).toEqual([]);
    // the rerun killed the knb the killed runner had left running
    expect(groupAlive(orphan.pid)).toBe(false);
  });
});
