/**
 * Interaction flags: cells whose change versus the baseline departs alone from the pooled change of the other levels
 * (interaction patterns, src/stats/interaction-patterns.ts).
 */
import type { Analysis, InteractionContrast } from '../stats/index.js';
import { CONDITION_COLUMNS, displayFilter, factorColumns, KEY_RECORD_COLUMNS, keyCells, keyRecord } from './common.js';
import { cellComparator, factorHeader, levelLabelOf, significance } from '../present/index.js';
import type { TableOptions } from './options.js';
import { text, type DisplayCell, type DisplayTable } from './table.js';
import type { RecordTable } from './to-csv.js';
import { displayableTable } from './display.js';

function sortedContrasts(analysis: Analysis, names: readonly string[]): InteractionContrast[] {
  const order = cellComparator(analysis.factors, names);
  const levelOrder = cellComparator(analysis.factors);
  return [...analysis.interactions.contrasts].sort(
    (a, b) =>
      order(a.group, b.group) ||
      levelOrder(
        { ...a.group, factors: { [a.factorA]: a.levelA, [a.factorB]: a.levelB } },
        { ...b.group, factors: { [b.factorA]: b.levelA, [b.factorB]: b.levelB } },
      ),
  );
}

function groupNames(analysis: Analysis): string[] {
  const [a, b] = analysis.options.interactionFactors;
  return analysis.factors.map((f) => f.name).filter((n) => n !== a && n !== b);
}

/** The flagged interaction contrasts (all of them), one row each. */
export function flagsTable(analysis: Analysis, options: TableOptions = {}): DisplayTable {
  const names = groupNames(analysis);
  const keep = displayFilter(options);
  const all = sortedContrasts(analysis, names);
  const flagged = all.filter((c) => c.flagged && keep(c.group));
  const logScale = new Set(analysis.interactions.anova.filter((t) => t.scale === 'log').map((t) => t.key));
  const [factorA, factorB] = analysis.options.interactionFactors;
  const rows: DisplayCell[][] = flagged.map((c) => [
    ...keyCells(analysis.factors, names, c.group),
    text(levelLabelOf(analysis.factors, c.factorA, c.levelA)),
    text(levelLabelOf(analysis.factors, c.factorB, c.levelB)),
    { kind: 'delta', pct: c.observedPct, lo: null, hi: null, mark: '', unit: '%' },
    { kind: 'delta', pct: c.additivePct, lo: null, hi: null, mark: '', unit: '%' },
    {
      kind: 'delta',
      pct: c.contrastPct,
      lo: c.contrastCi?.lo ?? null,
      hi: c.contrastCi?.hi ?? null,
      mark: significance(c.pAdjusted ?? c.p, analysis.options.alpha),
      // on the log scale the contrast is a ratio of ratios (%), on the raw scale percentage points of the baseline
      unit: logScale.has(c.groupKey) ? '%' : 'pp',
    },
    { kind: 'p', p: c.pAdjusted ?? c.p },
  ]);
  return displayableTable({
    id: 'interactions',
    title: `Interaction flags: ${factorHeader(factorA)} × ${factorHeader(factorB)}`,
    columns: [
      ...factorColumns(names),
      ...CONDITION_COLUMNS,
      { label: factorHeader(factorA), align: 'left' },
      { label: factorHeader(factorB), align: 'left' },
      { label: 'Observed', align: 'right' },
      { label: 'Additive', align: 'right' },
      { label: 'Contrast', align: 'right' },
      { label: 'p (adj.)', align: 'right' },
    ],
    rows,
    notes: [
      `Observed: change versus the baseline ${factorA}; Additive: the pooled change of the other ${factorB} levels ` +
        `(what an additive table of logs predicts); Contrast: how far the cell departs from it (on the log scale a ratio ` +
        `of ratios in %), with a ${Math.round(analysis.options.level * 100)} % simultaneous interval and p adjusted by ` +
        `Bonferroni over the table's pairwise differences. Flagged: the cell departs alone from all the others after the ` +
        `table's interaction test (adjusted over all tables) is significant; other structures (groups) are in the findings.`,
      `${flagged.length} flagged of ${all.length} contrasts (all are in tables/interactions.csv).`,
    ],
  });
}

/** Every interaction contrast, flagged or not, full precision. */
export function flagsRecords(analysis: Analysis): RecordTable {
  const names = groupNames(analysis);
  return {
    id: 'interactions',
    columns: [
      ...names,
      ...KEY_RECORD_COLUMNS,
      'factor_a',
      'level_a',
      'baseline_a',
      'factor_b',
      'level_b',
      'observed_pct',
      'additive_pct',
      'contrast_pct',
      'contrast_lo',
      'contrast_hi',
      'contrast',
      'p',
      'p_adjusted',
      'flagged',
      'warnings',
    ],
    rows: sortedContrasts(analysis, names).map((c) => [
      ...keyRecord(names, c.group),
      c.factorA,
      c.levelA,
      c.baselineA,
      c.factorB,
      c.levelB,
      c.observedPct,
      c.additivePct,
      c.contrastPct,
      c.contrastCi?.lo ?? null,
      c.contrastCi?.hi ?? null,
      c.contrast,
      c.p,
      c.pAdjusted,
      c.flagged,
      c.warnings.map((w) => w.code).join(';'),
    ]),
  };
}
