/**
 * User-facing texts of the ingest stage (campaign directories, layouts, campaign.yaml, the ledger): one function per
 * message, so tests assert on the same wording users see. The knb readers' own texts are in src/knb/messages.ts.
 */

export const ingestMessages = {
  failedRun: (reason: string) =>
    `the runner recorded this iteration as failed: ${reason.length > 500 ? `${reason.slice(0, 500)}… (${reason.length} characters)` : reason}`,

  // campaign
  outsideLayout: (detail: string) => `does not fit the layout: ${detail}`,
  layoutDepth: (found: number, expected: number, layout: string) =>
    `${found} path segments, expected ${expected} (layout ${layout})`,
  layoutSegment: (segment: string, index: number, pattern: string) =>
    `segment ${index + 1} "${segment}" does not match "${pattern}"`,
  layoutFailsAt: (token: string, matched: string) =>
    matched === '' ? `${token} does not match at the start` : `${token} does not match after "${matched}"`,
  layoutTrailing: (rest: string) => `"${rest}" is left over at the end`,
  layoutLacks: (pattern: string, index: number, factor: string) =>
    `invalid layout "${pattern}" (alternative ${index}): it does not set factor "${factor}", which another alternative sets; add {${factor}} or a fixed level {${factor}=LEVEL}`,
  badIteration: (stem: string) =>
    `cannot read an iteration number from "${stem}"; expected a number such as 01, 3, run3, run-03, iter3, it_3`,
  duplicateRun: (first: string) =>
    `same cell and iteration as ${first}, which was read first; this file is not used (never double-counted)`,
  nestedDirectory: () => 'inside an extracted knb directory that is ingested as a whole',
  auxCampaign: () => 'campaign description (campaign.yaml)',
  auxRunner: () => 'runner state or log (.cnibench/)',
  auxDoc: () => 'documentation (README / markdown)',
  auxHidden: () => 'hidden file',
  strictWarning: (count: number) => `rejected by --strict: ${count} warning(s), listed in the ledger`,
  rejectedBecause: (detail: string) => detail,

  // parse workers (--threads)
  workerStopped: (why: string) => `the ingest worker thread reading this file stopped before it was read (${why})`,
  workerHint: () => 'run the ingest again; with --threads 1 every file is read in one thread',

  // ignore, manifest, renderings
  auxIgnored: (glob: string, origin: string) => `ignored: matches "${glob}" (${origin})`,
  auxManifest: () => 'design file (manifest) of the campaign',
  auxNotListed: (manifest: string) => `not listed in the design file ${manifest}`,
  missingListed: (manifest: string, line: number) => `listed in ${manifest} (line ${line}) but the file does not exist`,
  renderingOf: (primary: string) =>
    `a rendering of the same run as ${primary} (same cell and iteration, values agree); counted once, from ${primary}`,
  renderingDiffers: (primary: string, detail: string) =>
    `same cell and iteration as ${primary} but the values differ (${detail}); this file is not used (never double-counted)`,
  manifestQuote: () => 'design file: a quoted field is not closed',
  manifestEmpty: () => 'design file is empty; expected a header line with a "file" column and one column per factor',
  manifestNoFile: (columns: readonly string[]) =>
    `design file has no "file" column (columns: ${columns.join(', ')}); expected file, one column per factor, and optionally iteration`,
  manifestColumn: (name: string) => `design file: column "${name}" is not a factor name (letters, digits, _ and -)`,
  manifestRepeated: () => 'design file: a column name appears twice',
  manifestWidth: (found: number, expected: number) => `design file: ${found} fields, expected ${expected}`,
  manifestPath: (path: string) => `design file: "${path}" is not a relative path inside the campaign directory`,
  manifestTwice: (path: string, first: number) => `design file: "${path}" is listed twice (first on line ${first})`,
  manifestEmptyLevel: (factor: string) => `design file: empty level for factor "${factor}"`,
  manifestIteration: (raw: string) => `design file: iteration "${raw}" is not an integer ≥ 1`,
  manifestUnreadable: (file: string, detail: string) => `cannot read the design file ${file}: ${detail}`,
  layoutAndManifest: () => 'a layout and a manifest were both given; use one of them',

  // campaign.yaml
  configYaml: (detail: string) => `campaign.yaml is not valid YAML: ${detail}`,
  configType: (key: string, expected: string) => `campaign.yaml: ${key} must be ${expected}`,
  configUnknownKey: (key: string) =>
    `campaign.yaml: unknown key "${key}"; expected name, description, layout, manifest, ignore, analysis, figures, baseline, factors, testbeds or runs`,
  configNotOneOf: (key: string, value: string, allowed: readonly string[], what: 'key' | 'value' = 'value') =>
    what === 'key'
      ? `campaign.yaml: unknown key "${value}" in ${key}; expected one of ${allowed.join(', ')}`
      : `campaign.yaml: ${key}: "${value}" is not one of ${allowed.join(', ')}`,
  configFigureLevel: (key: string, detail: string) => `campaign.yaml: ${key}: ${detail}`,
  configLevelUnknown: (level: string, factor: string, levels: readonly string[]) =>
    `"${level}" is not a level of ${factor}; its levels are ${levels.map((l) => JSON.stringify(l)).join(', ')}`,
  configConditionAbsent: (condition: string, present: readonly string[]) =>
    `"${condition}" was not measured in this campaign; its conditions are ${present.join(', ')}`,
  configUnknownFactor: (key: string, factor: string) =>
    `campaign.yaml: ${key} names factor "${factor}", which is not in the layout`,
  layoutPattern: (layout: string, detail: string) => `invalid layout "${layout}": ${detail}`,
  notADirectory: (dir: string) => `${dir} is not a readable directory; expected a campaign directory`,

  // summary
  summary: (s: {
    files: number;
    ingested: number;
    warning: number;
    rejected: number;
    failedRuns: number;
    auxiliary: number;
    observations: number;
    missing: number;
  }) =>
    `${s.files} files: ${s.ingested} ingested, ${s.warning} with warnings, ${s.rejected} rejected, ${s.failedRuns} failed runs, ${s.auxiliary} auxiliary; ${s.observations} observations (${s.missing} missing values)`,
};
