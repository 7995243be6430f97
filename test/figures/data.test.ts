import { cellsTable } from '../../src/tables/index.js';
import { describe, expect, it } from 'vitest';
import {
  axisMax,
  conditionsOf,
  fileSafe,
  figureGroups,
  formatDeltaPct,
  resolveCommon,
  round,
} from '../../src/figures/data.js';
import { paperGrid } from '../../src/figures/paper-grid.js';
import { CnibenchError } from '../../src/model/errors.js';
import * as msg from '../../src/figures/messages.js';
import { makeAnalysis } from './data.js';

const analysis = makeAnalysis();

describe('conditions', () => {
  it('are listed in knb order with the study labels', () => {
    expect(conditionsOf(analysis.summaries).map((c) => [c.id, c.label])).toEqual([
      ['idle', 'Idle'],
      ['p2p-tcp', 'P2P TCP'],
      ['p2p-udp', 'P2P UDP'],
      ['p2s-tcp', 'P2S TCP'],
      ['p2s-udp', 'P2S UDP'],
    ]);
  });
});

describe('figure groups', () => {
  it('one group per testbed, labelled with the display label, id from the level', () => {
    expect(figureGroups(analysis, ['plugin', 'distribution'])).toEqual([
      { factors: { testbed: 'ATH' }, label: 'Intra-host (ATH)', idSuffix: 'ath' },
      { factors: { testbed: 'UOM' }, label: 'Inter-host (UOM)', idSuffix: 'uom' },
    ]);
  });

  it('file-safe ids never collide, never escape the directory', () => {
    const odd = makeAnalysis({ testbeds: ['../x', '..'], plugins: ['flannel'], distributions: ['k8s', 'k3s'] });
    const ids = Object.values(paperGrid(odd)).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_-][a-z0-9._-]*$/);
    expect(fileSafe('A/B c')).toBe('a_b_c');
    expect(fileSafe('')).toBe('_');
  });
});

describe('numbers', () => {
  it('formats deltas with a true minus sign and sensible digits', () => {
    expect(formatDeltaPct(-28.04)).toBe('\u221228');
    expect(formatDeltaPct(4.46)).toBe('+4.5');
    expect(formatDeltaPct(0.01)).toBe('0');
    expect(formatDeltaPct(-0.04)).toBe('0');
    expect(formatDeltaPct(9.96)).toBe('+10');
  });

  it('rounds to 6 significant digits and pads axis tops by 5 %', () => {
    expect(round(1234.56789)).toBe(1234.57);
    expect(round(0)).toBe(0);
    expect(axisMax([1, null, 10])).toBe(10.5);
    expect(axisMax([])).toBe(1);
  });
});

describe('options are checked, with messages that say what was expected', () => {
  it('unknown factor', () => {
    expect(() => resolveCommon(analysis, { xFactor: 'mtu' })).toThrow(
      msg.unknownFactor('mtu', ['testbed', 'distribution', 'plugin']),
    );
  });
  it('unknown condition', () => {
    expect(() => paperGrid(analysis, { conditions: ['p2p-sctp'] })).toThrow(CnibenchError);
    expect(() => paperGrid(analysis, { conditions: ['p2p-sctp'] })).toThrow(/p2p-sctp.*idle, p2p-tcp/);
  });
  it('unknown metric and node', () => {
    // @ts-expect-error: not a metric
    expect(() => paperGrid(analysis, { metrics: ['latency'] })).toThrow(/latency/);
    // @ts-expect-error: not a node role
    expect(() => paperGrid(analysis, { node: 'master' })).toThrow(
      'option node: "master" is not one of "server", "client", "both"',
    );
  });
  it('every option value is checked at the door: a CnibenchError naming the option, the value and the allowed ones', () => {
    const bad = [
      // @ts-expect-error: sizes are lower case
      () => paperGrid(analysis, { size: 'Page' }),
      // @ts-expect-error: not a layout
      () => paperGrid(analysis, { layout: 'rows' }),
      // @ts-expect-error: not a y scale
      () => paperGrid(analysis, { yScale: 'log' }),
      // @ts-expect-error: not a node role
      () => cellsTable(analysis, { node: 'servr' }),
    ];
    const expected = [
      'option size: "Page" is not one of "column", "page"',
      'option layout: "rows" is not one of "metric-columns", "metric-rows"',
      'option yScale: "log" is not one of "panel", "metric"',
      'option node: "servr" is not one of "server", "client", "both"',
    ];
    bad.forEach((call, i) => {
      expect(call).toThrow(CnibenchError);
      expect(call).toThrow(expected[i]!);
    });
  });
});
