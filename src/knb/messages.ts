/**
 * User-facing texts of the knb readers: one function per message, so tests assert on the same wording users see.
 * Each says what was found and what was expected.
 *
 * Content of input files appears in a message only as `fragment(...)`: a short piece of a line of a recognised knb
 * output, located by file and line. Content that is not recognised is described (size, kind, first bytes in hex),
 * never quoted: it may be anything, such as a credential behind a symbolic link.
 */

/** Longest piece of an input line quoted in a message. */
export const FRAGMENT_LENGTH = 40;

/** A name taken from an input (a key, a member, a pod), cut to 100 characters: a hostile one may be megabytes long. */
export function name(text: string): string {
  return text.length <= 100 ? text : `${text.slice(0, 100)}… (${text.length} characters)`;
}

/** A piece of an input line, quoted and cut to FRAGMENT_LENGTH characters (saying how long it was when cut). */
export function fragment(text: string): string {
  if (text.length <= FRAGMENT_LENGTH) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, FRAGMENT_LENGTH))}… (${text.length} characters)`;
}

export const knbMessages = {
  // detection
  emptyFile: () => 'the file is empty; expected a knb output (json, yaml, text, ibdbench or a .knbdata archive)',
  unknownFormat: (description: string) =>
    `not a knb output (${description}); expected a knb report (json, yaml, text, ibdbench) or a .knbdata archive`,

  // archives
  unpackedTooLarge: (limit: string) =>
    `the archive unpacks to more than ${limit}, the unpacked size limit (raise it with --max-unpacked-size / maxUnpackedSize); inflating stopped there`,
  memberTooLarge: (member: string | null, size: string, limit: string) =>
    `${member === null ? 'a member' : `member ${member}`} declares ${size}, more than the file size limit of ${limit} (raise it with --max-file-size / maxFileSize); it was not inflated`,
  truncatedGzip: (detail: string) =>
    `the gzip stream is truncated or corrupt (${detail}); the archive is incomplete, re-copy it from its source`,
  notTar: (detail: string) => `the gzip content is not a tar archive: ${detail}`,
  truncatedTar: (member: string) => `the tar archive ends inside member ${name(member)}; expected its full content`,
  noEnv: () => 'no `env` member; expected a knb work directory (knb -o data) with env, cpu, kernel, mtu and test files',
  envLine: (line: string) => `unreadable env line ${fragment(line)}; expected KEY="value"`,
  missingMember: (member: string, test: string) =>
    `member ${name(member)} is missing for test ${test} named in env; its values are recorded as unreadable`,
  avgMismatch: (member: string, knb: string, recomputed: string) =>
    `${member} says "${knb}" but the per-second .metrics average to "${recomputed}" (knb's averaging: mean per column, %.2f, %d); knb's value is kept`,
  avgWithoutMetrics: (member: string) =>
    `${member} has values but its .metrics file has no samples; knb's value is kept`,
  bwNoNewline: (text: string) =>
    `bandwidth file holds ${fragment(text)} without the newline knb writes after it: it may be cut; recorded as unreadable`,
  avgEmptyWithSamples: (member: string) =>
    `${member} has no values although its .metrics file has samples; the values are recorded as missing (knb would print them empty too)`,
  avgMissingRecomputed: (member: string) =>
    `${member} is missing; the values were recomputed from the per-second .metrics as knb would`,
  metricsLine: (line: string) =>
    `unreadable monitor sample ${fragment(line)}; expected 7 numbers "user nice system iowait steal ram timestamp"`,
  avgLine: (line: string) =>
    `unreadable average line ${fragment(line)}; expected "user nice system iowait steal ram records" (5 decimals, 2 integers)`,

  // values
  numberTooLarge: (path: string, length: number) =>
    `${path} is a number of ${length} characters, beyond the range of a double (knb prints at most a few digits): recorded as missing (unreadable)`,
  fieldTooLong: (path: string, length: number, limit: number) =>
    `${path} is ${length} characters long, more than ${limit} (knb writes short names): not kept`,
  bwLogMismatch: (member: string, bw: string, log: string) =>
    `${member} says ${fragment(bw)} but the iperf3 client log's receiver line says ${fragment(log)} (knb copies one into the other): the file was altered; the .bw value is kept`,
  emptyRun: () =>
    'the run has no test results (no test pod named in env, or no test under data): it adds no observation',
  emptyValue: (path: string) => `${path} is empty (knb printed nothing): recorded as missing`,
  nanValue: (path: string) => `${path} is NaN (knb 1.5.1 fork: the monitor returned no samples): recorded as missing`,
  unreadableNumber: (path: string, raw: string) =>
    `${path} is ${fragment(raw)}, expected a number; recorded as missing (unreadable)`,
  missingValues: (detail: string) => `values knb left empty or NaN are recorded as missing, never 0 (${detail})`,
  yamlNoFinalNewline: (line: string) =>
    `the file ends without a newline after ${fragment(line)} (knb always ends its YAML with one): the value may be cut`,
  carriageReturn: (what: string) =>
    `${what} ends in a carriage return (\\r, knb ≤ 1.4.1 used \`kubectl exec -it\`); removed`,

  // json / yaml
  jsonTrailingComma: () => 'trailing comma before a closing brace (knb -ot idle bug); tolerated',
  jsonMissingComma: () => 'missing comma after this entry (knb 1.3.0–1.4.1 bug after "client-node"); tolerated',
  jsonUnquoted: (key: string) => `value of "${key}" is not quoted (knb 1.3.0–1.4.0); read as text`,
  jsonControlCharacter: () => 'raw control character inside a string (\\r from `kubectl exec -it`); removed',
  structureLine: (line: string, expected: string) => `unexpected line ${fragment(line)}; expected ${expected}`,
  unclosed: (what: string) => `the file ends before ${what} is closed: the output is truncated`,
  missingKey: (path: string) => `missing key ${name(path)}; the output is truncated or not a knb report`,
  unknownKey: (path: string) => `unknown key ${name(path)}; ignored`,
  notKnbTree: () => 'parsed, but has no `metadata` and `data` sections; expected a knb report',
  yamlSyntax: (detail: string) => `invalid YAML: ${detail}`,
  yamlP2sUdpBug: () =>
    'pod2svc.udp repeats pod2pod.udp: the knb ≤ 1.2.0 YAML bug (fixed in 1.3.0) printed the wrong pod; pod2svc udp is dropped (its real values are not in this file)',
  blankLine: () => 'blank line inside the report (knb writes none): the line before it may have been cut short',
  duplicateKey: (path: string) => `key ${name(path)} appears twice; the first value is kept`,

  // text
  textTruncated: (expected: string) =>
    `the report is cut off here (${expected}); a truncated report is rejected because what is missing cannot be told from tests that did not run`,
  textUnexpected: (line: string, expected: string) => `unexpected line ${fragment(line)}; expected ${expected}`,
  textNoReport: () => 'no knb report block (a line of 57 `=` followed by " Benchmark Results" or " Results")',
  textIncompleteTest: (section: string, missing: string) =>
    `section ${section} lacks the line "${missing}"; the report is incomplete`,
  textNoFinalSeparator: () =>
    'the report ends without the closing line of `=` that knb prints after "Pod to Service": the output is truncated',

  // ibdbench
  ibdbenchFields: (found: number) =>
    `found ${found} tab-separated fields; expected 26 (knb -o ibdbench: mtu, empty, idle×4, then 4 tests × 5), or 36 with node2node`,
  ibdbenchLines: () => 'more than one line; expected a single line of tab-separated fields (knb -o ibdbench)',
  ibdbenchFormula: (raw: string) => `unreadable cpu formula ${fragment(raw)}; expected "=u+n+s+i+st" with 5 numbers`,
  ibdbenchEmptyTest: (test: string) =>
    `${test} has no values at all (bandwidth and ram empty, cpu all 0.00): it was skipped (-ot) or every measurement failed; treated as not run`,
  ibdbenchNoMonitor: (test: string, node: string) =>
    `${test} ${node}: ram empty and cpu 0.00 (monitor returned no samples): recorded as missing`,

  // failed runs
  failedRunBad: (detail: string) => `runner failure record is malformed: ${detail}`,

  // reading files (regular files only, symbolic links, limits)
  unreadableFile: (detail: string) => `cannot read the file: ${detail}`,
  notRegularFile: (kind: string) =>
    `is a ${kind}, not a regular file; only regular files are read, so it was not opened`,
  symlinkOutside: (target: string) =>
    `is a symbolic link leading out of the campaign directory, to ${target}; not read (allow it with --follow-symlinks-outside / followSymlinksOutside)`,
  symlinkFollowedOutside: (target: string) => `symbolic link leading out of the campaign directory, to ${target}`,
  danglingSymlink: (code: string) => `is a symbolic link that leads nowhere (${code}); nothing to read`,
  symlinkLoop: (first: string) =>
    `is a directory already walked as ${first} (a symbolic link to it, or a loop); not walked twice, so nothing is counted twice`,
  vanished: (code: string) => `vanished between listing the directory and reading it (${code})`,
  unreadableDirectory: (code: string) => `cannot list this directory (${code}); the files in it are not ingested`,
  fileTooLarge: (size: string, limit: string) =>
    `is ${size}, larger than the file size limit of ${limit} (raise it with --max-file-size / maxFileSize); not read`,
  jsonUnreadable: (position: string) =>
    `neither knb's JSON layout nor valid JSON (${position}); expected a knb JSON report`,
};
