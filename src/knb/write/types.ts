/**
 * What knb's work directory holds for one run (FORMATS.md §6): the files, in the order GNU tar stores them, with
 * their modification times. Renderers and the archive writer read only this, exactly as knb reads its directory.
 */

/** One file of the work directory. */
export interface KnbFile {
  /** name inside the directory, without `./` (e.g. `env`, `knb-client-idle-6542-server.avg`) */
  readonly name: string;
  /** exact content (knb's files are ASCII text) */
  readonly content: string;
  /** modification time, Unix seconds (becomes the tar header's mtime) */
  readonly mtime: number;
}

/** knb's work directory after a run: everything `-o data` would pack. */
export interface KnbWorkDir {
  /** files in archive member order (knb's `tar -czf - .` stores readdir order) */
  readonly files: readonly KnbFile[];
  /** modification time of the directory itself (the `./` member), Unix seconds */
  readonly mtime: number;
}

/** knb's five tests, in the order knb runs them (§2). */
export const KNB_TESTS = ['idle', 'p2p-tcp', 'p2p-udp', 'p2s-tcp', 'p2s-udp'] as const;
export type KnbTest = (typeof KNB_TESTS)[number];

/** The env variable holding each test's client pod name (empty when `-ot` skipped the test). */
export const TEST_ENV_KEYS: Readonly<Record<KnbTest, string>> = {
  idle: 'IDLE_POD_NAME',
  'p2p-tcp': 'CLIENT_TCP_P2P_POD_NAME',
  'p2p-udp': 'CLIENT_UDP_P2P_POD_NAME',
  'p2s-tcp': 'CLIENT_TCP_P2S_POD_NAME',
  'p2s-udp': 'CLIENT_UDP_P2S_POD_NAME',
};

/** knb's client pod name of a test for an execution id (the script's PID). */
export function podName(test: KnbTest, execId: number): string {
  if (test === 'idle') return `knb-client-idle-${execId}`;
  const [target, protocol] = test.split('-') as [string, string];
  return `knb-client-${protocol}-${target}-${execId}`;
}

/** Find a file by name. */
export function fileOf(run: KnbWorkDir, name: string): KnbFile | undefined {
  return run.files.find((f) => f.name === name);
}
