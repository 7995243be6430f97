import { describe, expect, it } from 'vitest';
import { anovaTermsRecords, anovaTermsTable, termLabel } from '../../src/tables/anova.js';
import { cellsRecords, cellsTable } from '../../src/tables/cells.js';
import { deltasRecords, deltasTable } from '../../src/tables/deltas.js';
import { flagsRecords, flagsTable } from '../../src/tables/flags.js';
import { csvTable } from '../../src/tables/to-csv.js';
import { latexTable } from '../../src/tables/to-latex.js';
import { markdownTable } from '../../src/tables/to-markdown.js';
import { htmlTable } from '../../src/tables/to-html.js';
import { makeAnalysis } from './fixture.js';

const analysis = makeAnalysis();

/** Split a GFM table row into cells, honouring `\|` escapes. */
function mdCells(line: string): string[] {
  return line
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.trim());
}

describe('cells table', () => {
  it('pivots mean ± sd (n) by distribution, baseline first', () => {
    const t = cellsTable(analysis, { node: 'server' });
    expect(t.columns.map((c) => c.label)).toEqual(['Testbed', 'Plugin', 'Condition', 'Node', 'Metric', 'K8s', 'K3s']);
    // 2 testbeds × 2 plugins × 3 conditions (idle ram server, p2p cpu server, p2p bandwidth); client rows filtered
    expect(t.rows).toHaveLength(12);
    const first = t.rows[0]!;
    // the label, and the raw value behind it (what a paper-sized split names its file by)
    expect(first[0]).toEqual({ kind: 'text', text: 'UOM', value: 'UOM' });
    expect(first[2]).toEqual({ kind: 'text', text: 'Idle', value: 'idle' });
    const k8s = first[5];
    expect(k8s?.kind).toBe('mean-sd');
    if (k8s?.kind === 'mean-sd') {
      const s = analysis.summaries.find((x) => x.key === 'UOM|k8s|flannel|idle|-|server|ram')!;
      expect(k8s.mean).toBe(s.mean);
      expect(k8s.sd).toBe(s.sd);
      expect(k8s.n).toBe(5);
    }
  });

  it('renders to Markdown with escaped labels and a column per level', () => {
    const md = markdownTable(cellsTable(analysis, { node: 'both' }));
    const lines = md.split('\n').filter((l) => l.startsWith('| '));
    expect(mdCells(lines[0]!)).toEqual(['Testbed', 'Plugin', 'Condition', 'Node', 'Metric', 'K8s', 'K3s']);
    for (const line of lines) expect(mdCells(line)).toHaveLength(7);
    expect(md).toContain('50%\\_\\\\\\&\\|\\*');
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).not.toMatch(/[^\\]<script>/);
    expect(md).toMatch(/\| 600 ± 5 \(5\) \|/);
  });

  it('renders to LaTeX booktabs with siunitx numbers and escaped labels', () => {
    const tex = latexTable(cellsTable(analysis));
    expect(tex).toContain('\\toprule');
    expect(tex).toContain('\\midrule');
    expect(tex).toContain('\\bottomrule');
    expect(tex).toContain('50\\%\\_\\textbackslash{}\\&\\textbar{}*');
    expect(tex).toContain('\\textless{}script\\textgreater{}');
    expect(tex).toMatch(/\\num\{600\} \$\\pm\$ \\num\{5\} \(5\)/);
    // every body row has as many cells as the column spec
    const spec = /\\begin\{tabular\}\{([lrc]+)\}/.exec(tex)![1]!;
    const rows = tex.split('\n').filter((l) => l.endsWith(' \\\\'));
    for (const row of rows) expect(row.split(/(?<!\\)&/).length).toBe(spec.length);
  });

  it('records every cell at full precision in CSV', () => {
    const csv = csvTable(cellsRecords(analysis));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(
      'testbed,distribution,plugin,test,protocol,node,metric,unit,n,n_missing,mean,sd,sem,median,min,max,q1,q3,cv,ci_lo,ci_hi,ci_level,outlier_iterations,warnings',
    );
    expect(lines).toHaveLength(1 + analysis.summaries.length);
    const s = analysis.summaries.find((x) => x.key === 'UOM|k8s|flannel|idle|-|server|ram')!;
    expect(lines[1]).toContain(`UOM,k8s,flannel,idle,,server,ram,MiB,5,0,${s.mean}`);
  });
});

describe('deltas table', () => {
  it('shows % change with interval and significance mark per compared level', () => {
    const t = deltasTable(analysis, { node: 'server' });
    expect(t.columns.at(-1)!.label).toBe('K3s vs K8s');
    const md = markdownTable(t);
    // RAM on K3s is 28 % lower for Flannel: significant at p < 0.001 (adjusted 0.00004)
    expect(md).toMatch(/\| UOM \| Flannel \| Idle \| server \| RAM \(MiB\) \| −28\u00a0% \[−30, −27\] \\\*\\\*\\\* \|/);
    // a 2 % CPU change with adjusted p 0.008 gets two stars; a sub-1.5 % one is not significant: ~
    expect(md).toContain('\\*\\*');
    expect(md).toContain('\\~');
    expect(t.notes[0]).toContain('Holm-adjusted');
  });

  it('records tests and intervals in CSV', () => {
    const csv = csvTable(deltasRecords(analysis)).trim().split('\n');
    expect(csv).toHaveLength(1 + analysis.comparisons.length);
    expect(csv[0]).toContain('delta_pct,delta_pct_lo,delta_pct_hi');
    expect(csv.some((l) => l.includes(',true,***,'))).toBe(true);
    expect(csv.some((l) => l.includes(',false,~,small-n'))).toBe(true);
  });
});

describe('ANOVA and interaction tables', () => {
  it('labels terms and lists every term of every group', () => {
    expect(termLabel('distribution:plugin')).toBe('Distribution × Plugin');
    const t = anovaTermsTable(analysis, { node: 'both' });
    expect(t.rows).toHaveLength(analysis.interactions.anova.length * 4);
    expect(t.notes[0]).toContain('Type II');
    expect(csvTable(anovaTermsRecords(analysis)).trim().split('\n')).toHaveLength(
      1 + analysis.interactions.anova.length * 4,
    );
    const tex = latexTable(t);
    expect(tex).toContain('\\num{<0.001}');
  });

  it('lists the flagged contrasts only, all contrasts in CSV', () => {
    const t = flagsTable(analysis, { node: 'both' });
    const flagged = analysis.interactions.contrasts.filter((c) => c.flagged);
    expect(flagged.length).toBeGreaterThan(0);
    expect(t.rows).toHaveLength(flagged.length);
    expect(markdownTable(t)).toMatch(/\u00a0pp \[/);
    expect(csvTable(flagsRecords(analysis)).trim().split('\n')).toHaveLength(
      1 + analysis.interactions.contrasts.length,
    );
  });

  it('HTML tables escape labels', () => {
    const html = htmlTable(cellsTable(analysis, { node: 'both' }));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});
