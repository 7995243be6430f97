/**
 * Numbers the reference study states (shared/paper/FACTS.md), as the tests of several stages need them. Copied as
 * facts with their source, not as data files: the study's raw data was never published.
 */

/** Inter-host (UOM) RAM versus vanilla K8s, in % (FACTS.md, "Stated results, inter-host"). Plugins not named are unchanged. */
export const STATED_UOM_RAM_DELTAS: readonly { distribution: string; plugin: string; pct: number }[] = [
  { distribution: 'k3s', plugin: 'flannel', pct: -28 },
  { distribution: 'mk8s', plugin: 'flannel', pct: -15 },
  { distribution: 'k0s', plugin: 'kube-router', pct: -21 },
  { distribution: 'k3s', plugin: 'calico', pct: -6 },
  { distribution: 'k0s', plugin: 'calico', pct: -16 },
  { distribution: 'mk8s', plugin: 'calico', pct: -37 },
  { distribution: 'mk8s', plugin: 'kube-ovn', pct: 16 },
  { distribution: 'k3s', plugin: 'cilium', pct: 14 },
];
