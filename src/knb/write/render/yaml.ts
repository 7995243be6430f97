/** `knb -fd <data> -o yaml` (knb 1.5.0, compute-yaml-result): same tree as JSON, 2-space indentation. */
import type { KnbWorkDir, KnbTest } from '../types.js';
import { cpuTotal, field } from './awk.js';
import { KnbDirView } from './knb-dir.js';

function testBlock(view: KnbDirView, pod: string, width: number): string[] {
  const p = ' '.repeat(width);
  const lines = [`${p}bandwidth: ${view.bandwidth(pod)}`];
  for (const node of ['client', 'server'] as const) {
    const avg = view.avg(pod, node);
    lines.push(
      `${p}${node}:`,
      `${p}  cpu:`,
      `${p}    total: ${cpuTotal(avg)}`,
      `${p}    user: ${field(avg, 1)}`,
      `${p}    nice: ${field(avg, 2)}`,
      `${p}    system: ${field(avg, 3)}`,
      `${p}    iowait: ${field(avg, 4)}`,
      `${p}    steal: ${field(avg, 5)}`,
      `${p}  ram: ${field(avg, 6)}`,
    );
  }
  return lines;
}

function group(view: KnbDirView, key: string, tcp: KnbTest, udp: KnbTest): string[] {
  const tcpPod = view.pod(tcp);
  const udpPod = view.pod(udp);
  if (tcpPod === '' && udpPod === '') return [];
  const lines = [`  ${key}:`];
  if (tcpPod !== '') lines.push('    tcp:', ...testBlock(view, tcpPod, 6));
  if (udpPod !== '') lines.push('    udp:', ...testBlock(view, udpPod, 6));
  return lines;
}

/** The YAML report knb 1.5.0 prints for this work directory. */
export function renderYaml(run: KnbWorkDir): string {
  const view = new KnbDirView(run);
  const v = (name: string): string => view.variable(name);
  const lines = [
    'metadata:',
    `  name: "${v('BENCHMARK_RUN_NAME')}"`,
    `  generator: "${v('GENERATOR')}"`,
    `  version: "${v('VERSION')}"`,
    `  date: "${v('BENCHMARK_DATE')}"`,
    `  server-node: "${v('SERVER_NODE')}"`,
    `  client-node: "${v('CLIENT_NODE')}"`,
    `  socket-buffer-size: "${v('SOCKET_BUFFER_SIZE')}"`,
    'data:',
    `  cpu: "${view.cat('cpu')}"`,
    `  kernel: "${view.cat('kernel')}"`,
    `  k8s-version: "${view.cat('k8s-version')}"`,
    `  mtu: "${view.cat('mtu')}"`,
  ];
  const idlePod = view.pod('idle');
  if (idlePod !== '') lines.push('  idle:', ...testBlock(view, idlePod, 4));
  lines.push(...group(view, 'pod2pod', 'p2p-tcp', 'p2p-udp'));
  lines.push(...group(view, 'pod2svc', 'p2s-tcp', 'p2s-udp'));
  return `${lines.join('\n')}\n`;
}
