/** User-facing texts of the report stage (progress, summary, errors), as functions so that tests can assert on them. */
import { oneLine } from '../model/index.js';

export function outsideOutput(path: string, root: string): string {
  return `refusing to write "${path}": it resolves outside the output directory ${root}`;
}

export function notAReportDirectory(dir: string): string {
  return `output directory ${dir} is not empty and holds no cnibench report (summary.json); refusing to mix files into it`;
}

export const notAReportDirectoryHint = 'choose a new or empty directory with --out, or delete that one';

export function outputIsFile(dir: string): string {
  return `output path ${dir} exists and is not a directory`;
}

export function campaignMissing(dir: string): string {
  return `campaign directory ${dir} does not exist or is not a directory`;
}

export function bundledCampaignMissing(dir: string): string {
  return `the bundled example campaign is missing (${dir}); pass a campaign directory`;
}

export function badDate(raw: string, source: string): string {
  return `${source} expects an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ) or Unix seconds, got "${raw}"`;
}

export function badFormats(raw: string, known: readonly string[]): string {
  return `--formats expects a comma-separated list of ${known.join(', ')}, got "${raw}"`;
}

export function badScale(raw: string): string {
  return `--png-scale expects a positive number, got "${raw}"`;
}

export function tooManyPositionals(extra: readonly string[]): string {
  return `report build takes one campaign directory, got also ${extra.map((e) => `"${e}"`).join(' ')}`;
}

export function unknownSubcommand(name: string | undefined): string {
  return name === undefined
    ? 'report needs a subcommand: build'
    : `unknown report subcommand "${name}"; the only one is build`;
}

/** Progress line: `[3/7] rendering figures 4/12`. */
export function progressLine(step: number, steps: number, what: string, done?: number, total?: number): string {
  const count = done !== undefined && total !== undefined ? ` ${done}/${total}` : '';
  return `[${step}/${steps}] ${what}${count}`;
}

export interface SummaryNumbers {
  readonly campaign: string;
  readonly files: number;
  readonly ingested: number;
  readonly warning: number;
  readonly rejected: number;
  readonly failedRuns: number;
  readonly auxiliary: number;
  readonly cells: number;
  readonly significant: number;
  readonly comparisons: number;
  readonly flags: number;
  readonly figures: number;
  readonly outDir: string;
  readonly html: string;
}

/** The closing summary printed by `cnibench report build`. */
export function summaryText(s: SummaryNumbers): string {
  // names and paths come from the user's files: no control sequence reaches the terminal, no newline forges a line
  return [
    `report of ${oneLine(s.campaign)}`,
    `  files      ${s.files}: ${s.ingested} ingested, ${s.warning} with warnings, ${s.rejected} rejected, ` +
      `${s.failedRuns} failed runs, ${s.auxiliary} auxiliary`,
    `  cells      ${s.cells}; ${s.significant} of ${s.comparisons} comparisons significant; ${s.flags} interaction flags`,
    `  figures    ${s.figures}`,
    `  written to ${oneLine(s.outDir)}`,
    `  open       ${oneLine(s.html)}`,
    '',
  ].join('\n');
}

export function rejectedFilesNote(count: number): string {
  return `${count} file(s) were rejected; see ledger.json (exit code 1)`;
}

export function strictWarningsNote(count: number): string {
  return `--strict: ${count} file(s) had warnings; see ledger.json (exit code 1)`;
}

export function renderErrorsNote(errors: readonly { figure: string; format: string; message: string }[]): string {
  const lines = errors.slice(0, 10).map((e) => `  figures/${e.figure}.${e.format}: ${e.message}`);
  if (errors.length > 10) lines.push(`  … and ${errors.length - 10} more in summary.json (renderErrors)`);
  return `${errors.length} figure file(s) could not be rendered (exit code 1):\n${lines.join('\n')}`;
}

export function stripsSkipped(maxN: number, limit: number): string {
  return (
    `The iterations view was left out: cells hold up to ${maxN} iterations, more than the ${limit} a strip plot ` +
    `shows legibly (see data/tidy.csv for every value).`
  );
}

/** A storage error (disk full, quota, read-only, permissions) while writing the report: not a bug of cnibench. */
export function storageFailed(meaning: string, code: string, path: string): string {
  return `${meaning} while writing ${path} (${code})`;
}

export function cannotKeep(rel: string, root: string): string {
  return `cannot keep "${rel}" of ${root}: the new report writes a file where its folder would go`;
}

/** Added to the error of a build that failed: the earlier report (or nothing) is what OUT holds. */
export function previousReportKept(root: string, existed: boolean): string {
  return existed
    ? `the report was not built; ${root} still holds the previous report, unchanged`
    : `the report was not built; nothing was written to ${root}`;
}
