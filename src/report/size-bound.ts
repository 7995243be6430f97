/**
 * The bound on a report's size. A report's time and memory grow with its cells (one per combination of factor levels,
 * test, protocol, node and metric): each cell has a summary, a comparison, table rows and tidy rows. Measured on this
 * project's 2-core machine (perf/explosion-gen.ts; the numbers are in the README's performance table), the whole
 * build takes about 0.25 s of CPU and 6–9 MB of memory per thousand cells; a campaign of 51 distributions × 200 plugins
 * has 754,800 cells and took 4 minutes and 4.5 GB. Rather than run that long (or be killed for memory), the build
 * refuses a design above the bound before computing anything, says how large the design is, and suggests the subset
 * to build instead.
 */
import type { Dataset } from '../model/index.js';

/**
 * Cells a report is built for at most by default. Measured here (perf/explosion-gen.ts, `--formats svg`, 2 cores
 * shared with other work): 51 × 40 levels × 3 runs (150,960 cells) built in 61 s wall, 35 s CPU, 1.41 GB peak RSS;
 * 51 × 200 (754,800 cells) in 3 min 57 s and 4.5 GB. The bound keeps a build within about a minute and 1.5 GB, under
 * the 2 minutes and 2 GB a user should ever wait for.
 */
export const DEFAULT_MAX_REPORT_CELLS = 150_000;

/** How large a dataset's design is: its cells and the number of levels of each factor that varies. */
export interface DesignSize {
  readonly cells: number;
  /** factors with more than one level present, most levels first */
  readonly factors: readonly { readonly name: string; readonly levels: readonly string[] }[];
  /** combinations of factor levels present */
  readonly combinations: number;
}

/**
 * The cells a report of `dataset` would have (what analyse's describe counts): distinct combinations of factor levels,
 * test, protocol, node and metric among the observations. Linear in the observations; the factors object of a run is
 * shared by its observations, so each is keyed once.
 */
export function designSize(dataset: Pick<Dataset, 'factors' | 'observations'>): DesignSize {
  const names = dataset.factors.map((f) => f.name);
  const keyOfFactors = new Map<object, string>();
  const combinations = new Set<string>();
  const cells = new Set<string>();
  for (const o of dataset.observations) {
    let levels = keyOfFactors.get(o.factors);
    if (levels === undefined) {
      levels = names.map((n) => o.factors[n] ?? '').join('\u0000');
      keyOfFactors.set(o.factors, levels);
      combinations.add(levels);
    }
    cells.add(`${levels}\u0001${o.test}\u0001${o.protocol ?? ''}\u0001${o.node}\u0001${o.metric}`);
  }
  const factors = dataset.factors
    .filter((f) => f.levels.length > 1)
    .map((f) => ({ name: f.name, levels: f.levels }))
    .sort((a, b) => b.levels.length - a.levels.length);
  return { cells: cells.size, factors, combinations: combinations.size };
}
