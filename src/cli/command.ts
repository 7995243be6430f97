import type { CliIO } from './io.js';

/** One `cnibench <name>` subcommand. `run` returns the exit code (see EXIT in model/errors.ts). */
export interface Command {
  readonly name: string;
  /** one line for `cnibench --help` */
  readonly summary: string;
  /** full `cnibench <name> --help` text: usage, options with defaults, examples */
  readonly help: string;
  run(argv: readonly string[], io: CliIO): Promise<number>;
}
