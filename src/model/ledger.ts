import type { Issue } from './errors.js';
import type { KnbFormat } from './vocabulary.js';

/**
 * The ledger accounts for every file under a campaign directory. Nothing is skipped silently:
 * - `ingested`: parsed, all values read;
 * - `warning`: parsed, with tolerated problems (listed in `issues`), values with a missing reason where null;
 * - `rejected`: not used, with the reason (file, line, what was expected);
 * - `failed-run`: a runner record of an iteration that failed (no data, the reason is kept);
 * - `auxiliary`: not data by design (campaign.yaml, runner logs and manifests, README), named with why.
 */
export type LedgerStatus = 'ingested' | 'warning' | 'rejected' | 'failed-run' | 'auxiliary';

export interface LedgerEntry {
  /** path relative to the campaign directory, `/`-separated */
  readonly file: string;
  readonly status: LedgerStatus;
  /** detected format, null when the content was not recognised */
  readonly format: KnbFormat | null;
  readonly knbVersion: string | null;
  /** factor levels assigned from the layout, if any */
  readonly factors: Readonly<Record<string, string>> | null;
  readonly iteration: number | null;
  /** number of observations (non-null and null) taken from the file */
  readonly observations: number;
  /** number of those with a null value */
  readonly missing: number;
  readonly issues: readonly Issue[];
  /** for auxiliary / rejected: one-line reason */
  readonly reason?: string;
  /** for a symbolic link leading out of the campaign directory: the real path it leads to */
  readonly target?: string;
}

export interface LedgerSummary {
  readonly files: number;
  readonly ingested: number;
  readonly warning: number;
  readonly rejected: number;
  readonly failedRuns: number;
  readonly auxiliary: number;
  readonly observations: number;
  readonly missing: number;
}

export interface Ledger {
  readonly entries: readonly LedgerEntry[];
  readonly summary: LedgerSummary;
}

export function summariseLedger(entries: readonly LedgerEntry[]): LedgerSummary {
  let ingested = 0;
  let warning = 0;
  let rejected = 0;
  let failedRuns = 0;
  let auxiliary = 0;
  let observations = 0;
  let missing = 0;
  for (const e of entries) {
    if (e.status === 'ingested') ingested++;
    else if (e.status === 'warning') warning++;
    else if (e.status === 'rejected') rejected++;
    else if (e.status === 'failed-run') failedRuns++;
    else auxiliary++;
    observations += e.observations;
    missing += e.missing;
  }
  return { files: entries.length, ingested, warning, rejected, failedRuns, auxiliary, observations, missing };
}

export function makeLedger(entries: readonly LedgerEntry[]): Ledger {
  const sorted = [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { entries: sorted, summary: summariseLedger(sorted) };
}
