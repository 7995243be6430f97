/** Messages about options passed to library functions and commands (one validation helper words them all). */

function quoted(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `option size: "Page" is not one of "column", "page"`. */
export function notOneOf(option: string, value: unknown, allowed: readonly string[]): string {
  return `option ${option}: ${quoted(value)} is not one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
}

export function notANumberIn(option: string, value: unknown, range: string): string {
  return `option ${option}: ${quoted(value)} is not ${range}`;
}

export function unknownLevel(option: string, factor: string, value: string, allowed: readonly string[]): string {
  return `option ${option}: "${value}" is not a level of ${factor}; its levels are ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
}

export function unknownFactorOption(option: string, value: string, allowed: readonly string[]): string {
  return `option ${option}: "${value}" is not a factor of this campaign; its factors are ${allowed.map((a) => JSON.stringify(a)).join(', ') || '(none)'}`;
}
