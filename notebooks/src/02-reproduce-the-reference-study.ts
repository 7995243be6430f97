// %% [markdown]
// # Reproducing the reference study
//
// Koukis et al., *Performance Evaluation of Kubernetes Networking Approaches across Constraint Edge Environments*
// (IEEE ISCC 2024, arXiv 2401.07674) benchmarked five CNI plugins on four Kubernetes distributions and two testbeds
// with knb, and reported the results in two figures whose text states numbers and patterns. Its raw data was never
// published.
//
// This notebook (1) rebuilds both figures from the example campaign with cnibench, and (2) checks **in code** every
// result the paper states (as collected in the project's `FACTS.md`) against what cnibench computes, with the tolerance
// of each check written next to it.
//
// > **Read this before the verdict.** The example campaign is *synthetic*: its generator (`src/synth/example.ts`) sets
// > every cell's mean so that the stated results hold, then draws 10 noisy iterations per cell and writes them as knb
// > would. Agreement here therefore shows that the whole chain — knb parsing, statistics, interaction analysis — recovers
// > what was planted, through the noise, with the stated tolerances. It is *not* evidence about real clusters.

// %%
import * as cnibench from 'cnibench';
import { ledgerSummaryLine } from 'cnibench/ingest';
import { recordsView } from 'cnibench/notebook';
import { formatInterval, formatNumber, formatP, formatPct } from 'cnibench/present';
import { holm, type CellKey } from 'cnibench/stats';

const dataset = await cnibench.ingestCampaign('../../fixtures/example-campaign');
console.log(ledgerSummaryLine(dataset.ledger));
const analysis = cnibench.analyse(dataset); // baseline: distribution = vanilla k8s, 95 % intervals, BH over all comparisons, alpha 0.05
console.log(`${analysis.summaries.length} cells, ${analysis.comparisons.length} comparisons versus ${analysis.options.baseline}`);

// %% [markdown]
// ## 1. The two figures
//
// One figure per testbed (Fig. 1 = ATH, intra-host; Fig. 2 = UOM, inter-host); columns CPU | RAM | throughput, one
// row per condition, x = plugin, colour = distribution, bar = mean of the 10 iterations, error bar = 95 % t interval.
// The paper does not say which node's CPU and RAM it plots; cnibench draws the **server** node by default
// (`node: 'client'` or `'both'` changes that).

// %%
const figures = Object.values(cnibench.paperGrid(analysis, { node: 'server' }));
for (const f of figures) console.log(`${f.id}: ${f.title} (${f.caption})`);

// %%
// Fig. 1, ATH (intra-host)
await show(figures[0]);

// %%
// Fig. 2, UOM (inter-host)
await show(figures[1]);

// %% [markdown]
// ## 2. Checking each stated result
//
// Conventions for every check below (the paper leaves them open):
//
// - CPU and RAM are the **server** node's; a plugin's "average" CPU or throughput is the mean of its cell means over the
//   four distributions and the two tests of that protocol (pod-to-pod and pod-to-Service).
// - **"about X"** agrees when the computed value is within **±15 %** of X. A stated bound ("above 9000") agrees when the
//   whole 95 % interval is beyond it.
// - A **stated % change** agrees when the stated number lies in cnibench's 95 % interval of the change (Fieller), widened by
//   **0.5 percentage points** on each side because the paper rounds to whole percents. The condition used is idle
//   (RAM) or pod-to-pod TCP (CPU, throughput).
// - "**up**", "**down**", "**reduced**", "**decreased**" agree when the change is significant as cnibench reports it
//   (Welch's p adjusted by Benjamini–Hochberg over every comparison of the analysis, < 0.05) and in that direction.
// - "**no significant change**" (and "gain nothing") is a claim about *every* comparison it covers (65 for CPU on a
//   testbed, 24 for the throughput claim), so its error rate is controlled over them: it agrees when no comparison
//   outside the stated exceptions is significant after **Holm's adjustment over the claim's own comparisons** and at
//   least 5 % in size (any gain, for throughput).
//   *This rule was changed after a first look*, and here is why, so that you can judge it. The first rule counted a
//   comparison as contradicting the claim when it was significant in the report's family (as "up" and "down" above).
//   On the committed example it failed one claim (UOM CPU: Kube-OVN on K3s, pod-to-Service TCP, −6.6 %, raw p ≈ 0.007,
//   where the generator plants no change). To decide on known truth rather than on that one seed,
//   `scripts/reproduction-seeds.ts` regenerated the example with 40 other seeds (seeds 100–139: same planted truth,
//   new noise). The first rule held all three no-change claims in 27 of the 40 campaigns (each claim in 33, 35 and
//   36); the claim-family rule in 35 of 40 (39, 39 and 37), as rules with an error rate of at most 5 % per claim
//   should.
// - An **interaction** agrees when cnibench flags the distribution × plugin contrast (significant, ≥ 5 pp, interaction
//   term significant).

// %%
type Metric = cnibench.Metric;
type Check = { scope: string; result: string; stated: string; computed: string; interval: string; tolerance: string; agrees: boolean };
const checks: Check[] = [];
const DISTRIBUTIONS = ['k8s', 'k3s', 'k0s', 'mk8s'];
const PLUGINS = ['flannel', 'calico', 'cilium', 'kube-router', 'kube-ovn'];
const label = (factor: string, level: string) => analysis.factors.find((f) => f.name === factor)?.labels[level] ?? level;
const fmt = (x: number | null | undefined) => formatNumber(x ?? null);
const pct = (x: number | null | undefined) => formatPct(x ?? null, { signed: true });
const plainPct = (x: number) => formatPct(x, { signed: false });

interface Where { testbed: string; distribution: string; plugin: string; test: string; protocol: string | null; metric: Metric }
// CPU and RAM: server node; throughput has no node
const nodeOf = (metric: Metric) => (metric === 'bandwidth' ? null : 'server');
const sameCell = (k: CellKey, w: Where) =>
  k.factors.testbed === w.testbed && k.factors.distribution === w.distribution && k.factors.plugin === w.plugin &&
  k.test === w.test && k.protocol === w.protocol && k.node === nodeOf(w.metric) && k.metric === w.metric;
function cell(w: Where): cnibench.CellSummary {
  const found = analysis.summaries.find((s) => sameCell(s, w));
  if (!found) throw new Error(`no cell ${JSON.stringify(w)}`);
  return found;
}
function comparison(w: Where): cnibench.Comparison {
  const found = analysis.comparisons.find((c) => sameCell(c.cell, w));
  if (!found) throw new Error(`no comparison ${JSON.stringify(w)}`);
  return found;
}
/** The cells averaged for a plugin's "average" over distributions and both tests of a protocol. */
function averageCells(testbed: string, plugin: string, protocol: string, metric: Metric, distributions = DISTRIBUTIONS) {
  return distributions.flatMap((distribution) =>
    ['p2p', 'p2s'].map((test) => cell({ testbed, distribution, plugin, test, protocol, metric })),
  );
}
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const averageOf = (cells: cnibench.CellSummary[]) => meanOf(cells.map((c) => c.mean!));
const ciSpan = (cells: cnibench.CellSummary[]) =>
  `${fmt(Math.min(...cells.map((c) => c.ci!.lo)))} … ${fmt(Math.max(...cells.map((c) => c.ci!.hi)))} (cell CIs)`;

// %%
/** "about X": the average within ±15 % of X. */
function checkAbout(scope: string, result: string, stated: number, unit: string, cells: cnibench.CellSummary[]) {
  const computed = averageOf(cells);
  checks.push({
    scope, result, stated: `≈ ${stated} ${unit}`, computed: `${fmt(computed)} ${unit}`, interval: ciSpan(cells),
    tolerance: '±15 % of the stated value', agrees: Math.abs(computed - stated) <= 0.15 * stated,
  });
}
/** A stated % change versus vanilla K8s: inside the 95 % interval widened by 0.5 pp. */
function checkDelta(scope: string, result: string, stated: number, w: Where) {
  const c = comparison(w);
  const ci = c.deltaPctCi!;
  checks.push({
    scope, result, stated: pct(stated), computed: pct(c.deltaPct), interval: formatInterval(ci, { pct: true }),
    tolerance: 'stated ∈ 95 % CI ± 0.5 pp', agrees: stated >= ci.lo - 0.5 && stated <= ci.hi + 0.5,
  });
}
/** A stated direction: significant change that way. */
function checkDirection(scope: string, result: string, direction: 'up' | 'down', w: Where) {
  const c = comparison(w);
  const right = direction === 'up' ? c.deltaPct! > 0 : c.deltaPct! < 0;
  checks.push({
    scope, result, stated: direction === 'up' ? 'higher' : 'lower', computed: `${pct(c.deltaPct)} (${formatP(c.pAdjusted)})`,
    interval: formatInterval(c.deltaPctCi, { pct: true }), tolerance: 'significant, that sign', agrees: c.significant && right,
  });
}

// %% [markdown]
// ### Intra-host (ATH, Fig. 1)

// %%
for (const plugin of ['flannel', 'cilium']) {
  checkAbout('ATH', `CPU, TCP: ${label('plugin', plugin)}`, 10, '%', averageCells('ATH', plugin, 'tcp', 'cpu'));
}
for (const plugin of ['calico', 'kube-router']) {
  checkAbout('ATH', `CPU, TCP: ${label('plugin', plugin)}`, 25, '%', averageCells('ATH', plugin, 'tcp', 'cpu'));
}
for (const distribution of ['k0s', 'mk8s']) {
  checkDelta('ATH', `CPU, TCP: Calico on ${label('distribution', distribution)}`, -20,
    { testbed: 'ATH', distribution, plugin: 'calico', test: 'p2p', protocol: 'tcp', metric: 'cpu' });
}
for (const plugin of ['flannel', 'calico', 'cilium', 'kube-router']) {
  checkAbout('ATH', `CPU, UDP: ${label('plugin', plugin)}`, 30, '%', averageCells('ATH', plugin, 'udp', 'cpu'));
}
checkAbout('ATH', 'CPU, UDP: Kube-OVN', 37, '%', averageCells('ATH', 'kube-ovn', 'udp', 'cpu'));
{
  // UDP above TCP for every plugin: every (distribution, test) pair of cells
  const pairs = PLUGINS.flatMap((plugin) => DISTRIBUTIONS.flatMap((distribution) => ['p2p', 'p2s'].map((test) => {
    const tcp = cell({ testbed: 'ATH', distribution, plugin, test, protocol: 'tcp', metric: 'cpu' });
    const udp = cell({ testbed: 'ATH', distribution, plugin, test, protocol: 'udp', metric: 'cpu' });
    return udp.mean! - tcp.mean!;
  })));
  const above = pairs.filter((d) => d > 0).length;
  checks.push({ scope: 'ATH', result: 'CPU: UDP above TCP for every plugin', stated: 'UDP > TCP', computed: `${above} of ${pairs.length} cells`,
    interval: `UDP − TCP: ${fmt(Math.min(...pairs))} … ${fmt(Math.max(...pairs))} %`, tolerance: 'every cell', agrees: above === pairs.length });
}

// %%
/** "no significant change across distributions" for a metric, except the listed (plugin, distribution) pairs. */
function checkNoChange(scope: string, result: string, metric: Metric, except: (c: cnibench.Comparison) => boolean) {
  const family = analysis.comparisons.filter((c) => c.cell.factors.testbed === scope && c.cell.metric === metric && c.cell.node === nodeOf(metric));
  const others = family.filter((c) => !except(c));
  // Holm over the claim's own comparisons: the claim is wrong if any one of them changed
  const adjusted = holm(others.map((c) => c.p));
  const big = others.filter((c, i) => (adjusted[i] ?? 1) < 0.05 && Math.abs(c.deltaPct!) >= 5);
  const largest = Math.max(...others.map((c) => Math.abs(c.deltaPct!)));
  checks.push({ scope, result, stated: 'no significant change', computed: `${big.length} of ${others.length} significant and ≥ 5 %`,
    interval: `largest |change| ${plainPct(largest)}`, tolerance: 'none significant (Holm over the claim) and ≥ 5 %', agrees: big.length === 0 });
}
const calicoK0sMk8s = (c: cnibench.Comparison) => c.cell.factors.plugin === 'calico' && (c.level === 'k0s' || c.level === 'mk8s');
checkNoChange('ATH', 'CPU across distributions (Calico on K0s/MicroK8s excepted)', 'cpu', calicoK0sMk8s);

// %%
const ramIdle = (testbed: string, distribution: string, plugin: string): Where =>
  ({ testbed, distribution, plugin, test: 'idle', protocol: null, metric: 'ram' });
{
  const flannel = DISTRIBUTIONS.map((d) => cell(ramIdle('ATH', d, 'flannel')).mean!);
  const lowest = DISTRIBUTIONS[flannel.indexOf(Math.min(...flannel))];
  checks.push({ scope: 'ATH', result: 'RAM: Flannel lowest on K3s', stated: 'K3s', computed: label('distribution', lowest),
    interval: `Flannel idle RAM ${flannel.map(fmt).join(' / ')} MiB (K8s/K3s/K0s/MicroK8s)`, tolerance: 'lowest mean', agrees: lowest === 'k3s' });
}
checkDirection('ATH', 'RAM: Flannel reduced on K3s', 'down', ramIdle('ATH', 'k3s', 'flannel'));
checkDirection('ATH', 'RAM: Flannel reduced on MicroK8s', 'down', ramIdle('ATH', 'mk8s', 'flannel'));
{
  const kr = DISTRIBUTIONS.map((d) => cell(ramIdle('ATH', d, 'kube-router')).mean!);
  const lowest = DISTRIBUTIONS[kr.indexOf(Math.min(...kr))];
  const flannelK0s = cell(ramIdle('ATH', 'k0s', 'flannel')).mean!;
  const gap = (100 * (kr[2] - flannelK0s)) / flannelK0s;
  checks.push({ scope: 'ATH', result: 'RAM: Kube-router minimal on K0s, close to Flannel', stated: 'lowest on K0s; ≈ Flannel',
    computed: `lowest on ${label('distribution', lowest)}; ${pct(gap)} vs Flannel on K0s`, interval: `Kube-router ${kr.map(fmt).join(' / ')} MiB`,
    tolerance: 'lowest mean; within ±5 % of Flannel', agrees: lowest === 'k0s' && Math.abs(gap) <= 5 });
}
checkDirection('ATH', 'RAM: Kube-OVN up on MicroK8s', 'up', ramIdle('ATH', 'mk8s', 'kube-ovn'));
checkDirection('ATH', 'RAM: Cilium up on K3s', 'up', ramIdle('ATH', 'k3s', 'cilium'));
checkDirection('ATH', 'RAM: Calico down on K0s', 'down', ramIdle('ATH', 'k0s', 'calico'));
checkDirection('ATH', 'RAM: Calico down on MicroK8s', 'down', ramIdle('ATH', 'mk8s', 'calico'));
{
  // TCP vs UDP does not change RAM: each pod-to-pod cell pair, relative difference of the means
  const diffs = DISTRIBUTIONS.flatMap((distribution) => PLUGINS.map((plugin) => {
    const tcp = cell({ testbed: 'ATH', distribution, plugin, test: 'p2p', protocol: 'tcp', metric: 'ram' }).mean!;
    const udp = cell({ testbed: 'ATH', distribution, plugin, test: 'p2p', protocol: 'udp', metric: 'ram' }).mean!;
    return (100 * (udp - tcp)) / tcp;
  }));
  const largest = Math.max(...diffs.map(Math.abs));
  checks.push({ scope: 'ATH', result: 'RAM: TCP vs UDP does not change RAM', stated: 'no change', computed: `largest |UDP − TCP| ${plainPct(largest)}`,
    interval: `${pct(Math.min(...diffs))} … ${pct(Math.max(...diffs))} over ${diffs.length} cells`, tolerance: 'every cell within ±3 %', agrees: largest <= 3 });
}

// %%
const bw = (testbed: string, distribution: string, plugin: string, protocol = 'tcp', test = 'p2p'): Where =>
  ({ testbed, distribution, plugin, test, protocol, metric: 'bandwidth' });
for (const plugin of ['calico', 'kube-router']) {
  const c = cell(bw('ATH', 'k8s', plugin));
  checks.push({ scope: 'ATH', result: `Throughput, TCP: ${label('plugin', plugin)} (vanilla K8s)`, stated: '> 9000 Mbit/s',
    computed: `${fmt(c.mean)} Mbit/s`, interval: formatInterval(c.ci), tolerance: 'whole 95 % CI above', agrees: c.ci!.lo > 9000 });
}
for (const plugin of ['flannel', 'cilium', 'kube-ovn']) {
  checkAbout('ATH', `Throughput, TCP: ${label('plugin', plugin)}`, 1000, 'Mbit/s', averageCells('ATH', plugin, 'tcp', 'bandwidth'));
}
checkDirection('ATH', 'Throughput, TCP: Calico on K0s decreased', 'down', bw('ATH', 'k0s', 'calico'));
checkDirection('ATH', 'Throughput, TCP: Calico on MicroK8s decreased', 'down', bw('ATH', 'mk8s', 'calico'));
for (const plugin of PLUGINS) {
  checkAbout('ATH', `Throughput, UDP: ${label('plugin', plugin)}`, 1000, 'Mbit/s', averageCells('ATH', plugin, 'udp', 'bandwidth'));
}

// %% [markdown]
// ### Inter-host (UOM, Fig. 2)

// %%
checkNoChange('UOM', 'CPU across distributions (Calico on K0s/MicroK8s excepted)', 'cpu', calicoK0sMk8s);
{
  // CPU vs intra-host: TCP up, UDP down (Kube-router and Calico excepted); smaller TCP/UDP gap
  const rows = PLUGINS.map((plugin) => {
    const avg = (testbed: string, protocol: string) => averageOf(averageCells(testbed, plugin, protocol, 'cpu'));
    const [athTcp, athUdp, uomTcp, uomUdp] = [avg('ATH', 'tcp'), avg('ATH', 'udp'), avg('UOM', 'tcp'), avg('UOM', 'udp')];
    const excepted = plugin === 'calico' || plugin === 'kube-router';
    const holds = excepted
      ? Math.abs(uomTcp - athTcp) <= 0.05 * athTcp && Math.abs(uomUdp - athUdp) <= 0.05 * athUdp
      : uomTcp > athTcp && uomUdp < athUdp && Math.abs(uomUdp - uomTcp) < Math.abs(athUdp - athTcp);
    return { plugin, holds, text: `${label('plugin', plugin)} TCP ${fmt(athTcp)}→${fmt(uomTcp)}, UDP ${fmt(athUdp)}→${fmt(uomUdp)}` };
  });
  const held = rows.filter((r) => r.holds).length;
  checks.push({ scope: 'UOM', result: 'CPU vs intra-host: TCP up, UDP down, smaller gap (Calico, Kube-router excepted)',
    stated: 'pattern', computed: `holds for ${held} of ${rows.length} plugins`, interval: rows.map((r) => r.text).join('; '),
    tolerance: 'excepted plugins within ±5 %', agrees: held === rows.length });
}
{
  const loaded = PLUGINS.map((plugin) => averageOf(['tcp', 'udp'].flatMap((protocol) => averageCells('UOM', plugin, protocol, 'cpu'))));
  const lowest = PLUGINS[loaded.indexOf(Math.min(...loaded))];
  const highest = PLUGINS[loaded.indexOf(Math.max(...loaded))];
  checks.push({ scope: 'UOM', result: 'CPU ranking: Flannel lowest, Kube-OVN highest', stated: 'Flannel lowest; Kube-OVN highest',
    computed: `${label('plugin', lowest)} lowest; ${label('plugin', highest)} highest`, interval: loaded.map(fmt).join(' / ') + ' % (loaded tests)',
    tolerance: 'order of averages', agrees: lowest === 'flannel' && highest === 'kube-ovn' });
}

// %%
const UOM_RAM: [string, string, number][] = [
  ['flannel', 'k3s', -28], ['flannel', 'mk8s', -15], ['kube-router', 'k0s', -21], ['calico', 'k3s', -6], ['calico', 'k0s', -16],
  ['calico', 'mk8s', -37], ['kube-ovn', 'mk8s', 16], ['cilium', 'k3s', 14],
];
for (const [plugin, distribution, stated] of UOM_RAM) {
  checkDelta('UOM', `RAM vs K8s: ${label('plugin', plugin)} on ${label('distribution', distribution)}`, stated, ramIdle('UOM', distribution, plugin));
}

// %%
{
  const all = analysis.summaries.filter((s) => s.factors.testbed === 'UOM' && s.metric === 'bandwidth');
  const top = all.reduce((a, b) => (b.mean! > a.mean! ? b : a));
  checks.push({ scope: 'UOM', result: 'Throughput: no plugin above 1000 Mbit/s', stated: '≤ 1000 Mbit/s', computed: `highest cell ${fmt(top.mean)} Mbit/s`,
    interval: formatInterval(top.ci), tolerance: 'every cell mean ≤ 1000', agrees: top.mean! <= 1000 });
}
const uomBw = (plugin: string, protocol: string) => averageCells('UOM', plugin, protocol, 'bandwidth');
for (const protocol of ['tcp', 'udp']) {
  const avg = Object.fromEntries(PLUGINS.map((p) => [p, averageOf(uomBw(p, protocol))]));
  const P = protocol.toUpperCase();
  checks.push({ scope: 'UOM', result: `Throughput, ${P}: Calico and Kube-router above Flannel and Cilium`, stated: 'min(Calico, Kube-router) > max(Flannel, Cilium)',
    computed: `${fmt(Math.min(avg.calico, avg['kube-router']))} > ${fmt(Math.max(avg.flannel, avg.cilium))} Mbit/s`, interval: PLUGINS.map((p) => fmt(avg[p])).join(' / '),
    tolerance: 'order of averages', agrees: Math.min(avg.calico, avg['kube-router']) > Math.max(avg.flannel, avg.cilium) });
  const highest = PLUGINS.reduce((a, b) => (avg[b] > avg[a] ? b : a));
  checks.push({ scope: 'UOM', result: `Throughput, ${P}: Kube-router highest`, stated: 'Kube-router', computed: label('plugin', highest),
    interval: PLUGINS.map((p) => fmt(avg[p])).join(' / '), tolerance: 'highest average', agrees: highest === 'kube-router' });
}
{
  // most consistent: lowest median coefficient of variation over its throughput cells
  const cv = PLUGINS.map((p) => {
    const cvs = [...uomBw(p, 'tcp'), ...uomBw(p, 'udp')].map((c) => c.cv!).sort((a, b) => a - b);
    return (cvs[cvs.length / 2 - 1] + cvs[cvs.length / 2]) / 2;
  });
  const steadiest = PLUGINS[cv.indexOf(Math.min(...cv))];
  checks.push({ scope: 'UOM', result: 'Throughput: Kube-router most consistent', stated: 'Kube-router', computed: label('plugin', steadiest),
    interval: 'median CV ' + cv.map((x) => plainPct(100 * x)).join(' / '), tolerance: 'lowest median CV', agrees: steadiest === 'kube-router' });
}
{
  const share = (protocol: string) => {
    const avg = PLUGINS.map((p) => averageOf(uomBw(p, protocol)));
    return { lowest: PLUGINS[avg.indexOf(Math.min(...avg))], ratio: avg[0] / meanOf(avg.slice(1)) };
  };
  const tcp = share('tcp');
  const udp = share('udp');
  checks.push({ scope: 'UOM', result: 'Throughput: Flannel low, especially TCP', stated: 'Flannel lowest; further behind in TCP',
    computed: `lowest TCP: ${label('plugin', tcp.lowest)}; Flannel at ${plainPct(100 * tcp.ratio)} (TCP) vs ${plainPct(100 * udp.ratio)} (UDP) of the others`,
    interval: '–', tolerance: 'lowest in TCP; TCP ratio < UDP ratio', agrees: tcp.lowest === 'flannel' && tcp.ratio < udp.ratio });
}
checkDirection('UOM', 'Throughput, TCP: Calico lower on K0s', 'down', bw('UOM', 'k0s', 'calico'));
checkDirection('UOM', 'Throughput, TCP: Calico lower on MicroK8s', 'down', bw('UOM', 'mk8s', 'calico'));
{
  const gains = analysis.comparisons.filter((c) => c.cell.factors.testbed === 'UOM' && c.cell.metric === 'bandwidth' &&
    (c.cell.factors.plugin === 'cilium' || c.cell.factors.plugin === 'kube-ovn'));
  const adjusted = holm(gains.map((c) => c.p));
  const up = gains.filter((c, i) => (adjusted[i] ?? 1) < 0.05 && c.deltaPct! > 0);
  checks.push({ scope: 'UOM', result: 'Throughput: Kube-OVN and Cilium gain nothing on lightweight distributions', stated: 'no significant gain',
    computed: `${up.length} of ${gains.length} significant gains`, interval: `largest change ${pct(Math.max(...gains.map((c) => c.deltaPct!)))}`,
    tolerance: 'no significant increase (Holm over the claim)', agrees: up.length === 0 });
}

// %% [markdown]
// ### Conclusions: interactions, and what the distribution moves

// %%
function checkFlag(scope: string, metric: Metric, plugin: string, distribution: string, test: string, protocol: string | null) {
  const p = (analysis.interactions.patterns ?? []).find((x) => x.group.factors.testbed === scope && x.group.metric === metric &&
    x.group.test === test && x.group.protocol === protocol && x.group.node === 'server' && x.levelA === distribution);
  const c = analysis.interactions.contrasts.find((x) => x.group.factors.testbed === scope && x.group.metric === metric &&
    x.group.test === test && x.group.protocol === protocol && x.group.node === 'server' && x.levelA === distribution && x.levelB === plugin);
  if (!p || !c) throw new Error(`no interaction pattern for ${plugin} on ${distribution}`);
  const apart = p.departure?.levelB === plugin || p.groups.some((g) => g.levels.length === 1 && g.levels[0] === plugin);
  checks.push({ scope, result: `Interaction: ${label('plugin', plugin)} × ${label('distribution', distribution)}, ${metric === 'ram' ? 'RAM' : 'CPU'}`,
    stated: 'interaction', computed: `${p.kind}; ${formatPct(c.contrastPct)} vs the other plugins (${formatP(c.pAdjusted)})`,
    interval: c.contrastCi ? formatInterval(c.contrastCi, { pct: true }) : '–', tolerance: 'reported apart by cnibench',
    agrees: p.kind !== 'together' && p.kind !== 'untested' && apart });
}
for (const scope of ['ATH', 'UOM']) {
  checkFlag(scope, 'ram', 'cilium', 'k3s', 'idle', null);
  checkFlag(scope, 'ram', 'kube-ovn', 'mk8s', 'idle', null);
  checkFlag(scope, 'cpu', 'calico', 'k0s', 'p2p', 'tcp');
  checkFlag(scope, 'cpu', 'calico', 'mk8s', 'p2p', 'tcp');
}
{
  // "the distribution barely moves CPU; it moves RAM": share of distribution comparisons (server node, every
  // condition, both testbeds) with a significant change of at least 5 %
  const share = (metric: Metric) => {
    const all = analysis.comparisons.filter((c) => c.cell.metric === metric && c.cell.node === 'server');
    return all.filter((c) => c.significant && Math.abs(c.deltaPct!) >= 5).length / all.length;
  };
  const cpu = share('cpu');
  const ram = share('ram');
  checks.push({ scope: 'both', result: 'The distribution barely moves CPU; it moves RAM', stated: 'CPU rarely, RAM often',
    computed: `significant ≥ 5 % changes: CPU ${plainPct(100 * cpu)}, RAM ${plainPct(100 * ram)} of comparisons`,
    interval: '–', tolerance: 'CPU ≤ 10 %, RAM ≥ 3 × CPU', agrees: cpu <= 0.1 && ram >= 3 * cpu });
}

// %% [markdown]
// ## 3. The verdict

// %%
await show(
  recordsView(checks.map((c) => ({ ...c, agrees: c.agrees ? 'yes' : 'NO' })), {
    columns: ['scope', 'result', 'stated', 'computed', 'interval', 'tolerance', 'agrees'],
    labels: { scope: 'testbed', result: 'stated result', computed: 'computed', interval: 'interval', agrees: 'agrees?' },
    maxRows: 100,
    caption: `${checks.length} checks`,
  }),
);

// %%
const agreeing = checks.filter((c) => c.agrees).length;
for (const c of checks.filter((c) => !c.agrees)) console.log(`does not agree: ${c.scope}: ${c.result}: stated ${c.stated}, computed ${c.computed}`);
console.log(`${agreeing} of ${checks.length} stated results agree with the computed ones (synthetic data built to match them; see the note at the top).`);
