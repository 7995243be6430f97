/** knb's command line (FORMATS.md §1), as the local backend understands it. */

export interface LocalArgs {
  readonly clientNode: string;
  readonly serverNode: string;
  readonly duration: number;
  /** knb test keys that run, in knb's order */
  readonly tests: readonly LocalTest[];
  /** tests the plan asked for that the local backend cannot run (pod-to-service needs a Service) */
  readonly unsupported: readonly string[];
  readonly socketBufferSize: string | null;
  readonly output: string;
  readonly file: string | null;
  readonly name: string;
  readonly version: boolean;
}

export type LocalTest = 'idle' | 'p2p-tcp' | 'p2p-udp';

const SLUGS: Readonly<Record<string, readonly string[]>> = {
  all: ['idle', 'p2p-tcp', 'p2p-udp', 'p2s-tcp', 'p2s-udp'],
  tcp: ['p2p-tcp', 'p2s-tcp'],
  udp: ['p2p-udp', 'p2s-udp'],
  p2p: ['p2p-tcp', 'p2p-udp'],
  p2s: ['p2s-tcp', 'p2s-udp'],
  p2ptcp: ['p2p-tcp'],
  p2pudp: ['p2p-udp'],
  p2stcp: ['p2s-tcp'],
  p2sudp: ['p2s-udp'],
  idle: ['idle'],
};
const ORDER = ['idle', 'p2p-tcp', 'p2p-udp', 'p2s-tcp', 'p2s-udp'];

/** Parse knb's flags; throws an Error with knb-like text on a bad command line. */
export function parseLocalArgs(argv: readonly string[], pid: number): LocalArgs {
  const values = new Map<string, string>();
  let version = false;
  const takes: Readonly<Record<string, string>> = {
    '-cn': 'cn', '--client-node': 'cn', '-sn': 'sn', '--server-node': 'sn', '-d': 'd', '--duration': 'd',
    '-n': 'n', '--namespace': 'n', '--name': 'name', '-ot': 'ot', '--only-tests': 'ot',
    '-sbs': 'sbs', '--socket-buffer-size': 'sbs', '-t': 't', '--timeout': 't', '-o': 'o', '--output': 'o',
    '-f': 'f', '--file': 'f',
  }; // prettier-ignore
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-V' || arg === '--version') version = true;
    else if (arg === '-k' || arg === '--keep' || arg === '-v' || arg === '--verbose' || arg === '--debug') continue;
    else if (Object.hasOwn(takes, arg)) {
      const key = takes[arg] as string;
      const value = argv[++i];
      if (value === undefined) throw new Error(`Missing value for ${arg}`);
      values.set(key, value);
    } else throw new Error(`Unknown argument ${arg}`);
  }
  const wanted = new Set<string>();
  for (const slug of (values.get('ot') ?? 'all').split(',')) {
    const tests = SLUGS[slug];
    if (!tests) throw new Error(`Unknown test slug ${slug}`);
    tests.forEach((t) => wanted.add(t));
  }
  const ordered = ORDER.filter((t) => wanted.has(t));
  const duration = Number(values.get('d') ?? '10');
  if (!Number.isInteger(duration) || duration < 1) throw new Error(`Invalid duration ${values.get('d')}`);
  const sbs = values.get('sbs') ?? 'auto';
  return {
    clientNode: values.get('cn') ?? '',
    serverNode: values.get('sn') ?? '',
    duration,
    tests: ordered.filter((t): t is LocalTest => !t.startsWith('p2s')),
    unsupported: ordered.filter((t) => t.startsWith('p2s')),
    socketBufferSize: sbs === 'auto' ? null : sbs,
    output: values.get('o') ?? 'text',
    file: values.get('f') ?? null,
    name: values.get('name') ?? `knb-${pid}`,
    version,
  };
}
