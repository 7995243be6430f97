/**
 * User-facing texts of the runner (`cnibench run`): plan validation errors, progress lines, failure reasons.
 * Tests assert on these functions rather than on literal strings.
 */

export const runnerMessages = {
  // ── plan validation ───────────────────────────────────────────────────────────────────────────────────────
  noCampaignFile: (file: string) => `no campaign file: expected ${file} with a \`runs:\` section`,
  noRunsSection: () => 'campaign.yaml has no `runs:` section; add one describing the clusters to measure',
  expectedMap: (where: string) => `${where}: expected a mapping (key: value lines)`,
  expectedList: (where: string) => `${where}: expected a list`,
  expectedString: (where: string, got: string) => `${where}: expected a text value, got ${got}`,
  expectedInteger: (where: string, min: number, got: string) => `${where}: expected an integer ≥ ${min}, got ${got}`,
  expectedBounded: (where: string, min: number, max: number, got: string) =>
    `${where}: expected an integer from ${min} to ${max}, got ${got}`,
  tooManyRuns: (clusters: number, iterations: number, max: number) =>
    `runs: ${clusters} clusters × ${iterations} iterations = ${clusters * iterations} runs, more than the ${max} a plan may hold; split the campaign`,
  backoffTooLong: (backoff: number, retries: number, max: number) =>
    `runs.backoff: ${backoff} s doubled over ${retries} retries waits ${backoff * 2 ** Math.max(0, retries - 1)} s before the last one, more than the ${max} s a timer can wait; lower backoff or retries`,
  layoutStateDir: (layout: string, dir: string) =>
    `layout "${layout}": it lies under ${dir}/, the runner's state, which ingest does not read`,
  layoutSegment: (layout: string, segment: string) =>
    `layout "${layout}": segment "${segment}" ${segment === '' ? 'is empty (a doubled or leading /)' : 'starts or ends with dots, or is absolute'}; ingest could not find the files (segments are names, not paths)`,
  expectedChoice: (where: string, choices: readonly string[], got: string) =>
    `${where}: expected one of ${choices.join(', ')}, got ${got}`,
  expectedCommand: (where: string) =>
    `${where}: expected a command as a list of arguments, e.g. [ansible-playbook, deploy.yml] (never a shell string)`,
  unknownKey: (where: string, key: string, known: readonly string[]) =>
    `${where}: unknown key "${key}"; expected one of ${known.join(', ')}`,
  missingKey: (where: string, key: string) => `${where}: missing required key "${key}"`,
  noClusters: () => '`runs:` declares no cluster: add a `clusters:` list or a `matrix:` shorthand',
  unknownTemplateField: (where: string, field: string, known: readonly string[]) =>
    `${where}: unknown placeholder {${field}}; expected one of ${known.map((k) => `{${k}}`).join(', ')}`,
  layoutField: (layout: string, field: string) =>
    `layout "${layout}": placeholder {${field}} is not a factor of this cluster (give it under \`factors:\`)`,
  layoutNeedsIteration: (layout: string) => `layout "${layout}": must end with the {iteration} placeholder`,
  duplicateCell: (where: string, cell: string, other: string) =>
    `${where}: cell ${cell} is planned twice (also at ${other}); every cluster must write its own cell`,
  unknownOnlyTest: (where: string, got: string) =>
    `${where}: unknown knb test slug "${got}"; knb accepts all, tcp, udp, p2p, p2s, p2ptcp, p2pudp, p2stcp, p2sudp, idle`,
  badSocketBuffer: (where: string, got: string) =>
    `${where}: expected a socket buffer size like 256K, 1M or auto, got "${got}"`,

  // ── names ─────────────────────────────────────────────────────────────────────────────────────────────────
  badName: (where: string, value: string, why: string) => `${where}: unsafe name ${JSON.stringify(value)}: ${why}`,
  nameEmpty: () => 'it is empty',
  nameSeparator: () => 'it contains a path separator (/ or \\)',
  nameDots: () => 'it is "." or ".." or contains ".."',
  nameHidden: () => 'it starts with "." (a hidden directory, which ingest does not read)',
  nameControl: () => 'it contains a control character (newline, tab, escape, ...)',
  nameShell: (chars: string) =>
    `it contains ${chars}, which are not allowed in names (letters, digits, . _ - + @ = : , and spaces only)`,
  nameLeadingDash: () => 'it starts with "-", which a command would read as an option',
  nameTooLong: (max: number) => `it is longer than ${max} characters`,
  outsideCampaign: (path: string, dir: string) =>
    `refusing to write ${path}: it is outside the campaign directory ${dir}`,

  // ── execution ─────────────────────────────────────────────────────────────────────────────────────────────
  lockHeld: (pid: number, file: string) =>
    `another cnibench run (pid ${pid}) is running on this campaign (lock ${file}); wait for it or stop it`,
  timedOut: (seconds: number) => `timed out after ${seconds} s; the process group was killed`,
  exitCode: (code: number) => `exited with status ${code}`,
  killedBySignal: (signal: string) => `killed by signal ${signal}`,
  spawnFailed: (program: string, detail: string) => `could not start ${program}: ${detail}`,
  knbMissing: (program: string, detail: string) => `cannot start knb (${program}): ${detail}`,
  knbMissingHint: () => 'set `knb:` under `runs:` in campaign.yaml to the path of knb, or put knb in PATH',
  noArchive: (file: string) => `knb exited 0 but wrote no .knbdata archive at ${file}`,
  notAnArchive: (file: string) => `knb wrote ${file}, but it is not a gzip archive (expected -o data output)`,
  brokenGzip: (file: string, why: string) => `knb exited 0, but ${file} is a damaged or truncated gzip stream (${why})`,
  brokenTar: (file: string, why: string) => `knb exited 0, but the tar archive in ${file} is not complete: ${why}`,
  archiveTooLarge: (file: string, max: number) =>
    `knb wrote ${file}, larger than ${max} bytes (a knb archive is far smaller)`,
  setupFailed: (reason: string) => `setup command failed: ${reason}`,
  teardownFailed: (cell: string, reason: string) => `teardown of ${cell} failed: ${reason}`,
  interrupted: () => 'interrupted: the child process group was killed; rerun the same command to resume',
  stoppedByPolicy: (cell: string, iteration: number) =>
    `stopping (failure policy "stop") after ${cell} iteration ${iteration} failed`,

  // ── progress ──────────────────────────────────────────────────────────────────────────────────────────────
  progressLine: (p: {
    cellsDone: number;
    cells: number;
    done: number;
    total: number;
    failed: number;
    elapsed: string;
    remaining: string;
  }) =>
    `cells ${p.cellsDone}/${p.cells}  iterations ${p.done}/${p.total}` +
    (p.failed > 0 ? `  failed ${p.failed}` : '') +
    `  elapsed ${p.elapsed}  remaining ~${p.remaining}`,
  iterationStarted: (cell: string, iteration: number, attempt: number) =>
    `start ${cell} #${iteration}${attempt > 1 ? ` (attempt ${attempt})` : ''}`,
  iterationDone: (cell: string, iteration: number, seconds: number) =>
    `done  ${cell} #${iteration} in ${seconds.toFixed(1)} s`,
  iterationRetry: (cell: string, iteration: number, reason: string, delay: number) =>
    `retry ${cell} #${iteration}: ${reason}; next attempt in ${delay} s`,
  iterationFailed: (cell: string, iteration: number, reason: string) => `FAIL  ${cell} #${iteration}: ${reason}`,
  iterationSkipped: (cell: string, iteration: number) => `skip  ${cell} #${iteration} (already complete)`,
  summary: (s: { done: number; skipped: number; failed: number; notRun: number; elapsed: string }) =>
    `finished: ${s.done} measured, ${s.skipped} already complete, ${s.failed} failed, ${s.notRun} not run` +
    ` (${s.elapsed})`,

  storageFailed: (meaning: string, code: string, path: string) => `${meaning} while writing ${path} (${code})`,
  storageFailedHint:
    'free space (or fix the permissions) and run the same command again: finished iterations are kept, the rest resumes',

  // ── local backend ─────────────────────────────────────────────────────────────────────────────────────────
  localNeedsRoot: () => 'the local backend needs root (it creates network namespaces and a veth pair)',
  localNeedsTool: (tool: string) => `the local backend needs ${tool}; install it (Debian: apt-get install -y ${tool})`,
};
