/** User-facing texts of the notebook display helpers, as functions so that tests can assert on them. */

export function noKernel(): string {
  return (
    'displayBundle needs a running tslab kernel (it writes a Jupyter display_data message); none was found in this ' +
    'process. In a notebook, run the cell with the "TypeScript" (tslab) kernel, or pass { fallback: tslab.display }'
  );
}

export function notTabular(what: string): string {
  return `htmlRecords expects an array of plain objects or an arquero table, got ${what}`;
}

export function unknownColumn(column: string, known: readonly string[]): string {
  return `htmlRecords option columns names "${column}", but the records have the columns ${known.map((k) => `"${k}"`).join(', ')}`;
}

export function truncatedRows(shown: number, total: number): string {
  return `${shown} of ${total} rows shown`;
}
