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

  // campaign.yaml
  configYaml: (detail: string) => `campaign.yaml is not valid YAML: ${detail}`,
  configType: (key: string, expected: string) => `campaign.yaml: ${key} must be ${expected}`,
  configUnknownKey: (key: string) =>
    `campaign.yaml: unknown key "${key}"; expected name, description, layout, baseline, factors, testbeds or runs`,
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
