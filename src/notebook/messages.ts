/** User-facing texts of the notebook display helpers, as functions so that tests can assert on them. */

export function noKernel(): string {
  return (
    "show needs a notebook kernel: under Deno's kernel (deno jupyter) it uses Deno.jupyter.display; under tslab pass " +
    "tslab: import * as tslab from 'tslab'; show(value, tslab)"
  );
}

export function notDisplayable(what: string): string {
  return `show expects a cnibench object that displays itself (figure, table, analysis, dataset, ledger, quick look) or a MIME bundle, got ${what}`;
}

export function noPortableType(types: readonly string[]): string {
  return `tslab's display sends one MIME type per output; this bundle has none it can send as text (${types.join(', ')})`;
}

/** Said once per tslab display when show cannot send the whole bundle (see src/notebook/tslab.ts). */
export function oneTypePerOutput(tslabVersion: string | null): string {
  const found = tslabVersion === null ? '' : ` (this is tslab ${tslabVersion})`;
  return (
    `cnibench.show: tslab's display_data writer (lastWriteDisplayData, an exported binding of tslab 1.0.x) was not ` +
    `found for this display${found}, so each output carries one MIME type, the most portable (a figure's SVG, a ` +
    `table's HTML), not the whole bundle (Vega-Lite, SVG, text) that Deno's kernel shows`
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

export function unknownFrameFormat(format: unknown): string {
  return `frame: format must be 'records', 'arrow' or 'csv', got ${JSON.stringify(format)}`;
}
