import type { Condition } from './types.js';

/**
 * Stable cell keys: `factor=level` pairs in the given factor order, then test, protocol, node and metric, joined by
 * `|` (absent protocol/node as `-`), e.g. `testbed=UOM|distribution=k3s|plugin=flannel|p2p|tcp|server|ram`.
 * @example cellKey(['plugin'], { plugin: 'calico' }, { test: 'idle', protocol: null, node: 'server', metric: 'ram' })
 * // 'plugin=calico|idle|-|server|ram'
 */
export function cellKey(
  factorNames: readonly string[],
  factors: Readonly<Record<string, string>>,
  condition: Condition,
): string {
  let key = '';
  for (const name of factorNames) key += `${name}=${factors[name] ?? ''}|`;
  return key + conditionKey(condition);
}

/** `test|protocol|node|metric` with `-` for null. */
export function conditionKey(condition: Condition): string {
  return `${condition.test}|${condition.protocol ?? '-'}|${condition.node ?? '-'}|${condition.metric}`;
}

/** Copy of `factors` without the named ones. */
export function omitFactors(
  factors: Readonly<Record<string, string>>,
  omit: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(factors)) if (!omit.includes(k)) out[k] = v;
  return out;
}

/**
 * cellKey with one factor's level replaced (the baseline cell of a comparison) or, with `level` null, that factor
 * left out (the comparison family / ANOVA group), without building intermediate objects: compare() and
 * the interaction tables call it once per cell.
 * @example cellKeyWith(['distribution', 'plugin'], { distribution: 'k3s', plugin: 'calico' }, c, 'distribution', 'k8s')
 * // 'distribution=k8s|plugin=calico|…'
 */
export function cellKeyWith(
  factorNames: readonly string[],
  factors: Readonly<Record<string, string>>,
  condition: Condition,
  replace: string,
  level: string | null,
  alsoOmit?: string,
): string {
  let key = '';
  for (const name of factorNames) {
    if (name === alsoOmit) continue;
    if (name === replace) {
      if (level !== null) key += `${name}=${level}|`;
    } else key += `${name}=${factors[name] ?? ''}|`;
  }
  return key + conditionKey(condition);
}
