/**
 * How often the reproduction notebook's "no significant change" checks hold when the example campaign is regenerated
 * with other seeds — the same planted truth (these claims are exactly true in the generator: no planted change), new
 * ordinary sampling noise. It decides the rule of those checks on known truth rather than on the one committed seed.
 *
 * Two rules are counted for each claim:
 * - per comparison: no comparison of the claim is significant in the analysis (its default family: BH over every
 *   comparison of the report) and large (|change| ≥ 5 % for CPU, any gain for throughput) — the rule the notebook
 *   used first;
 * - claim family: the same, with Holm's adjustment over the claim's own comparisons. A claim of no change is a
 *   statement about every comparison it covers, so its error rate is controlled over them: under the truth it fails
 *   in at most about α of campaigns.
 *
 * Usage: `npx tsx scripts/reproduction-seeds.ts [SEEDS=40] [FIRST=100]` (about 3 s per seed; writes each campaign
 * to a temporary directory and removes it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse, ingestCampaign } from '../src/index.js';
import { holm, type Comparison } from '../src/stats/index.js';
import { writeExampleCampaign } from '../src/synth/index.js';

const seeds = Number(process.argv[2] ?? 40);
const first = Number(process.argv[3] ?? 100);
const ALPHA = 0.05;

interface Claim {
  readonly name: string;
  readonly family: (c: Comparison) => boolean;
  /** large enough to contradict the claim */
  readonly contradicts: (c: Comparison) => boolean;
}

const calicoK0sMk8s = (c: Comparison): boolean =>
  c.cell.factors['plugin'] === 'calico' && (c.level === 'k0s' || c.level === 'mk8s');
const cpuNoChange = (testbed: string): Claim => ({
  name: `${testbed}: CPU across distributions (Calico on K0s/MicroK8s excepted)`,
  family: (c) =>
    c.cell.factors['testbed'] === testbed && c.cell.metric === 'cpu' && c.cell.node === 'server' && !calicoK0sMk8s(c),
  contradicts: (c) => Math.abs(c.deltaPct ?? 0) >= 5,
});
const CLAIMS: readonly Claim[] = [
  cpuNoChange('ATH'),
  cpuNoChange('UOM'),
  {
    name: 'UOM: Kube-OVN and Cilium gain no throughput on lightweight distributions',
    family: (c) =>
      c.cell.factors['testbed'] === 'UOM' &&
      c.cell.metric === 'bandwidth' &&
      (c.cell.factors['plugin'] === 'cilium' || c.cell.factors['plugin'] === 'kube-ovn'),
    contradicts: (c) => (c.deltaPct ?? 0) > 0,
  },
];

const holds = CLAIMS.map(() => ({ perComparison: 0, claimFamily: 0 }));
let allPerComparison = 0;
let allClaimFamily = 0;
const work = mkdtempSync(join(tmpdir(), 'cnibench-seeds-'));
try {
  for (let seed = first; seed < first + seeds; seed++) {
    const dir = join(work, String(seed));
    writeExampleCampaign(dir, { seed });
    const analysis = analyse(await ingestCampaign(dir, { samples: 'none' }));
    rmSync(dir, { recursive: true, force: true });
    let everyPer = true;
    let everyFamily = true;
    CLAIMS.forEach((claim, i) => {
      const family = analysis.comparisons.filter(claim.family);
      const per = !family.some((c) => c.significant && claim.contradicts(c));
      const adjusted = holm(family.map((c) => c.p));
      const fam = !family.some((c, j) => (adjusted[j] ?? 1) < ALPHA && claim.contradicts(c));
      if (per) holds[i]!.perComparison++;
      if (fam) holds[i]!.claimFamily++;
      everyPer &&= per;
      everyFamily &&= fam;
    });
    if (everyPer) allPerComparison++;
    if (everyFamily) allClaimFamily++;
    process.stderr.write('.');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stderr.write('\n');
console.log(`example campaign regenerated with seeds ${first}–${first + seeds - 1}: checks that hold (of ${seeds})`);
console.log('claim'.padEnd(78) + 'per comparison  claim family (Holm)');
CLAIMS.forEach((claim, i) =>
  console.log(claim.name.padEnd(78) + String(holds[i]!.perComparison).padEnd(16) + String(holds[i]!.claimFamily)),
);
console.log('all three'.padEnd(78) + String(allPerComparison).padEnd(16) + String(allClaimFamily));
