import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { htmlRecords } from '../../src/notebook/index.js';
import * as msg from '../../src/notebook/messages.js';
import { CnibenchError } from '../../src/model/errors.js';

/** The text of every `<td>` of the body, row by row (the helper writes one row per line). */
function bodyCells(html: string): string[][] {
  const body = /<tbody>\n([\s\S]*)\n<\/tbody>/.exec(html)?.[1] ?? '';
  return body
    .split('\n')
    .filter((l) => l.startsWith('<tr>'))
    .map((l) => [...l.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!));
}

describe('htmlRecords', () => {
  it('shows every column of plain records in first-seen order, numbers rounded, missing as an en dash', () => {
    const html = htmlRecords([
      { plugin: 'flannel', ram: 649.302, cpu: 0.012345 },
      { plugin: 'calico', ram: null, extra: true },
    ]);
    expect([...html.matchAll(/<th(?: [^>]*)?>(.*?)<\/th>/g)].map((m) => m[1])).toEqual([
      'plugin',
      'ram',
      'cpu',
      'extra',
    ]);
    expect(bodyCells(html)).toEqual([
      ['flannel', '649', '0.0123', '–'],
      ['calico', '–', '–', 'true'],
    ]);
  });

  it('escapes text from data in cells, headers and caption', () => {
    const html = htmlRecords([{ '<th>': '<script>alert("x")</script>' }], { caption: 'a & b' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<th style="text-align:left">&lt;th&gt;</th>');
    expect(html).toContain('<caption>a &amp; b</caption>');
  });

  it('right-aligns numeric columns only and uses a real minus sign', () => {
    const html = htmlRecords([{ level: 'k3s', pct: -28.04 }]);
    expect(html).toContain('<td style="text-align:left">k3s</td><td style="text-align:right">−28.0</td>');
  });

  it('reads an arquero table in its column order', () => {
    const t = table({ b: [1, 2], a: ['x', 'y'] });
    expect(bodyCells(htmlRecords(t))).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
    expect(htmlRecords(t)).toMatch(/<th[^>]*>b<\/th><th[^>]*>a<\/th>/);
  });

  it('selects and relabels columns, applies fixed decimals per column', () => {
    const html = htmlRecords([{ a: 1.23456, b: 2, c: 'z' }], {
      columns: ['c', 'a'],
      labels: { a: 'A (%)' },
      decimals: { a: 1 },
    });
    expect(bodyCells(html)).toEqual([['z', '1.2']]);
    expect(html).toContain('A (%)');
    expect(html).not.toContain('>b<');
  });

  it('truncates long inputs with a note saying how many rows were shown', () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ i }));
    const html = htmlRecords(rows, { maxRows: 3 });
    expect(bodyCells(html)).toEqual([['0'], ['1'], ['2']]);
    expect(html).toContain(msg.truncatedRows(3, 7));
    expect(htmlRecords(rows)).not.toContain('class="note"');
  });

  it('truncates an arquero table without reading past the rows shown, counting the rows its filter keeps', () => {
    const t = table({ i: Array.from({ length: 100 }, (_, i) => i) }).filter((d: { i: number }) => d.i % 2 === 1);
    const html = htmlRecords(t, { maxRows: 2 });
    expect(bodyCells(html)).toEqual([['1'], ['3']]);
    expect(html).toContain(msg.truncatedRows(2, 50));
  });

  it('rejects a column that is not there, naming it and the columns present', () => {
    expect(() => htmlRecords([{ a: 1 }], { columns: ['b'] })).toThrow(msg.unknownColumn('b', ['a']));
  });

  it('rejects input that is not tabular with a CnibenchError', () => {
    for (const bad of [null, 'text', [1, 2]] as unknown[]) {
      expect(() => htmlRecords(bad as never)).toThrow(CnibenchError);
    }
    expect(() => htmlRecords('text' as never)).toThrow(msg.notTabular('string'));
  });
});
