/**
 * Issue 11 (items 7 and 9): the runner's lock under concurrent takeover, bounded values, archives verified before
 * they enter the layout, layouts ingest cannot see, unambiguous --dry-run listings, and a full disk as a clear error.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadRunPlan, parseRunPlan, MAX_TIMER_SECONDS } from '../../src/runner/plan.js';
import { planCampaign } from '../../src/runner/knb.js';
import { runCampaign, type RunEvent } from '../../src/runner/campaign.js';
import { displayArgument, formatDryRun } from '../../src/runner/dry-run.js';
import { timerMs } from '../../src/runner/execute.js';
import { acquireLock, storeFs } from '../../src/runner/store.js';
import { readTar } from '../../src/knb/index.js';
import { main } from '../../src/cli/main.js';
import { memoryIO } from '../../src/cli/io.js';
import { HERE, invocations, listFiles, makeCampaign, removeCampaigns } from './helpers.js';

afterAll(removeCampaigns);
afterEach(() => vi.restoreAllMocks());

const scratch = mkdtempSync(join(tmpdir(), 'cnibench-runner-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A pid above Linux's largest pid_max (2^22): never a running process. */
const DEAD_PID = 4194305;
const ONE = `  clusters:\n    - { testbed: T, distribution: k3s, plugin: p, client-node: a, server-node: b }\n`;

function planError(runs: string, top = ''): Error {
  try {
    parseRunPlan(`${top}runs:\n${runs}`, '/c/campaign.yaml', '/c');
  } catch (error) {
    return error as Error;
  }
  throw new Error('the plan was accepted');
}

describe('the runner lock', () => {
  it('lets exactly one of many runners take over a stale lock at the same moment (200 trials, 6 runners)', async () => {
    const trials = 200;
    const contenders = 6;
    const dirs: string[] = [];
    for (let k = 0; k < trials; k++) {
      const dir = join(scratch, `lock-${k}`);
      mkdirSync(join(dir, '.cnibench'), { recursive: true });
      // stale locks of both formats: this version's `pid nonce`, and an older one's bare pid
      writeFileSync(join(dir, '.cnibench', 'lock'), k % 2 === 0 ? `${DEAD_PID} 0123abcd\n` : `${DEAD_PID}\n`);
      dirs.push(dir);
    }
    const children = Array.from({ length: contenders }, () =>
      spawn(process.execPath, [join(HERE, 'lock-contender.mjs'), '25', ...dirs], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const outputs = children.map(
      (child) =>
        new Promise<string>((resolveOutput) => {
          let text = '';
          child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
          child.on('exit', () => resolveOutput(text));
        }),
    );
    // start together once every contender has loaded the code
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((ready) => {
            const onData = (chunk: Buffer) => {
              if (chunk.toString().includes('ready')) {
                child.stdout.off('data', onData);
                ready();
              }
            };
            child.stdout.on('data', onData);
          }),
      ),
    );
    const start = Date.now() + 300;
    for (const child of children) child.stdin.end(`${start}\n`);
    const results = (await Promise.all(outputs)).flatMap((text) =>
      text
        .split('\n')
        .filter((line) => /^\d+ /.test(line))
        .map((line) => line.split(' ')),
    );
    expect(results).toHaveLength(trials * contenders);
    expect(results.filter((r) => r[1] === 'error')).toEqual([]);
    for (let k = 0; k < trials; k++) {
      const winners = results.filter((r) => r[0] === String(k) && r[1] === 'won');
      expect(winners.length, `trial ${k}`).toBe(1);
    }
  }, 120_000);

  it('refuses a live holder and releases only its own lock', () => {
    const dir = join(scratch, 'lock-live');
    mkdirSync(join(dir, '.cnibench'), { recursive: true });
    writeFileSync(join(dir, '.cnibench', 'lock'), `${process.ppid} feedbeef\n`);
    expect(() => acquireLock(dir)).toThrow(/another cnibench run \(pid \d+\) is running/);
    rmSync(join(dir, '.cnibench', 'lock'));
    const release = acquireLock(dir);
    expect(readFileSync(join(dir, '.cnibench', 'lock'), 'utf8')).toMatch(new RegExp(`^${process.pid} [0-9a-f]+\\n$`));
    release();
    expect(() => readFileSync(join(dir, '.cnibench', 'lock'))).toThrow(/ENOENT/);
  });
});

describe('bounded plan values', () => {
  it.each([
    [
      'a timeout past what a timer can wait',
      `  timeout: 3000000\n${ONE}`,
      `runs.timeout: expected an integer from 1 to ${MAX_TIMER_SECONDS}, got 3000000`,
    ],
    ['1e300 iterations', `  iterations: 1e300\n${ONE}`, 'runs.iterations: expected an integer from 1 to 100000'],
    ['a million iterations', `  iterations: 1000000\n${ONE}`, 'expected an integer from 1 to 100000, got 1000000'],
    ['a fractional iteration count', `  iterations: 2.5\n${ONE}`, 'expected an integer from 1 to 100000, got 2.5'],
    [
      'a backoff that doubles past a timer',
      `  retries: 30\n  backoff: 60\n${ONE}`,
      'more than the 2147483 s a timer can wait',
    ],
  ])('rejects %s, naming the allowed range', (_, runs, fragment) => {
    expect(planError(runs).message).toContain(fragment);
  });

  it('rejects a plan of more runs than it may hold, suggesting a split', () => {
    const clusters = Array.from(
      { length: 11 },
      (_, i) => `    - { testbed: T${i}, distribution: k3s, plugin: p, client-node: a, server-node: b }\n`,
    ).join('');
    expect(planError(`  iterations: 10000\n  clusters:\n${clusters}`).message).toContain(
      '11 clusters × 10000 iterations = 110000 runs, more than the 100000 a plan may hold; split the campaign',
    );
  });

  it('never gives setTimeout more than 2^31 - 1 ms (Node would fire it at once)', () => {
    expect(timerMs(MAX_TIMER_SECONDS * 10)).toBe(2 ** 31 - 1);
    expect(timerMs(60)).toBe(60_000);
  });

  it('--dry-run with a million iterations is refused with a clear message, not a heap exhaustion', async () => {
    const c = makeCampaign(`  iterations: 1000000\n${ONE}`);
    const io = memoryIO(c.dir, c.env);
    expect(await main(['run', c.dir, '--dry-run'], io)).toBe(2);
    expect(io.err.join('')).toContain('runs.iterations: expected an integer from 1 to 100000, got 1000000');
  });
});

describe('layouts ingest cannot see', () => {
  it.each([
    ['.cnibench/{testbed}/{distribution}/{plugin}/{iteration}', 'under .cnibench/'],
    ['{testbed}/{distribution}/{plugin}/..{iteration}', 'segment "..{iteration}"'],
    ['{testbed}/{distribution}/{plugin}/{iteration}..', 'segment "{iteration}.."'],
    ['{testbed}/.hidden/{distribution}/{plugin}/{iteration}', 'segment ".hidden"'],
    ['/abs/{testbed}/{distribution}/{plugin}/{iteration}', 'segment ""'],
    ['{testbed}//{distribution}/{plugin}/{iteration}', 'segment ""'],
  ])('refuses layout %s at plan time', (layout, fragment) => {
    const error = planError(ONE, `layout: "${layout}"\n`);
    expect(error.message).toContain(fragment);
    expect((error as { line?: number }).line).toBe(1);
  });

  it('refuses a level that would make a hidden directory', () => {
    const runs = `  clusters:\n    - { testbed: .T, distribution: k3s, plugin: p, client-node: a, server-node: b }\n`;
    expect(planError(runs).message).toContain('starts with "."');
  });
});

describe('archives verified before they enter the layout', () => {
  it.each(['truncated-gzip', 'truncated-tar'])(
    'a %s archive from a knb that exits 0 is a failed attempt, retried',
    async (behaviour) => {
      const c = makeCampaign(`  iterations: 1\n  retries: 1\n  backoff: 0\n${ONE}`, {
        runs: { 'T/k3s/p/01': [behaviour, 'ok'] },
      });
      const events: RunEvent[] = [];
      const result = await runCampaign(planCampaign(await loadRunPlan(c.dir), c.env), {
        env: c.env,
        onEvent: (e) => events.push(e),
        killGraceMs: 300,
      });
      expect(result).toMatchObject({ measured: 1, failed: 0 });
      const retries = events.filter((e) => e.type === 'retry').map((e) => (e as { reason: string }).reason);
      expect(retries).toEqual([
        expect.stringMatching(
          behaviour === 'truncated-gzip' ? /damaged or truncated gzip stream/ : /lacks the end-of-archive blocks/,
        ),
      ]);
      const archive = readFileSync(join(c.dir, 'T/k3s/p/01.knbdata'));
      expect(readTar(gunzipSync(archive)).length).toBeGreaterThan(0);
      expect(invocations(c)).toHaveLength(2);
    },
    60_000,
  );
});

describe('--dry-run listing', () => {
  it('quotes arguments so that a newline cannot forge a line', async () => {
    const c = makeCampaign(
      `  clusters:\n    - { testbed: T, distribution: k3s, plugin: p, client-node: a, server-node: b,\n` +
        `        setup: [deploy, "x\\n  #2: forged-command --name T/k3s/p/99", "it's"] }\n  iterations: 1\n`,
    );
    const io = memoryIO(c.dir, c.env);
    expect(await main(['run', c.dir, '--dry-run'], io)).toBe(0);
    const lines = io.out.join('').split('\n');
    expect(lines.filter((l) => l.includes('forged-command'))).toEqual([
      `  setup:    deploy $'x\\n  #2: forged-command --name T/k3s/p/99' 'it'\\''s'`,
    ]);
    expect(lines.some((l) => l.startsWith('  #2:'))).toBe(false);
  });

  it('quotes each argument unambiguously', () => {
    expect(displayArgument('plain-word_1.5')).toBe('plain-word_1.5');
    expect(displayArgument('a b')).toBe(`'a b'`);
    expect(displayArgument("it's")).toBe(`'it'\\''s'`);
    expect(displayArgument('a\nb')).toBe(`$'a\\nb'`);
    expect(displayArgument("\x1b[2J'\\")).toBe(`$'\\x1b[2J\\'\\\\'`);
    expect(displayArgument('')).toBe(`''`);
  });

  it('formatDryRun and the streamed CLI listing are the same text', async () => {
    const c = makeCampaign(`  iterations: 3\n${ONE}`);
    const io = memoryIO(c.dir, c.env);
    await main(['run', c.dir, '--dry-run'], io);
    expect(io.out.join('')).toBe(formatDryRun(planCampaign(await loadRunPlan(c.dir), c.env)));
  });
});

describe('a full disk while running', () => {
  it.each([
    ['ENOSPC', 'no space left on device'],
    ['EROFS', 'read-only file system'],
  ])(
    '%s is a clear error with the path (exit 2), not "a bug"; finished iterations are kept',
    async (code, meaning) => {
      const c = makeCampaign(`  iterations: 2\n  backoff: 0\n${ONE}`);
      const real = storeFs.writeFileSync;
      vi.spyOn(storeFs, 'writeFileSync').mockImplementation((...args: Parameters<typeof real>) => {
        const [path] = args;
        // the manifest of the second iteration hits the full disk
        if (String(path).includes('/.cnibench/tmp/atomic/') && listFiles(c.dir).some((f) => f.endsWith('01.knbdata'))) {
          throw Object.assign(new Error(`${code}: injected, write`), { code, path: String(path) });
        }
        real(...args);
      });
      const io = memoryIO(c.dir, c.env);
      expect(await main(['run', c.dir], io)).toBe(2);
      const err = io.err.join('');
      expect(err).toMatch(
        new RegExp(`cnibench: ${meaning} while writing ${c.dir}/\\.cnibench/tmp/atomic/\\S+ \\(${code}\\)`),
      );
      expect(err).toContain('finished iterations are kept');
      expect(err).not.toContain('this is a bug');
      expect(listFiles(c.dir)).toContain('T/k3s/p/01.knbdata');
    },
    60_000,
  );
});
