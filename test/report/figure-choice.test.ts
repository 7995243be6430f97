/**
 * Issue 14, "Choice": campaign.yaml `figures:` selects which figure kinds and which levels (facets) the report draws,
 * validated as the rest of campaign.yaml (a bad key or value names its line and the allowed values); the CLI's figure
 * options win over it. Built on a small shape A look-alike (plugin × OS × tuning, not crossed), specs only (no
 * rendering) except where a format is the point.
 */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { parseCampaignConfig } from '../../src/ingest/config.js';
import { ingestCampaign } from '../../src/ingest/index.js';
import { buildReport } from '../../src/report/index.js';
import { generateShapeA, writeCampaignFiles } from '../../src/synth/index.js';
import { CnibenchError } from '../../src/model/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnibench-figure-choice-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A shape A look-alike whose campaign.yaml ends with `figures` (YAML text, indented under `figures:`). */
function campaign(name: string, figures: string | null): string {
  const dir = join(scratch, name);
  writeCampaignFiles(dir, generateShapeA({ plugins: ['calico-3.16', 'flannel', 'weavenet'] }));
  if (figures !== null) appendFileSync(join(dir, 'campaign.yaml'), `figures:\n${figures}`);
  return dir;
}

const specsIn = (out: string): string[] =>
  readdirSync(join(out, 'figures'))
    .filter((f) => f.endsWith('.vl.json'))
    .sort();

async function cli(args: string[]) {
  const io = memoryIO(scratch, { SOURCE_DATE_EPOCH: '1700000000' });
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

function thrown(run: () => unknown): CnibenchError {
  try {
    run();
  } catch (error) {
    if (error instanceof CnibenchError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

const HEAD = 'name: x\nlayout: "{os}/{plugin}/{iteration}"\n';

describe('campaign.yaml figures: is read and validated', () => {
  it('reads every entry', () => {
    const c = parseCampaignConfig(
      `${HEAD}figures:\n  kinds: [paper-grid, delta-heatmap]\n  levels:\n    os: [u18.04-default]\n` +
        `    tuning: default, mtu\n  conditions: [idle, p2p-tcp]\n  metrics: [ram]\n  x: plugin\n  color: tuning\n` +
        `  size: column\n  max-figures: 2\n  formats: none\n`,
    );
    expect(c.figures).toMatchObject({
      kinds: ['paper-grid', 'delta-heatmap'],
      levels: { os: ['u18.04-default'], tuning: ['default', 'mtu'] },
      conditions: ['idle', 'p2p-tcp'],
      metrics: ['ram'],
      x: 'plugin',
      color: 'tuning',
      size: 'column',
      maxFigures: 2,
      formats: [],
      lines: { kinds: 4, 'levels.os': 6, 'levels.tuning': 7, x: 10 },
    });
    // kinds in report order whatever order they are written in; `none` is no figure at all
    expect(parseCampaignConfig(`${HEAD}figures:\n  kinds: over-time, paper-grid\n`).figures?.kinds).toEqual([
      'paper-grid',
      'over-time',
    ]);
    expect(parseCampaignConfig(`${HEAD}figures:\n  kinds: none\n`).figures?.kinds).toEqual([]);
    expect(parseCampaignConfig(`${HEAD}figures:\n  kinds: all\n`).figures?.kinds).toHaveLength(5);
    expect(parseCampaignConfig(HEAD).figures).toBeNull();
  });

  it.each([
    ['  kind: [paper-grid]\n', 4, 'unknown key "kind" in figures; expected one of kinds, levels, conditions'],
    [
      '  kinds:\n    - paper-grid\n    - heatmap\n',
      6,
      'figures.kinds: "heatmap" is not one of paper-grid, delta-heatmap, interaction, iterations, over-time, all, none',
    ],
    ['  size: a4\n', 4, 'figures.size: "a4" is not one of column, page'],
    ['  max-figures: 0\n', 4, 'figures.max-figures must be an integer ≥ 1'],
    ['  max-figures: many\n', 4, 'figures.max-figures must be an integer ≥ 1'],
    ['  formats: [svg, gif]\n', 4, 'figures.formats: "gif" is not one of svg, png, pdf, none'],
    ['  metrics: [cpu, disk]\n', 4, 'figures.metrics: "disk" is not one of bandwidth, cpu, cpu_user'],
    ['  conditions: [p2p-sctp]\n', 4, 'figures.conditions: "p2p-sctp" is not one of idle, idle-tcp'],
    ['  metrics: []\n', 4, 'figures.metrics must be at least one of bandwidth, cpu'],
    ['  kinds: [none, paper-grid]\n', 4, 'figures.kinds: "none" is not one of paper-grid'],
    ['  levels: [ATH]\n', 4, 'figures.levels must be a mapping factor → the levels to draw'],
    ['  levels:\n    os: {a: 1}\n', 5, 'figures.levels.os must be a list of names'],
    ['  x: plugin\n  color: plugin\n', 5, 'figures.color must be a factor other than x (plugin)'],
    ['  - paper-grid\n', 4, 'figures must be a mapping with kinds, levels'],
  ])('rejects %j with its line and the allowed values', (figures, line, message) => {
    const error = thrown(() => parseCampaignConfig(`${HEAD}figures:\n${figures}`));
    expect(error).toMatchObject({ code: 'campaign-config', file: 'campaign.yaml', line });
    expect(error.message).toContain(message);
  });

  it('checks factor and level names against the data once read (line kept), and resolves aliases', async () => {
    const fails = async (figures: string) => {
      const dir = campaign(`bad-${Math.random().toString(36).slice(2)}`, figures);
      return ingestCampaign(dir, { samples: 'none' }).then(
        () => {
          throw new Error('no error');
        },
        (error: unknown) => error as CnibenchError,
      );
    };
    // campaign.yaml of the look-alike has 15 lines; figures: is line 16
    expect(await fails('  levels:\n    testbed: [ATH]\n')).toMatchObject({
      file: 'campaign.yaml',
      line: 18,
      message: expect.stringContaining('figures.levels.testbed names factor "testbed", which is not in the layout'),
    });
    expect(await fails('  color: kernel\n')).toMatchObject({ line: 17 });
    const level = await fails('  levels:\n    plugin: [flannel, calcio]\n');
    expect(level).toMatchObject({ file: 'campaign.yaml', line: 18 });
    expect(level.message).toContain('figures.levels.plugin: "calcio" is not a level of plugin; its levels are');
    const condition = await fails('  conditions: [p2s-udp, n2n-tcp]\n');
    expect(condition).toMatchObject({ line: 17 });
    expect(condition.message).toContain('"n2n-tcp" was not measured in this campaign; its conditions are idle');
    // a label or an alias names the level
    const ok = await ingestCampaign(campaign('alias', '  levels:\n    plugin: [Weave Net, Flannel]\n'), {
      samples: 'none',
    });
    expect(ok.campaign.figures?.levels).toEqual({ plugin: ['weave', 'flannel'] });
  });
});

describe('report build draws the figures campaign.yaml chooses; the CLI wins', () => {
  const dir = campaign(
    'choice',
    '  kinds: [paper-grid, iterations]\n  levels:\n    os: [u20.04-default]\n  max-figures: 4\n  formats: none\n',
  );
  // the same campaign without figures:, for what is drawn by default
  const plain = campaign('plain', null);

  it('honours kinds, levels and formats of campaign.yaml', { timeout: 120_000 }, async () => {
    const all = await buildReport(plain, { out: join(scratch, 'plain-out'), formats: [], renderThreads: 1 });
    const every = specsIn(all.outDir);
    expect(every.some((f) => f.startsWith('delta-heatmap-'))).toBe(true);
    expect(every).toContain('paper-grid-u18.04-default.vl.json');

    const chosen = await buildReport(dir, { out: join(scratch, 'choice-out'), renderThreads: 1 });
    expect(specsIn(chosen.outDir)).toEqual(['iterations-u20.04-default.vl.json', 'paper-grid-u20.04-default.vl.json']);
    // formats: none — the specs only, nothing rendered; summary.json says what was used
    expect(readdirSync(join(chosen.outDir, 'figures')).every((f) => f.endsWith('.vl.json'))).toBe(true);
    expect(chosen.summary.display.formats).toEqual([]);
    // the Method says what the figures were drawn for; the tables keep every level
    const index = readFileSync(join(chosen.outDir, 'index.md'), 'utf8');
    expect(index).toContain('Figures drawn for os = u20.04-default only (the tables hold every level).');
    expect(readFileSync(join(chosen.outDir, 'tables', 'cells.csv'), 'utf8')).toContain('u18.04-default');
    // the figure is the whole design's figure of that OS: same spec
    const grid = (out: string) => readFileSync(join(out, 'figures', 'paper-grid-u20.04-default.vl.json'), 'utf8');
    expect(grid(chosen.outDir)).toBe(grid(all.outDir));
  });

  it("keeps the whole design's roles for a selection of levels", { timeout: 120_000 }, async () => {
    // whole design: plugin (3 levels, compared) as colour, tuning on x, one figure per OS. Two tunings alone would
    // put OS (3 levels) on x and draw one figure per tuning; a selection keeps the roles instead
    const result = await buildReport(plain, {
      out: join(scratch, 'tunings-out'),
      formats: [],
      figures: ['paper-grid'],
      figureLevels: { tuning: ['Default', 'mtu'] },
      figureConditions: ['idle', 'p2p-tcp'],
    });
    expect(specsIn(result.outDir)).toEqual([
      'paper-grid-u18.04-default.vl.json',
      'paper-grid-u18.04-hwe.vl.json',
      'paper-grid-u20.04-default.vl.json',
    ]);
    const spec = JSON.parse(
      readFileSync(join(result.outDir, 'figures', 'paper-grid-u18.04-default.vl.json'), 'utf8'),
    ) as {
      facet: { row: { sort: string[] }; column: { sort: string[] } };
      spec: { layer: { encoding: { x: { sort: string[] } } }[] };
    };
    expect([...spec.spec.layer[0]!.encoding.x.sort].sort()).toEqual(['default', 'mtu']);
    // two conditions: 2 rows of 3 panels
    expect(spec.facet.row.sort).toHaveLength(2);
    expect(spec.facet.column.sort).toHaveLength(3);
    expect(result.summary.notes).toContain(
      'Figures drawn for tuning = default, mtu only (the tables hold every level).',
    );
  });

  it('takes the CLI figure options over campaign.yaml', { timeout: 120_000 }, async () => {
    const out = join(scratch, 'cli-out');
    const { code, err } = await cli([
      'report',
      'build',
      dir,
      '-o',
      out,
      '-q',
      '--threads',
      '1',
      '--figures',
      'delta-heatmap,paper-grid',
      '--figure-levels',
      'os=u18.04-hwe',
      '--formats',
      'svg',
      '--figure-metric',
      'ram',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const files = readdirSync(join(out, 'figures')).sort();
    expect(files).toEqual([
      'delta-heatmap-u18.04-hwe.svg',
      'delta-heatmap-u18.04-hwe.vl.json',
      'paper-grid-u18.04-hwe.svg',
      'paper-grid-u18.04-hwe.vl.json',
    ]);
    // one metric: RAM only
    const grid = readFileSync(join(out, 'figures', 'paper-grid-u18.04-hwe.vl.json'), 'utf8');
    expect(grid).toContain('RAM (MiB)');
    expect(grid).not.toContain('CPU (%)');
    // --figures none draws nothing, whatever campaign.yaml says
    const none = await cli(['report', 'build', dir, '-o', join(scratch, 'none-out'), '-q', '--figures', 'none']);
    expect(none.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(scratch, 'none-out', 'summary.json'), 'utf8')) as { figures: [] };
    expect(summary.figures).toEqual([]);
    expect(existsSync(join(scratch, 'none-out', 'figures'))).toBe(false);
  });

  it.each([
    [['--figure-levels', 'os'], '--figure-levels expects FACTOR=LEVEL,LEVEL (e.g. testbed=ATH), got "os"'],
    [['--figure-levels', 'kernel=5.4'], 'option figureLevels: "kernel" is not a factor of this campaign'],
    [['--figure-levels', 'os=u22.04'], '"u22.04" is not a level of os; its levels are'],
    [['--figure-condition', 'p2p-custom'], 'option figureConditions: "p2p-custom" is not one of "idle", "p2p-tcp"'],
    [['--figure-metric', 'disk'], '--figure-metric expects a comma-separated list of bandwidth, cpu,'],
    [['--figures', 'heatmap'], "--figures 'heatmap' is not a figure kind; expected paper-grid, delta-heatmap"],
  ])('rejects %j with exit 2 and a clear message', async (args, message) => {
    const { code, err } = await cli(['report', 'build', dir, '-o', join(scratch, 'bad-out'), '-q', ...args]);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('--help lists every figure kind', async () => {
    const { out } = await cli(['report', '--help']);
    for (const kind of ['paper-grid', 'delta-heatmap', 'interaction', 'iterations', 'over-time']) {
      expect(out).toContain(kind);
    }
    expect(out).toContain('--figure-levels F=A,B');
    expect(out).toMatch(/each wins over the same entry of campaign\.yaml's figures: section/);
  });
});

// keep the helper honest: the look-alike's campaign.yaml has the 15 lines the line numbers above count on
it('the look-alike campaign.yaml is 15 lines long', () => {
  const dir = campaign('count', null);
  expect(readFileSync(join(dir, 'campaign.yaml'), 'utf8').split('\n').length - 1).toBe(15);
  writeFileSync(join(dir, 'unused'), '');
});
