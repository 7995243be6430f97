/**
 * Problems found in input are values (Issue) collected in the ledger; a CnibenchError is thrown only when
 * nothing sensible can go on (bad option, unreadable campaign directory). Both name the file and line.
 */

export type Severity = 'warning' | 'error';

/** A problem with one input, located as precisely as the format allows. */
export interface Issue {
  readonly severity: Severity;
  /** stable machine-readable code, e.g. `json-trailing-comma`; message texts live in src/messages/ */
  readonly code: string;
  /** human sentence: what was found and what was expected */
  readonly message: string;
  /** file path as shown to the user (relative to the campaign directory when ingesting one) */
  readonly file: string;
  /** 1-based line, when known */
  readonly line?: number;
  /** archive member (e.g. `./knb-client-idle-6542-server.avg`) when the problem is inside a `.knbdata` */
  readonly member?: string;
}

/** `file:line: message` (or `file(member):line`), the one way issues are printed. */
export function formatIssue(issue: Issue): string {
  const where = issue.member ? `${issue.file}(${issue.member})` : issue.file;
  const line = issue.line !== undefined ? `:${issue.line}` : '';
  return `${where}${line}: ${issue.severity}: ${issue.message}`;
}

/** Exit codes of the CLI, one meaning each. */
export const EXIT = {
  /** everything ingested / built */
  ok: 0,
  /** done, but some input files were rejected (or, with --strict, had warnings) */
  partial: 1,
  /** could not run: bad usage, unreadable directory, nothing to do */
  failure: 2,
} as const;

/** An error the user can act on. Never shown with a stack trace. */
export class CnibenchError extends Error {
  readonly code: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly hint: string | undefined;
  constructor(
    code: string,
    message: string,
    options: { file?: string; line?: number; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'CnibenchError';
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.hint = options.hint;
  }
}

export function isCnibenchError(value: unknown): value is CnibenchError {
  return value instanceof CnibenchError;
}
