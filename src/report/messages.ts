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
  readonly testable: number;
  readonly lackBaseline: number;
  readonly twoWay: boolean;
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
    `  cells      ${s.cells}; ${comparisonCounts(s.testable, s.comparisons, s.lackBaseline, s.significant)}; ` +
      (s.twoWay ? `${s.flags} interaction flags` : noTwoWayShort()),
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

/** A figure the design does not allow (too many levels, a factor it lacks): left out, the report still builds. */
export function figureLeftOut(figure: string, reason: string): string {
  return `The figure ${figure} was left out for this design: ${reason}`;
}

/** Headline counts: what could be tested, not only what was significant. */
export function comparisonCounts(testable: number, total: number, lackBaseline: number, significant: number): string {
  return `${testable} of ${total} comparisons testable (${lackBaseline} lack a baseline cell); ${significant} significant`;
}

/** The meta line when there is no two-way analysis (instead of "0 interaction flags"). */
export function noTwoWayShort(): string {
  return 'no two-way analysis (see Method)';
}

/** Why the report has no two-way section. */
export function noTwoWay(reason: 'fewer-than-two-factors' | 'not-crossed', varying: readonly string[]): string {
  return reason === 'fewer-than-two-factors'
    ? `Interactions: no two-way analysis — fewer than two factors vary in this campaign (${varying.join(', ') || 'none'}).`
    : `Interactions: no two-way analysis — no pair of the varying factors (${varying.join(', ')}) is fully crossed (some level combinations have no data), so no interaction can be estimated; give a crossed pair with --interaction A,B or campaign.yaml analysis.interaction to force one.`;
}

const SOURCE_WORDS = {
  option: 'as chosen',
  campaign: 'from campaign.yaml',
  inferred: 'inferred from the design',
} as const;

/** The design as the Method states it: what varies, what is compared, and where each choice came from. */
export function designLine(
  design: {
    readonly varying: readonly string[];
    readonly crossed: readonly (readonly [string, string])[];
    readonly factor: string;
    readonly factorSource: 'option' | 'campaign' | 'inferred';
    readonly baseline: string;
    readonly baselineSource: 'option' | 'campaign' | 'inferred';
    readonly interaction: readonly [string, string] | null;
    readonly interactionSource: 'option' | 'campaign' | 'inferred' | null;
  },
  factors: readonly { readonly name: string; readonly levels: readonly string[] }[],
): string {
  const varying = design.varying
    .map((f) => `${f} (${factors.find((x) => x.name === f)?.levels.length ?? 0} levels)`)
    .join(', ');
  const crossed = design.crossed.length > 0 ? design.crossed.map((p) => p.join(' × ')).join(', ') : 'none';
  const pair =
    design.interaction !== null
      ? `; two-way pair ${design.interaction.join(' × ')} (${SOURCE_WORDS[design.interactionSource ?? 'inferred']})`
      : '';
  return (
    `Design: varying factors ${varying || 'none'}; fully crossed pairs: ${crossed}. Compared factor ${design.factor} ` +
    `(${SOURCE_WORDS[design.factorSource]}), baseline ${design.baseline} (${SOURCE_WORDS[design.baselineSource]})${pair}.`
  );
}

/**
 * A design above the report's cell bound: how large it is, why it is refused, and what to build instead (a subset of
 * the factor with the most levels, or the whole campaign's data without a report).
 */
export function reportTooLarge(
  cells: number,
  maxCells: number,
  combinations: number,
  factors: readonly { readonly name: string; readonly levels: readonly string[] }[],
): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const design = factors.length > 0 ? factors.map((f) => `${n(f.levels.length)} ${f.name}`).join(' × ') : 'one cell';
  const largest = factors[0];
  const example =
    largest === undefined
      ? ''
      : ` e.g. --levels ${largest.name}=${largest.levels.slice(0, Math.min(5, largest.levels.length)).join(',')}` +
        (factors[1] !== undefined ? ` (or --levels ${factors[1].name}=…)` : '');
  return (
    `this campaign is too large for one report: ${design} = ${n(combinations)} level combinations, ` +
    `${n(cells)} cells (one per combination, test, node and metric), above the bound of ${n(maxCells)} cells ` +
    `(a report that large takes minutes and gigabytes to build, and no reader takes it in). Build the report of a ` +
    `subset with --levels FACTOR=LEVEL,LEVEL (repeatable),${example}; or raise the bound with --max-cells N. Every ` +
    `observation of the whole campaign stays available as tidy data: \`cnibench ingest DIR --format csv\``
  );
}

/** The levels the figures were drawn for (a selection: `--figure-levels`, campaign.yaml `figures: levels:`). */
export function figureLevelsNote(
  levels: Readonly<Record<string, readonly string[]>>,
  factors: readonly { readonly name: string; readonly labels: Readonly<Record<string, string>> }[],
): string {
  const parts = Object.entries(levels).map(([name, wanted]) => {
    const labels = factors.find((f) => f.name === name)?.labels ?? {};
    return `${name} = ${wanted.map((l) => labels[l] ?? l).join(', ')}`;
  });
  return `Figures drawn for ${parts.join('; ')} only (the tables hold every level).`;
}

export function badList(option: string, raw: string, allowed: readonly string[]): string {
  return `--${option} expects a comma-separated list of ${allowed.join(', ')}, got "${raw}"`;
}

/** LaTeX parts beyond `--max-latex-parts`: how many were written, where the whole table is, how to get any part. */
export function latexPartsLeftOut(table: string, written: number, total: number): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return (
    `LaTeX: the ${table} table makes ${n(total)} paper-sized parts; the first ${n(written)} are in tables/latex/ ` +
    `(raise the bound with --max-latex-parts N). The whole table is in tables/${table}.csv and tables/${table}.md, ` +
    `and \`cnibench table DIR --kind ${table} --levels FACTOR=LEVEL,…\` writes the part a paper needs.`
  );
}
