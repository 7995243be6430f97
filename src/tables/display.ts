/**
 * A display table's Jupyter MIME bundle: the HTML table (notebooks, GitHub) with its Markdown rendering as the
 * plain-text twin (terminals, front ends without HTML). Every table builder attaches it as the table's display method.
 */
import { HTML_MIME, TEXT_MIME, withDisplay, type Displayable, type MimeBundle } from '../model/index.js';
import type { DisplayTable } from './table.js';
import { htmlTable } from './to-html.js';
import { markdownTable } from './to-markdown.js';

/** @example Object.keys(tableBundle(cellsTable(analysis))) // ['text/html', 'text/plain'] */
export function tableBundle(table: DisplayTable): MimeBundle {
  return { [HTML_MIME]: htmlTable(table), [TEXT_MIME]: markdownTable(table) };
}

/** `table` with its display method attached (the same object); use it again on a filtered copy of a table. */
export function displayableTable<T extends DisplayTable>(table: T): T & Displayable {
  return withDisplay(table, tableBundle);
}
