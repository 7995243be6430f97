import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunPlan } from '../../src/runner/plan.js';
import { planCampaign } from '../../src/runner/knb.js';
import { formatDryRun } from '../../src/runner/dry-run.js';
import { REPO_ROOT } from '../helpers/shared.js';

/** The yaml code blocks of docs/runner.md: the examples users copy must be valid plans. */
const blocks = [...readFileSync(join(REPO_ROOT, 'docs/runner.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map(
  (m) => m[1]!,
);

describe('docs/runner.md', () => {
  it('has three example plans, all valid', () => {
    expect(blocks).toHaveLength(3);
    for (const text of blocks) expect(() => parseRunPlan(text, 'docs/runner.md', '/c')).not.toThrow();
  });

  it('plans the reference study: 40 clusters, 400 runs, one cluster at a time per testbed', () => {
    const plan = parseRunPlan(blocks[1]!, 'campaign.yaml', '/c');
    expect(plan.clusters).toHaveLength(40);
    expect(new Set(plan.clusters.map((c) => c.cell)).size).toBe(40);
    const schedule = planCampaign(plan, { HOME: '/h' });
    const text = formatDryRun(schedule);
    expect(text).toContain('40 clusters × 10 iterations = 400 runs');
    // what the steps in the document say
    expect(text).toContain('expected duration: about 8 h 03 min (2 min 25 s per iteration');
    const c = plan.clusters.find((x) => x.cell === 'UOM/mk8s/kube-ovn')!;
    expect(c.setup).toEqual([
      'ansible-playbook',
      '-i',
      'inventory/UOM.ini',
      'deploy.yml',
      '-e',
      'distribution=mk8s cni=kube-ovn kubeconfig_out=kube/UOM.yaml',
    ]);
    expect(c.kubeconfig).toBe('/c/kube/UOM.yaml');
  });
});
