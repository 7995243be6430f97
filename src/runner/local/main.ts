/**
 * The local backend as a knb-compatible executable: `node main.js -cn client -sn server -d 3 -o data -f out --name x`.
 * The runner supervises it exactly like knb (timeout, retries, process group). It needs root (network namespaces)
 * and iperf3; the namespaces are removed in every case: normal end, error, SIGTERM/SIGINT/SIGHUP (and, for a
 * process killed with SIGKILL, by the next run).
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { runnerMessages as msg } from '../messages.js';
import { parseLocalArgs } from './args.js';
import { measure, writeKnbdata } from './measure.js';
import { createTopology, destroyTopology, removeStaleNamespaces, run } from './netns.js';

function log(level: string, text: string): void {
  const stamp = new Date().toISOString().replace('T', ' ').slice(0, 19);
  process.stderr.write(`${stamp} [${level}] ${text}\n`);
}

function fatal(text: string): never {
  log('FATAL', text);
  process.exit(1);
}

async function main(argv: readonly string[]): Promise<void> {
  let args;
  try {
    args = parseLocalArgs(argv, process.pid);
  } catch (error) {
    fatal((error as Error).message);
  }
  if (args.version) {
    process.stdout.write('1.5.0 (cnibench local backend)\n');
    return;
  }
  if (args.output !== 'data') fatal('the local backend writes only -o data');
  if (args.file === null || args.file === '-')
    fatal("I cowardly refuse to output data on stdout, please use '-f' flag");
  if (process.getuid?.() !== 0) fatal(msg.localNeedsRoot());
  for (const tool of ['iperf3', 'ip']) {
    await run(tool === 'ip' ? 'ip' : tool, tool === 'ip' ? ['-V'] : ['--version']).catch(() =>
      fatal(msg.localNeedsTool(tool === 'ip' ? 'iproute2' : tool)),
    );
  }
  for (const skipped of args.unsupported) log('WARN', `test ${skipped} needs a Kubernetes Service: not run locally`);

  const children = new Set<ChildProcess>();
  let cleaning: Promise<void> | null = null;
  const cleanup = () => {
    for (const child of children) child.kill('SIGKILL');
    cleaning ??= destroyTopology(process.pid);
    return cleaning;
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => {
      log('WARN', `${signal}: cleaning up the namespaces`);
      void cleanup().finally(() => process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15)));
    });
  }
  await removeStaleNamespaces();
  const topology = await createTopology(process.pid);
  try {
    log('INFO', `namespaces ${topology.client} ${topology.server}; tests ${args.tests.join(', ')}`);
    const workDir = await measure(args, topology, children);
    writeFileSync(args.file, writeKnbdata(workDir));
    log('INFO', `wrote ${args.file}`);
  } finally {
    await cleanup();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  log('FATAL', error instanceof Error ? error.message : String(error));
  void destroyTopology(process.pid).finally(() => process.exit(1));
});
