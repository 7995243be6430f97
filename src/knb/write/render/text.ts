/** `knb -fd <data> -o text` (knb 1.5.0, compute-text-result), the default report. */
import type { KnbWorkDir, KnbTest } from '../types.js';
import { cpuTotal, fixedField, field } from './awk.js';
import { KnbDirView } from './knb-dir.js';

const RULE = '='.repeat(57);

function testBlock(view: KnbDirView, pod: string, width: number): string[] {
  const p = ' '.repeat(width);
  const cpu = (node: 'client' | 'server'): string => {
    const avg = view.avg(pod, node);
    // awk 'NR==2 {printf …}': nothing at all when the .avg has no second line
    if (avg.line === '' && avg.fields.length === 0) return '';
    const parts = [1, 2, 3, 4, 5].map((k) => fixedField(avg, k));
    return `total ${cpuTotal(avg)}% (user ${parts[0]}%, nice ${parts[1]}%, system ${parts[2]}%, iowait ${parts[3]}%, steal ${parts[4]}%)`;
  };
  return [
    `${p}bandwidth = ${view.bandwidth(pod)} Mbit/s`,
    `${p}client cpu = ${cpu('client')}`,
    `${p}server cpu = ${cpu('server')}`,
    `${p}client ram = ${field(view.avg(pod, 'client'), 6)} MB`,
    `${p}server ram = ${field(view.avg(pod, 'server'), 6)} MB`,
  ];
}

function group(view: KnbDirView, title: string, tcp: KnbTest, udp: KnbTest, closing: boolean): string[] {
  const tcpPod = view.pod(tcp);
  const udpPod = view.pod(udp);
  if (tcpPod === '' && udpPod === '') return [];
  const lines = [`  ${title} :`];
  if (tcpPod !== '') lines.push('    TCP :', ...testBlock(view, tcpPod, 6));
  if (udpPod !== '') lines.push('    UDP :', ...testBlock(view, udpPod, 6));
  // knb prints the closing rule inside the Pod to Service branch only
  if (closing) lines.push(RULE);
  return lines;
}

/** The text report knb 1.5.0 prints for this work directory. */
export function renderText(run: KnbWorkDir): string {
  const view = new KnbDirView(run);
  const v = (name: string): string => view.variable(name);
  const lines = [
    RULE,
    ' Benchmark Results',
    RULE,
    ` Name            : ${v('BENCHMARK_RUN_NAME')}`,
    ` Date            : ${v('BENCHMARK_DATE')} UTC`,
    ` Generator       : ${v('GENERATOR')}`,
    ` Version         : ${v('VERSION')}`,
    ` Server          : ${v('SERVER_NODE')}`,
    ` Client          : ${v('CLIENT_NODE')}`,
    ` UDP Socket size : ${v('SOCKET_BUFFER_SIZE')}`,
    RULE,
    `  Discovered CPU         : ${view.cat('cpu')}`,
    `  Discovered Kernel      : ${view.cat('kernel')}`,
    `  Discovered k8s version : ${view.cat('k8s-version')}`,
    `  Discovered MTU         : ${view.cat('mtu')}`,
  ];
  const idlePod = view.pod('idle');
  if (idlePod !== '') lines.push('  Idle :', ...testBlock(view, idlePod, 4));
  lines.push(...group(view, 'Pod to pod', 'p2p-tcp', 'p2p-udp', false));
  lines.push(...group(view, 'Pod to Service', 'p2s-tcp', 'p2s-udp', true));
  return `${lines.join('\n')}\n`;
}
