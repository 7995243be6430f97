#!/usr/bin/env node
// Test double of knb 1.5.0 for the runner's tests. Same command line as knb (FORMATS.md §1); in benchmark mode it
// writes a genuine `-o data` archive made by the project's own generator (src/synth, written by src/knb) instead of measuring a cluster.
//
// Behaviour is controlled by a JSON file named by FAKE_KNB_CONTROL:
//   { "default": "ok", "runs": { "<--name>": ["crash", "ok"] } }   one entry per attempt, the last one repeats
// behaviours: "ok" | "sleep:<ms>" (then ok) | "crash" (partial file, exit 3) | "hang" (never ends, with a child
// process in its group) | "garbage" (exit 0, writes a file that is not an archive) | "nothing" (exit 0, no file)
// | "truncated-gzip" (exit 0, the archive's gzip stream cut short) | "truncated-tar" (exit 0, a well-formed gzip of a
// tar cut after its last member, as when tar dies and gzip still closes the stream)
// FAKE_KNB_STATE names a directory where it counts attempts per run and logs every invocation (invocations.log).
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
const argv = process.argv.slice(2);
if (argv.includes('-V') || argv.includes('--version')) {
  process.stdout.write('1.5.0\n');
  process.exit(0);
}
const flag = (short, long) => {
  const i = argv.findIndex((a) => a === short || a === long);
  return i >= 0 ? argv[i + 1] : undefined;
};
const fatal = (text) => {
  process.stderr.write(`2023-10-02 09:00:00 [FATAL] ${text}\n`);
  process.exit(1);
};
const output = flag('-o', '--output') ?? 'text';
const file = flag('-f', '--file');
const name = flag('--name', '--name') ?? `knb-${process.pid}`;
const clientNode = flag('-cn', '--client-node');
const serverNode = flag('-sn', '--server-node');
const duration = Number(flag('-d', '--duration') ?? '10');
if (!clientNode || !serverNode) fatal('Missing client or server node');
if (output === 'data' && (!file || file === '-'))
  fatal("I cowardly refuse to output data on stdout, please use '-f' flag");

const stateDir = process.env.FAKE_KNB_STATE;
let attempt = 1;
if (stateDir) {
  mkdirSync(stateDir, { recursive: true });
  const key = join(stateDir, `${Buffer.from(name).toString('hex')}.count`);
  attempt = (existsSync(key) ? Number(readFileSync(key, 'utf8')) : 0) + 1;
  writeFileSync(key, String(attempt));
  appendFileSync(
    join(stateDir, 'invocations.log'),
    `${JSON.stringify({ name, attempt, pid: process.pid, argv, kubeconfig: process.env.KUBECONFIG ?? null })}\n`,
  );
}
let behaviour = 'ok';
if (process.env.FAKE_KNB_CONTROL) {
  const control = JSON.parse(readFileSync(process.env.FAKE_KNB_CONTROL, 'utf8'));
  const list = control.runs?.[name] ?? [control.default ?? 'ok'];
  behaviour = list[Math.min(attempt, list.length) - 1];
}
process.stderr.write(`2023-10-02 09:00:00 [INFO] fake knb: ${name} attempt ${attempt}: ${behaviour}\n`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
if (behaviour === 'hang') {
  // a grandchild in the same process group, as kubectl would be: the runner must kill the whole group
  spawn('sleep', ['1000'], { stdio: 'ignore' });
  writeFileSync(file, 'partial');
  for (;;) await sleep(1000);
}
if (behaviour === 'crash') {
  writeFileSync(file, Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
  process.stderr.write('2023-10-02 09:00:00 [FATAL] Pod knb-server did not become ready\n');
  process.exit(3);
}
if (behaviour === 'garbage') {
  writeFileSync(file, 'this is not an archive\n');
  process.exit(0);
}
if (behaviour === 'nothing') process.exit(0);
if (behaviour.startsWith('sleep:')) {
  // a partial archive exists while knb "measures": it must never reach the layout
  writeFileSync(file, Buffer.from([0x1f, 0x8b]));
  await sleep(Number(behaviour.slice(6)));
}
// the project's generator, from its TypeScript sources (loaded only now: the other behaviours start faster)
const { register } = await import('tsx/esm/api');
register();
const synth = await import('../../src/synth/index.ts');
const knb = await import('../../src/knb/index.ts');
const seed = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
const run = synth.synthesizeRun({ seed, name, clientNode, serverNode, duration: Math.min(duration, 30) });
const archive = knb.writeKnbdata(run);
if (behaviour === 'truncated-gzip') {
  writeFileSync(file, archive.subarray(0, Math.floor(archive.length * 0.6)));
} else if (behaviour === 'truncated-tar') {
  const { gunzipSync, gzipSync } = await import('node:zlib');
  const tar = gunzipSync(archive);
  let end = tar.length;
  while (end >= 512 && tar.subarray(end - 512, end).every((b) => b === 0)) end -= 512;
  writeFileSync(file, gzipSync(tar.subarray(0, end)));
} else {
  writeFileSync(file, archive);
}
process.stdout.write(`wrote ${file}\n`);
