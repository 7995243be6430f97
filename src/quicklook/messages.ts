/** User-facing texts of the quick looks (errors and titles), as functions so that tests assert on them. */

export const quicklookMessages = {
  unknownFactor: (name: string, known: readonly string[]): string =>
    `the selection names the factor "${name}", but the dataset has ${known.map((k) => `"${k}"`).join(', ')}`,
  unknownLevel: (factor: string, level: string, known: readonly string[]): string =>
    `the selection names ${factor} = "${level}", but its levels are ${known.map((k) => `"${k}"`).join(', ')}`,
  nothingSelected: (what: string, selection: string): string =>
    `no ${what} matches the selection ${selection}: nothing to draw`,
  mixedConditions: (conditions: readonly string[]): string =>
    `the selection holds ${conditions.length} test conditions (${conditions.join(', ')}); choose one with test, protocol and node`,
  tooManyFactors: (factors: readonly string[]): string =>
    `the selection leaves ${factors.length} factors varying (${factors.join(', ')}); fix all but three with factors: { … }`,
  samplesTitle: (metric: string, parts: readonly string[]): string =>
    `${metric} per second${parts.length ? `: ${parts.join(', ')}` : ''}`,
  iterationsTitle: (metric: string, parts: readonly string[]): string =>
    `${metric} per iteration (dots), median and interquartile range${parts.length ? `: ${parts.join(', ')}` : ''}`,
  driftTitle: (metric: string, axis: 'date' | 'order', parts: readonly string[], undated: number): string =>
    `${metric} over ${axis === 'date' ? 'run date (UTC)' : 'run order (no run carries a date)'}${parts.length ? `: ${parts.join(', ')}` : ''}` +
    (undated > 0 ? ` (${undated} value${undated === 1 ? '' : 's'} from runs without a date left out)` : ''),
  secondsAxis: (): string => 'seconds since the first sample of the test',
  runOrderAxis: (): string => 'run (in order of source file)',
  dateAxis: (): string => 'run date (UTC)',
};
