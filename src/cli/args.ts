import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CnibenchError } from '../model/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs with errors turned into a CnibenchError that names the command and points to --help.
 * Always strict (unknown options are errors) and allows positionals.
 */
export function parseCommandArgs<T extends Options>(
  command: string,
  argv: readonly string[],
  options: T,
): { values: Record<string, string | boolean | string[] | boolean[] | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | string[] | boolean[] | undefined>, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CnibenchError('usage', `cnibench ${command}: ${message.replace(/\. To specify a positional.*$/s, '')}`, {
      hint: `see \`cnibench ${command} --help\``,
    });
  }
}

/** Parse a positive integer option, with an error naming the option. */
export function intOption(command: string, name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new CnibenchError('usage', `cnibench ${command}: --${name} expects an integer ≥ ${min}, got "${raw}"`);
  }
  return Number(raw);
}

/** Parse an option restricted to a set of values, with an error listing them. */
export function choiceOption<C extends string>(
  command: string,
  name: string,
  raw: string | undefined,
  choices: readonly C[],
  fallback: C,
): C {
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new CnibenchError(
      'usage',
      `cnibench ${command}: --${name} expects one of ${choices.join(', ')}, got "${raw}"`,
    );
  }
  return raw as C;
}

/**
 * Repeatable `--<option> FACTOR=LEVEL,LEVEL` options (`--levels`, `--figure-levels`) → factor → levels; a factor named
 * twice keeps the levels of both. Undefined when the option was not given.
 */
export function parseLevels(
  command: string,
  option: string,
  raw: readonly string[] | undefined,
): Record<string, string[]> | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  const levels: Record<string, string[]> = {};
  for (const item of raw) {
    const eq = item.indexOf('=');
    const wanted = item
      .slice(eq + 1)
      .split(',')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (eq <= 0 || wanted.length === 0) {
      throw new CnibenchError(
        'usage',
        `cnibench ${command}: --${option} expects FACTOR=LEVEL,LEVEL (e.g. testbed=ATH), got "${item}"`,
      );
    }
    const factor = item.slice(0, eq).trim();
    levels[factor] = [...(levels[factor] ?? []), ...wanted];
  }
  return levels;
}
