// Public API of the tables stage. Explicit names (no `export *`) so generic helpers never collide with other stages.
export { escapeHtml, escapeMarkdown, escapeLatex, escapeCsv, jsonForScript, safeFileStem } from './escape.js';
export { cellComparator, type NodeSelection as TableNodeSelection } from './labels.js';
export type { DisplayTable, DisplayColumn, DisplayCell, Align } from './table.js';
export { DEFAULT_TABLE_METRICS, type TableOptions } from './options.js';
export { markdownTable, markdownCell, type MarkdownTableOptions } from './to-markdown.js';
export { latexTable, latexCell, type LatexTableOptions } from './to-latex.js';
export { htmlTable, htmlCell } from './to-html.js';
export { csvTable, type RecordTable } from './to-csv.js';
export { csvNumber } from './numbers.js';
export { cellsTable, cellsRecords } from './cells.js';
export { deltasTable, deltasRecords, comparisonMark } from './deltas.js';
export { anovaTermsTable, anovaTermsRecords, termLabel } from './anova.js';
export { flagsTable, flagsRecords } from './flags.js';
export { findings, omittedEffects, type Finding, type FindingsOptions } from './findings.js';
