// npm run bench: runs every perf/*.bench.ts in its own process (so memory figures are not mixed up) and
// prints their reports. Pass names to run some: `npm run bench -- ingest stats`.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const tsx = join(here, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, ['--expose-gc', tsx, join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
