/**
 * Two network namespaces joined by a veth pair: the local backend's "client node" and "server node". Names are
 * unique per process (`cnibench-<pid>-c`/`-s`), addresses are a /30 that exists only inside the two namespaces, and
 * everything is removed by `destroy()` (also for namespaces left behind by a process that was killed).
 */
import { execFile } from 'node:child_process';
import { processAlive } from '../../model/index.js';

export interface Topology {
  readonly client: string;
  readonly server: string;
  readonly clientAddress: string;
  readonly serverAddress: string;
  /** MTU of the veth pair (what knb's `mtu` detection reads in the server pod) */
  readonly mtu: number;
}

/** Run a command (argument array), resolving to its stdout; rejects with its stderr. */
export function run(program: string, args: readonly string[], timeoutMs = 30_000): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(program, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${program} ${args.join(' ')}: ${`${stderr}`.trim() || error.message}`));
      else resolvePromise(`${stdout}`);
    });
  });
}

const PREFIX = 'cnibench-';

export function topologyNames(pid: number): { client: string; server: string; clientLink: string; serverLink: string } {
  // interface names are limited to 15 characters
  return {
    client: `${PREFIX}${pid}-c`,
    server: `${PREFIX}${pid}-s`,
    clientLink: `cnb${pid}c`.slice(0, 15),
    serverLink: `cnb${pid}s`.slice(0, 15),
  };
}

/** Delete namespaces left by local-backend processes that no longer exist (killed with SIGKILL). */
export async function removeStaleNamespaces(): Promise<void> {
  const list = await run('ip', ['netns', 'list']);
  for (const line of list.split('\n')) {
    const m = /^(cnibench-(\d+)-[cs])\b/.exec(line.trim());
    if (m && !processAlive(Number(m[2]))) await run('ip', ['netns', 'del', m[1]!]).catch(() => undefined);
  }
}

/** Create the pair. On any failure what was created is removed before the error propagates. */
export async function createTopology(pid: number): Promise<Topology> {
  const n = topologyNames(pid);
  const topology: Topology = {
    client: n.client,
    server: n.server,
    clientAddress: '10.213.0.2',
    serverAddress: '10.213.0.1',
    mtu: 1500,
  };
  try {
    await run('ip', ['netns', 'add', n.server]);
    await run('ip', ['netns', 'add', n.client]);
    await run('ip', [
      'link',
      'add',
      n.serverLink,
      'netns',
      n.server,
      'type',
      'veth',
      'peer',
      'name',
      n.clientLink,
      'netns',
      n.client,
    ]);
    for (const [ns, link, address] of [
      [n.server, n.serverLink, topology.serverAddress],
      [n.client, n.clientLink, topology.clientAddress],
    ] as const) {
      await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
      await run('ip', ['-n', ns, 'link', 'set', link, 'mtu', String(topology.mtu)]);
      await run('ip', ['-n', ns, 'addr', 'add', `${address}/30`, 'dev', link]);
      await run('ip', ['-n', ns, 'link', 'set', link, 'up']);
    }
    return topology;
  } catch (error) {
    await destroyTopology(pid);
    throw error;
  }
}

/** Remove both namespaces (the veth pair goes with them). Never throws. */
export async function destroyTopology(pid: number): Promise<void> {
  const n = topologyNames(pid);
  for (const ns of [n.client, n.server]) await run('ip', ['netns', 'del', ns]).catch(() => undefined);
}
