/**
 * Runner overhead: planning the reference study's 400-run campaign, and the cost the runner adds to each iteration
 * (spawn in a process group, log, validation, fsync + rename, manifest) measured with a knb stand-in that does
 * nothing but write an empty gzip archive.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunPlan } from '../src/runner/plan.js';
import { planCampaign } from '../src/runner/knb.js';
import { formatDryRun } from '../src/runner/dry-run.js';
import { runCampaign } from '../src/runner/campaign.js';

const docs = readFileSync(new URL('../docs/runner.md', import.meta.url), 'utf8');
const reference = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)][1]![1]!;

let t = performance.now();
const rounds = 50;
for (let i = 0; i < rounds; i++) formatDryRun(planCampaign(parseRunPlan(reference, 'campaign.yaml', '/c'), {}));
console.log(`plan + dry run of the 400-run reference campaign: ${((performance.now() - t) / rounds).toFixed(1)} ms`);

const dir = mkdtempSync(join(tmpdir(), 'cnibench-runner-bench-'));
const knb = join(dir, 'knb.sh');
writeFileSync(
  knb,
  '#!/bin/sh\n[ "$1" = -V ] && { echo 1.5.0; exit 0; }\n' +
    'while [ $# -gt 0 ]; do [ "$1" = -f ] && out=$2; shift; done\ngzip -c </dev/null >"$out"\n',
);
chmodSync(knb, 0o755);
const iterations = 40;
writeFileSync(
  join(dir, 'campaign.yaml'),
  `runs:\n  knb: ${knb}\n  kubectl: /bin/true\n  iterations: ${iterations}\n  clusters:\n` +
    `    - { testbed: T, distribution: k3s, plugin: flannel, client-node: a, server-node: b }\n`,
);
const schedule = planCampaign(
  parseRunPlan(readFileSync(join(dir, 'campaign.yaml'), 'utf8'), join(dir, 'campaign.yaml'), dir),
);
t = performance.now();
const result = await runCampaign(schedule, { env: process.env });
const seconds = (performance.now() - t) / 1000;
if (result.measured !== iterations) throw new Error(`expected ${iterations} iterations, measured ${result.measured}`);
console.log(
  `runner overhead per iteration (stand-in knb, ${iterations} iterations): ${((seconds / iterations) * 1000).toFixed(1)} ms`,
);
t = performance.now();
const again = await runCampaign(schedule, { env: process.env });
console.log(`resume scan of ${again.skipped} complete iterations: ${(performance.now() - t).toFixed(1)} ms`);
rmSync(dir, { recursive: true, force: true });
