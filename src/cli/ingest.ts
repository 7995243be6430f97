import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import {
  ingestCampaign,
  ledgerReport,
  ledgerSummaryLine,
  tidyCsvBytes,
  tidyCsvChunks,
  tidyTable,
  writeTidyArrow,
} from '../ingest/index.js';
import { CnibenchError, EXIT, oneLine, type Dataset } from '../model/index.js';
import { choiceOption, intOption, parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import type { CliIO } from './io.js';
import { READ_OPTIONS, READ_OPTIONS_HELP, readOptions } from './read-options.js';

const FORMATS = ['csv', 'json', 'arrow'] as const;

const HELP = `Usage: cnibench ingest DIR [options]

Read a campaign directory of knb outputs (any format: .knbdata archives, extracted directories, json, yaml, text,
ibdbench; detected by content) into tidy rows and a ledger that accounts for every file.

Options:
  --format csv|json|arrow  tidy rows format (default csv)
  -o, --out DIR            write DIR/tidy.<csv|json|arrow> and DIR/ledger.json (DIR is created).
                           Without --out the tidy rows go to stdout (csv or json; arrow needs --out) and no
                           ledger.json is written.
  --layout PATTERN         where files sit (default: campaign.yaml layout, else
                           {testbed}/{distribution}/{plugin}/{iteration}); repeat for alternatives (the first
                           that fits places a file). Placeholders: {name}, {name:constraint} (a restricted regex,
                           e.g. {plugin:[a-z0-9.-]+?} or {tuning:mtu|encryption}), {_} (ignored text),
                           {name=level} (a fixed level matching no text). Literal text may surround them. The
                           last segment is matched against the file name without its knb extension (.knbdata,
                           .knbdata.json, .tsv, ...); {iteration} may sit anywhere in it: 01, 3, run3, _3
  --manifest FILE          a design CSV instead of a layout: a "file" column (path relative to DIR), one column
                           per factor, optionally "iteration"; unlisted files are auxiliary
  --ignore GLOB            files that are not data (auxiliary), e.g. '*.cast'; repeatable; added to
                           campaign.yaml ignore: (* within a name, ** across directories)
  --strict                 files with warnings are rejected
  --threads N              threads reading and parsing files (default: the available cores less one, at most
                           4; fewer when other processes keep cores busy; campaigns of fewer than 1,000
                           files use one); 1 reads every file in the main thread. The output is the same
                           whatever N
${READ_OPTIONS_HELP}
  -q, --quiet              no progress and no summary (rejected files are still listed)
  -h, --help               this help

The ledger summary and every rejected file (file:line: reason) go to stderr.
Exit status: 0 all files ingested, 1 some files rejected, 2 could not run.

Examples:
  cnibench ingest my-campaign -o out
  cnibench ingest my-campaign --format json > tidy.json
  cnibench ingest my-campaign --layout '{testbed}/{mtu}/{distribution}/{plugin}/{iteration}' -o out
  cnibench ingest shape-b --layout '{_}/{testbed}/results/{network}/{mtu}/{_}_{iteration}' -o out
  cnibench ingest my-campaign --manifest design.csv --ignore '*.cast' -o out
`;

/** --layout (repeatable), --manifest and --ignore as ingest options; shared with report build. */
export function layoutOptions(values: Record<string, string | boolean | string[] | boolean[] | undefined>): {
  layout?: string | string[];
  manifest?: string;
  ignore?: string[];
} {
  const layout = values['layout'] as string[] | undefined;
  const manifest = values['manifest'] as string | undefined;
  const ignore = values['ignore'] as string[] | undefined;
  if (layout !== undefined && manifest !== undefined) {
    throw new CnibenchError('usage', 'cnibench: --layout and --manifest exclude each other; give one of them');
  }
  return {
    ...(layout !== undefined ? { layout: layout.length === 1 ? layout[0]! : layout } : {}),
    ...(manifest !== undefined ? { manifest } : {}),
    ...(ignore !== undefined ? { ignore } : {}),
  };
}

function progress(io: CliIO, quiet: boolean): ((done: number, total: number) => void) | undefined {
  if (quiet) return undefined;
  let last = 0;
  return (done, total) => {
    if (total < 200) return;
    const now = Date.now();
    if (done !== total && now - last < 1000) return;
    last = now;
    const text = `ingest: ${done}/${total} files`;
    io.stderr(io.isTTY ? `\r${text}${done === total ? '\n' : ''}` : `${text}\n`);
  };
}

/**
 * Default number of ingest threads: the cores less one, at most 4. A single-threaded ingest already keeps V8's
 * compiler and garbage-collector threads busy on a second core (0.4 s of CPU beside 1.2 s in the main thread, 5,000
 * archives); on the 2-core project machine a parse worker competing with them made the ingest no shorter and its CPU
 * 10–40 % higher in every condition measured, so there the default is one thread.
 */
function defaultIngestThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** The tidy rows as JSON (through an arquero table, loaded only here). */
async function tidyJson(dataset: Dataset): Promise<string> {
  const { toJSON } = await import('arquero');
  return toJSON(tidyTable(dataset));
}

/** Write byte chunks to a file as they come. */
function writeChunks(path: string, chunks: Iterable<Uint8Array>): void {
  const fd = openSync(path, 'w');
  try {
    for (const bytes of chunks) {
      for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
    }
  } finally {
    closeSync(fd);
  }
}

export const command: Command = {
  name: 'ingest',
  summary: 'read a campaign directory into tidy rows and a ledger',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('ingest', argv, {
      format: { type: 'string' },
      out: { type: 'string', short: 'o' },
      layout: { type: 'string', multiple: true },
      manifest: { type: 'string' },
      ignore: { type: 'string', multiple: true },
      strict: { type: 'boolean' },
      threads: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      ...READ_OPTIONS,
    });
    if (positionals.length !== 1) {
      throw new CnibenchError('usage', 'cnibench ingest: expected one campaign directory', {
        hint: 'see `cnibench ingest --help`',
      });
    }
    const format = choiceOption('ingest', 'format', values['format'] as string | undefined, FORMATS, 'csv');
    const out = values['out'] as string | undefined;
    if (format === 'arrow' && out === undefined) {
      throw new CnibenchError('usage', 'cnibench ingest: --format arrow is binary and needs --out DIR');
    }
    const quiet = values['quiet'] === true;
    const threads = intOption('ingest', 'threads', values['threads'] as string | undefined, defaultIngestThreads(), 1);
    const dir = resolve(io.cwd, positionals[0]!);
    const dataset = await ingestCampaign(dir, {
      ...layoutOptions(values),
      strict: values['strict'] === true,
      samples: 'none',
      threads,
      onProgress: progress(io, quiet),
      ...readOptions('ingest', values),
    });
    // CSV and Arrow are streamed from the observations by ingest's tidy writer (the report's too): no table of
    // every value; JSON (for small data) goes through the table
    if (out !== undefined) {
      const outDir = resolve(io.cwd, out);
      mkdirSync(outDir, { recursive: true });
      if (format === 'csv') writeChunks(resolve(outDir, 'tidy.csv'), tidyCsvBytes(dataset));
      else if (format === 'json') writeFileSync(resolve(outDir, 'tidy.json'), await tidyJson(dataset));
      else writeTidyArrow(resolve(outDir, 'tidy.arrow'), dataset);
      writeFileSync(resolve(outDir, 'ledger.json'), `${JSON.stringify(dataset.ledger, null, 2)}\n`);
    } else if (format === 'csv') {
      for (const chunk of tidyCsvChunks(dataset)) io.stdout(chunk);
    } else {
      io.stdout(`${await tidyJson(dataset)}\n`);
    }
    // one line per problem: a file name with a newline or an escape sequence cannot forge lines or drive the terminal
    for (const line of ledgerReport(dataset.ledger)) io.stderr(`${oneLine(line)}\n`);
    if (!quiet) io.stderr(`${ledgerSummaryLine(dataset.ledger)}\n`);
    return dataset.ledger.summary.rejected > 0 ? EXIT.partial : EXIT.ok;
  },
};
