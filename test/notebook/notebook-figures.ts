/** The Vega-Lite specs cnibench emits: the figure snapshots and every Vega-Lite output of the committed notebooks. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VEGA_LITE_MIME } from '../../src/model/index.js';
import { REPO_ROOT } from '../helpers/shared.js';

export interface EmittedSpec {
  readonly origin: string;
  readonly spec: Record<string, unknown>;
}

export function snapshotSpecs(): EmittedSpec[] {
  const dir = join(REPO_ROOT, 'test', 'figures', 'specs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.vl.json') && !f.endsWith('.got.vl.json'))
    .sort()
    .map((f) => ({ origin: `test/figures/specs/${f}`, spec: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

/** Every output of the committed notebooks (all kernels) that carries a Vega-Lite spec. */
export function notebookSpecs(): EmittedSpec[] {
  const specs: EmittedSpec[] = [];
  for (const kernel of ['deno', 'tslab']) {
    const dir = join(REPO_ROOT, 'notebooks', kernel);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.ipynb') && !n.endsWith('.got.ipynb'))
      .sort()) {
      const nb = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        cells: { outputs?: { data?: Record<string, unknown> }[] }[];
      };
      nb.cells.forEach((cell, c) =>
        (cell.outputs ?? []).forEach((o) => {
          const spec = o.data?.[VEGA_LITE_MIME];
          if (spec !== undefined)
            specs.push({ origin: `notebooks/${kernel}/${f} cell ${c + 1}`, spec: spec as Record<string, unknown> });
        }),
      );
    }
  }
  return specs;
}
