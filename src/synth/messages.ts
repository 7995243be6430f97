/** User-facing texts of the synth stage (generator of knb outputs and of the example campaign). */

/** An option of the generator is out of range. */
export function invalidOption(option: string, value: string, expected: string): string {
  return `synth: option ${option} = "${value}" is invalid; expected ${expected}`;
}

/** A campaign parameter table names a level that is not in the campaign's factors. */
export function unknownLevel(factor: string, level: string, known: readonly string[]): string {
  return `synth: unknown ${factor} "${level}" in the campaign parameters; known: ${known.join(', ')}`;
}

/** `cnibench fixtures generate` refuses to write into a non-empty directory that is not a generated campaign. */
export function refuseNonEmpty(dir: string): string {
  return `${dir}: directory exists, is not empty and has no campaign.yaml written by cnibench fixtures; refusing to overwrite it`;
}

/** Summary line printed after generation. */
export function generatedSummary(dir: string, files: number, bytes: number): string {
  return `wrote ${files} files (${(bytes / 1024).toFixed(0)} KiB) of a synthetic knb campaign into ${dir}\n`;
}

/** Unknown `cnibench fixtures` action. */
export function unknownAction(action: string | undefined): string {
  return action === undefined
    ? 'cnibench fixtures: missing action; expected `generate`'
    : `cnibench fixtures: unknown action "${action}"; expected \`generate\``;
}

/** The example campaign's parameter table has no row for a parameter in a cell. */
export function missingParameter(parameter: string, cell: string): string {
  return `synth: the example parameter table has no row for ${parameter} in cell ${cell}`;
}
