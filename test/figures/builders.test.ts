/** What each figure shows: panels, rows, encodings, options. Key fragments checked with toEqual on the spec. */
import { describe, expect, it } from 'vitest';
import { deltaHeatmap, interactionPlot, iterationsView, paperGrid } from '../../src/figures/index.js';
import { cellFontSize, logRatio } from '../../src/figures/delta-heatmap.js';
import { distributionPalette, MUTED_OPACITY } from '../../src/figures/theme.js';
import * as msg from '../../src/figures/messages.js';
import { makeAnalysis } from './data.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- specs are walked as plain JSON here */
type Panel = any;
/**
 * The panels of a faceted grid in reading order (its rows, then its columns): each with its place, its data rows, the
 * note of an empty one, and its y axis' end (the panel's entry in the domain lookup of the y scale's expression).
 */
const gridPanels = (spec: unknown) => {
  const s = spec as any;
  const drawn = s.spec.layer[0];
  const y = drawn.layer[0].encoding.y;
  const lookup = /^\[0, (\{.*\})\[/.exec(y.scale.domainRaw.expr)![1]!;
  const yMax = JSON.parse(lookup) as Record<string, number>;
  return (s.facet.row.sort as string[]).flatMap((row) =>
    (s.facet.column.sort as string[]).map((column) => {
      const inPanel = s.data.values.filter((v: Panel) => v.row === row && v.column === column);
      return {
        row,
        column,
        values: inPanel.filter((v: Panel) => v.note === undefined),
        note: inPanel.find((v: Panel) => v.note !== undefined)?.note as string | undefined,
        yMax: yMax[`${row}|${column}`],
      };
    }),
  );
};
/** The layer that draws a faceted grid's panels (bars and error bars, or lines), with their x and colour. */
const gridDrawn = (spec: unknown): Panel => (spec as any).spec.layer[0];
/** A faceted heatmap: its cells (not the notes of empty panels), the panels by row and column, and its layers. */
const heatCells = (spec: unknown): Panel[] => (spec as any).data.values.filter((v: Panel) => v.note === undefined);
const heatPanel = (spec: unknown, row: string, column: string): Panel[] =>
  heatCells(spec).filter((v: Panel) => v.row === row && v.column === column);
const heatLayers = (spec: unknown): Panel[] => (spec as any).spec.layer;

const analysis = makeAnalysis();

describe('paper grid', () => {
  const figures = Object.values(paperGrid(analysis));

  it('figures are keyed by what they show: the testbed', () => {
    const keyed = paperGrid(analysis);
    expect(Object.keys(keyed)).toEqual(['ATH', 'UOM']);
    expect(keyed['UOM']!.id).toBe('paper-grid-uom');
    expect(keyed['UOM']!.shows).toEqual({ testbed: 'UOM' });
  });

  it('one figure per testbed, 5 condition rows × 3 metric columns, no throughput panel at idle', () => {
    expect(figures.map((f) => [f.id, f.title])).toEqual([
      ['paper-grid-ath', 'Resource use and throughput: Intra-host (ATH)'],
      ['paper-grid-uom', 'Resource use and throughput: Inter-host (UOM)'],
    ]);
    const spec = figures[0]!.spec as any;
    const ps = gridPanels(spec);
    expect(ps).toHaveLength(15);
    expect(ps.map((p) => p.note !== undefined)).toEqual([false, false, true, ...Array(12).fill(false)]);
    expect(ps[2]!.note).toBe(msg.noIdleThroughput());
    expect(ps[2]!.values).toEqual([]);
    expect(spec.facet.column.sort).toEqual(['CPU (%)', 'RAM (MiB)', 'Throughput (Mbit/s)']);
    const column = Object.values(paperGrid(analysis, { size: 'column' }))[0]!.spec as any;
    expect(column.facet.column.sort[2]).toBe('Throughput\n(Mbit/s)');
    expect(spec.facet.row.sort).toEqual(['Idle', 'P2P TCP', 'P2P UDP', 'P2S TCP', 'P2S UDP']);
    // each panel its own y axis, from 0 to its largest bar or interval end + 5 %
    expect(spec.resolve.scale.y).toBe('independent');
    const idleCpu = ps[0]!.values.flatMap((b: Panel) => [b.mean, b.hi]);
    expect(ps[0]!.yMax).toBeCloseTo(Math.max(...idleCpu) * 1.05, 2);
  });

  it('x = plugin, colour = distribution with the baseline first in the viridis ramp, 20 bars a panel', () => {
    const drawn = gridDrawn(figures[0]!.spec);
    expect(drawn.encoding.x.scale.domain).toEqual(['Flannel', 'Calico', 'Cilium', 'Kube-router', 'Kube-OVN']);
    expect(drawn.layer[0].encoding.color.scale).toEqual({
      domain: ['K8s', 'K3s', 'K0s', 'MicroK8s'],
      range: distributionPalette(4),
    });
    expect(gridPanels(figures[0]!.spec)[3]!.values).toHaveLength(20);
    expect(drawn.layer[0].mark.type).toBe('bar');
    expect(drawn.layer[1].mark.type).toBe('rule');
    expect(drawn.layer[1].encoding).toEqual({ y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } });
  });

  it("levels: the figures of some levels, with the whole design's roles and colours", () => {
    const some = paperGrid(analysis, { levels: { testbed: ['UOM'], distribution: ['K8s', 'mk8s'] } });
    expect(Object.keys(some)).toEqual(['UOM']);
    const p = gridPanels(some['UOM']!.spec)[3]!;
    // colour still shows the distributions (2 of 4 drawn), each in its colour of the whole design
    const palette = distributionPalette(4);
    expect(gridDrawn(some['UOM']!.spec).layer[0].encoding.color.scale).toEqual({
      domain: ['K8s', 'MicroK8s'],
      range: [palette[0], palette[3]],
    });
    expect(new Set(p.values.map((v: Panel) => v.color))).toEqual(new Set(['K8s', 'MicroK8s']));
    expect(p.values).toHaveLength(10);
    // a delta heatmap and an interaction plot of the same selection draw those levels only
    const heat = Object.values(deltaHeatmap(analysis, { levels: { plugin: ['flannel', 'Cilium'] } }));
    expect(heat.map((f) => f.id)).toEqual(['delta-heatmap-ath', 'delta-heatmap-uom']);
    expect(JSON.stringify(heat[0]!.spec)).not.toContain('Kube-OVN');
    expect(() => paperGrid(analysis, { levels: { testbed: ['MARS'] } })).toThrow(
      /"MARS" is not a level of testbed; its levels are "ATH", "UOM"/,
    );
    expect(() => paperGrid(analysis, { levels: { kernel: ['5.4'] } })).toThrow(/kernel/);
  });

  it('error bars are the precomputed interval, never a Vega aggregate', () => {
    const json = JSON.stringify(figures);
    expect(json).not.toMatch(/"aggregate"|"ci0"|"ci1"|"errorbar"|"extent"/);
    const cell = analysis.summaries.find(
      (s) =>
        s.factors['testbed'] === 'ATH' &&
        s.factors['plugin'] === 'calico' &&
        s.factors['distribution'] === 'k0s' &&
        s.test === 'p2p' &&
        s.protocol === 'tcp' &&
        s.node === 'server' &&
        s.metric === 'cpu',
    )!;
    const bar = gridPanels(figures[0]!.spec)[3]!.values.find((b: any) => b.x === 'Calico' && b.color === 'K0s');
    expect(bar.mean).toBeCloseTo(cell.mean!, 3);
    expect(bar.lo).toBeCloseTo(cell.ci!.lo, 3);
    expect(bar.hi).toBeCloseTo(cell.ci!.hi, 3);
  });

  it('node option: client values, or one row per condition and node', () => {
    const server = gridPanels(Object.values(paperGrid(analysis, { conditions: ['idle'] }))[0]!.spec)[1]!.values[0].mean;
    const client = gridPanels(Object.values(paperGrid(analysis, { conditions: ['idle'], node: 'client' }))[0]!.spec)[1]!
      .values[0].mean;
    expect(client).not.toBe(server);
    const both = gridPanels(Object.values(paperGrid(analysis, { node: 'both' }))[0]!.spec);
    expect(both).toHaveLength(30);
    expect(both[3]!.row).toBe('Idle (client)');
    expect(both[1]!.values[0].mean).toBe(server);
    // throughput has no node: drawn in the server row, not repeated in the client row
    expect(both[8]!.note).toBeUndefined(); // P2P TCP (server), throughput
    expect(both[11]!.note).toBe(msg.drawnInFirstRow()); // P2P TCP (client), throughput
  });

  it('layout swap: metrics as rows, conditions as columns; yScale metric shares the domain', () => {
    const spec = Object.values(paperGrid(analysis, { layout: 'metric-rows', yScale: 'metric' }))[0]!.spec as any;
    const ps = gridPanels(spec);
    expect(ps).toHaveLength(15);
    expect(spec.facet.column.sort).toEqual(['Idle', 'P2P TCP', 'P2P UDP', 'P2S TCP', 'P2S UDP']);
    expect(spec.facet.row.sort).toEqual(['CPU (%)', 'RAM (MiB)', 'Throughput (Mbit/s)']);
    expect(ps[10]!.note?.replace('\n', ' ')).toBe(msg.noIdleThroughput()); // bandwidth row, idle column (wrapped)
    expect(new Set(ps.slice(0, 5).map((p) => p.yMax)).size).toBe(1);
    // with the default per-panel scale, the CPU panels' axes differ
    const own = gridPanels(Object.values(paperGrid(analysis, { layout: 'metric-rows' }))[0]!.spec);
    expect(new Set(own.slice(0, 5).map((p) => p.yMax)).size).toBeGreaterThan(1);
  });

  it('column size is narrower with smaller type', () => {
    const page = Object.values(paperGrid(analysis))[0]!.spec as any;
    const column = Object.values(paperGrid(analysis, { size: 'column' }))[0]!.spec as any;
    expect(column.spec.width).toBeLessThan(page.spec.width);
    expect(column.config.axis.labelFontSize).toBeLessThan(page.config.axis.labelFontSize);
  });
});

describe('delta heatmap', () => {
  const spec = Object.values(deltaHeatmap(analysis))[1]!.spec as any;
  const layers = heatLayers(spec);

  it('distribution × plugin without the baseline, one panel per condition and metric, faceted', () => {
    expect(spec.facet.row.sort).toEqual(['Idle', 'P2P TCP', 'P2P UDP', 'P2S TCP', 'P2S UDP']);
    expect(spec.facet.column.sort).toEqual(['CPU (%)', 'RAM (MiB)', 'Throughput (Mbit/s)']);
    expect(layers[0].encoding.x.scale.domain).toEqual(['K3s', 'K0s', 'MicroK8s']);
    expect(layers[0].encoding.y.scale.domain).toEqual(['Flannel', 'Calico', 'Cilium', 'Kube-router', 'Kube-OVN']);
    expect(heatPanel(spec, 'Idle', 'CPU (%)')).toHaveLength(15);
    // 14 panels of cells, and the note of the one without (idle throughput)
    const panelsWithCells = new Set(heatCells(spec).map((v: Panel) => `${v.row}|${v.column}`));
    expect(panelsWithCells.size).toBe(14);
    const notes = spec.data.values.filter((v: Panel) => v.note !== undefined);
    expect(notes).toEqual([
      expect.objectContaining({ row: 'Idle', column: 'Throughput (Mbit/s)', note: msg.noIdleThroughput() }),
    ]);
  });

  it('a diverging scale centred on 0, symmetric, one for every panel', () => {
    const scale = layers[0].encoding.color.scale;
    expect(scale.scheme).toBe('blueorange');
    expect(scale.domainMid).toBe(0);
    expect(scale.domain[0]).toBe(-scale.domain[1]);
    expect(spec.resolve.scale.color).toBe('shared');
  });

  it('numbers in cells, non-significant cells muted, flagged interactions outlined', () => {
    const ram = heatPanel(spec, 'Idle', 'RAM (MiB)'); // idle RAM, UOM
    const flannelK3s = ram.find((v: any) => v.x === 'K3s' && v.y === 'Flannel');
    const comparison = analysis.comparisons.find(
      (c) =>
        c.cell.factors['testbed'] === 'UOM' &&
        c.cell.factors['plugin'] === 'flannel' &&
        c.level === 'k3s' &&
        c.cell.test === 'idle' &&
        c.cell.node === 'server' &&
        c.cell.metric === 'ram',
    )!;
    expect(flannelK3s.pct).toBeCloseTo(comparison.deltaPct!, 3);
    expect(flannelK3s.label).toBe(`\u2212${Math.round(-comparison.deltaPct!)}`);
    const all = heatCells(spec);
    const muted = all.filter((v: any) => !v.significant);
    expect(muted.length).toBeGreaterThan(0);
    for (const v of muted) {
      expect(v.opacity).toBe(MUTED_OPACITY);
      expect(v.tone).toBe('muted');
    }
    for (const v of all.filter((v: any) => v.significant)) expect(v.opacity).toBe(1);
    expect(all.filter((v: any) => v.flagged).length).toBeGreaterThan(0);
    expect(layers[1]).toEqual({
      transform: [{ filter: { field: 'flagged', equal: true } }],
      mark: { type: 'rect', fill: null, stroke: '#000000', strokeWidth: 1.4 },
      encoding: { x: layers[0].encoding.x, y: layers[0].encoding.y },
    });
    expect(layers[2].encoding.text).toEqual({ field: 'label', type: 'nominal' });
    // the note of an empty panel is a layer of its own, in no cell's way
    expect(layers[3].transform).toEqual([{ filter: 'isValid(datum.note)' }]);
  });

  it('numbers shrink only where they would not fit their cell, never below 5 pt, and are left out below', () => {
    expect(cellFontSize([{ label: '\u221228' }, { label: '+4.5' }], 40, 7.5)).toBe(7.5);
    const small = cellFontSize([{ label: '\u22124.3' }], 16.5, 6.5);
    expect(small).toBeLessThan(6.5);
    expect(small).toBeGreaterThanOrEqual(5);
    expect(cellFontSize([{ label: '+123.4' }], 5, 6.5)).toBeNull();
    expect(cellFontSize([{ label: '+1' }], 40, 7.5, 5)).toBeNull(); // a row 5 pt high
  });

  it('limitPct fixes the colour range, symmetric on the log ratio: 100 % means ½× … 2×', () => {
    const fixed = heatLayers(Object.values(deltaHeatmap(analysis, { limitPct: 100 }))[0]!.spec)[0];
    expect(fixed.encoding.color.scale.domain).toEqual([-1, 1]);
    expect(fixed.encoding.color.field).toBe('ratio');
  });

  it('rows lower than their upright label are spaced so that neighbouring labels do not meet', () => {
    // 5 plugins × 11 pt rows: room for any label; 1 plugin: the rows move apart
    expect(spec.spacing.row).toBe(6);
    const one = Object.values(deltaHeatmap(analysis, { levels: { plugin: ['flannel'] } }))[1]!.spec as any;
    expect(one.spec.height).toBe(11);
    expect(one.spacing.row).toBeGreaterThan(30 - 11);
  });

  it('the colour is the log ratio: −91 % is stronger than +500 % (log2 0.09 = −3.5, log2 6 = 2.6)', () => {
    expect(logRatio(-91)).toBeCloseTo(-3.47, 2);
    expect(logRatio(500)).toBeCloseTo(2.58, 2);
    expect(logRatio(-50)).toBeCloseTo(-logRatio(100), 10);
    expect(logRatio(-100)).toBe(-6); // the floor: no logarithm of 0
  });
});

describe('interaction plot', () => {
  it('one line per plugin across the distributions, per metric; styles differ by colour, shape and dash', () => {
    const spec = Object.values(interactionPlot(analysis))[0]!.spec as any;
    // one facet: a panel per condition (rows) and metric (columns), each with a y axis of its own
    expect(spec.facet.row.sort).toEqual(['Idle', 'P2P TCP', 'P2P UDP', 'P2S TCP', 'P2S UDP']);
    expect(spec.facet.column.sort).toEqual(['CPU (%)', 'RAM (MiB)', 'Throughput (Mbit/s)']);
    expect(spec.resolve.scale.y).toBe('independent');
    const lines = spec.spec.layer[0];
    expect(lines.encoding.x.scale.domain).toEqual(['K8s', 'K3s', 'K0s', 'MicroK8s']);
    expect(lines.encoding.color.field).toBe('line');
    expect(lines.layer.map((l: any) => l.mark.type)).toEqual(['line', 'point']);
    expect(new Set(lines.layer[0].encoding.strokeDash.scale.range.map(String)).size).toBe(5);
    expect(new Set(lines.layer[1].encoding.shape.scale.range).size).toBe(5);
    const inPanel = spec.data.values.filter((v: any) => v.row === 'P2P TCP' && v.column === 'RAM (MiB)');
    expect(inPanel).toHaveLength(20);
    // the panel without lines holds its note, drawn by a layer of its own; its axis shows nothing
    expect(spec.data.values.filter((v: any) => v.note !== undefined)).toEqual([
      expect.objectContaining({ row: 'Idle', column: 'Throughput (Mbit/s)', note: msg.noIdleThroughput(), mean: 0 }),
    ]);
    expect(spec.spec.layer[1].encoding.text.field).toBe('note');
    expect(spec.spec.layer[1].encoding.y.scale).toBeNull(); // the note's y takes no part in the panel's domain
    expect(lines.encoding.y.axis.labelExpr).toContain('["Idle|Throughput (Mbit/s)"]');
  });
});

describe('iterations view', () => {
  it('every iteration a point, per cell, outliers marked, one figure per testbed with every metric', () => {
    const keyed = iterationsView(analysis);
    expect(Object.keys(keyed)).toEqual(['ATH', 'UOM']);
    const figures = Object.values(keyed);
    expect(figures.map((f) => f.id)).toEqual(['iterations-ath', 'iterations-uom']);
    // one panel per row (5 CPU + 5 RAM + 4 throughput rows, no idle throughput), the 5 plugins side by side in it:
    // one facet, a row per metric and condition, each with a y axis of its own
    const spec = figures[0]!.spec as any;
    const rows = spec.facet.row.sort as string[];
    expect(rows).toHaveLength(14);
    expect(rows.slice(0, 2)).toEqual(['Idle\nCPU %', 'P2P TCP\nCPU %']);
    expect(spec.resolve.scale.y).toBe('independent');
    const pointsOf = (row: string): any[] =>
      spec.data.values.filter((v: any) => v.row === row && v.value !== undefined);
    const first = pointsOf(rows[0]!);
    expect(first).toHaveLength(200); // 5 plugins × 4 distributions × 10 iterations
    // each plugin's iterations in run order in a group of its own, groups in plugin order, never overlapping
    const plugins = [...new Set(first.map((v: any) => v.x))];
    expect(plugins).toHaveLength(5);
    const spans: [number, number][] = plugins.map((x) => {
      const positions: number[] = first.filter((v: any) => v.x === x).map((v: any) => v.position);
      return [Math.min(...positions), Math.max(...positions)];
    });
    for (let k = 1; k < spans.length; k++) expect(spans[k]![0]).toBeGreaterThan(spans[k - 1]![1]);
    for (const v of first) expect(v.position - spans[plugins.indexOf(v.x)]![0] + 1).toBe(v.iteration);
    const points = rows.slice(0, 5).flatMap(pointsOf); // the CPU rows
    const outliers = analysis.summaries
      .filter((s) => s.factors['testbed'] === 'ATH' && s.metric === 'cpu' && s.node === 'server')
      .reduce((n, s) => n + s.outliers.length, 0);
    expect(points.filter((v: any) => v.outlier)).toHaveLength(outliers);
    expect(outliers).toBeGreaterThan(0);
  });
});

describe('degenerate analyses', () => {
  it('no summaries: no figures, no error', () => {
    const empty = { ...analysis, summaries: [], comparisons: [], interactions: { anova: [], contrasts: [] } };
    for (const build of [paperGrid, deltaHeatmap, interactionPlot, iterationsView]) expect(build(empty)).toEqual({});
  });

  it('a cell without a mean (every iteration missing) draws no bar, and its neighbours still do', () => {
    const holed = {
      ...analysis,
      summaries: analysis.summaries.map((s) =>
        s.factors['plugin'] === 'cilium' && s.factors['distribution'] === 'k3s'
          ? { ...s, n: 0, nMissing: 10, values: [], iterations: [], mean: null, ci: null, outliers: [] }
          : s,
      ),
    };
    const bars = gridPanels(Object.values(paperGrid(holed))[0]!.spec)[3]!.values;
    expect(bars).toHaveLength(19);
    expect(bars.some((b: any) => b.x === 'Cilium' && b.color === 'K3s')).toBe(false);
    expect(bars.some((b: any) => b.x === 'Cilium' && b.color === 'K8s')).toBe(true);
  });

  it('a comparison without a delta shows n/a in its heatmap cell', () => {
    const gap = {
      ...analysis,
      comparisons: analysis.comparisons.map((c) =>
        c.cell.factors['plugin'] === 'calico' && c.level === 'k0s' ? { ...c, deltaPct: null, significant: false } : c,
      ),
    };
    const cells = heatPanel(Object.values(deltaHeatmap(gap))[0]!.spec, 'Idle', 'CPU (%)');
    const cell = cells.find((v: any) => v.x === 'K0s' && v.y === 'Calico');
    expect(cell).toMatchObject({ pct: null, label: 'n/a', opacity: MUTED_OPACITY, tone: 'muted' });
  });
});
