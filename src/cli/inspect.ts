import { statSync } from 'node:fs';
import { inspectJson, inspectText } from '../ingest/index.js';
import { basename, resolve } from 'node:path';
import {
  DEFAULT_MAX_FILE_SIZE,
  hasErrors,
  isKnbDirectory,
  parseKnb,
  parseKnbDirectory,
  readRegularFile,
  withMissingSummary,
} from '../knb/index.js';
import { CnibenchError, EXIT, terminalText } from '../model/index.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: cnibench inspect FILE [--json]

Print one knb output normalised: the format and knb version detected (by content), metadata, a table of values
(missing values with their reason) and every warning or error with its line. FILE may be a .knbdata archive, an
extracted knb directory (containing env), or a json, yaml, text or ibdbench report.

Options:
  --json      machine-readable output (the normalised run, per-second samples included)
  -h, --help  this help

Exit status: 0 read (possibly with warnings), 1 rejected (errors listed), 2 could not run.

Examples:
  cnibench inspect run1.knbdata
  cnibench inspect report.json --json
`;

export const command: Command = {
  name: 'inspect',
  summary: 'print one knb output file, normalised',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('inspect', argv, { json: { type: 'boolean' } });
    if (positionals.length !== 1) {
      throw new CnibenchError('usage', 'cnibench inspect: expected one file', {
        hint: 'see `cnibench inspect --help`',
      });
    }
    const path = resolve(io.cwd, positionals[0]!);
    const shown = positionals[0]!;
    let parsed;
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new CnibenchError('not-found', `cannot read ${shown}: no such file or directory`, { file: shown });
    }
    if (isDir) {
      if (!isKnbDirectory(path)) {
        throw new CnibenchError(
          'not-knb',
          `${shown} is a directory without an env file; expected a knb work directory`,
          {
            file: shown,
          },
        );
      }
      parsed = withMissingSummary(parseKnbDirectory(path, shown || basename(path)));
    } else {
      // a regular file only, within the size limit: a FIFO or /dev/zero named here must not hang or fill memory
      const read = readRegularFile(path, DEFAULT_MAX_FILE_SIZE);
      if (!read.ok) throw new CnibenchError(read.code, `${shown} ${read.message}`, { file: shown });
      parsed = parseKnb(read.bytes, shown);
    }
    // the text form is for people: names from the file are printed with control sequences escaped (JSON escapes its own)
    io.stdout(values['json'] === true ? inspectJson(parsed) : terminalText(inspectText(parsed)));
    return hasErrors(parsed.issues) || !parsed.run ? (parsed.failure ? EXIT.ok : EXIT.partial) : EXIT.ok;
  },
};
