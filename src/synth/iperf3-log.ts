/**
 * A plausible iperf3 3.x client output for knb's commands (`iperf3 -c T -O 1 -f m -t D`, UDP with `-u -b 0`), with
 * iperf3's own column layouts (iperf_locale.c) and unit formatting (unit_snprintf): transfers in 1024-based Bytes,
 * bitrates in Mbits/sec with 2 / 1 / 0 decimals below 9.995 / 99.95 / above. The `receiver` line's 7th field is the
 * bandwidth knb extracts.
 */
import { cFixed, cGeneral } from '../knb/index.js';
import type { Rng } from './rng.js';

/** iperf3's 3-significant-ish number format: `%4.2f` below 9.995, `%4.1f` below 99.95, `%4.0f` above. */
export function iperfNumber(value: number): string {
  const text = value < 9.995 ? cFixed(value, 2) : value < 99.95 ? cFixed(value, 1) : cFixed(value, 0);
  return text.padStart(4, ' ');
}

/** The bandwidth string knb stores in `.bw` for a bitrate in Mbit/s (what iperf3 prints). */
export function bandwidthString(mbps: number): string {
  return iperfNumber(mbps).trim();
}

/** unit_snprintf 'A' for a byte count: `1.15 GBytes`, ` 925 MBytes`. */
export function bytesString(bytes: number): string {
  const labels = ['Byte', 'KByte', 'MByte', 'GByte', 'TByte'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < labels.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${iperfNumber(value)} ${labels[unit]}s`;
}

function interval(start: number, end: number): string {
  return `${cFixed(start, 2).padStart(6, ' ')}-${cFixed(end, 2).padEnd(6, ' ')}`;
}

export interface IperfLogOptions {
  /** what knb passed to `-c`: the server pod IP (pod2pod) or the Service name (pod2svc) */
  readonly target: string;
  /** address the connection actually reached (pod IP, or the Service's ClusterIP) */
  readonly connectedTo: string;
  readonly localAddress: string;
  readonly protocol: 'tcp' | 'udp';
  /** receiver-side mean bitrate, Mbit/s: the `receiver` line prints it */
  readonly bandwidth: number;
  /** `-t` seconds */
  readonly duration: number;
  /** relative sd of per-second bitrates around the mean */
  readonly jitter: number;
  /** path MTU, to size UDP datagrams and the TCP window */
  readonly mtu: number;
}

/** The full client log (`kubectl logs` of the client pod), ending with `iperf Done.\n`. */
export function iperfClientLog(options: IperfLogOptions, rng: Rng): string {
  const { duration, protocol } = options;
  const id = '[  5]';
  const lines = [
    `Connecting to host ${options.target}, port 5201`,
    `${id} local ${options.localAddress} port ${rng.int(32768, 60999)} connected to ${options.connectedTo} port 5201`,
  ];
  // UDP with -b 0 sends faster than the path delivers; the receiver's rate is the bandwidth, the rest is loss.
  const loss = protocol === 'udp' ? rng.uniform(0.01, 0.3) : 0;
  const senderRate = options.bandwidth / (1 - loss);
  const perSecond = (): number => Math.max(0.01, senderRate * (1 + rng.normal(0, options.jitter)));
  const datagram = Math.max(512, options.mtu - 52);
  let retransmits = 0;
  if (protocol === 'tcp') {
    lines.push(`[ ID] Interval           Transfer     Bitrate         Retr  Cwnd`);
    const tcpLine = (start: number, omitted: boolean): string => {
      const rate = perSecond();
      const retr = rng.next() < 0.3 ? 0 : rng.int(0, 200);
      if (!omitted) retransmits += retr;
      const cwnd = (1 + rng.next() * 2.2) * 1024 * 1024;
      return `${id} ${interval(start, start + 1)} sec  ${bytesString((rate * 1e6) / 8)}  ${iperfNumber(rate)} Mbits/sec  ${String(retr).padStart(3, ' ')}   ${bytesString(cwnd)}       ${omitted ? '(omitted)' : ''}`;
    };
    lines.push(tcpLine(0, true));
    for (let s = 0; s < duration; s++) lines.push(tcpLine(s, false));
  } else {
    lines.push(`[ ID] Interval           Transfer     Bitrate         Total Datagrams`);
    const udpLine = (start: number, omitted: boolean): string => {
      const rate = perSecond();
      const count = Math.round((rate * 1e6) / 8 / datagram);
      return `${id} ${interval(start, start + 1)} sec  ${bytesString(count * datagram)}  ${iperfNumber(rate)} Mbits/sec  ${count}  ${omitted ? '(omitted)' : ''}`;
    };
    lines.push(udpLine(0, true));
    for (let s = 0; s < duration; s++) lines.push(udpLine(s, false));
  }
  lines.push('- - - - - - - - - - - - - - - - - - - - - - - - -');
  const receiverTime = duration + rng.int(1, 6) / 100;
  const senderBytes = (senderRate * 1e6 * duration) / 8;
  const receiverBytes = (options.bandwidth * 1e6 * receiverTime) / 8;
  const end = (t: number): string => `${id} ${interval(0, t)} sec`;
  if (protocol === 'tcp') {
    lines.push(`[ ID] Interval           Transfer     Bitrate         Retr`);
    lines.push(
      `${end(duration)}  ${bytesString(senderBytes)}  ${iperfNumber(senderRate)} Mbits/sec  ${String(retransmits).padStart(3, ' ')}             sender`,
    );
    lines.push(
      `${end(receiverTime)}  ${bytesString(receiverBytes)}  ${iperfNumber(options.bandwidth)} Mbits/sec                  receiver`,
    );
  } else {
    const sent = Math.round(senderBytes / datagram);
    const total = sent - rng.int(0, 20);
    const received = Math.round(receiverBytes / datagram);
    const lost = Math.max(0, total - received);
    const pct = total > 0 ? (100 * lost) / total : 0;
    lines.push(`[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams`);
    lines.push(
      `${end(duration)}  ${bytesString(senderBytes)}  ${iperfNumber(senderRate)} Mbits/sec  0.000 ms  0/${sent} (0%)  sender`,
    );
    lines.push(
      `${end(receiverTime)}  ${bytesString(receiverBytes)}  ${iperfNumber(options.bandwidth)} Mbits/sec  ${cFixed(rng.uniform(0.002, 0.05), 3)} ms  ${lost}/${total} (${cGeneral(pct, 2)}%)  receiver`,
    );
  }
  lines.push('', 'iperf Done.');
  return `${lines.join('\n')}\n`;
}

/** The idle test's "log": knb's `sleep $DURATION; echo 0 0 0 0 0 0 0 receiver`. */
export const IDLE_LOG = '0 0 0 0 0 0 0 receiver\n';
