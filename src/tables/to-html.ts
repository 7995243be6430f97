import { escapeHtml } from './escape.js';
import { boundText, fixed, NOT_AVAILABLE, pCell, signedPct, signedPoints, significantText } from '../present/index.js';
import type { DisplayCell, DisplayTable } from './table.js';

/** One cell as HTML (escaped text, typographic minus, marks in a `<span class="mark">`). */
export function htmlCell(cell: DisplayCell): string {
  switch (cell.kind) {
    case 'text':
      return escapeHtml(cell.text);
    case 'number':
      return cell.significant !== undefined
        ? significantText(cell.value, cell.significant)
        : fixed(cell.value, cell.decimals);
    case 'p':
      return escapeHtml(pCell(cell.p));
    case 'mean-sd':
      if (cell.mean === null) return `${NOT_AVAILABLE} (${cell.n})`;
      return `${fixed(cell.mean, cell.decimals)} ± ${fixed(cell.sd, cell.decimals)} <span class="n">(${cell.n})</span>`;
    case 'delta': {
      if (cell.pct === null) return NOT_AVAILABLE;
      const value = cell.unit === '%' ? signedPct(cell.pct) : signedPoints(cell.pct);
      const interval =
        cell.lo !== null && cell.hi !== null
          ? ` <span class="ci">[${boundText(cell.lo)}, ${boundText(cell.hi)}]</span>`
          : '';
      return `${value}${interval} <span class="mark">${escapeHtml(cell.mark)}</span>`;
    }
  }
}

/** An HTML `<table>` with caption and notes; every text from data is escaped. */
export function htmlTable(table: DisplayTable): string {
  const head = table.columns.map((c) => `<th class="${c.align}">${escapeHtml(c.label)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => `<td class="${table.columns[i]?.align ?? 'left'}">${htmlCell(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const notes = table.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n');
  return `<table id="table-${escapeHtml(table.id)}">\n<caption>${escapeHtml(table.title)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n${notes}\n`;
}
