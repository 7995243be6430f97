import type { FactorInfo, Observation } from '../model/index.js';

/** Factor names that mean "a repeated deployment of the same cell" (tried in this order). */
export const REPLICATE_FACTORS: readonly string[] = ['deployment', 'replicate'];

/** The dataset's replicate factor, if it has one with more than one level. */
export function replicateFactorOf(factors: readonly FactorInfo[]): string | null {
  for (const name of REPLICATE_FACTORS) {
    const f = factors.find((x) => x.name === name);
    if (f !== undefined && f.levels.length > 1) return name;
  }
  return null;
}

/**
 * Runs averaged within each deployment: one observation per (cell, deployment), the mean of its non-null values, with
 * the deployment's position among the factor's levels as its iteration. Tests on the result compare cells against
 * deployment-to-deployment variance (n = deployments), which is what a claim about a distribution or plugin needs when
 * each deployment has its own systematic offset; runs within one deployment share it and are not independent.
 * A (cell, deployment) with no value is left out. Provenance is the first run's (the source file of the deployment).
 * Reference: the "unit of analysis" of nested designs, e.g. Lazic (2010) "The problem of pseudoreplication in
 * neuroscientific studies", BMC Neuroscience 11:5.
 * @example collapseReplicates(dataset.observations, 'deployment', dataset.factors)
 */
export function collapseReplicates(
  observations: readonly Observation[],
  factor: string,
  factors: readonly FactorInfo[],
): Observation[] {
  const levels = factors.find((f) => f.name === factor)?.levels ?? [];
  const groups = new Map<string, { first: Observation; sum: number; count: number }>();
  for (const o of observations) {
    if (o.value === null) continue;
    const key = JSON.stringify([
      Object.keys(o.factors).map((n) => [n, o.factors[n]]),
      o.test,
      o.protocol,
      o.node,
      o.metric,
    ]);
    const g = groups.get(key);
    if (g) {
      g.sum += o.value;
      g.count++;
    } else groups.set(key, { first: o, sum: o.value, count: 1 });
  }
  const out: Observation[] = [];
  for (const { first, sum, count } of groups.values()) {
    const rest: Record<string, string> = {};
    for (const [n, v] of Object.entries(first.factors)) if (n !== factor) rest[n] = v;
    const level = first.factors[factor] ?? '';
    out.push({ ...first, factors: rest, iteration: levels.indexOf(level) + 1, value: sum / count, missing: null });
  }
  return out;
}
