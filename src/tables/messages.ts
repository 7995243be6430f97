/** User-facing messages of the tables stage. */

export const badMaxRows = (value: number): string =>
  `maxRows must be a whole number of rows of at least 1; got ${String(value)}`;

export const unknownFactor = (name: string, known: readonly string[]): string =>
  `no factor '${name}' in this campaign; its factors are ${known.join(', ')}`;

export const unknownLevel = (factor: string, level: string, known: readonly string[]): string =>
  `factor '${factor}' has no level '${level}'; its levels are ${known.join(', ')}`;

export const unknownCondition = (condition: string, known: readonly string[]): string =>
  `no condition '${condition}' in this campaign; it has ${known.join(', ')}`;
