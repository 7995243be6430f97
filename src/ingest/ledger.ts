/** Printing the ledger: a one-line summary, then each rejected file with its reason (file:line first). */
import { ingestMessages as msg } from './messages.js';
import { formatIssue, type Ledger } from '../model/index.js';

export function ledgerSummaryLine(ledger: Ledger): string {
  return msg.summary(ledger.summary);
}

/** Lines for stderr: every rejected file with its reason; with `verbose`, warnings and failed runs too. */
export function ledgerReport(ledger: Ledger, options: { verbose?: boolean } = {}): string[] {
  const lines: string[] = [];
  for (const e of ledger.entries) {
    if (e.status === 'rejected') {
      lines.push(`rejected: ${e.reason ?? e.file}`);
    } else if (e.status === 'failed-run') {
      lines.push(`failed run: ${e.reason ?? e.file}`);
    } else if (options.verbose && e.status === 'warning') {
      for (const i of e.issues) lines.push(`  ${formatIssue(i)}`);
    }
  }
  return lines;
}
