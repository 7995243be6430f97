import { resolve } from 'node:path';
import { choiceOption, parseCommandArgs, parseLevels } from './args.js';
import type { Command } from './command.js';
import type { CliIO } from './io.js';
import { CnibenchError, EXIT, METRICS, type Metric } from '../model/index.js';
import { ingestCampaign } from '../ingest/index.js';
import { analyse, type AnalysisOptions } from '../stats/index.js';
import {
  anovaTermsTable,
  cellsTable,
  deltasTable,
  flagsTable,
  LATEX_ENVIRONMENTS,
  latexTable,
  markdownTable,
  paperTables,
  selectAnalysis,
  type DisplayTable,
} from '../tables/index.js';

const KINDS = { cells: cellsTable, deltas: deltasTable, anova: anovaTermsTable, interactions: flagsTable } as const;

const HELP = `cnibench table DIR — one table of a campaign, ready to \\input in a paper

Usage: cnibench table DIR [options]      (the table goes to standard output)

Options:
      --kind KIND          cells (mean ± sd), deltas (% change vs the baseline), anova, interactions
                           (default: cells)
      --metric LIST        metrics, comma-separated: cpu, ram, bandwidth, cpu_user … (default: cpu,ram,bandwidth)
      --condition LIST     conditions, comma-separated: idle, p2p-tcp, p2p-udp, p2s-tcp, p2s-udp (default: all)
      --levels F=A,B       keep only these levels of factor F; repeat for other factors
                           (e.g. --levels plugin=flannel,cilium --levels distribution=k8s,k3s)
      --split LIST         one table per combination of these columns (factor names, condition, node,
                           metric); "none" for one table (default: none)
      --caption TEXT       the caption (default: what the table holds)
      --label TEXT         the \\label (default: tab:cnibench-<table id>)
      --environment ENV    auto (table for a column, table* for the page, by width), table, table*,
                           longtable (one-column documents; needs \\usepackage{longtable}) (default: auto)
      --format FORMAT      tex or md (default: tex)
  -b, --baseline LEVEL     baseline level of the compared factor (default: campaign.yaml's, else k8s)
      --factor NAME        factor compared against the baseline (default: distribution)
      --node ROLE          node whose CPU and RAM are shown: server, client or both (default: server)
  -h, --help               this help

The LaTeX needs \\usepackage{booktabs} and \\usepackage{siunitx} in the preamble; it is ASCII only.

Examples:
  cnibench table my-campaign --kind deltas --metric ram --condition idle --caption 'RAM at idle' --label tab:ram
  cnibench table my-campaign --levels plugin=flannel,cilium --metric bandwidth > tables/bw.tex
`;

function list(raw: string | undefined): string[] | undefined {
  return raw === undefined
    ? undefined
    : raw
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('table', argv, {
    kind: { type: 'string' },
    metric: { type: 'string' },
    condition: { type: 'string' },
    levels: { type: 'string', multiple: true },
    split: { type: 'string' },
    caption: { type: 'string' },
    label: { type: 'string' },
    environment: { type: 'string' },
    format: { type: 'string' },
    baseline: { type: 'string', short: 'b' },
    factor: { type: 'string' },
    node: { type: 'string' },
  });
  if (positionals.length !== 1) {
    throw new CnibenchError('usage', 'cnibench table: give one campaign directory', {
      hint: 'see `cnibench table --help`',
    });
  }
  const str = (name: string): string | undefined => values[name] as string | undefined;
  const kind = choiceOption(
    'table',
    'kind',
    str('kind'),
    ['cells', 'deltas', 'anova', 'interactions'] as const,
    'cells',
  );
  const environment = choiceOption('table', 'environment', str('environment'), LATEX_ENVIRONMENTS, 'auto');
  const format = choiceOption('table', 'format', str('format'), ['tex', 'md'] as const, 'tex');
  const node = choiceOption('table', 'node', str('node'), ['server', 'client', 'both'] as const, 'server');
  const metrics = list(str('metric'));
  for (const m of metrics ?? []) {
    if (!(METRICS as readonly string[]).includes(m)) {
      throw new CnibenchError('usage', `cnibench table: --metric '${m}' is not one of ${METRICS.join(', ')}`);
    }
  }
  const splitRaw = str('split');
  const split = splitRaw === undefined || splitRaw === 'none' ? [] : (list(splitRaw) ?? []);

  const dataset = await ingestCampaign(resolve(io.cwd, positionals[0]!), { samples: 'none' });
  const analysisOptions: Partial<AnalysisOptions> = {
    ...(str('factor') !== undefined ? { factor: str('factor') } : {}),
    ...(str('baseline') !== undefined ? { baseline: str('baseline') } : {}),
  };
  const analysis = selectAnalysis(analyse(dataset, analysisOptions), {
    ...(metrics !== undefined ? { metrics: metrics as Metric[] } : {}),
    ...(list(str('condition')) !== undefined ? { conditions: list(str('condition')) } : {}),
    levels: parseLevels('table', 'levels', values['levels'] as string[] | undefined) ?? {},
  });
  const full: DisplayTable = KINDS[kind](analysis, {
    node,
    ...(metrics !== undefined ? { metrics: metrics as Metric[] } : {}),
  });
  const parts = paperTables(full, { by: split, maxRows: environment === 'longtable' ? Infinity : undefined });
  if (parts.length === 0) {
    io.stderr('cnibench table: the selection holds no row (nothing to print)\n');
    return EXIT.partial;
  }
  for (const [i, part] of parts.entries()) {
    const one = parts.length === 1;
    if (format === 'md') {
      io.stdout(markdownTable(one && str('caption') !== undefined ? { ...part, title: str('caption')! } : part));
    } else {
      io.stdout(
        latexTable(part, {
          environment,
          ...(str('caption') !== undefined
            ? { caption: one ? str('caption')! : `${str('caption')!} (${part.title})` }
            : {}),
          ...(str('label') !== undefined ? { label: one ? str('label')! : `${str('label')!}-${i + 1}` } : {}),
        }),
      );
    }
    if (i < parts.length - 1) io.stdout('\n');
  }
  return EXIT.ok;
}

export const command: Command = {
  name: 'table',
  summary: 'one table of a campaign (metric, condition, levels, caption, label) as LaTeX or Markdown',
  help: HELP,
  run,
};
