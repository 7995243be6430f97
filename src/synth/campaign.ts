/**
 * A whole synthetic campaign: one knb run per (testbed, distribution, plugin, iteration), written in the default
 * layout `{testbed}/{distribution}/{plugin}/{iteration}.<ext>` with a campaign.yaml. Cell parameters are the ground
 * truth (the mean a cell should show); iteration effects are centred so each cell's mean of targets equals it exactly,
 * unless `centred: false` asks for ordinary sampling noise (each cell's mean then misses its parameter by about
 * sd/√n, as a real campaign's would). Runs follow `schedule` (cell by cell by default, or interleaved at random);
 * `drift` makes a metric move with the time a run starts, for testing what cnibench says about run order.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import {
  RENDER_EXTENSIONS,
  renderKnb,
  type RenderFormat,
  writeKnbdata,
  KNB_TESTS,
  type KnbTest,
} from '../knb/index.js';
// yaml through the lazily loaded module (model/lazy-yaml.ts): not loaded with every bundled command
import { yamlModule } from '../model/index.js';
import { centeredNormals, createRng, type Rng } from './rng.js';
import { formatKnbDate, parseKnbDate, synthesizeRun, type SynthFaults, type TestTarget } from './workdir.js';
import { invalidOption, unknownLevel } from './messages.js';

/** A level of a factor with its display label. */
export interface LevelSpec {
  readonly id: string;
  readonly label: string;
}

/** A testbed: what knb's detection files and node names show there. */
export interface TestbedSpec extends LevelSpec {
  /** free text for campaign.yaml (what the testbed is) */
  readonly description: string;
  /** `cpu` file content (model name of the hosts) */
  readonly cpuModel: string;
  readonly kernel: string;
}

/** The cell a run belongs to. */
export interface CampaignCell {
  readonly testbed: string;
  readonly distribution: string;
  readonly plugin: string;
}

/** A cell's ground truth: per test, the mean bandwidth and per-node CPU/RAM, plus its spread between iterations. */
export interface CellParameters {
  readonly targets: Readonly<Record<KnbTest, TestTarget>>;
  /** relative sd between iterations of CPU (default 0.05), RAM (0.015) and bandwidth (0.03) */
  readonly spread?: { readonly cpu?: number; readonly ram?: number; readonly bandwidth?: number };
  /** the `mtu` file */
  readonly mtu: string;
}

/** A fault placed on one run. */
export interface CampaignFault extends CampaignCell {
  readonly iteration: number;
  /** `empty-bandwidth` / `no-samples` reproduce knb's traces; `outlier` multiplies the run's bandwidth */
  readonly kind: 'empty-bandwidth' | 'no-samples' | 'outlier';
  readonly test?: KnbTest;
  readonly node?: 'client' | 'server';
  /** outlier: multiplier of the bandwidth of the run's loaded tests (default 0.45) */
  readonly factor?: number;
  /** why it is there (goes into campaign.yaml's description) */
  readonly note: string;
}

/** Output format of one run's file: the archive, or a knb report rendered from it. */
export type RunFormat = 'knbdata' | RenderFormat;

export interface CampaignOptions {
  readonly seed: number;
  readonly name: string;
  /** goes into campaign.yaml; say it is synthetic and where parameters come from */
  readonly description: string;
  readonly testbeds: readonly TestbedSpec[];
  readonly distributions: readonly LevelSpec[];
  readonly plugins: readonly LevelSpec[];
  /** the baseline distribution (campaign.yaml `baseline.distribution`) */
  readonly baseline: string;
  /** runs per cell; default 10 */
  readonly iterations?: number;
  /** ground truth of a cell */
  readonly cell: (key: CampaignCell) => CellParameters;
  /** file format of a cell's runs; default `knbdata` everywhere */
  readonly format?: (key: CampaignCell, iteration: number) => RunFormat;
  readonly faults?: readonly CampaignFault[];
  /**
   * iteration effects centred so that each cell's mean of targets equals its parameter exactly (default true); false
   * draws them as ordinary independent noise
   */
  readonly centred?: boolean;
  /**
   * the order runs happen in: 'sequential' (default) runs each cell's iterations in a block, testbed by testbed,
   * distribution by distribution, re-deploying between cells; 'shuffled' interleaves all runs of a testbed at random
   * (seeded by `seed`) on standing clusters; a function reorders the sequential list (e.g. the baseline last)
   */
  readonly schedule?: 'sequential' | 'shuffled' | ((runs: readonly ScheduledRun[]) => readonly ScheduledRun[]);
  /**
   * multipliers of a run's targets as a function of the hours since `start` at which it starts (drift over the
   * campaign, e.g. `(h) => ({ ram: 1 + 0.01 * h })`); default none
   */
  readonly drift?: (
    hours: number,
    key: CampaignCell,
  ) => { readonly cpu?: number; readonly ram?: number; readonly bandwidth?: number };
  /** BENCHMARK_DATE of the first run, UTC; default `2023-10-02 09:00:00` */
  readonly start?: string;
  /** knb version in the runs; default `1.5.0` */
  readonly knbVersion?: string;
}

/** One run in the schedule: its cell and iteration (1-based). */
export interface ScheduledRun extends CampaignCell {
  readonly iteration: number;
}

/** One generated file, path relative to the campaign directory (POSIX separators). */
export interface CampaignFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** `1` → `01` (two digits, as the layout names iterations). */
export function iterationName(iteration: number): string {
  return String(iteration).padStart(2, '0');
}

function sameCell(a: CampaignCell, b: CampaignCell): boolean {
  return a.testbed === b.testbed && a.distribution === b.distribution && a.plugin === b.plugin;
}

function scaleTarget(
  target: TestTarget,
  factors: { cpu: number; ramClient: number; ramServer: number; bw: number },
): TestTarget {
  return {
    bandwidth: target.bandwidth * factors.bw,
    client: { cpu: target.client.cpu * factors.cpu, ram: target.client.ram * factors.ramClient },
    server: { cpu: target.server.cpu * factors.cpu, ram: target.server.ram * factors.ramServer },
  };
}

/** campaign.yaml (the top-level keys ingest reads: name, description, layout, baseline, factors, testbeds). */
export function campaignYaml(options: CampaignOptions): string {
  const factor = (levels: readonly LevelSpec[]): object => ({
    order: levels.map((l) => l.id),
    labels: Object.fromEntries(levels.map((l) => [l.id, l.label])),
  });
  const faults = (options.faults ?? []).map(
    (f) => `${f.testbed}/${f.distribution}/${f.plugin}/${iterationName(f.iteration)}: ${f.note}`,
  );
  const description = faults.length
    ? `${options.description.trimEnd()}\n\nPlanted faults:\n${faults.map((f) => `- ${f}`).join('\n')}\n`
    : options.description;
  return yamlModule().stringify(
    {
      name: options.name,
      description,
      layout: '{testbed}/{distribution}/{plugin}/{iteration}',
      baseline: { distribution: options.baseline },
      factors: {
        testbed: factor(options.testbeds),
        distribution: factor(options.distributions),
        plugin: factor(options.plugins),
      },
      testbeds: Object.fromEntries(options.testbeds.map((t) => [t.id, t.description])),
    },
    { lineWidth: 0 },
  );
}

/**
 * Every file of the campaign, in a stable order: campaign.yaml first, then runs by testbed, distribution, plugin,
 * iteration. Deterministic for a given seed.
 * @throws RangeError when a fault names an unknown level or iteration
 */
export function generateCampaign(options: CampaignOptions): CampaignFile[] {
  const iterations = options.iterations ?? 10;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 99) {
    throw new RangeError(invalidOption('iterations', String(iterations), 'an integer from 1 to 99'));
  }
  for (const fault of options.faults ?? []) {
    const factors: [string, readonly LevelSpec[], string][] = [
      ['testbed', options.testbeds, fault.testbed],
      ['distribution', options.distributions, fault.distribution],
      ['plugin', options.plugins, fault.plugin],
    ];
    for (const [factor, levels, id] of factors) {
      if (!levels.some((l) => l.id === id)) {
        throw new RangeError(
          unknownLevel(
            factor,
            id,
            levels.map((l) => l.id),
          ),
        );
      }
    }
  }
  const encoder = new TextEncoder();
  const start = parseKnbDate(options.start ?? '2023-10-02 09:00:00');
  // 1. every cell's ground truth and iteration effects, drawn cell by cell from the cell's own stream
  interface CellState {
    readonly key: CampaignCell;
    readonly labels: { readonly distribution: string; readonly plugin: string };
    readonly testbed: TestbedSpec;
    readonly cell: CellParameters;
    readonly rng: Rng;
    readonly ramClient: number[];
    readonly ramServer: number[];
    readonly perTest: Record<KnbTest, { cpu: number[]; bw: number[] }>;
  }
  const centred = options.centred ?? true;
  const effects = (rng: Rng, sd: number): number[] =>
    centred ? centeredNormals(rng, iterations, sd) : Array.from({ length: iterations }, () => rng.normal(0, sd));
  const cells = new Map<string, CellState>();
  const sequential: ScheduledRun[] = [];
  for (const testbed of options.testbeds) {
    for (const distribution of options.distributions) {
      for (const plugin of options.plugins) {
        const key: CampaignCell = { testbed: testbed.id, distribution: distribution.id, plugin: plugin.id };
        const cell = options.cell(key);
        const rng = createRng(options.seed, `cell/${key.testbed}/${key.distribution}/${key.plugin}`);
        const spread = { cpu: 0.05, ram: 0.015, bandwidth: 0.03, ...cell.spread };
        // one RAM level per run and node (memory state of the node), shared by its five tests: TCP and UDP agree
        const ramClient = effects(rng, spread.ram);
        const ramServer = effects(rng, spread.ram);
        const perTest = Object.fromEntries(
          KNB_TESTS.map((t) => [t, { cpu: effects(rng, spread.cpu), bw: effects(rng, spread.bandwidth) }]),
        ) as Record<KnbTest, { cpu: number[]; bw: number[] }>;
        cells.set(cellId(key), {
          key,
          labels: { distribution: distribution.label, plugin: plugin.label },
          testbed,
          cell,
          rng,
          ramClient,
          ramServer,
          perTest,
        });
        for (let i = 1; i <= iterations; i++) sequential.push({ ...key, iteration: i });
      }
    }
  }
  // 2. the order runs happen in
  const schedule = options.schedule ?? 'sequential';
  const runs =
    schedule === 'sequential'
      ? sequential
      : schedule === 'shuffled'
        ? options.testbeds.flatMap((t) =>
            shuffle(
              sequential.filter((r) => r.testbed === t.id),
              createRng(options.seed, `schedule/${t.id}`),
            ),
          )
        : checkedSchedule(schedule(sequential), sequential);
  // 3. the runs, in that order; files come out in layout order whatever the schedule
  const byPath = new Map<string, CampaignFile>();
  let clock = start;
  let previous: string | null = null;
  for (const slot of runs) {
    const id = cellId(slot);
    const state = cells.get(id)!;
    const { key, cell, rng, testbed } = state;
    const i = slot.iteration;
    // a cluster is re-deployed between cells (a gap, then runs a few minutes apart); shuffled runs use standing ones
    if (id !== previous && schedule !== 'shuffled') clock += 3600 + rng.int(0, 1800);
    previous = id;
    const faults = (options.faults ?? []).filter((f) => sameCell(f, key) && f.iteration === i);
    const outlier = faults.find((f) => f.kind === 'outlier');
    const drift = options.drift?.((clock - start) / 3600, key) ?? {};
    const targets = Object.fromEntries(
      KNB_TESTS.map((t) => [
        t,
        scaleTarget(cell.targets[t], {
          cpu: (1 + (state.perTest[t].cpu[i - 1] as number)) * (drift.cpu ?? 1),
          ramClient: (1 + (state.ramClient[i - 1] as number)) * (drift.ram ?? 1),
          ramServer: (1 + (state.ramServer[i - 1] as number)) * (drift.ram ?? 1),
          bw: (1 + (state.perTest[t].bw[i - 1] as number)) * (drift.bandwidth ?? 1),
        }),
      ]),
    ) as Record<KnbTest, TestTarget>;
    const runFaults: SynthFaults = {
      emptyBandwidth: faults.filter((f) => f.kind === 'empty-bandwidth').map((f) => f.test ?? 'p2p-tcp'),
      noSamples: faults
        .filter((f) => f.kind === 'no-samples')
        .map((f) => ({ test: f.test ?? 'idle', node: f.node ?? 'client' })),
      ...(outlier ? { outlier: { bandwidth: outlier.factor ?? 0.45 } } : {}),
    };
    const prefix = `${key.testbed}-${key.distribution}`.toLowerCase();
    const run = synthesizeRun({
      // each run has its own stream, independent of the others
      seed: rng.int(0, 2 ** 31 - 1),
      execId: rng.int(1000, 65000),
      name: `${key.testbed} ${state.labels.distribution} ${state.labels.plugin} - Run ${i}`,
      date: formatKnbDate(clock),
      version: options.knbVersion ?? '1.5.0',
      serverNode: `${prefix}-worker-1`,
      clientNode: `${prefix}-worker-2`,
      cpuModel: testbed.cpuModel,
      kernel: testbed.kernel,
      k8sVersion: '',
      mtu: cell.mtu,
      targets,
      faults: runFaults,
    });
    clock = run.mtime + 60 + rng.int(0, 120);
    const format = options.format?.(key, i) ?? 'knbdata';
    const stem = `${key.testbed}/${key.distribution}/${key.plugin}/${iterationName(i)}`;
    byPath.set(
      `${id}#${i}`,
      format === 'knbdata'
        ? { path: `${stem}.knbdata`, bytes: writeKnbdata(run) }
        : { path: `${stem}.${RENDER_EXTENSIONS[format]}`, bytes: encoder.encode(renderKnb(run, format)) },
    );
  }
  return [
    { path: 'campaign.yaml', bytes: encoder.encode(campaignYaml(options)) },
    ...sequential.map((r) => byPath.get(`${cellId(r)}#${r.iteration}`)!),
  ];
}

function cellId(key: CampaignCell): string {
  return `${key.testbed}/${key.distribution}/${key.plugin}`;
}

/** Fisher–Yates with a seeded stream. */
function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A custom schedule must hold every run exactly once. */
function checkedSchedule(runs: readonly ScheduledRun[], all: readonly ScheduledRun[]): readonly ScheduledRun[] {
  const ids = new Set(runs.map((r) => `${cellId(r)}#${r.iteration}`));
  if (runs.length !== all.length || ids.size !== all.length || all.some((r) => !ids.has(`${cellId(r)}#${r.iteration}`)))
    throw new RangeError(invalidOption('schedule', `${runs.length} runs`, `every one of the ${all.length} runs once`));
  return runs;
}

/**
 * Write the campaign under `dir` (created if missing). Never writes outside `dir`.
 * @returns the files written (relative paths) and their total size
 */
export function writeCampaign(dir: string, options: CampaignOptions): { files: string[]; bytes: number } {
  return writeCampaignFiles(dir, generateCampaign(options));
}

/**
 * Write generated files under `dir` (created if missing). Never writes outside `dir`.
 * @returns the files written (relative paths) and their total size
 */
export function writeCampaignFiles(dir: string, files: readonly CampaignFile[]): { files: string[]; bytes: number } {
  const root = resolve(dir);
  let bytes = 0;
  const written: string[] = [];
  for (const file of files) {
    const target = resolve(root, file.path);
    if (!target.startsWith(root + sep)) {
      throw new RangeError(invalidOption('path', file.path, 'a path inside the campaign'));
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
    written.push(file.path);
    bytes += file.bytes.length;
  }
  return { files: written, bytes };
}
