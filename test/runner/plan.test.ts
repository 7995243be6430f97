import { describe, expect, it } from 'vitest';
import { CnibenchError } from '../../src/model/errors.js';
import { parseRunPlan, testCount, expectedIterationSeconds } from '../../src/runner/plan.js';
import { knbArguments, planCampaign, shareGroups } from '../../src/runner/knb.js';
import { formatDryRun } from '../../src/runner/dry-run.js';
import { unsafeNameReason } from '../../src/runner/names.js';
import { runnerMessages as msg } from '../../src/runner/messages.js';

const FILE = '/c/campaign.yaml';
const parse = (text: string) => parseRunPlan(text, FILE, '/c');

function planError(text: string): CnibenchError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof CnibenchError) return error;
    throw error;
  }
  throw new Error('expected a plan error');
}

const ONE = `runs:
  clusters:
    - testbed: ATH
      distribution: k3s
      plugin: flannel
      client-node: w1
      server-node: w2
`;

describe('parseRunPlan', () => {
  it('fills documented defaults', () => {
    const plan = parse(ONE);
    expect(plan).toMatchObject({
      backend: 'knb',
      knb: 'knb',
      iterations: 10,
      layout: '{testbed}/{distribution}/{plugin}/{iteration}',
      concurrency: 1,
      retries: 2,
      backoff: 10,
      onFailure: 'continue',
      order: 'sequential',
      seed: 1,
      options: { duration: 10, onlyTests: null, socketBufferSize: null, namespace: null, podTimeout: null },
    });
    expect(plan.timeout).toBe(2 * expectedIterationSeconds(plan.options) + 120);
    expect(plan.clusters).toHaveLength(1);
    expect(plan.clusters[0]).toMatchObject({ cell: 'ATH/k3s/flannel', clientNode: 'w1', serverNode: 'w2', line: 3 });
  });

  it('reads order and seed; a shuffled order is seeded, interleaves standing clusters and keeps deployed ones whole', () => {
    const text = `runs:
  iterations: 3
  order: shuffled
  seed: 7
  clusters:
    - { testbed: A, distribution: k8s, plugin: flannel, client-node: w1, server-node: w2 }
    - { testbed: A, distribution: k3s, plugin: flannel, client-node: w1, server-node: w2 }
    - { testbed: A, distribution: k0s, plugin: flannel, client-node: w1, server-node: w2, setup: [deploy] }
`;
    const plan = parse(text);
    expect(plan).toMatchObject({ order: 'shuffled', seed: 7 });
    const queue = planCampaign(plan, {}).queue;
    const names = queue.map((u) => u.jobs.map((j) => j.runName).join('+'));
    // every run exactly once; the deployed cluster is one block with its iterations in order
    expect(queue.flatMap((u) => u.jobs.map((j) => j.runName)).sort()).toEqual(
      ['k0s', 'k3s', 'k8s'].flatMap((d) => [1, 2, 3].map((i) => `A/${d}/flannel/0${i}`)).sort(),
    );
    expect(names).toContain('A/k0s/flannel/01+A/k0s/flannel/02+A/k0s/flannel/03');
    expect(queue).toHaveLength(7);
    // seeded: the same seed gives the same order, another seed another one, and the standing clusters interleave
    expect(planCampaign(parse(text), {}).queue.map((u) => u.jobs[0]!.runName)).toEqual(
      queue.map((u) => u.jobs[0]!.runName),
    );
    const other = planCampaign(parse(text.replace('seed: 7', 'seed: 8')), {}).queue.map((u) => u.jobs[0]!.runName);
    expect(other).not.toEqual(queue.map((u) => u.jobs[0]!.runName));
    const standing = names.filter((n) => !n.includes('+')).map((n) => n.split('/')[1]);
    expect(standing.some((d, i) => i > 0 && d !== standing[i - 1])).toBe(true);
    expect(formatDryRun(planCampaign(plan, {}))).toContain('order: shuffled (seed 7): ');
    // sequential (default) keeps plan order, one unit per cluster
    const sequential = planCampaign(parse(text.replace('order: shuffled', 'order: sequential')), {}).queue;
    expect(sequential.map((u) => u.cluster.cell)).toEqual(['A/k8s/flannel', 'A/k3s/flannel', 'A/k0s/flannel']);
    const bad = planError(text.replace('order: shuffled', 'order: random'));
    expect(bad.message).toBe(msg.expectedChoice('runs.order', ['sequential', 'shuffled'], '"random"'));
    expect(bad.line).toBe(3);
  });

  it('reads every option, commands as argument arrays, kubeconfig relative to the campaign', () => {
    const plan = parse(`layout: '{testbed}/{mtu}/{plugin}/{distribution}/run-{iteration}'
runs:
  iterations: 3
  knb: /opt/knb
  concurrency: 2
  timeout: 300
  retries: 0
  backoff: 5
  on-failure: skip-cell
  options: { duration: 5, only-tests: 'idle,tcp', socket-buffer-size: 256K, namespace: bench, timeout: 60 }
  clusters:
    - testbed: UOM
      distribution: MicroK8s
      plugin: calico
      factors: { mtu: 1500 }
      kubeconfig: kube/uom.yaml
      context: uom-admin
      client-node: s03
      server-node: s04
      setup: [ansible-playbook, deploy.yml, -e, 'dist=mk8s plugin=calico']
      teardown: [ansible-playbook, reset.yml]
      shares: [uom-hosts]
`);
    expect(plan.clusters[0]).toMatchObject({
      cell: 'UOM/1500/calico/MicroK8s',
      kubeconfig: '/c/kube/uom.yaml',
      setup: ['ansible-playbook', 'deploy.yml', '-e', 'dist=mk8s plugin=calico'],
      teardown: ['ansible-playbook', 'reset.yml'],
      shares: ['uom-hosts', 'kube:/c/kube/uom.yaml#uom-admin'],
    });
    expect(plan.options).toEqual({
      duration: 5,
      onlyTests: ['idle', 'tcp'],
      socketBufferSize: '256K',
      namespace: 'bench',
      podTimeout: 60,
    });
    const schedule = planCampaign(plan, { HOME: '/home/u' });
    const job = schedule.clusters[0]!.jobs[2]!;
    expect(job.archive).toBe('UOM/1500/calico/MicroK8s/run-03.knbdata');
    expect(job.failed).toBe('UOM/1500/calico/MicroK8s/run-03.failed.json');
    expect(job.argv).toEqual([
      '/opt/knb',
      '-cn', 's03', '-sn', 's04', '-d', '5', '-n', 'bench', '-ot', 'idle,tcp', '-sbs', '256K', '-t', '60',
      '-o', 'data', '-f', '/c/.cnibench/tmp/UOM/1500/calico/MicroK8s/run-03.knbdata.partial',
      '--name', 'UOM/1500/calico/MicroK8s/run-03',
    ]); // prettier-ignore
    // knb has no --context: the context is chosen by a KUBECONFIG overlay put before the cluster's kubeconfig
    expect(job.env).toEqual({ KUBECONFIG: '/c/.cnibench/kubeconfig/UOM/1500/calico/MicroK8s.yaml:/c/kube/uom.yaml' });
  });

  it('expands the matrix shorthand of the reference study into 40 clusters with templated fields', () => {
    const plan = parse(`runs:
  matrix:
    - testbed: [ATH, UOM]
      distribution: [k8s, k3s, k0s, mk8s]
      plugin: [flannel, calico, cilium, kube-router, kube-ovn]
      context: '{testbed}-{distribution}-{plugin}'
      client-node: '{testbed}-worker-1'
      server-node: '{testbed}-worker-2'
      setup: [ansible-playbook, site.yml, -e, 'distribution={distribution}', -e, 'cni={plugin}']
      shares: ['{testbed}-hosts']
`);
    expect(plan.clusters).toHaveLength(40);
    const c = plan.clusters.find((x) => x.cell === 'UOM/k0s/kube-router')!;
    expect(c).toMatchObject({
      context: 'UOM-k0s-kube-router',
      clientNode: 'UOM-worker-1',
      setup: ['ansible-playbook', 'site.yml', '-e', 'distribution=k0s', '-e', 'cni=kube-router'],
    });
    // all clusters of a testbed share its hosts: two lanes, one per testbed
    expect(shareGroups(plan.clusters).map((g) => g.length)).toEqual([20, 20]);
    const schedule = planCampaign({ ...plan, concurrency: 4 });
    expect(schedule.expectedSeconds).toBe(20 * 10 * schedule.iterationSeconds);
  });

  it('serialises clusters that are the same Kubernetes cluster, and local-backend runs on one host', () => {
    const two = (extra: string, backend = 'knb') =>
      parse(
        `runs:\n  backend: ${backend}\n  clusters:\n` +
          `    - { testbed: A, distribution: k3s, plugin: x, client-node: a, server-node: b${extra} }\n` +
          `    - { testbed: A, distribution: k0s, plugin: x, client-node: a, server-node: b${extra} }\n`,
      );
    // both on the default kubeconfig's current context: one cluster
    expect(shareGroups(two('').clusters)).toHaveLength(1);
    const split = parse(
      'runs:\n  clusters:\n' +
        '    - { testbed: A, distribution: k3s, plugin: x, client-node: a, server-node: b, context: one }\n' +
        '    - { testbed: A, distribution: k0s, plugin: x, client-node: a, server-node: b, context: two }\n',
    );
    expect(shareGroups(split.clusters)).toHaveLength(2);
    expect(shareGroups(two('', 'local').clusters)).toHaveLength(1);
  });

  it('resolves a knb path with a slash against the campaign directory', () => {
    expect(parse(ONE + '  knb: bin/knb\n').knb).toBe('/c/bin/knb');
    expect(parse(ONE + '  knb: knb-1.5.0\n').knb).toBe('knb-1.5.0');
  });

  it('counts the tests an -ot list selects', () => {
    expect(testCount(null)).toBe(5);
    expect(testCount(['idle', 'tcp'])).toBe(3);
    expect(testCount(['p2p', 'p2ptcp'])).toBe(2);
  });

  it.each([
    ['an unknown key', ONE.replace('plugin: flannel', 'plugin: flannel\n      plugn: x'), 6, 'unknown key "plugn"'],
    ['a missing node', ONE.replace('      client-node: w1\n', ''), 3, 'missing required key "client-node"'],
    ['a shell-string setup', ONE + '      setup: ansible-playbook deploy.yml\n', 8, 'never a shell string'],
    ['a bad policy', ONE + '  on-failure: retry\n', 8, 'expected one of stop, skip-cell, continue'],
    ['a bad only-tests', 'runs:\n  options: { only-tests: [tcp, sctp] }\n' + ONE.slice(6), 2, '"sctp"'],
    ['zero iterations', ONE + '  iterations: 0\n', 8, 'runs.iterations: expected an integer from 1 to 100000, got 0'],
    ['a duplicate cell', ONE + ONE.slice(ONE.indexOf('    - ')), 8, 'planned twice'],
    [
      'an unknown placeholder',
      'runs:\n  matrix: { testbed: A, distribution: k3s, plugin: x, context: "{node}", client-node: c, server-node: s }\n',
      2,
      '{node}',
    ],
    ['broken YAML', 'runs:\n  clusters: [\n', 3, 'not valid YAML'],
  ])('rejects %s with the line', (_, text, line, fragment) => {
    const error = planError(text);
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(line);
    expect(error.message).toContain(fragment);
  });
});

describe('hostile names are rejected before anything runs', () => {
  it.each([
    ['../x', msg.nameSeparator()],
    ['..', msg.nameDots()],
    ['a;rm -rf b', msg.nameShell('";"')],
    ['a\nb', msg.nameControl()],
    ['-rf', msg.nameLeadingDash()],
    ['$(reboot)', 'not allowed'],
    ['', msg.nameEmpty()],
  ])('%j', (name, why) => {
    expect(unsafeNameReason(name)).toContain(why);
    const error = planError(ONE.replace('plugin: flannel', `plugin: ${JSON.stringify(name)}`));
    expect(error.message).toContain('unsafe name');
    expect(error.line).toBe(5);
  });

  it('accepts ordinary names', () => {
    for (const name of ['kube-ovn', 'MicroK8s', 'k8s_1.28', 'pc-tbed-k8s-01.cern.ch', 'mtu=1450']) {
      expect(unsafeNameReason(name)).toBeNull();
    }
  });

  it('checks names inside matrix levels and templated results', () => {
    expect(planError('runs:\n  matrix: { testbed: [A, "../B"], distribution: k3s, plugin: x }\n').line).toBe(2);
    const err = planError(
      'runs:\n  matrix: { testbed: A, distribution: k3s, plugin: x, client-node: "{testbed}/..", server-node: s }\n',
    );
    expect(err.message).toContain('unsafe name "A/.."');
  });
});

describe('knbArguments and the dry run', () => {
  it('passes only the flags that differ from knb defaults', () => {
    const args = knbArguments(
      { clientNode: 'a', serverNode: 'b' },
      { duration: 10, onlyTests: null, socketBufferSize: null, namespace: null, podTimeout: null },
      '/t/x',
      'n',
    );
    expect(args).toEqual(['-cn', 'a', '-sn', 'b', '-d', '10', '-o', 'data', '-f', '/t/x', '--name', 'n']);
  });

  it('prints every command, every file and the expected duration', () => {
    const plan = parse(ONE.replace('runs:\n', 'runs:\n  iterations: 2\n  options: { duration: 3 }\n'));
    const text = formatDryRun(planCampaign(plan, { HOME: '/h' }));
    expect(text).toContain('1 clusters × 2 iterations = 2 runs');
    expect(text).toContain('expected duration: about 3 min 40 s (1 min 50 s per iteration');
    expect(text).toContain(
      'knb -cn w1 -sn w2 -d 3 -o data -f /c/.cnibench/tmp/ATH/k3s/flannel/02.knbdata.partial --name ATH/k3s/flannel/02',
    );
    expect(text).toContain('writes ATH/k3s/flannel/01.knbdata (or ATH/k3s/flannel/01.failed.json)');
  });
});
