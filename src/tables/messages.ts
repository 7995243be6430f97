/** User-facing messages of the tables stage. */

export const badMaxRows = (value: number): string =>
  `maxRows must be a whole number of rows of at least 1; got ${String(value)}`;

export const unknownSplitColumn = (key: string, known: readonly string[]): string =>
  `cannot split tables by '${key}': the table's columns are ${known.join(', ')}`;
