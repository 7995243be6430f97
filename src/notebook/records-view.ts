import type { ColumnTable } from 'arquero';
import { HTML_MIME, TEXT_MIME, withDisplay, type Displayable } from '../model/index.js';
import { htmlRecords, type HtmlRecordsOptions, type RecordRow } from './html-records.js';

/** Records shown as an HTML table: `html` holds htmlRecords' table; it displays itself with a plain-text twin. */
export interface RecordsView {
  readonly html: string;
  /** the caption, or `<table: N rows>` */
  readonly text: string;
}

/**
 * Records (or an arquero table) as a self-displaying HTML table (see htmlRecords for the options and errors).
 * @example await show(recordsView(rows, { caption: 'RAM per cell' }));
 */
export function recordsView(
  input: readonly RecordRow[] | ColumnTable,
  options: HtmlRecordsOptions = {},
): RecordsView & Displayable {
  const rows = Array.isArray(input) ? input.length : (input as ColumnTable).numRows();
  const text = options.caption ?? `<table: ${rows} row${rows === 1 ? '' : 's'}>`;
  return withDisplay({ html: htmlRecords(input, options), text }, (v) => ({
    [HTML_MIME]: v.html,
    [TEXT_MIME]: v.text,
  }));
}
