import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseKnb } from '../../src/knb/read/parse.js';
import { readTar, TarError } from '../../src/knb/read/tar.js';

/** A minimal ustar writer for fixtures (GNU-style `./` names). */
export function tarOf(files: { name: string; content: string | Uint8Array; type?: string }[], v7 = false): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const f of files) {
    const data = typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content;
    const h = new Uint8Array(512);
    const put = (text: string, at: number) => h.set(new TextEncoder().encode(text), at);
    put(f.name, 0);
    put('0000644\0', 100);
    put('0000000\0', 108);
    put('0000000\0', 116);
    put(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    put('00000000000\0', 136);
    put('        ', 148);
    put(f.type ?? '0', 156);
    if (!v7) put('ustar  \0', 257);
    let sum = 0;
    for (const b of h) sum += b;
    put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h);
    const body = new Uint8Array(Math.ceil(data.length / 512) * 512);
    body.set(data);
    blocks.push(body);
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((a, b) => a + b.length, 0));
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

describe('readTar', () => {
  it('lists regular files without the ./ prefix, skipping directories', () => {
    const members = readTar(
      tarOf([
        { name: './', content: '', type: '5' },
        { name: './env', content: 'A="1"\n' },
        { name: './cpu', content: 'x'.repeat(700) },
      ]),
    );
    expect(members.map((m) => [m.name, m.stored, m.data.length])).toEqual([
      ['env', './env', 6],
      ['cpu', './cpu', 700],
    ]);
  });

  it('reads GNU long names', () => {
    const long = `./${'a'.repeat(150)}.metrics`;
    const members = readTar(
      tarOf([
        { name: '././@LongLink', content: `${long}\0`, type: 'L' },
        { name: long.slice(0, 99), content: 'data' },
      ]),
    );
    expect(members[0]!.name).toBe(long.slice(2));
  });

  it('rejects a member cut short, naming it', () => {
    const bytes = tarOf([{ name: './env', content: 'x'.repeat(1000) }]);
    expect(() => readTar(bytes.subarray(0, 900))).toThrow(TarError);
    expect(() => readTar(bytes.subarray(0, 900))).toThrow(/\.\/env/);
  });

  it('rejects a header that is neither ustar nor a v7 header with a valid checksum', () => {
    const bytes = tarOf([{ name: './env', content: 'abc' }], true); // a v7 header: its checksum is checked
    expect(readTar(bytes).map((m) => m.name)).toEqual(['env']);
    bytes[3] = 'Z'.charCodeAt(0);
    expect(() => readTar(bytes)).toThrow(/checksum/);
  });
});

describe('archives', () => {
  it('rejects a truncated gzip stream with a clear reason', () => {
    const gz = gzipSync(tarOf([{ name: './env', content: 'VERSION="1.5.0"\n' }]));
    const parsed = parseKnb(gz.subarray(0, gz.length - 10), 'x.knbdata');
    expect(parsed.format).toBe('knbdata');
    expect(parsed.run).toBeNull();
    expect(parsed.issues[0]).toMatchObject({ severity: 'error', code: 'gzip-truncated', file: 'x.knbdata' });
    expect(parsed.issues[0]!.message).toMatch(/truncated or corrupt/);
  });

  it('rejects an archive without env', () => {
    const parsed = parseKnb(gzipSync(tarOf([{ name: './cpu', content: 'x\n' }])), 'y.knbdata');
    expect(parsed.issues.map((i) => i.code)).toEqual(['no-env']);
  });

  it('warns, naming the member, when an .avg disagrees with its .metrics', () => {
    const env = 'VERSION="1.5.0"\nIDLE_POD_NAME="p"\n';
    const metrics =
      'cpu-user cpu-nice cpu-system cpu-iowait cpu-steal memory-used timestamp\n1.00 0.00 1.00 0.00 0.00 100 1\n2.00 0.00 1.00 0.00 0.00 101 2\n';
    const header = 'cpu-user cpu-nice cpu-system cpu-iowait cpu-steal memory-used records-number\n';
    const parsed = parseKnb(
      gzipSync(
        tarOf([
          { name: './env', content: env },
          { name: './p.bw', content: '0\n' },
          { name: './p-client.metrics', content: metrics },
          { name: './p-client.avg', content: `${header}1.50 0.00 1.00 0.00 0.00 100 2\n` },
          { name: './p-server.metrics', content: metrics },
          { name: './p-server.avg', content: `${header}1.60 0.00 1.00 0.00 0.00 100 2\n` },
        ]),
      ),
      'z.knbdata',
    );
    expect(parsed.issues).toHaveLength(1);
    expect(parsed.issues[0]).toMatchObject({ code: 'avg-mismatch', member: './p-server.avg', line: 2 });
    expect(parsed.issues[0]!.message).toContain(
      '"1.60 0.00 1.00 0.00 0.00 100" but the per-second .metrics average to "1.50 0.00 1.00 0.00 0.00 100"',
    );
    // knb's value is kept (it is what every other rendering shows)
    expect(parsed.run!.tests[0]!.server!.cpu.user.value).toBe(1.6);
  });
});
