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
  weavenet: 'weave',
  'weave-works': 'weave',
  canal: 'canal',
};

/** Factor names whose levels are CNI plugins (normalised with the plugin aliases). */
const PLUGIN_FACTORS = new Set(['plugin', 'cni']);
/** Factor names whose levels are Kubernetes distributions. */
const DISTRIBUTION_FACTORS = new Set(['distribution', 'distro']);

/**
 * A versioned spelling of a known level: `calico-3.16`, `cilium_v1.9`, `Calico 3.16` → base `calico`, version `3.16`.
 */
const VERSIONED = /^(.+?)-v?(\d+(?:\.\d+)*)$/;

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
    weave: 'Weave Net',
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
  const aliases = DISTRIBUTION_FACTORS.has(factor)
    ? DISTRIBUTION_ALIASES
    : PLUGIN_FACTORS.has(factor)
      ? PLUGIN_ALIASES
      : null;
  if (aliases === null) return { name: raw.trim(), original };
  const s = slug(raw);
  const known = aliases[s];
  if (known !== undefined) return { name: known, original };
  // a versioned known level keeps its version: `Calico-3.16` → `calico-3.16` (labelled "Calico 3.16")
  const versioned = VERSIONED.exec(s);
  if (versioned && aliases[versioned[1]!] !== undefined) {
    return { name: `${aliases[versioned[1]!]}-${versioned[2]}`, original };
  }
  return { name: s, original };
}

/** The label family of a factor name: `cni` labels like `plugin`, `distro` like `distribution`. */
function labelFamily(factor: string): string {
  if (PLUGIN_FACTORS.has(factor)) return 'plugin';
  if (DISTRIBUTION_FACTORS.has(factor)) return 'distribution';
  return factor;
}

/** The study's label of a level, versioned levels included (`calico-3.16` → `Calico 3.16`); undefined if unknown. */
function knownLabel(factor: string, level: string): string | undefined {
  const labels = LEVEL_LABELS[labelFamily(factor)];
  if (labels === undefined) return undefined;
  const direct = labels[level];
  if (direct !== undefined) return direct;
  const versioned = VERSIONED.exec(level);
  const base = versioned ? labels[versioned[1]!] : undefined;
  return base !== undefined ? `${base} ${versioned![2]}` : undefined;
}

/** Words that name an automatic or default setting: ordered before the numbers of a numeric factor. */
const AUTO_WORDS = new Set(['auto', 'automatic', 'default', 'none', 'off', 'native', 'host']);

/**
 * The numeric value of a level of a numeric factor (`1450`, `64K`, `1.5M`, `256KiB`), or null. K, M, G are powers of
 * 1024 as in knb's `-sbs` socket buffer sizes (iperf3's `-w`); only the order matters here.
 */
export function numericLevel(level: string): number | null {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([kKmMgG])?(?:i?[bB])?$/.exec(level.trim());
  if (!m) return null;
  const scale = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  return Number(m[1]) * scale;
}

/**
 * True when the levels are numbers (MTU, window sizes), allowing auto-like words (`auto`, `default`): at least two
 * numeric levels and nothing else.
 */
export function isNumericFactor(levels: readonly string[]): boolean {
  const numbers = levels.filter((l) => numericLevel(l) !== null).length;
  return numbers >= 2 && levels.every((l) => numericLevel(l) !== null || AUTO_WORDS.has(l.toLowerCase()));
}

/** Label for display: the study's spelling for known levels, the level itself otherwise. */
export function levelLabel(factor: string, level: string, overrides?: Readonly<Record<string, string>>): string {
  // labels are where level names enter the presentation: control characters become visible escapes here, once
  return visibleControls(overrides?.[level] ?? knownLabel(factor, level) ?? level);
}

/**
 * Order levels of a factor: an explicit order first, then the conventional one, then first-seen order.
 * Always puts `baseline` (if given and present) first — except for a numeric factor (MTU, window sizes) without an
 * explicit order, whose levels keep numeric order, auto-like words (`auto`, `default`) first.
 */
export function orderLevels(
  factor: string,
  seen: readonly string[],
  options: { explicit?: readonly string[]; baseline?: string } = {},
): string[] {
  const unique = [...new Set(seen)];
  if (options.explicit === undefined && isNumericFactor(unique)) {
    const value = (l: string): number => numericLevel(l) ?? -Infinity;
    return unique.sort((a, b) => value(a) - value(b) || (a < b ? -1 : a > b ? 1 : 0));
  }
  const rank = (level: string): number => {
    const explicit = options.explicit?.indexOf(level) ?? -1;
    if (explicit >= 0) return explicit;
    const conventional = LEVEL_ORDER[labelFamily(factor)]?.indexOf(level) ?? -1;
    if (conventional >= 0) return 1000 + conventional;
    return 2000 + unique.indexOf(level);
  };
  const ordered = unique.sort((a, b) => rank(a) - rank(b));
  if (options.baseline !== undefined && ordered.includes(options.baseline)) {
    return [options.baseline, ...ordered.filter((l) => l !== options.baseline)];
  }
  return ordered;
}
