/**
 * The fixed vocabulary of a knb measurement: tests, protocols, node roles and metrics, with their units.
 * Everything downstream (stats, figures, tables) speaks these names; parsers map knb's own keys onto them.
 */

/** knb's tests. `n2n` comes from the node2node pull request (#13); knb's own five are idle, p2p×{tcp,udp}, p2s×{tcp,udp}. */
export const TESTS = ['idle', 'p2p', 'p2s', 'n2n'] as const;
export type Test = (typeof TESTS)[number];

/** `custom` is the FilipKatulski 1.5.1 fork's user-defined iperf3 test under pod2pod / pod2svc. Idle has no protocol. */
export const PROTOCOLS = ['tcp', 'udp', 'custom'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Node role as knb names it: client = `--client-node`, server = `--server-node`. Bandwidth has no node. */
export const NODES = ['client', 'server'] as const;
export type NodeRole = (typeof NODES)[number];

/** CPU components in knb's order (sar's %user %nice %system %iowait %steal). */
export const CPU_COMPONENTS = ['user', 'nice', 'system', 'iowait', 'steal'] as const;
export type CpuComponent = (typeof CPU_COMPONENTS)[number];

export const METRICS = [
  'bandwidth',
  'cpu',
  'cpu_user',
  'cpu_nice',
  'cpu_system',
  'cpu_iowait',
  'cpu_steal',
  'ram',
] as const;
export type Metric = (typeof METRICS)[number];

/** Units after ingest. knb labels RAM "MB" but it is `free -m`, i.e. MiB; bandwidth is iperf3 `-f m`, i.e. 10^6 bit/s. */
export const METRIC_UNITS: Readonly<Record<Metric, string>> = {
  bandwidth: 'Mbit/s',
  cpu: '%',
  cpu_user: '%',
  cpu_nice: '%',
  cpu_system: '%',
  cpu_iowait: '%',
  cpu_steal: '%',
  ram: 'MiB',
};

export const METRIC_LABELS: Readonly<Record<Metric, string>> = {
  bandwidth: 'Throughput',
  cpu: 'CPU',
  cpu_user: 'CPU user',
  cpu_nice: 'CPU nice',
  cpu_system: 'CPU system',
  cpu_iowait: 'CPU iowait',
  cpu_steal: 'CPU steal',
  ram: 'RAM',
};

/** The knb output formats cnibench reads. `directory` is an extracted `.knbdata`; `failed-run` a runner failure record. */
export const KNB_FORMATS = ['knbdata', 'directory', 'json', 'yaml', 'text', 'ibdbench', 'failed-run'] as const;
export type KnbFormat = (typeof KNB_FORMATS)[number];

/**
 * The headline metrics: what figures, tables, interactions and findings show by default (the reference study's three
 * columns); the CPU components are parts of the total and would repeat it.
 */
export const HEADLINE_METRICS: readonly Metric[] = ['cpu', 'ram', 'bandwidth'];

/**
 * The figure kinds a report draws, in report order (`--figures`, campaign.yaml `figures: kinds:`): the paper grid,
 * the delta heatmap, the interaction plot, the iterations view, the drift view over time.
 */
export const FIGURE_KINDS = ['paper-grid', 'delta-heatmap', 'interaction', 'iterations', 'over-time'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** Print widths of a figure: an IEEE column (3.5 in, 252 pt) or the page (7.16 in, 515 pt). */
export const FIGURE_SIZES = ['column', 'page'] as const;
export type FigureSize = (typeof FIGURE_SIZES)[number];

/** Files a report writes of each figure besides its Vega-Lite spec (`--formats`, campaign.yaml `figures: formats:`). */
export const FIGURE_FORMATS = ['svg', 'png', 'pdf'] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];

/**
 * The conditions (test and protocol) a figure or table can be restricted to: `idle`, `p2p-tcp`, `p2s-udp`, … — a
 * test without a protocol (`idle`) or `<test>-<protocol>`.
 */
export const CONDITION_IDS: readonly string[] = TESTS.flatMap((t) => [t, ...PROTOCOLS.map((p) => `${t}-${p}`)]);
