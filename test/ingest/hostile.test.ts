/**
 * Hostile and unlucky input (issue 11): FIFOs, devices, symbolic links out of the campaign, gzip bombs, hostile sizes,
 * credentials behind links, numbers beyond a double, huge fields, byte order marks, flipped bits, empty runs and
 * directories that cannot be listed. Every input is generated here; nothing large is committed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bomb, gzipOfZeros } from '../helpers/bombs.js';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { memoryIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ingestCampaign, type IngestOptions } from '../../src/ingest/campaign.js';
import { parseKnb } from '../../src/knb/read/parse.js';
import { campaignFs } from '../../src/knb/read/files.js';
import type { LedgerEntry } from '../../src/model/ledger.js';
import { csvChunks, tidyFromDataset } from '../../src/report/data.js';
import { synthesizeRun } from '../../src/synth/index.js';
import { renderKnb, writeKnbdata, type KnbWorkDir } from '../../src/knb/index.js';
import { tarOf } from './tar.test.js';

const roots: string[] = [];
function tempDir(prefix = 'cnibench-hostile-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const archive = writeKnbdata(synthesizeRun({ seed: 7 }));
const SECRET = 'ghp_Zq8TOKENabcdef0123456789SECRETxyz';

/** A campaign with one good archive at T/d/p/01.knbdata, plus what `extra` adds. */
function campaign(extra: (cell: string, root: string) => void = () => undefined): string {
  const root = tempDir();
  const cell = join(root, 'T', 'd', 'p');
  mkdirSync(cell, { recursive: true });
  writeFileSync(join(cell, '01.knbdata'), archive);
  extra(cell, root);
  return root;
}

function entryOf(entries: readonly LedgerEntry[], file: string): LedgerEntry {
  const e = entries.find((x) => x.file === file);
  if (!e) throw new Error(`no ledger entry for ${file}: ${entries.map((x) => x.file).join(', ')}`);
  return e;
}

const ingest = (dir: string, options: IngestOptions = {}) => ingestCampaign(dir, { samples: 'none', ...options });

describe('only regular files are read', () => {
  it('a FIFO named like an archive is rejected, never opened (no hang)', async () => {
    const dir = campaign((cell) => execFileSync('mkfifo', [join(cell, '02.knbdata')]));
    const d = await ingest(dir);
    const e = entryOf(d.ledger.entries, 'T/d/p/02.knbdata');
    expect(e.status).toBe('rejected');
    expect(e.issues[0]!.code).toBe('not-regular-file');
    expect(e.reason).toContain('named pipe (FIFO)');
    expect(entryOf(d.ledger.entries, 'T/d/p/01.knbdata').status).not.toBe('rejected');
  }, 10_000);

  it('a symbolic link to /dev/zero leads out of the campaign: refused, with where it leads', async () => {
    const dir = campaign((cell) => symlinkSync('/dev/zero', join(cell, '02.knbdata')));
    const d = await ingest(dir);
    const e = entryOf(d.ledger.entries, 'T/d/p/02.knbdata');
    expect(e.status).toBe('rejected');
    expect(e.issues[0]!.code).toBe('symlink-outside');
    expect(e.reason).toContain('/dev/zero');
  }, 10_000);

  it('allowed out of the campaign, /dev/zero is still not read: a device is not a regular file', async () => {
    const dir = campaign((cell) => symlinkSync('/dev/zero', join(cell, '02.knbdata')));
    const d = await ingest(dir, { followSymlinksOutside: true });
    const e = entryOf(d.ledger.entries, 'T/d/p/02.knbdata');
    expect(e.issues[0]!.code).toBe('not-regular-file');
    expect(e.reason).toContain('character device');
    expect(e.target).toBe('/dev/zero');
  }, 10_000);

  it('a link to a credential outside: refused by default; allowed, the content is described, never quoted', async () => {
    const outside = tempDir('cnibench-outside-');
    writeFileSync(join(outside, '.git-credentials'), `https://user:${SECRET}@github.example\n`);
    const dir = campaign((cell) => symlinkSync(join(outside, '.git-credentials'), join(cell, '11.json')));
    const refused = await ingest(dir);
    expect(entryOf(refused.ledger.entries, 'T/d/p/11.json').issues[0]!.code).toBe('symlink-outside');
    expect(JSON.stringify(refused.ledger)).not.toContain('ghp_');

    const allowed = await ingest(dir, { followSymlinksOutside: true });
    const e = entryOf(allowed.ledger.entries, 'T/d/p/11.json');
    expect(e.status).toBe('rejected');
    expect(e.issues[0]!.code).toBe('unknown-format');
    expect(e.target).toBe(join(outside, '.git-credentials'));
    expect(e.reason).toMatch(/\d+ bytes of text, first bytes 68 74 74 70 73 3a 2f 2f/);
    expect(JSON.stringify(allowed.ledger)).not.toContain('ghp_');
    expect(JSON.stringify(allowed.ledger)).not.toContain('user:');
  });

  it('files inside the campaign that are not knb outputs are described, never quoted', async () => {
    const dir = campaign((cell) => {
      writeFileSync(join(cell, '02.json'), `https://user:${SECRET}@github.example\n`);
      // starts like JSON, is neither knb's layout nor valid JSON (V8's JSON.parse message would quote it)
      writeFileSync(join(cell, '03.json'), `{"token": "${SECRET}" oops}`);
    });
    const d = await ingest(dir);
    const text = JSON.stringify(d.ledger);
    expect(entryOf(d.ledger.entries, 'T/d/p/02.json').status).toBe('rejected');
    expect(entryOf(d.ledger.entries, 'T/d/p/03.json').status).toBe('rejected');
    expect(text).not.toContain('ghp_');
    expect(text).not.toContain('token');
  });

  it('symbolic links inside the campaign are read; a link loop is walked once', async () => {
    const dir = campaign((cell, root) => {
      symlinkSync('01.knbdata', join(cell, '02.knbdata'));
      mkdirSync(join(root, 'T', 'e'), { recursive: true });
      symlinkSync('../d/p', join(root, 'T', 'e', 'p'));
      symlinkSync('../..', join(cell, 'loop'));
    });
    const d = await ingest(dir);
    expect(entryOf(d.ledger.entries, 'T/d/p/02.knbdata').status).not.toBe('rejected');
    // T/e/p leads to T/d/p, walked already: its files are not counted twice
    expect(entryOf(d.ledger.entries, 'T/e/p').issues[0]!.code).toBe('symlink-loop');
    expect(entryOf(d.ledger.entries, 'T/d/p/loop').issues[0]!.code).toBe('symlink-loop');
    expect(d.ledger.summary.ingested + d.ledger.summary.warning).toBe(2);
  });

  it('campaign.yaml as a FIFO is an error naming it, not a hang', async () => {
    const dir = campaign((_cell, root) => execFileSync('mkfifo', [join(root, 'campaign.yaml')]));
    await expect(ingest(dir)).rejects.toThrow(/campaign\.yaml is a named pipe/);
  }, 10_000);
});

describe('size limits', () => {
  it('a file over the file size limit is rejected, naming the limit, without being read', async () => {
    const dir = campaign();
    const d = await ingest(dir, { maxFileSize: 1000 });
    const e = entryOf(d.ledger.entries, 'T/d/p/01.knbdata');
    expect(e.issues[0]!.code).toBe('file-too-large');
    expect(e.reason).toContain('file size limit of 1000 bytes');
  });

  it('a 1 MB .knbdata holding a 1 GiB member of zeros: rejected at the member header, naming the limit', async () => {
    const gz = bomb(1024 * 1024 * 1024);
    expect(gz.length).toBeLessThan(2 * 1024 * 1024);
    const dir = campaign((cell) => writeFileSync(join(cell, '02.knbdata'), gz));
    const d = await ingest(dir);
    const e = entryOf(d.ledger.entries, 'T/d/p/02.knbdata');
    expect(e.status).toBe('rejected');
    expect(e.issues[0]!.code).toBe('member-too-large');
    expect(e.reason).toContain('file size limit of 67108864 bytes (64 MiB)');
  }, 20_000);

  it('a 5 MB gzip bomb (5 GiB member) is rejected with the limit named, not called truncated', async () => {
    const gz = bomb(5 * 1024 * 1024 * 1024);
    const dir = campaign((cell) => writeFileSync(join(cell, '02.knbdata'), gz));
    const d = await ingest(dir);
    const e = entryOf(d.ledger.entries, 'T/d/p/02.knbdata');
    expect(e.issues[0]!.code).toBe('member-too-large');
    expect(e.reason).not.toMatch(/truncated/);
  }, 30_000);

  it('zeros without a tar, or many members: the unpacked size limit stops the inflate', async () => {
    const zeros = gzipOfZeros(40 * 1024 * 1024);
    const many = gzipSync(
      tarOf(Array.from({ length: 12 }, (_, i) => ({ name: `./m${i}`, content: Buffer.alloc(1024 * 1024, 65) }))),
    );
    const dir = campaign((cell) => {
      writeFileSync(join(cell, '02.knbdata'), zeros);
      writeFileSync(join(cell, '03.knbdata'), many);
    });
    const d = await ingest(dir, { maxUnpackedSize: 8 * 1024 * 1024 });
    for (const f of ['T/d/p/02.knbdata', 'T/d/p/03.knbdata']) {
      const e = entryOf(d.ledger.entries, f);
      expect(e.issues[0]!.code).toBe('unpacked-too-large');
      expect(e.reason).toContain('8388608 bytes (8 MiB), the unpacked size limit');
    }
    // parseKnb on its own (one call, capped by zlib) says the same
    const alone = parseKnb(zeros, 'z.knbdata', { limits: { maxFileSize: 1e6, maxUnpackedSize: 8 * 1024 * 1024 } });
    expect(alone.issues[0]!.code).toBe('unpacked-too-large');
  }, 20_000);
});

const json = renderKnb(synthesizeRun({ seed: 3 }), 'json');
const yaml = renderKnb(synthesizeRun({ seed: 3 }), 'yaml');
const text = renderKnb(synthesizeRun({ seed: 3 }), 'text');
const enc = (s: string) => Buffer.from(s, 'utf8');

describe('every value finite or missing with a reason', () => {
  it('a 401-digit bandwidth is missing (unreadable) with a warning, never Infinity', () => {
    const big = '9'.repeat(401);
    for (const [format, content] of [
      ['json', json.replace(/("bandwidth": )\d+(\.\d+)?/, `$1${big}`)],
      ['yaml', yaml.replace(/(bandwidth: )\d+(\.\d+)?/, `$1${big}`)],
    ] as const) {
      const p = parseKnb(enc(content), `f.${format}`);
      const values = p.run!.tests.flatMap((t) => [t.bandwidth?.value]);
      expect(values.every((v) => v === null || v === undefined || Number.isFinite(v))).toBe(true);
      const issue = p.issues.find((i) => i.code === 'number-too-large');
      expect(issue?.message).toContain('401 characters');
      expect(issue?.message).not.toContain(big.slice(0, 50));
    }
  });

  it('a 10 MB name does not crash ingest: not kept, with a warning', async () => {
    const huge = 'n'.repeat(10 * 1024 * 1024);
    const dir = campaign((cell) =>
      writeFileSync(join(cell, '02.json'), json.replace(/("name": ")[^"]*"/, `$1${huge}"`)),
    );
    const d = await ingest(dir);
    const e = entryOf(d.ledger.entries, 'T/d/p/02.json');
    expect(e.issues.map((i) => i.code)).toContain('field-too-long');
    const rows = d.observations.filter((o) => o.provenance.source === 'T/d/p/02.json');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((o) => o.provenance.runName === null)).toBe(true);
    expect(JSON.stringify(d.ledger).length).toBeLessThan(1e6);
  });

  it('names from the input (keys, tar long names) are cut in messages, not copied whole', () => {
    const key = 'k'.repeat(1024 * 1024);
    const p = parseKnb(enc(json.replace('"data": {', `"data": {\n    "${key}": "1",`)), 'f.json');
    const issue = p.issues.find((i) => i.code === 'unknown-key');
    expect(issue?.message.length).toBeLessThan(300);
    const longName = gzipSync(tarOf([{ name: '././@LongLink', content: 'x'.repeat(64 * 1024), type: 'L' }]));
    const t = parseKnb(longName, 'l.knbdata');
    expect(t.issues[0]!.code).toBe('tar-invalid');
    expect(t.issues[0]!.message.length).toBeLessThan(300);
  });

  it('a UTF-8 byte order mark before a YAML, text or JSON report is not content', () => {
    for (const [name, content] of [
      ['f.yaml', yaml],
      ['f.txt', text],
      ['f.json', json],
    ] as const) {
      const plain = parseKnb(enc(content), name);
      const p = parseKnb(enc(`\ufeff${content}`), name);
      expect(p.format).toBe(plain.format);
      expect(p.issues.map((i) => i.code)).toEqual(plain.issues.map((i) => i.code));
      expect(p.run!.tests).toEqual(plain.run!.tests);
    }
  });

  it("a flipped digit in an archive's .bw (885 → 985) is caught against the iperf3 log's receiver line", () => {
    const run = synthesizeRun({ seed: 11 });
    const bw = run.files.find((f) => f.name.includes('tcp-p2p') && f.name.endsWith('.bw'))!;
    const flipped = bw.content.replace(/^(\d)/, (d) => String((Number(d) + 1) % 10));
    expect(flipped).not.toBe(bw.content);
    const altered: KnbWorkDir = {
      ...run,
      files: run.files.map((f) => (f === bw ? { ...f, content: flipped } : f)),
    };
    expect(parseKnb(writeKnbdata(run), 'a.knbdata').issues.map((i) => i.code)).not.toContain('bw-log-mismatch');
    const p = parseKnb(writeKnbdata(altered), 'a.knbdata');
    const issue = p.issues.find((i) => i.code === 'bw-log-mismatch');
    expect(issue?.severity).toBe('warning');
    expect(issue?.member).toBe(`./${bw.name}`);
  });
});

describe('runs with no results', () => {
  const env = 'VERSION="1.5.0"\nGENERATOR="knb"\nBENCHMARK_RUN_NAME="empty"\n';
  const emptyArchive = gzipSync(tarOf([{ name: './env', content: env }]));
  const emptyJson = json.replace(/"data": \{[\s\S]*\n\}\s*$/, '"data": {\n    "mtu": "1500"\n  }\n}\n');

  it('an env naming no test pod, a JSON report whose data has no test: ingested with an empty-run warning', async () => {
    expect(emptyJson).not.toBe(json);
    const dir = campaign((cell) => {
      writeFileSync(join(cell, '02.knbdata'), emptyArchive);
      writeFileSync(join(cell, '03.json'), emptyJson);
    });
    const d = await ingest(dir);
    for (const f of ['T/d/p/02.knbdata', 'T/d/p/03.json']) {
      const e = entryOf(d.ledger.entries, f);
      expect(e.status).toBe('warning');
      expect(e.issues.map((i) => i.code)).toContain('empty-run');
      expect(e.observations).toBe(0);
    }
    const strict = await ingest(dir, { strict: true });
    for (const f of ['T/d/p/02.knbdata', 'T/d/p/03.json'])
      expect(entryOf(strict.ledger.entries, f).status).toBe('rejected');
  });
});

describe('directories that cannot be listed, files that vanish', () => {
  it('EACCES on a directory is a ledger entry for it; ingest goes on', async () => {
    const dir = campaign((_cell, root) => {
      mkdirSync(join(root, 'T', 'locked', 'p'), { recursive: true });
      writeFileSync(join(root, 'T', 'locked', 'p', '01.knbdata'), archive);
    });
    const readdir = campaignFs.readdir;
    vi.spyOn(campaignFs, 'readdir').mockImplementation((path: string) => {
      if (path.endsWith('locked')) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      return readdir(path);
    });
    const d = await ingest(dir);
    const e = entryOf(d.ledger.entries, 'T/locked');
    expect(e.status).toBe('rejected');
    expect(e.reason).toContain('EACCES');
    expect(entryOf(d.ledger.entries, 'T/d/p/01.knbdata').status).not.toBe('rejected');
  });

  it('a dangling link to a directory and a file removed while ingesting are ledger entries', async () => {
    const dir = campaign((cell, root) => {
      writeFileSync(join(cell, '02.knbdata'), archive);
      symlinkSync(join(root, 'gone'), join(root, 'T', 'e'));
    });
    const d = await ingest(dir, {
      // after the first file, the second disappears (between the listing and its reading)
      onProgress: (done) => {
        if (done === 1) unlinkSync(join(dir, 'T', 'd', 'p', '02.knbdata'));
      },
    });
    expect(entryOf(d.ledger.entries, 'T/e').issues[0]!.code).toBe('dangling-symlink');
    const gone = entryOf(d.ledger.entries, 'T/d/p/02.knbdata');
    expect(gone.issues[0]!.code).toBe('vanished');
    expect(gone.reason).toContain('ENOENT');
  });
});

describe('the command line', () => {
  it('--max-file-size, --max-unpacked-size and --follow-symlinks-outside reach ingest; a bad size is a usage error', async () => {
    const outside = tempDir('cnibench-outside-');
    writeFileSync(join(outside, '05.knbdata'), archive);
    const dir = campaign((cell) => symlinkSync(join(outside, '05.knbdata'), join(cell, '05.knbdata')));
    const outs = tempDir('cnibench-out-');
    const ledgerOf = (out: string) =>
      JSON.parse(readFileSync(join(outs, out, 'ledger.json'), 'utf8')) as { entries: LedgerEntry[] };

    const io = memoryIO(dir);
    expect(await main(['ingest', '.', '-o', join(outs, 'a'), '-q', '--max-file-size', '1KiB'], io)).toBe(1);
    expect(entryOf(ledgerOf('a').entries, 'T/d/p/01.knbdata').reason).toContain('file size limit of 1024 bytes');
    expect(entryOf(ledgerOf('a').entries, 'T/d/p/05.knbdata').issues[0]!.code).toBe('symlink-outside');

    expect(await main(['ingest', '.', '-o', join(outs, 'b'), '-q', '--follow-symlinks-outside'], memoryIO(dir))).toBe(
      0,
    );
    expect(entryOf(ledgerOf('b').entries, 'T/d/p/05.knbdata').target).toBe(join(outside, '05.knbdata'));

    expect(await main(['ingest', '.', '-o', join(outs, 'c'), '-q', '--max-unpacked-size', '4k'], memoryIO(dir))).toBe(
      1,
    );
    expect(entryOf(ledgerOf('c').entries, 'T/d/p/01.knbdata').issues[0]!.code).toBe('unpacked-too-large');

    const bad = memoryIO(dir);
    expect(await main(['ingest', '.', '--max-file-size', 'lots'], bad)).toBe(2);
    expect(bad.err.join('')).toContain('--max-file-size expects a size such as 65536, 64MiB or 1GiB, got "lots"');
    // report build takes the same options (parsed before anything is built)
    const badReport = memoryIO(dir);
    expect(await main(['report', 'build', '.', '-o', join(outs, 'r'), '--max-unpacked-size', 'huge'], badReport)).toBe(
      2,
    );
    expect(badReport.err.join('')).toContain('--max-unpacked-size expects a size');
  });

  it('tidy.csv is streamed by the one tidy writer: the bytes of the table-based CSV; a 10 MB name is not in it', async () => {
    const huge = 'n'.repeat(10 * 1024 * 1024);
    const dir = campaign((cell) =>
      writeFileSync(join(cell, '02.json'), json.replace(/("name": ")[^"]*"/, `$1${huge}"`)),
    );
    const out = tempDir('cnibench-out-');
    expect(await main(['ingest', '.', '-o', out, '-q'], memoryIO(dir))).toBe(0);
    const csv = readFileSync(join(out, 'tidy.csv'), 'utf8');
    const d = await ingest(dir);
    expect(csv).toBe([...csvChunks(tidyFromDataset(d))].join(''));
    expect(csv.length).toBeLessThan(1e6);
  });
});

describe('cnibench inspect', () => {
  it('a FIFO named on the command line is refused, not read (no hang)', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    const io = memoryIO(dir);
    expect(await main(['inspect', 'pipe.json'], io)).toBe(2);
    expect(io.err.join('')).toContain('pipe.json is a named pipe (FIFO), not a regular file');
  }, 10_000);
});
