import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestCampaign, parseLayout, parseLayouts, matchLayout, matchLayouts } from '../../src/ingest/index.js';
import { constraintProblem, stripKnbExtension } from '../../src/ingest/layout.js';
import { parseManifest } from '../../src/ingest/manifest.js';
import { compileGlob, ignoredBy } from '../../src/ingest/glob.js';
import { renderKnb, writeKnbdata } from '../../src/knb/index.js';
import { synthesizeRun } from '../../src/synth/index.js';
import { CnibenchError } from '../../src/model/index.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
function campaign(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'cnibench-layouts-'));
  roots.push(root);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

describe('layout patterns', () => {
  it('reads literal text around placeholders, constraints, dots in names and {iteration} anywhere', () => {
    const doc = parseLayout('{_}/doc-{plugin:[a-z0-9.-]+?}.{os:u[0-9.]+-[a-z]+}-run{iteration}');
    expect(doc.factors).toEqual(['plugin', 'os']);
    expect(matchLayout(doc, 'doc-calico-3.16.u20.04-default/doc-calico-3.16.u20.04-default-run2.knbdata')).toEqual({
      ok: true,
      levels: { plugin: 'calico-3.16', os: 'u20.04-default' },
      iteration: 2,
    });
    const hosts = parseLayout('{mtu}/{_:[a-z0-9.-]+}_{iteration:[0-9]+}');
    expect(matchLayout(hosts, '1450/pc-tbed-k8s-01.cern.ch_3.knbdata.json')).toEqual({
      ok: true,
      levels: { mtu: '1450' },
      iteration: 3,
    });
    const first = parseLayout('{plugin}/run{iteration}-{testbed}');
    expect(matchLayout(first, 'cilium/run4-ATH.yaml')).toMatchObject({ iteration: 4, levels: { testbed: 'ATH' } });
  });

  it('alternatives: the first that fits places the file; fixed levels match no text', () => {
    const set = parseLayouts([
      'doc-{plugin:[a-z0-9.-]+?}-run{iteration}{tuning=default}',
      'tuning-{plugin:[a-z0-9.-]+?}-{tuning:mtu-encryption|encryption|mtu}-run{iteration}',
    ]);
    expect(set.factors).toEqual(['plugin', 'tuning']);
    expect(matchLayouts(set, 'doc-kube-router-run1.tsv')).toMatchObject({
      levels: { plugin: 'kube-router', tuning: 'default' },
    });
    expect(matchLayouts(set, 'tuning-weavenet-mtu-encryption-run3.knbdata')).toMatchObject({
      levels: { plugin: 'weavenet', tuning: 'mtu-encryption' },
      iteration: 3,
    });
    const miss = matchLayouts(set, 'other-x-run1.knbdata');
    expect(miss.ok).toBe(false);
    expect(!miss.ok && miss.reason).toMatch(/^\(1\) .*; \(2\) /);
    expect(() => parseLayouts(['{plugin}/{iteration}', '{iteration}'])).toThrow(/does not set factor "plugin"/);
  });

  it('errors say which part failed and why', () => {
    const layout = parseLayout('{_}/doc-{plugin}.{os:u[0-9.]+-[a-z]+}-run{iteration}');
    const bad = matchLayout(layout, 'd/doc-calico.x18-run1.knbdata');
    expect(!bad.ok && bad.reason).toContain('{os:u[0-9.]+-[a-z]+} does not match after "doc-calico."');
    const tail = matchLayout(parseLayout('{plugin}/x{iteration:[0-9]+}'), 'a/x12b.json');
    expect(!tail.ok && tail.reason).toContain('"b" is left over at the end');
    const err = (p: string) => {
      try {
        parseLayout(p);
      } catch (e) {
        expect(e).toBeInstanceOf(CnibenchError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err('{plugin:(a+)+}/{iteration}')).toMatch(/\{plugin:\(a\+\)\+\}: groups/);
    expect(err('{plugin:a++}/{iteration}')).toMatch(/quantifiers cannot be nested/);
    expect(err('{plugin:^a}/{iteration}')).toMatch(/anchors/);
    expect(err('{plugin:[a-z}/{iteration}')).toMatch(/not closed/);
    expect(err('{plugin/{iteration}')).toMatch(/must be \{name\}/);
    expect(err('{a}{b}{c}{d}{e}/{iteration}')).toMatch(/more than 4 placeholders/);
  });

  it('constraints are restricted regexes: repetitions and lazy quantifiers yes, nesting no', () => {
    expect(constraintProblem('[0-9]{2,4}')).toBeNull();
    expect(constraintProblem('[a-z0-9.-]+?')).toBeNull();
    expect(constraintProblem('mtu|encryption')).toBeNull();
    expect(constraintProblem('a{2}{3}')).toMatch(/nested/);
    expect(constraintProblem('\\1')).toMatch(/not allowed/);
  });

  it('matches a hostile 255-byte name quickly (no catastrophic backtracking)', () => {
    const layout = parseLayout('{a}-{b}-{c}-{iteration}');
    const name = '-'.repeat(250) + '!';
    const start = process.hrtime.bigint();
    expect(matchLayout(layout, name).ok).toBe(false);
    // a nested-quantifier regex would take longer than the age of the universe here
    expect(Number(process.hrtime.bigint() - start) / 1e9).toBeLessThan(10);
  });

  it('strips knb extensions only', () => {
    expect(stripKnbExtension('a.b_3.knbdata.json')).toBe('a.b_3');
    expect(stripKnbExtension('doc-x.u18.04-default-run1.tsv')).toBe('doc-x.u18.04-default-run1');
    expect(stripKnbExtension('x.cast')).toBe('x.cast');
  });
});

describe('ignore globs', () => {
  it('match names at any depth without "/", paths with "/"', () => {
    const globs = ['*.cast', 'logs/**', 'a/*/b.txt'].map(compileGlob);
    expect(ignoredBy(globs, 'deep/dir/run.cast')?.glob).toBe('*.cast');
    expect(ignoredBy(globs, 'logs/x/y.log')?.glob).toBe('logs/**');
    expect(ignoredBy(globs, 'a/q/b.txt')?.glob).toBe('a/*/b.txt');
    expect(ignoredBy(globs, 'a/q/r/b.txt')).toBeUndefined();
  });
});

describe('manifest (design file)', () => {
  it('parses file, factor and iteration columns; errors name the line', () => {
    const m = parseManifest('file,network,mtu,iteration\n"a,1.knbdata",host,1500,2\nb.json,cni,auto,\n', 'd.csv');
    expect(m.factors).toEqual(['network', 'mtu']);
    expect(m.rows[0]).toEqual({ file: 'a,1.knbdata', levels: { network: 'host', mtu: '1500' }, iteration: 2, line: 2 });
    expect(m.rows[1]!.iteration).toBeNull();
    expect(() => parseManifest('name,mtu\nx,1\n', 'd.csv')).toThrow(/no "file" column/);
    expect(() => parseManifest('file,mtu\nx,1\n../y,2\n', 'd.csv')).toThrow(
      expect.objectContaining({ line: 3, file: 'd.csv' }),
    );
    expect(() => parseManifest('file,mtu\nx,1\nx,2\n', 'd.csv')).toThrow(/listed twice \(first on line 2\)/);
  });
});

describe('ingestCampaign with layouts, ignore, manifest and renderings', () => {
  const run = (seed: number) => synthesizeRun({ seed });

  it('recognises renderings beside an archive: said once in the ledger, counted once', async () => {
    const r1 = run(1);
    const r2 = run(2);
    const dir = campaign({
      'campaign.yaml': "layout: '{plugin}/{_:[a-z0-9.-]+}_{iteration:[0-9]+}'\nignore: ['*.cast']\n",
      'calico/pc-01.cern.ch_1.knbdata': writeKnbdata(r1),
      'calico/pc-01.cern.ch_1.knbdata.json': renderKnb(r1, 'json'),
      'calico/pc-01.cern.ch_1.knbdata.yaml': renderKnb(r1, 'yaml'),
      'calico/pc-01.cern.ch_2.knbdata.json': renderKnb(r2, 'json'),
      'calico/pc-01.cern.ch_2.tsv': renderKnb(run(3), 'ibdbench'),
      'calico/session.cast': '{"version": 2}\n',
    });
    const ds = await ingestCampaign(dir);
    const byFile = Object.fromEntries(ds.ledger.entries.map((e) => [e.file, e]));
    expect(byFile['calico/pc-01.cern.ch_1.knbdata']!.status).toBe('ingested');
    expect(byFile['calico/pc-01.cern.ch_1.knbdata.json']).toMatchObject({ status: 'auxiliary', observations: 0 });
    expect(byFile['calico/pc-01.cern.ch_1.knbdata.json']!.reason).toContain(
      'a rendering of the same run as calico/pc-01.cern.ch_1.knbdata',
    );
    expect(byFile['calico/pc-01.cern.ch_1.knbdata.yaml']!.status).toBe('auxiliary');
    // a "rendering" whose numbers are another run's: not silently dropped, not counted
    expect(byFile['calico/pc-01.cern.ch_2.knbdata.json']!.status).toBe('ingested');
    expect(byFile['calico/pc-01.cern.ch_2.tsv']!.status).toBe('rejected');
    expect(byFile['calico/pc-01.cern.ch_2.tsv']!.reason).toMatch(/values differ/);
    expect(byFile['calico/session.cast']!.reason).toBe('ignored: matches "*.cast" (campaign.yaml ignore:)');
    const iterations = new Set(ds.observations.map((o) => `${o.iteration}:${o.provenance.source}`));
    expect([...iterations].sort()).toEqual([
      '1:calico/pc-01.cern.ch_1.knbdata',
      '2:calico/pc-01.cern.ch_2.knbdata.json',
    ]);
  });

  it('places files by a design file; unlisted files are auxiliary; --ignore adds globs', async () => {
    const dir = campaign({
      'campaign.yaml': 'manifest: design.csv\n',
      'design.csv':
        'file,network,mtu\nx/a.knbdata,host,1500\nx/b.knbdata,host,1500\ny/run7.json,cni,auto\nz.knbdata,cni,auto\n',
      'x/a.knbdata': writeKnbdata(run(4)),
      'x/b.knbdata': writeKnbdata(run(5)),
      'y/run7.json': renderKnb(run(6), 'json'),
      'notes.log': 'hello\n',
      'skip/me.json': renderKnb(run(7), 'json'),
    });
    const ds = await ingestCampaign(dir, { ignore: ['skip/**'] });
    expect(ds.factors.map((f) => f.name)).toEqual(['network', 'mtu']);
    const byFile = Object.fromEntries(ds.ledger.entries.map((e) => [e.file, e]));
    expect(byFile['x/a.knbdata']).toMatchObject({ status: 'ingested', iteration: 1 });
    expect(byFile['x/b.knbdata']).toMatchObject({ status: 'ingested', iteration: 2 });
    expect(byFile['y/run7.json']).toMatchObject({ status: 'ingested', iteration: 7 });
    expect(byFile['notes.log']).toMatchObject({
      status: 'auxiliary',
      reason: 'not listed in the design file design.csv',
    });
    expect(byFile['design.csv']!.status).toBe('auxiliary');
    expect(byFile['skip/me.json']!.reason).toBe('ignored: matches "skip/**" (--ignore)');
    expect(byFile['z.knbdata']).toMatchObject({ status: 'rejected' });
    expect(byFile['z.knbdata']!.reason).toContain('listed in design.csv (line 5) but the file does not exist');
    expect(ds.campaign.layout).toBe('design.csv');
  });
});
