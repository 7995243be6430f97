/** What a dataset and its ledger show of themselves in a notebook (their display method): short summaries. */
import {
  displayMessages as shown,
  type Dataset,
  summaryBundle,
  withDisplay,
  type Displayable,
  type MimeBundle,
  type Ledger,
} from '../model/index.js';
import { ledgerReport, ledgerSummaryLine } from './ledger.js';

/** The ledger's lines shown at most (the rest is counted; ledgerReport lists all). */
const MAX_LEDGER_LINES = 10;

export function ledgerBundle(ledger: Ledger): MimeBundle {
  const report = ledgerReport(ledger);
  const lines = [ledgerSummaryLine(ledger), ...report.slice(0, MAX_LEDGER_LINES)];
  if (report.length > MAX_LEDGER_LINES) lines.push(shown.moreLines(report.length - MAX_LEDGER_LINES));
  return summaryBundle(shown.ledgerTitle(), lines);
}

export function datasetBundle(dataset: Dataset): MimeBundle {
  const missing = dataset.observations.reduce((n, o) => n + (o.value === null ? 1 : 0), 0);
  return summaryBundle(shown.datasetTitle(dataset.campaign.name), [
    shown.datasetCounts(dataset.observations.length, missing, dataset.samples.length),
    ...dataset.factors.map((f) =>
      shown.factorLine(
        f.name,
        f.levels.map((l) => f.labels[l] ?? l),
      ),
    ),
    ledgerSummaryLine(dataset.ledger),
  ]);
}

/** `ledger` with its display method attached (the same object). */
export function displayableLedger(ledger: Ledger): Ledger & Displayable {
  return withDisplay(ledger, ledgerBundle);
}

/** `dataset` with its display method attached (the same object). */
export function displayableDataset(dataset: Dataset): Dataset & Displayable {
  return withDisplay(dataset, datasetBundle);
}
