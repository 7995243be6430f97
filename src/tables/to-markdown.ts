import { escapeMarkdown } from './escape.js';
import { boundText, fixed, NOT_AVAILABLE, pCell, signedPct, signedPoints, significantText } from '../present/index.js';
import type { Align, DisplayCell, DisplayTable } from './table.js';

export interface MarkdownTableOptions {
  /** print the title as a bold line above the table; default true */
  readonly title?: boolean;
  /** print the notes below the table; default true */
  readonly notes?: boolean;
}

/**
 * One cell as Markdown text (already escaped). Numbers use the typographic minus; marks are escaped because `*`
 * and `~` are emphasis and strike-through in GFM.
 */
export function markdownCell(cell: DisplayCell): string {
  switch (cell.kind) {
    case 'text':
      return escapeMarkdown(cell.text);
    case 'number':
      return cell.significant !== undefined
        ? significantText(cell.value, cell.significant)
        : fixed(cell.value, cell.decimals);
    case 'p':
      return escapeMarkdown(pCell(cell.p));
    case 'mean-sd':
      if (cell.mean === null) return `${NOT_AVAILABLE} (${cell.n})`;
      return `${fixed(cell.mean, cell.decimals)} ± ${fixed(cell.sd, cell.decimals)} (${cell.n})`;
    case 'delta': {
      if (cell.pct === null) return NOT_AVAILABLE;
      const value = cell.unit === '%' ? signedPct(cell.pct) : signedPoints(cell.pct);
      const interval = cell.lo !== null && cell.hi !== null ? ` [${boundText(cell.lo)}, ${boundText(cell.hi)}]` : '';
      return `${value}${interval} ${escapeMarkdown(cell.mark)}`;
    }
  }
}

const ALIGN_RULE: Readonly<Record<Align, string>> = { left: ':---', right: '---:', center: ':---:' };

/**
 * A GitHub-flavoured Markdown table (title, table, notes). Every text from data is escaped, so a label holding
 * `|`, `<script>` or `*` stays a label.
 */
export function markdownTable(table: DisplayTable, options: MarkdownTableOptions = {}): string {
  const lines: string[] = [];
  if (options.title !== false) lines.push(`**${escapeMarkdown(table.title)}**`, '');
  lines.push(`| ${table.columns.map((c) => escapeMarkdown(c.label)).join(' | ')} |`);
  lines.push(`| ${table.columns.map((c) => ALIGN_RULE[c.align]).join(' | ')} |`);
  for (const row of table.rows) lines.push(`| ${row.map(markdownCell).join(' | ')} |`);
  if (options.notes !== false && table.notes.length > 0) {
    lines.push('');
    for (const note of table.notes) lines.push(`${escapeMarkdown(note)}  `);
  }
  return `${lines.join('\n')}\n`;
}
