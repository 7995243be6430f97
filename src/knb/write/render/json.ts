/**
 * `knb -fd <data> -o json` (knb 1.5.0, compute-json-result): hand-written JSON with `echo`, no escaping, fixed key
 * order, values pasted raw — hence its hazards (trailing comma after `idle` when nothing follows, empty values).
 */
import type { KnbWorkDir, KnbTest } from '../types.js';
import { cpuTotal, field } from './awk.js';
import { KnbDirView } from './knb-dir.js';

function testBlock(view: KnbDirView, pod: string, width: number): string[] {
  const p = ' '.repeat(width);
  const lines = [`${p}"bandwidth": ${view.bandwidth(pod)},`];
  for (const node of ['client', 'server'] as const) {
    const avg = view.avg(pod, node);
    lines.push(
      `${p}"${node}": {`,
      `${p}  "cpu": {`,
      `${p}    "total": ${cpuTotal(avg)},`,
      `${p}    "user": ${field(avg, 1)},`,
      `${p}    "nice": ${field(avg, 2)},`,
      `${p}    "system": ${field(avg, 3)},`,
      `${p}    "iowait": ${field(avg, 4)},`,
      `${p}    "steal": ${field(avg, 5)}`,
      `${p}  },`,
      `${p}  "ram": ${field(avg, 6)}`,
      node === 'client' ? `${p}},` : `${p}}`,
    );
  }
  return lines;
}

function group(view: KnbDirView, key: string, tcp: KnbTest, udp: KnbTest, comma: boolean): string[] {
  const tcpPod = view.pod(tcp);
  const udpPod = view.pod(udp);
  if (tcpPod === '' && udpPod === '') return [];
  const lines = [`    "${key}": {`];
  if (tcpPod !== '')
    lines.push('      "tcp": {', ...testBlock(view, tcpPod, 8), udpPod !== '' ? '      },' : '      }');
  if (udpPod !== '') lines.push('      "udp": {', ...testBlock(view, udpPod, 8), '      }');
  lines.push(comma ? '    },' : '    }');
  return lines;
}

/** The JSON report knb 1.5.0 prints for this work directory (ends with a newline, like `echo`). */
export function renderJson(run: KnbWorkDir): string {
  const view = new KnbDirView(run);
  const v = (name: string): string => view.variable(name);
  const p2sRan = view.pod('p2s-tcp') !== '' || view.pod('p2s-udp') !== '';
  const lines = [
    '{',
    '  "metadata": {',
    `    "name": "${v('BENCHMARK_RUN_NAME')}",`,
    `    "generator": "${v('GENERATOR')}",`,
    `    "version": "${v('VERSION')}",`,
    `    "date": "${v('BENCHMARK_DATE')}",`,
    `    "server-node": "${v('SERVER_NODE')}",`,
    `    "client-node": "${v('CLIENT_NODE')}",`,
    `    "socket-buffer-size": "${v('SOCKET_BUFFER_SIZE')}"`,
    '  },',
    '  "data": {',
    `    "cpu": "${view.cat('cpu')}",`,
    `    "kernel": "${view.cat('kernel')}",`,
    `    "k8s-version": "${view.cat('k8s-version')}",`,
    `    "mtu": "${view.cat('mtu')}",`,
  ];
  const idlePod = view.pod('idle');
  // knb 1.5.0 always closes idle with a comma: with `-ot idle` alone the JSON is invalid (FORMATS.md §3.1).
  if (idlePod !== '') lines.push('    "idle": {', ...testBlock(view, idlePod, 6), '    },');
  lines.push(...group(view, 'pod2pod', 'p2p-tcp', 'p2p-udp', p2sRan));
  lines.push(...group(view, 'pod2svc', 'p2s-tcp', 'p2s-udp', false));
  lines.push('  }', '}');
  return `${lines.join('\n')}\n`;
}
