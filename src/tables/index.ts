// Public API of the tables stage. Explicit names (no `export *`) so generic helpers never collide with other stages.
export { escapeHtml, escapeMarkdown, escapeLatex, escapeCsv, jsonForScript, safeFileStem } from './escape.js';
export { cellComparator, type NodeSelection as TableNodeSelection } from '../present/index.js';
export type { DisplayTable, DisplayColumn, DisplayCell, Align } from './table.js';
export type { TableOptions } from './options.js';
export { markdownTable, markdownCell, type MarkdownTableOptions } from './to-markdown.js';
export { latexTable, latexCell, type LatexTableOptions } from './to-latex.js';
export { htmlTable, htmlCell } from './to-html.js';
export { csvTable, type RecordTable } from './to-csv.js';
export { cellsTable, cellsRecords } from './cells.js';
export { deltasTable, deltasRecords, comparisonMark } from './deltas.js';
export { anovaTermsTable, anovaTermsRecords, termLabel } from './anova.js';
export { flagsTable, flagsRecords } from './flags.js';
export { findings, omittedEffects, type Finding, type FindingRecord, type FindingsOptions } from './findings.js';
export { tableBundle, displayableTable } from './display.js';
export {
  LATEX_ENVIRONMENTS,
  IEEE_COLUMN_PT,
  IEEE_PAGE_PT,
  estimateTabularWidth,
  chooseEnvironment,
  type LatexEnvironment,
} from './to-latex.js';
export { paperTables, DEFAULT_TABLE_SPLIT, MAX_FLOAT_ROWS, type PaperTableOptions } from './paper.js';
export { selectAnalysis, type TableSelection } from './select.js';
