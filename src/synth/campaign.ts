/**
 * A whole synthetic campaign: one knb run per (testbed, distribution, plugin, iteration), written in the default
 * layout `{testbed}/{distribution}/{plugin}/{iteration}.<ext>` with a campaign.yaml. Cell parameters are the ground
 * truth (the mean a cell should show); iteration effects are centred so each cell's mean of targets equals it exactly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import {
  RENDER_EXTENSIONS,
  renderKnb,
  type RenderFormat,
  writeKnbdata,
  KNB_TESTS,
  type KnbTest,
} from '../knb/index.js';
import { centeredNormals, createRng } from './rng.js';
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
  /** BENCHMARK_DATE of the first run, UTC; default `2023-10-02 09:00:00` */
  readonly start?: string;
  /** knb version in the runs; default `1.5.0` */
  readonly knbVersion?: string;
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
  return stringify(
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
  const files: CampaignFile[] = [{ path: 'campaign.yaml', bytes: encoder.encode(campaignYaml(options)) }];
  let clock = parseKnbDate(options.start ?? '2023-10-02 09:00:00');
  for (const testbed of options.testbeds) {
    for (const distribution of options.distributions) {
      for (const plugin of options.plugins) {
        const key: CampaignCell = { testbed: testbed.id, distribution: distribution.id, plugin: plugin.id };
        const cell = options.cell(key);
        const rng = createRng(options.seed, `cell/${key.testbed}/${key.distribution}/${key.plugin}`);
        const spread = { cpu: 0.05, ram: 0.015, bandwidth: 0.03, ...cell.spread };
        // one RAM level per run and node (memory state of the node), shared by its five tests: TCP and UDP agree
        const ramClient = centeredNormals(rng, iterations, spread.ram);
        const ramServer = centeredNormals(rng, iterations, spread.ram);
        const perTest = Object.fromEntries(
          KNB_TESTS.map((t) => [
            t,
            {
              cpu: centeredNormals(rng, iterations, spread.cpu),
              bw: centeredNormals(rng, iterations, spread.bandwidth),
            },
          ]),
        ) as Record<KnbTest, { cpu: number[]; bw: number[] }>;
        // the cluster is re-deployed between cells: a gap, then runs a few minutes apart
        clock += 3600 + rng.int(0, 1800);
        for (let i = 1; i <= iterations; i++) {
          const faults = (options.faults ?? []).filter((f) => sameCell(f, key) && f.iteration === i);
          const outlier = faults.find((f) => f.kind === 'outlier');
          const targets = Object.fromEntries(
            KNB_TESTS.map((t) => [
              t,
              scaleTarget(cell.targets[t], {
                cpu: 1 + (perTest[t].cpu[i - 1] as number),
                ramClient: 1 + (ramClient[i - 1] as number),
                ramServer: 1 + (ramServer[i - 1] as number),
                bw: 1 + (perTest[t].bw[i - 1] as number),
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
            name: `${key.testbed} ${distribution.label} ${plugin.label} - Run ${i}`,
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
          files.push(
            format === 'knbdata'
              ? { path: `${stem}.knbdata`, bytes: writeKnbdata(run) }
              : { path: `${stem}.${RENDER_EXTENSIONS[format]}`, bytes: encoder.encode(renderKnb(run, format)) },
          );
        }
      }
    }
  }
  return files;
}

/**
 * Write the campaign under `dir` (created if missing). Never writes outside `dir`.
 * @returns the files written (relative paths) and their total size
 */
export function writeCampaign(dir: string, options: CampaignOptions): { files: string[]; bytes: number } {
  const root = resolve(dir);
  let bytes = 0;
  const written: string[] = [];
  for (const file of generateCampaign(options)) {
    const target = resolve(root, file.path);
    if (!target.startsWith(root + sep))
      throw new RangeError(invalidOption('path', file.path, 'a path inside the campaign'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
    written.push(file.path);
    bytes += file.bytes.length;
  }
  return { files: written, bytes };
}
