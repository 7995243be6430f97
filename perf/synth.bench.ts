// Synth: time to synthesise one knb run, to pack it, to render it, and to generate the whole example campaign
// (400 runs) in memory. Plain numbers, median of repeated runs.
import { generateExampleCampaign, synthesizeRun } from '../src/synth/index.js';
import { renderKnb, writeKnbdata } from '../src/knb/index.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(label: string, repeats: number, body: (i: number) => void): void {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    body(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  process.stdout.write(`${label.padEnd(40)} median ${median(samples).toFixed(2)} ms (n=${repeats})\n`);
}

const run = synthesizeRun({ seed: 1 });
time('synthesizeRun (5 tests)', 200, (i) => void synthesizeRun({ seed: i }));
time('writeKnbdata (tar + gzip)', 200, () => void writeKnbdata(run));
time("renderKnb(run, 'json')", 500, () => void renderKnb(run, 'json'));
time("renderKnb(run, 'text')", 500, () => void renderKnb(run, 'text'));
let bytes = 0;
time('generateExampleCampaign (400 runs)', 5, () => {
  bytes = generateExampleCampaign().reduce((s, f) => s + f.bytes.length, 0);
});
process.stdout.write(`example campaign size                    ${(bytes / 1024).toFixed(0)} KiB\n`);
process.stdout.write(
  `heap used                                ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MiB\n`,
);
