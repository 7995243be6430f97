import { CnibenchError, EXIT, terminalText, maxOf } from '../model/index.js';
import type { Command } from './command.js';
import { processIO, type CliIO } from './io.js';

/** Subcommands are loaded on demand so that `cnibench ingest` never loads the figure renderer. */
const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  ingest: {
    summary: 'read a campaign directory into tidy rows and a ledger',
    load: async () => (await import('./ingest.js')).command,
  },
  inspect: {
    summary: 'print one knb output file, normalised',
    load: async () => (await import('./inspect.js')).command,
  },
  report: {
    summary: 'build the report (figures, tables, findings, HTML) of a campaign',
    load: async () => (await import('./report.js')).command,
  },
  table: {
    summary: 'one table of a campaign (metric, condition, levels, caption, label) as LaTeX or Markdown',
    load: async () => (await import('./table.js')).command,
  },
  run: {
    summary: 'run a benchmark campaign with knb (resumable)',
    load: async () => (await import('./run.js')).command,
  },
  fixtures: {
    summary: 'generate a synthetic example campaign of genuine knb outputs',
    load: async () => (await import('./fixtures.js')).command,
  },
};

function version(): string {
  return '0.1.0';
}

function mainHelp(): string {
  const width = maxOf(Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'cnibench — Kubernetes CNI benchmarks (knb) into statistics, figures and reports',
    '',
    'Usage: cnibench <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     show help (also `cnibench <command> --help`)',
    '  -V, --version  print the version',
    '',
    'Examples:',
    '  cnibench report build                    # report of the bundled example campaign',
    '  cnibench report build my-campaign -o out # report of your campaign into out/',
    '  cnibench ingest my-campaign --format csv # tidy rows + ledger',
    '  cnibench inspect run1.knbdata            # one knb output, normalised',
    '',
  ].join('\n');
}

/** Print an error the way users should see it: no stack trace, file and line first, then a hint. */
export function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CnibenchError) {
    const where = error.file ? `${error.file}${error.line !== undefined ? `:${error.line}` : ''}: ` : '';
    io.stderr(`cnibench: ${where}${error.message}\n`);
    if (error.hint) io.stderr(`  hint: ${error.hint}\n`);
    return EXIT.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `cnibench: internal error: ${message}\n  this is a bug in cnibench; please report it with the command you ran\n`,
  );
  if (io.env['CNIBENCH_DEBUG'] && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT.failure;
}

export async function main(argv: readonly string[], rawIO: CliIO = processIO()): Promise<number> {
  // stderr is for people: names from the user's files (campaign, files, runs) reach it with control sequences escaped.
  // stdout carries data (tidy CSV, dry-run listings) and is escaped where it is produced.
  const io: CliIO = { ...rawIO, stderr: (text) => rawIO.stderr(terminalText(text)) };
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? EXIT.failure : EXIT.ok;
  }
  if (name === '-V' || name === '--version') {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr(
      `cnibench: unknown command "${name}"\n  hint: commands are ${Object.keys(COMMANDS).join(', ')}; see \`cnibench --help\`\n`,
    );
    return EXIT.failure;
  }
  let early: typeof import('./early-render-pool.js') | null = null;
  try {
    // render workers load vega while the report stage loads (early-render-pool.ts; loaded for `report` only)
    early = name === 'report' ? await import('./early-render-pool.js') : null;
    early?.startEarlyRenderPool(rest);
    const command = await entry.load();
    if (rest.includes('-h') || rest.includes('--help')) {
      io.stdout(command.help);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io);
  } finally {
    await early?.closeEarlyRenderPools();
  }
}
