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

/**
 * Tolerances of the checks that recover the stated numbers from the bundled example campaign, fixed BEFORE it was
 * regenerated with ordinary (uncentred) sampling noise, from its design alone (src/synth/example.ts): n = 10 runs a
 * cell; between runs CPU varies by 5 %, RAM by 1.5 %, throughput by 3 % (Flannel 5 %, Kube-router 1.2 %); knb's
 * per-second CPU noise (8 %) averaged over a 10 s test adds 8 %/√10 ≈ 2.5 % per run. A check allows
 * EXAMPLE_TOLERANCE_SE standard errors of the checked quantity: 3.5 rather than 3 because each family repeats its check
 * over up to 16 independent cells, and 16 × P(|Z| > 3.5) ≈ 0.7 % is the chance that noise alone fails one.
 */
export const EXAMPLE_RUNS = 10;
export const EXAMPLE_TOLERANCE_SE = 3.5;
/** relative sd of one run's value: RAM, CPU (between runs and per-second noise), throughput by plugin */
export const EXAMPLE_RUN_CV = {
  ram: 0.015,
  cpu: Math.sqrt(0.05 ** 2 + (0.08 / Math.sqrt(10)) ** 2),
  bandwidth: 0.03,
} as const;

/** Tolerance of a cell mean of `level` (same unit). */
export function meanTolerance(level: number, cv: number): number {
  return (EXAMPLE_TOLERANCE_SE * Math.abs(level) * cv) / Math.sqrt(EXAMPLE_RUNS);
}

/** Tolerance, in percentage points, of a % change `pct` between two independent cells with run-to-run `cv`. */
export function deltaTolerancePct(cv: number, pct = 0): number {
  return (EXAMPLE_TOLERANCE_SE * Math.SQRT2 * 100 * cv * (1 + pct / 100)) / Math.sqrt(EXAMPLE_RUNS);
}
