/**
 * `cnibench table`: the one table a user wants (metric, condition, levels, caption, label) from a campaign, and
 * `report build --figures` drawing only the kinds asked for.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { compileTables, pdflatexAvailable } from '../helpers/latex.js';

const scratch = mkdtempSync(join(tmpdir(), 'cnibench-table-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const EXAMPLE = join(REPO_ROOT, 'fixtures', 'example-campaign');

async function run(args: string[]) {
  const io = memoryIO(scratch, {});
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('cnibench table', () => {
  it(
    'prints the selected table with the caption and label given, a column float when it fits',
    { timeout: 60_000 },
    async () => {
      const { code, out } = await run([
        'table',
        EXAMPLE,
        '--kind',
        'cells',
        '--metric',
        'ram',
        '--condition',
        'idle',
        '--levels',
        'plugin=flannel,cilium',
        '--levels',
        'testbed=UOM',
        '--levels',
        'distribution=k8s,k3s',
        '--caption',
        'RAM at idle (MiB)',
        '--label',
        'tab:ram-idle',
      ]);
      expect(code).toBe(0);
      expect(out).toContain('\\begin{table}[htbp]');
      expect(out).toContain('\\caption{RAM at idle (MiB)}');
      expect(out).toContain('\\label{tab:ram-idle}');
      expect(out).toMatch(/^Flannel & \\num\{\d+\} \$\\pm\$/m);
      expect(out).toMatch(/^Cilium & /m);
      expect(out).not.toMatch(/Calico|Kube-OVN|K0s|MicroK8s/);
      if (pdflatexAvailable) {
        const log = compileTables([{ name: 'ram.tex', tex: out }]);
        expect(log.errors).toEqual([]);
        expect(log.overfull.filter((o) => o.pt > 1)).toEqual([]);
      }
    },
  );

  it('names a wrong level with the known ones, exit code 2', { timeout: 60_000 }, async () => {
    const { code, err } = await run(['table', EXAMPLE, '--levels', 'plugin=flanel']);
    expect(code).toBe(2);
    expect(err).toContain("factor 'plugin' has no level 'flanel'; its levels are flannel, calico");
  });
});

describe('cnibench report build --figures', () => {
  it('draws only the kinds asked for', { timeout: 120_000 }, async () => {
    const out = join(scratch, 'report');
    const { code } = await run([
      'report',
      'build',
      EXAMPLE,
      '-o',
      out,
      '--figures',
      'delta-heatmap',
      '--formats',
      'none',
      '-q',
    ]);
    expect(code).toBe(0);
    expect(readdirSync(join(out, 'figures')).sort()).toEqual([
      'delta-heatmap-ath.vl.json',
      'delta-heatmap-uom.vl.json',
    ]);
    const bad = await run(['report', 'build', EXAMPLE, '-o', out, '--figures', 'pie']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--figures 'pie' is not a figure kind");
  });
});
