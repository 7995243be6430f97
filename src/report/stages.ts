/**
 * The upstream stages the report drives (ingest, analyse, figure builders), looked up at run time by their planned
 * public names (notes/api.md), so that the report builds and is tested before every stage has landed, and a missing
 * stage is a clear error instead of a crash.
 */
import type { ColumnTable } from 'arquero';
import type { Dataset } from '../model/dataset.js';
import { CnibenchError } from '../model/errors.js';
import type { Analysis, AnalysisOptions } from '../stats/types.js';
import * as msg from '../messages/report.js';
import type { ReportFigure } from './build.js';

type AnyFunction = (...args: never[]) => unknown;

async function lookup<F extends AnyFunction>(
  load: () => Promise<unknown>,
  _stage: string,
  name: string,
): Promise<F | null> {
  const module = (await load()) as Record<string, unknown>;
  const fn = module[name];
  return typeof fn === 'function' ? (fn as F) : null;
}

async function required<F extends AnyFunction>(load: () => Promise<unknown>, stage: string, name: string): Promise<F> {
  const fn = await lookup<F>(load, stage, name);
  if (fn === null) throw new CnibenchError('report-stage-missing', msg.stageMissing(stage, name));
  return fn;
}

export type IngestCampaign = (
  dir: string,
  options?: {
    strict?: boolean;
    samples?: 'keep' | 'none';
    onProgress?: (done: number, total: number) => void;
    followSymlinksOutside?: boolean;
    maxFileSize?: number;
    maxUnpackedSize?: number;
  },
) => Promise<Dataset>;
export type Analyse = (dataset: Dataset, options?: Partial<AnalysisOptions>) => Analysis;
export type TidyTable = (dataset: Dataset) => ColumnTable;
export type FigureBuilder = (analysis: Analysis, options?: Record<string, unknown>) => ReportFigure[];

const loadIngest = (): Promise<unknown> => import('../ingest/index.js');
const loadStats = (): Promise<unknown> => import('../stats/index.js');
const loadFigures = (): Promise<unknown> => import('../figures/index.js');

export const ingestStage = (): Promise<IngestCampaign> => required(loadIngest, 'ingest', 'ingestCampaign');
export const tidyStage = (): Promise<TidyTable | null> => lookup(loadIngest, 'ingest', 'tidyTable');
export const analyseStage = (): Promise<Analyse> => required(loadStats, 'statistics', 'analyse');

/** The figure builders present, in report order (paper grid first). */
export async function figureBuilders(): Promise<{ name: string; build: FigureBuilder }[]> {
  const names = ['paperGrid', 'deltaHeatmap', 'interactionPlot', 'iterationsView'];
  const found: { name: string; build: FigureBuilder }[] = [];
  for (const name of names) {
    let build = await lookup<FigureBuilder>(loadFigures, 'figures', name);
    // the paper grid's own module, should the stage's index not re-export it
    if (!build && name === 'paperGrid')
      build = await lookup<FigureBuilder>(() => import('../figures/paper-grid.js'), 'figures', name);
    if (build) found.push({ name, build });
  }
  return found;
}
