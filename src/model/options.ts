/**
 * Options shared by several stages, each with its one default, and the one validation helper every public function
 * uses at its door (as Observable Plot's `keyword()` does): a bad value is a CnibenchError naming the option, the value
 * and the allowed values — never a raw TypeError, never silently nothing.
 */
import * as msg from './messages.js';
import { CnibenchError } from './errors.js';
import { normaliseLevel } from './levels.js';
import type { FactorInfo } from './dataset.js';
import type { NodeRole } from './vocabulary.js';

/** Which node roles CPU and RAM are shown for: one role, or both. Bandwidth has no node and always shows. */
export const NODE_SELECTIONS = ['server', 'client', 'both'] as const;
export type NodeSelection = NodeRole | 'both';
/** The one default of `node` for figures, tables, findings and the report: the server, as the reference study shows. */
export const DEFAULT_NODE: NodeSelection = 'server';

/**
 * `value` when it is one of `allowed` (or undefined → `fallback`), else a CnibenchError naming the option.
 * @example oneOf('page', 'size', ['column', 'page'], 'page') // 'page'
 */
export function oneOf<T extends string>(value: unknown, option: string, allowed: readonly T[], fallback: T): T;
export function oneOf<T extends string>(value: unknown, option: string, allowed: readonly T[]): T | undefined;
export function oneOf<T extends string>(
  value: unknown,
  option: string,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new CnibenchError('bad-option', msg.notOneOf(option, value, allowed), {
    hint: `use one of: ${allowed.join(', ')}`,
  });
}

/** A finite number in [min, max] (or undefined → `fallback`), else a CnibenchError naming the option. */
export function numberIn(value: unknown, option: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
  throw new CnibenchError('bad-option', msg.notANumberIn(option, value, `a number from ${min} to ${max}`));
}

/** The factor named `value`, else a CnibenchError listing the campaign's factors. */
export function factorNamed(value: string, option: string, factors: readonly FactorInfo[]): FactorInfo {
  const found = factors.find((f) => f.name === value);
  if (found) return found;
  throw new CnibenchError(
    'bad-option',
    msg.unknownFactorOption(
      option,
      value,
      factors.map((f) => f.name),
    ),
  );
}

/**
 * The level of `factor` that `value` names: the level itself, its label (`MicroK8s`), or any alias the level
 * normalisation knows (`microk8s`, `vanilla` → `k8s`). Else a CnibenchError listing the levels.
 */
export function levelNamed(value: string, option: string, factor: FactorInfo): string {
  if (factor.levels.includes(value)) return value;
  const lower = value.toLowerCase();
  const byLabel = factor.levels.find((l) => factor.labels[l]?.toLowerCase() === lower);
  if (byLabel !== undefined) return byLabel;
  const byOriginal = factor.levels.find((l) => factor.originals[l]?.some((o) => o.toLowerCase() === lower));
  if (byOriginal !== undefined) return byOriginal;
  const normalised = normaliseLevel(factor.name, value).name;
  if (factor.levels.includes(normalised)) return normalised;
  throw new CnibenchError('bad-option', msg.unknownLevel(option, factor.name, value, factor.levels));
}
