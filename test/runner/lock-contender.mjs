#!/usr/bin/env node
// A contender for the runner's lock, for the lock race test: prints "ready", reads a start time (ms since the epoch)
// on stdin, then at start + k × interval tries acquireLock on the k-th campaign directory (busy-waiting up to that
// instant, so that every contender tries at the same moment) and prints "<k> won", "<k> locked" or "<k> error …".
// It keeps what it won (it stays alive) until every trial is over.
import { register } from 'tsx/esm/api';

register();
const { acquireLock } = await import('../../src/runner/store.ts');
const [interval, ...dirs] = process.argv.slice(2);
process.stdout.write('ready\n');
let input = '';
for await (const chunk of process.stdin) {
  input += chunk;
  if (input.includes('\n')) break;
}
const start = Number(input.trim());
const lines = [];
for (const [k, dir] of dirs.entries()) {
  const at = start + k * Number(interval);
  while (Date.now() < at) {
    // busy wait: a timer would spread the contenders over milliseconds
  }
  try {
    acquireLock(dir);
    lines.push(`${k} won`);
  } catch (error) {
    lines.push(error && error.code === 'locked' ? `${k} locked` : `${k} error ${error && error.message}`);
  }
}
const end = start + dirs.length * Number(interval) + 500;
while (Date.now() < end) await new Promise((r) => setTimeout(r, 20));
process.stdout.write(`${lines.join('\n')}\n`);
