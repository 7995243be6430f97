/**
 * Spec JSON with a stable key order (keys sorted at every level), so that the same Analysis always gives the
 * same bytes whatever order the builders happened to write keys in.
 */

/** A copy of a JSON value with object keys sorted recursively; arrays keep their order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) sorted[key] = sortKeys(v);
    }
    return sorted;
  }
  return value;
}

/** Pretty JSON (2 spaces, trailing newline) with sorted keys: the form figures are written and snapshotted in. */
export function specJson(spec: unknown): string {
  return JSON.stringify(sortKeys(spec), null, 2) + '\n';
}
