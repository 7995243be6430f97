import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';

describe('cnibench main', () => {
  it('prints help listing every command and exits 0 on --help', async () => {
    const io = memoryIO(process.cwd());
    expect(await main(['--help'], io)).toBe(0);
    const text = io.out.join('');
    for (const name of ['ingest', 'inspect', 'report', 'run', 'fixtures']) expect(text).toContain(`  ${name}`);
  });

  it('rejects an unknown command with exit 2 and a hint, no stack trace', async () => {
    const io = memoryIO(process.cwd());
    expect(await main(['frobnicate'], io)).toBe(2);
    const err = io.err.join('');
    expect(err).toContain('unknown command "frobnicate"');
    expect(err).not.toMatch(/\n\s+at /);
  });
});
