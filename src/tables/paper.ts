/**
 * Tables a paper can `\input`: a display table (every cell of the campaign, ≈150 rows) split into parts that fit a
 * page — one per testbed × metric by default, or by the columns the user picks — with the columns that no longer vary
 * within a part moved into its caption, and long parts cut into numbered pieces that each fit a page. The full tables
 * stay in CSV and Markdown. A table without rows gives no part.
 */
import { CnibenchError } from '../model/index.js';
import * as msg from './messages.js';
import { safeFileStem } from './escape.js';
import { estimateTabularWidth, IEEE_PAGE_PT } from './to-latex.js';
import type { DisplayCell, DisplayTable } from './table.js';

/** The split of the report's LaTeX tables: one per testbed × metric (columns missing from a table are ignored). */
export const DEFAULT_TABLE_SPLIT: readonly string[] = ['testbed', 'metric'];

/**
 * Rows of one float at most: an IEEE page holds about 65 lines of `\footnotesize` (9.5 pt) in its 9.5 in text height;
 * the caption, rules and notes take the rest, with room to spare for two-line cells.
 */
export const MAX_FLOAT_ROWS = 40;

export interface PaperTableOptions {
  /** column keys (factor names, `condition`, `node`, `metric`) to split by; default DEFAULT_TABLE_SPLIT */
  readonly by?: readonly string[];
  /** rows of a part at most before it is cut into numbered pieces; default MAX_FLOAT_ROWS; Infinity for none */
  readonly maxRows?: number;
  /**
   * width a part must fit in pt; a part wider than this (many compared levels) is cut into groups of its value
   * columns, each with the key columns; default IEEE_PAGE_PT
   */
  readonly widthPt?: number;
}

function cellText(cell: DisplayCell | undefined): string {
  return cell?.kind === 'text' ? cell.text : '';
}

function cellValue(cell: DisplayCell | undefined): string {
  return cell?.kind === 'text' ? (cell.value ?? cell.text) : '';
}

/**
 * Split a display table into paper-sized tables. Each part's id is the table's id and the split values
 * (`cells-uom-cpu`, `cells-uom-cpu-2`), its title says what it holds (`…: UOM, CPU (%)`); a text column holding one
 * value in the whole part is left out and named in the title, so no column repeats the same word on every row.
 */
export function paperTables(table: DisplayTable, options: PaperTableOptions = {}): DisplayTable[] {
  const by = options.by ?? DEFAULT_TABLE_SPLIT;
  const maxRows = options.maxRows ?? MAX_FLOAT_ROWS;
  if (!(maxRows >= 1)) throw new CnibenchError('table-max-rows', msg.badMaxRows(maxRows));
  const splitColumns = by.map((key) => table.columns.findIndex((c) => c.key === key)).filter((index) => index >= 0);
  const parts = new Map<string, DisplayCell[][]>();
  for (const row of table.rows) {
    const key = JSON.stringify(splitColumns.map((i) => cellValue(row[i])));
    let rows = parts.get(key);
    if (!rows) parts.set(key, (rows = []));
    rows.push([...row]);
  }
  // a table without rows (no interaction flagged) has nothing to put in a paper
  const tables: DisplayTable[] = [];
  const usedIds = new Set<string>();
  for (const rows of parts.values()) {
    const first = rows[0] ?? [];
    // columns the part does not vary in (split columns always; other text columns when one value fills them)
    const constant = table.columns
      .map((column, index) => ({ column, index }))
      .filter(
        ({ column, index }) =>
          rows.length > 0 &&
          column.key !== undefined &&
          (splitColumns.includes(index) || rows.every((r) => cellValue(r[index]) === cellValue(first[index]))),
      );
    const dropped = new Set(constant.map((c) => c.index));
    const kept = table.columns.map((_, i) => i).filter((i) => !dropped.has(i));
    const what = constant
      .filter(({ index }) => cellText(first[index]) !== '')
      .map(({ index }) => cellText(first[index]));
    const stem = safeFileStem(
      [table.id, ...splitColumns.map((i) => cellValue(first[i]).toLowerCase())].filter((s) => s !== '').join('-'),
    );
    const pieces = Math.max(1, Math.ceil(rows.length / maxRows));
    for (let piece = 0; piece < pieces; piece++) {
      let id = pieces > 1 ? `${stem}-${piece + 1}` : stem;
      for (let n = 2; usedIds.has(id.toLowerCase()); n++) id = `${stem}-${n}`;
      usedIds.add(id.toLowerCase());
      const pieceNote = pieces > 1 ? ` (part ${piece + 1} of ${pieces})` : '';
      tables.push({
        id,
        title: `${table.title}${what.length > 0 ? `: ${what.join(', ')}` : ''}${pieceNote}`,
        columns: kept.map((i) => table.columns[i]!),
        rows: rows.slice(piece * maxRows, (piece + 1) * maxRows).map((r) => kept.map((i) => r[i]!)),
        notes: table.notes,
      });
    }
  }
  const width = options.widthPt ?? IEEE_PAGE_PT;
  return tables.flatMap((t) => splitColumns_(t, width));
}

/**
 * A table wider than `width` even with narrow column spacing: its value (right-aligned) columns in groups that fit,
 * each group with every key (left-aligned) column, titled with the group's first and last column.
 */
function splitColumns_(table: DisplayTable, width: number): DisplayTable[] {
  if (estimateTabularWidth(table, 3) <= width) return [table];
  const keys = table.columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.align === 'left')
    .map(({ i }) => i);
  const values = table.columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.align !== 'left')
    .map(({ i }) => i);
  const select = (indices: readonly number[]): DisplayTable => ({
    ...table,
    columns: indices.map((i) => table.columns[i]!),
    rows: table.rows.map((r) => indices.map((i) => r[i]!)),
  });
  const groups: number[][] = [];
  let current: number[] = [];
  for (const v of values) {
    const candidate = [...current, v];
    if (current.length > 0 && estimateTabularWidth(select([...keys, ...candidate]), 3) > width) {
      groups.push(current);
      current = [v];
    } else current = candidate;
  }
  if (current.length > 0) groups.push(current);
  if (groups.length <= 1) return [table];
  return groups.map((group, g) => {
    const first = table.columns[group[0]!]!.label;
    const last = table.columns[group[group.length - 1]!]!.label;
    return {
      ...select([...keys, ...group]),
      id: `${table.id}-c${g + 1}`,
      title: `${table.title} (columns ${first === last ? first : `${first} to ${last}`})`,
    };
  });
}
