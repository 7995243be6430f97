/**
 * The look-alikes of the two real campaign shapes (src/synth/shapes.ts) written in a layout every cnibench version
 * reads (`{factor}/…/{iteration}.knbdata`), with the analysis each design calls for: shape A compares plugins
 * (baseline Flannel) across OS variants and tunings; shape B compares MTUs (baseline 1500) across networks and
 * testbeds. Only the archives are kept: the figures and tables are what these tests are about, not ingest.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateShapeA, generateShapeB } from '../../src/synth/index.js';

export interface Lookalike {
  readonly dir: string;
  readonly archives: number;
  /** the analysis the design calls for */
  readonly factor: string;
  readonly baseline: string;
}

const SHAPE_A_PATH =
  /^(?:doc|tuning)-.*\/(?:doc-(.+?)|tuning-(.+?)-(mtu-encryption|encryption|mtu|ebpf))\.(u[0-9.]+-[a-z]+)-run(\d+)\.knbdata$/;
const SHAPE_B_PATH = /^mtu-tests\/([^/]+)\/results\/([^/]+)\/([^/]+)\/[a-z0-9.-]+_(\d+)\.knbdata$/;

/** Shape A (81 archives by default: 27 directories × 3 runs) in `{plugin}/{os}/{tuning}/{run}.knbdata`. */
export function writeShapeA(dir: string, options: Parameters<typeof generateShapeA>[0] = {}): Lookalike {
  let archives = 0;
  for (const file of generateShapeA(options)) {
    const m = SHAPE_A_PATH.exec(file.path);
    if (!m) continue;
    const plugin = m[1] ?? m[2]!;
    const tuning = m[3] ?? 'default';
    write(join(dir, plugin, m[4]!, tuning, `${m[5]}.knbdata`), file.bytes);
    archives++;
  }
  writeFileSync(
    join(dir, 'campaign.yaml'),
    [
      'name: Look-alike of a public CNI benchmark (shape A)',
      "layout: '{plugin}/{os}/{tuning}/{iteration}'",
      'baseline:',
      '  plugin: flannel',
      '',
    ].join('\n'),
  );
  return { dir, archives, factor: 'plugin', baseline: 'flannel' };
}

/** Shape B (2 testbeds × 2 networks × 16 MTUs × 3 runs) in `{testbed}/{network}/{mtu}/{run}.knbdata`. */
export function writeShapeB(dir: string, options: Parameters<typeof generateShapeB>[0] = {}): Lookalike {
  let archives = 0;
  for (const file of generateShapeB(options)) {
    const m = SHAPE_B_PATH.exec(file.path);
    if (!m) continue;
    write(join(dir, m[1]!, m[2]!, m[3]!, `${m[4]}.knbdata`), file.bytes);
    archives++;
  }
  writeFileSync(
    join(dir, 'campaign.yaml'),
    [
      'name: Look-alike of a knb-fork MTU study (shape B)',
      "layout: '{testbed}/{network}/{mtu}/{iteration}'",
      'baseline:',
      "  mtu: '1500'",
      '',
    ].join('\n'),
  );
  return { dir, archives, factor: 'mtu', baseline: '1500' };
}

function write(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}
