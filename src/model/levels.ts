/**
 * Level names: users write `MicroK8s`, `microk8s`, `Kube-OVN`, `vanilla`; analysis needs one name per level.
 * normaliseLevel maps the spellings seen in CNI studies onto one canonical name and keeps the original.
 */
import { visibleControls } from './text-safety.js';

/** Canonical distribution names. `k8s` is vanilla Kubernetes (kubeadm), the reference study's baseline. */
const DISTRIBUTION_ALIASES: Readonly<Record<string, string>> = {
  k8s: 'k8s',
  vanilla: 'k8s',
  kubeadm: 'k8s',
  kubernetes: 'k8s',
  'vanilla-k8s': 'k8s',
  'vanilla-kubernetes': 'k8s',
  k3s: 'k3s',
  k0s: 'k0s',
  mk8s: 'mk8s',
  microk8s: 'mk8s',
  'micro-k8s': 'mk8s',
  rke2: 'rke2',
  kind: 'kind',
  minikube: 'minikube',
};

const PLUGIN_ALIASES: Readonly<Record<string, string>> = {
  flannel: 'flannel',
  calico: 'calico',
  cilium: 'cilium',
  'kube-router': 'kube-router',
  kuberouter: 'kube-router',
  'kube-ovn': 'kube-ovn',
  kubeovn: 'kube-ovn',
  antrea: 'antrea',
  weave: 'weave',
  'weave-net': 'weave',
  canal: 'canal',
};

/** Display labels for canonical levels (as the reference study writes them). Unknown levels display as written. */
export const LEVEL_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  distribution: {
    k8s: 'K8s',
    k3s: 'K3s',
    k0s: 'K0s',
    mk8s: 'MicroK8s',
    rke2: 'RKE2',
    kind: 'kind',
    minikube: 'minikube',
  },
  plugin: {
    flannel: 'Flannel',
    calico: 'Calico',
    cilium: 'Cilium',
    'kube-router': 'Kube-router',
    'kube-ovn': 'Kube-OVN',
    antrea: 'Antrea',
    weave: 'Weave',
    canal: 'Canal',
  },
};

/** Conventional order of levels (baseline first); levels not listed follow in first-seen order. */
export const LEVEL_ORDER: Readonly<Record<string, readonly string[]>> = {
  distribution: ['k8s', 'k3s', 'k0s', 'mk8s'],
  plugin: ['flannel', 'calico', 'cilium', 'kube-router', 'kube-ovn'],
};

export interface NormalisedLevel {
  /** canonical name used in the data */
  readonly name: string;
  /** the spelling found in the campaign (directory name, campaign.yaml) */
  readonly original: string;
}

/** Collapse case, surrounding blanks and `_`/space separators: `Kube_OVN ` → `kube-ovn`. */
function slug(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * Canonical level name for a factor. Distribution and plugin names are lower-cased and aliased
 * (`MicroK8s` → `mk8s`, `vanilla` → `k8s`, `Kube-OVN` → `kube-ovn`); other factors are only trimmed,
 * because their case may be meaningful (testbed `ATH`).
 * @example normaliseLevel('distribution', 'MicroK8s') // { name: 'mk8s', original: 'MicroK8s' }
 */
export function normaliseLevel(factor: string, raw: string): NormalisedLevel {
  const original = raw;
  if (factor === 'distribution') {
    const s = slug(raw);
    return { name: DISTRIBUTION_ALIASES[s] ?? s, original };
  }
  if (factor === 'plugin') {
    const s = slug(raw);
    return { name: PLUGIN_ALIASES[s] ?? s, original };
  }
  return { name: raw.trim(), original };
}

/** Label for display: the study's spelling for known levels, the level itself otherwise. */
export function levelLabel(factor: string, level: string, overrides?: Readonly<Record<string, string>>): string {
  // labels are where level names enter the presentation: control characters become visible escapes here, once
  return visibleControls(overrides?.[level] ?? LEVEL_LABELS[factor]?.[level] ?? level);
}

/**
 * Order levels of a factor: an explicit order first, then the conventional one, then first-seen order.
 * Always puts `baseline` (if given and present) first.
 */
export function orderLevels(
  factor: string,
  seen: readonly string[],
  options: { explicit?: readonly string[]; baseline?: string } = {},
): string[] {
  const unique = [...new Set(seen)];
  const rank = (level: string): number => {
    const explicit = options.explicit?.indexOf(level) ?? -1;
    if (explicit >= 0) return explicit;
    const conventional = LEVEL_ORDER[factor]?.indexOf(level) ?? -1;
    if (conventional >= 0) return 1000 + conventional;
    return 2000 + unique.indexOf(level);
  };
  const ordered = unique.sort((a, b) => rank(a) - rank(b));
  if (options.baseline !== undefined && ordered.includes(options.baseline)) {
    return [options.baseline, ...ordered.filter((l) => l !== options.baseline)];
  }
  return ordered;
}
