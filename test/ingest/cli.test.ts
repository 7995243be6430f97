import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fromArrow } from 'arquero';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { synthesizeRun } from '../../src/synth/index.js';
import { renderKnb, writeKnbdata } from '../../src/knb/index.js';
import { describeShared, sharedPath } from '../helpers/shared.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cnibench-cli-'));
  const put = (rel: string, content: string | Uint8Array) => {
    mkdirSync(dirname(join(root, 'c', rel)), { recursive: true });
    writeFileSync(join(root, 'c', rel), content);
  };
  put('UOM/k3s/flannel/01.knbdata', writeKnbdata(synthesizeRun({ seed: 1 })));
  put('UOM/k3s/flannel/02.yaml', renderKnb(synthesizeRun({ seed: 2 }), 'yaml'));
  put('UOM/k3s/flannel/03.json', '{\n  "metadata": {\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('cnibench ingest', () => {
  it('writes tidy.csv and ledger.json, lists rejected files with file:line and exits 1', async () => {
    const io = memoryIO(root);
    const code = await main(['ingest', 'c', '-o', 'out'], io);
    expect(code).toBe(1);
    const csv = readFileSync(join(root, 'out', 'tidy.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'testbed,distribution,plugin,iteration,test,protocol,node,metric,unit,value,missing,source,format,knb_version,run_name,date',
    );
    expect(csv.trim().split('\n')).toHaveLength(1 + 2 * 74);
    const ledger = JSON.parse(readFileSync(join(root, 'out', 'ledger.json'), 'utf8'));
    expect(ledger.summary).toMatchObject({ files: 3, ingested: 2, rejected: 1 });
    const err = io.err.join('');
    expect(err).toContain('rejected: UOM/k3s/flannel/03.json:');
    expect(err).toContain('the file ends before');
    expect(err).toContain('3 files: 2 ingested, 0 with warnings, 1 rejected');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('writes the same bytes twice (deterministic)', async () => {
    await main(['ingest', 'c', '-o', 'out1', '--quiet'], memoryIO(root));
    await main(['ingest', 'c', '-o', 'out2', '--quiet'], memoryIO(root));
    for (const f of ['tidy.csv', 'ledger.json']) {
      expect(readFileSync(join(root, 'out1', f))).toEqual(readFileSync(join(root, 'out2', f)));
    }
  });

  it('prints JSON rows to stdout without --out, and writes Arrow with --out', async () => {
    const io = memoryIO(root);
    await main(['ingest', 'c', '--format', 'json', '--quiet'], io);
    const rows = JSON.parse(io.out.join('')) as Record<string, unknown>[];
    expect(rows).toHaveLength(148);
    expect(rows[0]).toMatchObject({ testbed: 'UOM', distribution: 'k3s', plugin: 'flannel', iteration: 1, unit: '%' });
    await main(['ingest', 'c', '--format', 'arrow', '-o', 'arrow', '--quiet'], memoryIO(root));
    const t = fromArrow(readFileSync(join(root, 'arrow', 'tidy.arrow')));
    expect(t.numRows()).toBe(148);
  });

  it('--strict, --layout and usage errors', async () => {
    const io = memoryIO(root);
    expect(await main(['ingest', 'c', '--layout', '{testbed}/{iteration}', '--quiet'], io)).toBe(1);
    expect(io.err.join('')).toContain('4 path segments, expected 2');
    const bad = memoryIO(root);
    expect(await main(['ingest', 'c', '--format', 'xml'], bad)).toBe(2);
    expect(bad.err.join('')).toContain('--format expects one of csv, json, arrow');
    const missing = memoryIO(root);
    expect(await main(['ingest', 'nowhere'], missing)).toBe(2);
    expect(missing.err.join('')).toContain('not a readable directory');
    const help = memoryIO(root);
    expect(await main(['ingest', '--help'], help)).toBe(0);
    expect(help.out.join('')).toContain('Without --out the tidy rows go to stdout');
  });

  it('does not write anything outside --out', async () => {
    await main(['ingest', 'c', '-o', 'only', '--quiet'], memoryIO(root));
    expect(existsSync(join(root, 'c', 'tidy.csv'))).toBe(false);
  });
});

describeShared('cnibench inspect', () => {
  it('prints format, version, metadata and the table of an archive', async () => {
    const io = memoryIO(sharedPath('knb', 'corpus'));
    const code = await main(
      ['inspect', 'infrabuilder-benchmark-k8s-cni-2020-08/doc-antrea.u18.04-default-run1.knbdata'],
      io,
    );
    expect(code).toBe(0);
    const out = io.out.join('');
    expect(out).toContain('format:        knbdata');
    expect(out).toContain('version:       1.4.1');
    expect(out).toMatch(/p2p tcp\s+9824\s+client\s+5\.36/);
    expect(out).toContain('per-second samples: 10 series');
  });

  it('shows missing values with their reason, and errors with their line (exit 1)', async () => {
    const io = memoryIO(sharedPath('knb', 'corpus'));
    const code = await main(
      ['inspect', 'infrabuilder-k8s-bench-suite-issue-6/issue-6-comment-excerpt-TRUNCATED.txt'],
      io,
    );
    expect(code).toBe(1);
    expect(io.out.join('')).toContain('issue-6-comment-excerpt-TRUNCATED.txt:32: error:');
    const nan = memoryIO(sharedPath('knb', 'corpus'));
    await main(['inspect', 'filipkatulski-k8s-bench-suite/tests__tdaqweek_files__tdaqweek1.knbdata.yaml'], nan);
    expect(nan.out.join('')).toContain('(missing: nan)');
  });

  it('--json gives the normalised run', async () => {
    const io = memoryIO(sharedPath('knb', 'corpus'));
    await main(['inspect', '--json', 'generated/scenario-all.knb150.ibdbench'], io);
    const value = JSON.parse(io.out.join(''));
    expect(value.format).toBe('ibdbench');
    expect(value.tests[1].bandwidth).toEqual({ value: 9824, missing: null, text: '9824' });
  });
});
