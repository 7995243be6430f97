/** Choosing observations and sample series by factor levels and test: the selection every quick look takes. */
import { type Dataset, CnibenchError, type NodeRole, type Protocol, type Test } from '../model/index.js';
import { quicklookMessages as msg } from './messages.js';

/** Which part of a campaign to look at; every field left out means "all". */
export interface Selection {
  /** factor name → level, e.g. { testbed: 'ATH', plugin: 'flannel' } */
  readonly factors?: Readonly<Record<string, string>>;
  /** one run (iteration number within its cell) */
  readonly iteration?: number;
  readonly test?: Test;
  /** null selects the idle test's series (no protocol) */
  readonly protocol?: Protocol | null;
  readonly node?: NodeRole;
}

interface Selectable {
  readonly factors: Readonly<Record<string, string>>;
  readonly iteration: number;
  readonly test: Test;
  readonly protocol: Protocol | null;
  readonly node: NodeRole | null;
}

/** True when `item` is in `selection`. */
export function selected(item: Selectable, selection: Selection): boolean {
  for (const [name, level] of Object.entries(selection.factors ?? {})) if (item.factors[name] !== level) return false;
  if (selection.iteration !== undefined && item.iteration !== selection.iteration) return false;
  if (selection.test !== undefined && item.test !== selection.test) return false;
  if (selection.protocol !== undefined && item.protocol !== selection.protocol) return false;
  if (selection.node !== undefined && item.node !== selection.node) return false;
  return true;
}

/** Checks the factor names of a selection against the dataset (a misspelt factor would select nothing silently). */
export function checkSelection(dataset: Pick<Dataset, 'factors'>, selection: Selection): void {
  const names = dataset.factors.map((f) => f.name);
  for (const [name, level] of Object.entries(selection.factors ?? {})) {
    const factor = dataset.factors.find((f) => f.name === name);
    if (factor === undefined) throw new CnibenchError('quicklook-unknown-factor', msg.unknownFactor(name, names));
    if (!factor.levels.includes(level)) {
      throw new CnibenchError('quicklook-unknown-level', msg.unknownLevel(name, level, factor.levels));
    }
  }
}

/** A selection as words for titles and ids: the chosen levels in the dataset's factor order, then test and run. */
export function selectionParts(dataset: Pick<Dataset, 'factors'>, selection: Selection): string[] {
  const parts = dataset.factors
    .filter((f) => selection.factors?.[f.name] !== undefined)
    .map((f) => selection.factors![f.name]!);
  if (selection.test !== undefined)
    parts.push(selection.protocol ? `${selection.test}-${selection.protocol}` : selection.test);
  if (selection.node !== undefined) parts.push(selection.node);
  if (selection.iteration !== undefined) parts.push(`run ${selection.iteration}`);
  return parts;
}

/** A file-safe id from parts. */
export function lookId(kind: string, parts: readonly string[]): string {
  return [kind, ...parts]
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-');
}
