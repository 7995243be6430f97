/**
 * Texts of the short summaries that analyses, datasets and ledgers show of themselves in a notebook (their display
 * method). Functions returning strings, so tests assert on the same text users read.
 */

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const displayMessages = {
  datasetTitle: (name: string | null): string => (name === null ? 'Dataset' : `Dataset: ${name}`),
  datasetCounts: (observations: number, missing: number, series: number): string =>
    `${plural(observations, 'observation')} (${missing} missing), ${plural(series, 'per-second sample series')}`,
  factorLine: (name: string, labels: readonly string[]): string => `${name} (${labels.length}): ${labels.join(', ')}`,
  ledgerTitle: (): string => 'Ledger',
  moreLines: (n: number): string => `… and ${n} more (see ledgerReport)`,
  analysisTitle: (): string => 'Analysis',
  analysisCells: (cells: number): string => plural(cells, 'cell'),
  analysisComparisons: (
    count: number,
    significant: number,
    factor: string,
    baseline: string,
    alpha: number,
    adjust: string,
  ): string =>
    `${plural(count, 'comparison')} of ${factor} versus ${baseline}: ${significant} significant (α = ${alpha}, ${adjust} adjustment)`,
  analysisInteractions: (a: string, b: string, reported: number, tables: number): string =>
    `interactions ${a} × ${b}: ${reported} reported of ${plural(tables, 'pattern')} tested`,
  analysisLevel: (level: number): string => `intervals at ${Math.round(level * 1000) / 10} %`,
};
