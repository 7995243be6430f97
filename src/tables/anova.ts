/**
 * The two-way ANOVA tables (factor A × factor B with interaction) of every group (other factors and condition),
 * with sums of squares, F, p and partial η².
 */
import type { Analysis, AnovaTable } from '../stats/index.js';
import { CONDITION_COLUMNS, displayFilter, factorColumns, KEY_RECORD_COLUMNS, keyCells, keyRecord } from './common.js';
import { cellComparator, factorHeader, decimalsFor } from '../present/index.js';
import type { TableOptions } from './options.js';
import { num, sig, text, type DisplayCell, type DisplayTable } from './table.js';
import type { RecordTable } from './to-csv.js';
import { displayableTable } from './display.js';

/** `distribution:plugin` → `Distribution × Plugin`. */
export function termLabel(term: string): string {
  return term.split(':').map(factorHeader).join(' × ');
}

function groupFactorNames(analysis: Analysis, tables: readonly AnovaTable[]): string[] {
  const crossed = new Set(tables.flatMap((t) => [t.factorA, t.factorB]));
  return analysis.factors.map((f) => f.name).filter((n) => !crossed.has(n));
}

function sortedTables(analysis: Analysis, names: readonly string[]): AnovaTable[] {
  const order = cellComparator(analysis.factors, names);
  return [...analysis.interactions.anova].sort(
    (a, b) => order(a.group, b.group) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** One row per term of every group's ANOVA, groups in cell order. */
export function anovaTermsTable(analysis: Analysis, options: TableOptions = {}): DisplayTable {
  const names = groupFactorNames(analysis, analysis.interactions.anova);
  const keep = displayFilter(options);
  const tables = sortedTables(analysis, names).filter((t) => keep(t.group));
  const rows: DisplayCell[][] = [];
  let unbalanced = 0;
  let withEmpty = 0;
  for (const t of tables) {
    if (!t.balanced) unbalanced++;
    if (t.emptyCells.length > 0) withEmpty++;
    const residual = t.terms.find((term) => term.term === 'Residual');
    const digits = decimalsFor(residual && residual.ss > 0 ? residual.ss : 1);
    for (const term of t.terms) {
      rows.push([
        ...keyCells(analysis.factors, names, t.group),
        text(termLabel(term.term)),
        num(term.ss, digits),
        num(term.df, 0),
        sig(term.f, 3),
        { kind: 'p', p: term.p },
        num(term.partialEta2, 3),
      ]);
    }
  }
  const type = analysis.options.anovaType;
  const notes = [
    `Type ${type === 1 ? 'I' : type === 2 ? 'II' : 'III'} sums of squares; η²p = SS / (SS + SS residual).`,
  ];
  if (unbalanced > 0) notes.push(`${unbalanced} of ${tables.length} groups are unbalanced (unequal n per cell).`);
  if (withEmpty > 0) notes.push(`${withEmpty} groups have empty cells (listed in tables/anova.csv).`);
  return displayableTable({
    id: 'anova',
    title: `Two-way ANOVA ${termLabel(analysis.options.interactionFactors.join(':'))} with interaction`,
    columns: [
      ...factorColumns(names),
      ...CONDITION_COLUMNS,
      { label: 'Term', align: 'left' },
      { label: 'SS', align: 'right' },
      { label: 'df', align: 'right' },
      { label: 'F', align: 'right' },
      { label: 'p', align: 'right' },
      { label: 'η²p', align: 'right' },
    ],
    rows,
    notes,
  });
}

/** Every ANOVA term of every group, full precision. */
export function anovaTermsRecords(analysis: Analysis): RecordTable {
  const names = groupFactorNames(analysis, analysis.interactions.anova);
  const rows: (string | number | boolean | null)[][] = [];
  for (const t of sortedTables(analysis, names)) {
    for (const term of t.terms) {
      rows.push([
        ...keyRecord(names, t.group),
        t.factorA,
        t.factorB,
        t.type,
        term.term,
        term.ss,
        term.df,
        term.f,
        term.p,
        term.partialEta2,
        t.n,
        t.balanced,
        t.emptyCells.join(';'),
        t.warnings.map((w) => w.code).join(';'),
      ]);
    }
  }
  return {
    id: 'anova',
    columns: [
      ...names,
      ...KEY_RECORD_COLUMNS,
      'factor_a',
      'factor_b',
      'ss_type',
      'term',
      'ss',
      'df',
      'f',
      'p',
      'partial_eta2',
      'n',
      'balanced',
      'empty_cells',
      'warnings',
    ],
    rows,
  };
}
