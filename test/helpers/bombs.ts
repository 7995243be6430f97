/**
 * Gzip bombs for the hostile-input tests and the memory benchmark (perf/hostile.bench.ts): small files that inflate to
 * gigabytes of zeros, generated, never committed.
 */
import { gzipSync } from 'node:zlib';

/** A gzip stream of `size` zero bytes, small whatever the size: concatenated gzip members of 1 MiB of zeros each. */
export function gzipOfZeros(size: number): Buffer {
  const mib = 1024 * 1024;
  const member = gzipSync(Buffer.alloc(mib), { level: 9 });
  const parts: Buffer[] = [];
  for (let left = size; left > 0; left -= mib) parts.push(left >= mib ? member : gzipSync(Buffer.alloc(left)));
  return Buffer.concat(parts);
}

/** A .knbdata whose tar declares one member `./env` of `size` bytes, followed by that many zeros (a gzip bomb). */
export function bomb(size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write('./env', 0, 'latin1');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h.write('0', 156, 'latin1');
  h.write('ustar  \0', 257, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return Buffer.concat([gzipSync(h), gzipOfZeros(size)]);
}
